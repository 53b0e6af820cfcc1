# sitelint - the only build entry point.  See README.md and CONTRIBUTING.md.

PREFIX  ?= /usr/local
BUILD   ?= build
CC      ?= cc
PKGS     = libarchive libxml-2.0 icu-uc icu-i18n
DEBS     = build-essential pkg-config libarchive-dev libxml2-dev libicu-dev libcmocka-dev \
           python3-jsonschema python3-html5lib

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
FUZZ_SRC = $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN = $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%)
FUZZ_SECONDS ?= 60
REPLAY_BIN = $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz-replay/%)

.PHONY: all check demo install asan ubsan valgrind clean deps unit golden lint format bench fuzz \
        fuzz-targets fuzz-smoke fuzz-replay integrations peer
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

$(BUILD)/fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz.h $(BUILD)/libsitelint.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -fsanitize=fuzzer -o $@ $< $(BUILD)/libsitelint.a $(LDLIBS)

$(BUILD)/fuzz-replay/%: tests/fuzz/%.c tests/fuzz/replay.c tests/fuzz/fuzz.h $(BUILD)/libsitelint.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests/fuzz -o $@ $< tests/fuzz/replay.c $(BUILD)/libsitelint.a $(LDLIBS)

unit: $(UNIT_BIN)
	@sh tests/run-unit.sh $(UNIT_BIN)

golden: $(BUILD)/sitelint $(TOOL_BIN)
	@sh tests/golden.sh $(BUILD)

# sitelint against htmltest's link-check fixtures (tests/peer/htmltest):
# prints the agreement, fails on a disagreement not explained there.
peer: $(BUILD)/sitelint
	@sh tests/peer.sh $(BUILD)

# The outputs with the tools they are for: SARIF schema, HTML parser and
# browser, editor patterns, patch, --unpack-to, --merge (tests/integrations.sh).
integrations: $(BUILD)/sitelint $(TOOL_BIN)
	@sh tests/integrations.sh $(BUILD)

check: deps
	@$(MAKE) --no-print-directory all unit golden integrations fuzz-replay peer

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
	  all unit golden integrations fuzz-replay peer

ubsan: asan

# The unit tests, then the golden suite (hostile inputs included) with
# sitelint run under valgrind: any memory error or leak fails the test
# (exit status 99).  $(BUILD)/valgrind/sitelint is a wrapper script.
VALGRIND_CMD = valgrind -q --error-exitcode=99 --leak-check=full \
               --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect
valgrind: all $(UNIT_BIN) $(TOOL_BIN)
	@VALGRIND="$(VALGRIND_CMD)" sh tests/run-unit.sh $(UNIT_BIN)
	@rm -rf $(BUILD)/valgrind && mkdir -p $(BUILD)/valgrind && ln -s ../tools $(BUILD)/valgrind/tools
	@printf '#!/bin/sh\nexec %s %s "$$@"\n' "$(VALGRIND_CMD)" "$(abspath $(BUILD)/sitelint)" \
	  >$(BUILD)/valgrind/sitelint && chmod +x $(BUILD)/valgrind/sitelint
	@HOSTILE_SECONDS=900 HOSTILE_RSS_MB=4096 sh tests/golden.sh $(BUILD)/valgrind

# libFuzzer targets (tests/fuzz/fuzz_*.c), one per parser entry point,
# built with clang, ASan and UBSan into build-fuzz/fuzz/.  fuzz-smoke
# runs each for FUZZ_SECONDS (default 60) from seeds made of the test
# snapshots (tests/fuzz/seeds.sh); a crash fails it and leaves the input
# in build-fuzz/crashes/.
FUZZ_OPT = -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer \
           -fno-sanitize-recover=all
fuzz:
	@command -v clang >/dev/null || { echo "make fuzz needs clang (apt-get install clang)"; exit 1; }
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang OPT="$(FUZZ_OPT)" fuzz-targets

fuzz-targets: $(FUZZ_BIN) $(BUILD)/tools/slpack

fuzz-smoke: fuzz
	@sh tests/fuzz/smoke.sh build-fuzz $(FUZZ_SECONDS)

# The inputs that once crashed a fuzz target (tests/fuzz/regress/TARGET/),
# run through the target's code with the ordinary compiler: part of check
# and asan, no clang needed.
fuzz-replay: $(REPLAY_BIN)
	@for b in $(REPLAY_BIN); do t=$${b##*/fuzz_}; [ -d tests/fuzz/regress/$$t ] || continue; \
	  $$b tests/fuzz/regress/$$t || { echo "FAIL: fuzz regression inputs of $$t"; exit 1; }; \
	done; echo "fuzz regression inputs: $$(ls tests/fuzz/regress/*/* | wc -l) replayed"

# The benchmark (bench/README.md): generates a 4,000- and a 40,000-page
# site under $(BUILD)/bench (once; about 1 GB) and prints sitelint's
# speed and memory beside xmllint's bare parse.  Not part of check.
BENCH_GEN = bench/gensite.c bench/gensite_site.c bench/gentext.c
$(BUILD)/bench/gensite: $(BENCH_GEN) bench/gensite.h bench/gentext.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $(BENCH_GEN)

$(BUILD)/bench/runstat: bench/runstat.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $<

bench: deps
	@$(MAKE) --no-print-directory all $(BUILD)/tools/slpack $(BUILD)/bench/gensite \
	  $(BUILD)/bench/runstat
	@sh bench/bench.sh $(BUILD)

lint:
	@! grep -nE '\b(sprintf|strcpy|strcat|strtok|atoi|gets)\s*\(' -r linter --include='*.c' --include='*.h' \
	  || { echo "banned function used (see CONTRIBUTING.md)"; exit 1; }

format:
	clang-format -i linter/*.c linter/*.h linter/rules/*.c

clean:
	rm -rf build build-asan build-fuzz

-include $(LIB_OBJ:.o=.d) $(BUILD)/linter/main.d
