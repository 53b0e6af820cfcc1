/*
 * dict.h - text dictionaries: the file format, loading, validation and
 * the self-tests files carry.
 *
 * A dictionary file is UTF-8 text, one entry a line, fields separated by
 * TAB (dictionaries/README.md is the reference):
 *
 *   RULE <TAB> WRONG <TAB> SUGGESTIONS [<TAB> key=value]...
 *   text/typo	开诚不公	开诚布公
 *   text/typo	必竟	毕竟	except=想必竟然
 *   text/outdated	国土资源局	自然资源局	from=2019-03-31	note=...
 *   text/placeholder	测试	-	match=whole
 *   @test 本单位开诚不公地 => text/typo 开诚不公
 *   @test 想必竟然 => (nothing)
 *
 * A set (struct sl_dictset) collects the entries of one or more files;
 * sl_dictset_compile() then checks the set as a whole and builds the one
 * automaton every scan uses (matcher.h).  A compiled set is read-only and
 * may be scanned by any number of threads at once.
 *
 * Two ways to load: sl_dictset_load_file() stops at the first bad line
 * (what a lint run wants: exit 2 with FILE:LINE:COL), and the check
 * functions report every problem through a callback and go on (what
 * `sitelint --check-dict` wants).  Columns are 1-based code points.
 */
#ifndef SL_DICT_H
#define SL_DICT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

#define SL_DICT_MAX_FILE    (64u << 20)   /* bytes in one dictionary file */
#define SL_DICT_MAX_LINE    4096          /* bytes in one line */
#define SL_DICT_MAX_WRONG   64            /* code points in a normalized
                                             wrong form or exception */
#define SL_DICT_MAX_ENTRIES 2000000       /* entries in one set */

/* The rules a dictionary entry can feed. */
enum sl_text_rule {
	SL_TEXT_TYPO,
	SL_TEXT_WRONG_NAME,
	SL_TEXT_OUTDATED,
	SL_TEXT_SENSITIVE,
	SL_TEXT_PLACEHOLDER,
	SL_TEXT_CONFUSABLE,
	SL_TEXT_MOJIBAKE,
	SL_TEXT_NRULES
};

/* Severity override of an entry. */
enum {
	SL_DICT_SEV_DEFAULT = -1,   /* the rule's configured severity */
	SL_DICT_SEV_NOTE = 0,
	SL_DICT_SEV_WARNING = 1,
	SL_DICT_SEV_ERROR = 2
};

/* One entry as written in its file.  Owned by its set. */
struct sl_dict_entry {
	const char *rule;          /* "text/typo" ... (static string) */
	enum sl_text_rule kind;
	char *wrong;               /* the wrong form as written */
	char **suggestions;        /* replacements, best first; "" means
	                              "delete it" */
	size_t nsugg;              /* 0: no suggestion ("-" in the file) */
	int severity;              /* SL_DICT_SEV_* */
	char *note;                /* or NULL */
	int32_t valid_from;        /* yyyymmdd: reported from that date on;
	                              0: always */
	char **exceptions;         /* correct texts containing the wrong form */
	size_t nexc;
	bool whole;                /* match=whole: reported only when it is
	                              the whole run (white space and
	                              punctuation around it aside) */
	const char *file;          /* path as loaded, "(built-in)" for the
	                              confusable scan */
	uint32_t line;
};

/* The rule id string ("text/typo") of KIND. */
const char *sl_dict_rule_name(enum sl_text_rule kind);

/* Parses "text/typo" ...; false when NAME is no text rule. */
bool sl_dict_rule_parse(const char *name, size_t len, enum sl_text_rule *kind);

struct sl_dictset;

/* Returns a new empty set (free it with sl_dictset_free). */
struct sl_dictset *sl_dictset_new(void);

/* Frees SET and everything it owns, entries included.  NULL is a no-op. */
void sl_dictset_free(struct sl_dictset *set);

/* Adds the entries and self-tests of the file at PATH.  On the first
 * malformed line it stops and returns SL_ERR_USAGE with "PATH:LINE:COL:
 * message" in ERR (SL_ERR_IO when the file cannot be read, SL_ERR_LIMIT
 * past a cap); the set then keeps the lines before it and can only be
 * freed.  An entry whose wrong form (normalized) was loaded from an
 * earlier file replaces it: a user's --dict overrides a bundled entry.
 * The set must not be compiled yet. */
sl_status sl_dictset_load_file(struct sl_dictset *set, const char *path,
                               struct sl_err *err);

/* Like sl_dictset_load_file(), for LEN bytes at DATA (which need not be
 * NUL-terminated) named NAME in messages.  For tests and fuzzing. */
sl_status sl_dictset_load_mem(struct sl_dictset *set, const char *name,
                              const char *data, size_t len, struct sl_err *err);

/* Loads every "*.txt" file of directory DIR, in byte order of their
 * names, as sl_dictset_load_file() does. */
sl_status sl_dictset_load_dir(struct sl_dictset *set, const char *dir,
                              struct sl_err *err);

/* Checks the set as a whole and builds its automaton.  Fails with
 * SL_ERR_USAGE and "PATH:LINE:COL: message" on contradictory entries (A
 * -> B and B -> A, also across files).  Compiling twice is a no-op; an
 * empty set compiles (it still reports confusable characters). */
sl_status sl_dictset_compile(struct sl_dictset *set, struct sl_err *err);

/* Number of live entries (replaced ones not counted). */
size_t sl_dictset_count(const struct sl_dictset *set);

/* One problem found by the check functions, to be printed as
 * "FILE:LINE:COL: error: MSG", or "FILE: error: MSG" when LINE is 0 (the
 * file as a whole, e.g. it cannot be read). */
struct sl_dict_diag {
	const char *file;
	uint32_t line, col;        /* 1-based; col in code points */
	const char *msg;
};
typedef void (*sl_dict_diag_fn)(void *ctx, const struct sl_dict_diag *d);

/* Like sl_dictset_load_file(), but reports every malformed line through
 * FN (the caller prints "FILE:LINE:COL: error: MSG") and keeps the good
 * ones.  A file that cannot be read is reported with line 0.  Returns
 * the number of problems reported. */
size_t sl_dictset_check_file(struct sl_dictset *set, const char *path,
                             sl_dict_diag_fn fn, void *ctx);

/* Like sl_dictset_check_file(), for LEN bytes at DATA named NAME. */
size_t sl_dictset_check_mem(struct sl_dictset *set, const char *name,
                            const char *data, size_t len, sl_dict_diag_fn fn,
                            void *ctx);

/* Compiles SET, reporting every contradiction through FN, then reports
 * suggestions that would themselves be reported, and runs every
 * self-test of every file loaded, reporting failures.  Returns the
 * number of problems reported. */
size_t sl_dictset_check(struct sl_dictset *set, sl_dict_diag_fn fn, void *ctx);

/* `sitelint --check-dict`: checks the NPATHS files together (one set).
 * Returns the number of problems reported through FN; 0 means valid. */
size_t sl_dict_check_files(const char *const *paths, size_t npaths,
                           sl_dict_diag_fn fn, void *ctx);

/*
 * The compiled view, for the matcher (matcher.c) only.
 */

/* A correct context: the wrong form occurs in CP at offset AT. */
struct sl_dict_exc {
	const uint32_t *cp;
	uint32_t len;
	uint32_t at;
};

struct sl_dict_pattern {
	const struct sl_dict_entry *entry;
	const uint32_t *cp;        /* the normalized wrong form */
	uint32_t len;
	const struct sl_dict_exc *exc;
	uint32_t nexc;
};

struct sl_matcher;

/* The live patterns of a compiled SET (NULL before compiling). */
const struct sl_dict_pattern *sl_dictset_patterns(const struct sl_dictset *set,
                                                  size_t *n);

/* The automaton of a compiled SET, or NULL before compiling. */
const struct sl_matcher *sl_dictset_matcher(const struct sl_dictset *set);

#endif
