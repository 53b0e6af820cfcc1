# sitelint - the only build entry point.  See README.md and CONTRIBUTING.md.

PREFIX  ?= /usr/local
BUILD   ?= build
CC      ?= cc
PKGS     = libarchive libxml-2.0 icu-uc icu-i18n
DEBS     = build-essential pkg-config libarchive-dev libxml2-dev libicu-dev libcmocka-dev

WARN     = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wformat=2 -Wvla -Wcast-qual -Wwrite-strings
OPT     ?= -O2 -g
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)
CFLAGS  ?=
override CFLAGS += $(WARN) $(OPT) -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
           -pthread $(PKG_CFLAGS) -Ilinter $(EXTRA_CFLAGS)
LDLIBS   = $(PKG_LIBS) -pthread -lm

LIB_SRC  = $(filter-out linter/main.c,$(wildcard linter/*.c linter/rules/*.c))
LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TOOL_SRC = $(wildcard tests/tools/*.c)
TOOL_BIN = $(TOOL_SRC:tests/tools/%.c=$(BUILD)/tools/%)

.PHONY: all check demo install asan ubsan valgrind clean deps unit golden lint format bench fuzz
all: $(BUILD)/sitelint

# Installs the build and test dependencies when they are missing: as root
# on Debian with apt-get, otherwise it prints the command to run.
deps:
	@sh tests/deps.sh $(DEBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/libsitelint.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/sitelint: $(BUILD)/linter/main.o $(BUILD)/libsitelint.a
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libsitelint.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests/unit -o $@ $< $(BUILD)/libsitelint.a $(LDLIBS) $(CMOCKA_LIBS)

$(BUILD)/tools/%: tests/tools/%.c $(BUILD)/libsitelint.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(BUILD)/libsitelint.a $(LDLIBS)

unit: $(UNIT_BIN)
	@sh tests/run-unit.sh $(UNIT_BIN)

golden: $(BUILD)/sitelint $(TOOL_BIN)
	@sh tests/golden.sh $(BUILD)

check: deps
	@$(MAKE) --no-print-directory all unit golden

# Lints the bundled demo site.  sitelint exits 1 there (it has errors,
# planted on purpose); the target succeeds when that is what happened.
demo: deps
	@$(MAKE) --no-print-directory all
	@./$(BUILD)/sitelint $(DEMO_ARGS) snapshots/county-portal; st=$$?; \
	  echo "sitelint exit status: $$st (1 = errors found, as planted in snapshots/county-portal)"; \
	  test $$st -eq 1

install: $(BUILD)/sitelint
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/sitelint/dictionaries
	install -m 755 $(BUILD)/sitelint $(DESTDIR)$(PREFIX)/bin/sitelint
	cp -R dictionaries/. $(DESTDIR)$(PREFIX)/share/sitelint/dictionaries/

# The test suite built with AddressSanitizer and UndefinedBehaviorSanitizer.
asan: deps
	@HOSTILE_RSS_MB=2048 $(MAKE) --no-print-directory BUILD=build-asan \
	  OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  all unit golden

ubsan: asan

valgrind: all $(UNIT_BIN)
	@VALGRIND="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite" \
	  sh tests/run-unit.sh $(UNIT_BIN)

lint:
	@! grep -nE '\b(sprintf|strcpy|strcat|strtok|atoi|gets)\s*\(' -r linter --include='*.c' --include='*.h' \
	  || { echo "banned function used (see CONTRIBUTING.md)"; exit 1; }

format:
	clang-format -i linter/*.c linter/*.h linter/rules/*.c

clean:
	rm -rf build build-asan

-include $(LIB_OBJ:.o=.d) $(BUILD)/linter/main.d
