/*
 * colwords.h - the words the column and date checks look for, loaded from
 * data files (dictionaries/column-classes.txt, column-phrases.txt).
 *
 * Two tables, both plain UTF-8 text, one entry a line, "KIND<TAB>WORD",
 * '#' comments and blank lines ignored (the files' headers document them):
 *   - column-classes.txt: CLASS<TAB>KEYWORD.  A column whose name holds
 *     KEYWORD is of CLASS (news, notice, policy ...); the longest keyword
 *     found wins, then the earlier line.  "@test NAME => CLASS" lines are
 *     self-tests run by the unit tests.
 *   - column-phrases.txt: KIND<TAB>PHRASE, KIND one of enum sl_phrase_kind
 *     ("placeholder", "exempt", "unanswered" ...).
 *
 * The tables are read once per process (sl_colwords_get) and then shared
 * read-only by every thread.  Matching is byte search on UTF-8: each
 * kind's phrases are compiled once, when read, into one Aho-Corasick
 * automaton (struct sl_phrase_ac), so a run is scanned once per kind
 * whatever the number of phrases.
 */
#ifndef SL_COLWORDS_H
#define SL_COLWORDS_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "util.h"

#define SL_COLWORDS_MAX_ENTRIES 4096   /* per file */
#define SL_COLWORDS_MAX_WORD    256    /* bytes in one word */

enum sl_phrase_kind {
	SL_PH_PLACEHOLDER,   /* 暂无信息, 正在建设中: a column with nothing */
	SL_PH_EXEMPT,        /* 三定, 不产生此类信息: why a column is empty */
	SL_PH_UNANSWERED,    /* 未回复, 待回复, 处理中: a consultation status */
	SL_PH_ANSWERED,      /* 已回复, 已办结 */
	SL_PH_PUBLABEL,      /* 发布时间, 发布日期: labels a publication date */
	SL_PH_OTHERLABEL,    /* 成文日期, 回复时间: labels another date */
	SL_PH_STATUSLABEL,   /* 办理状态, 状态: labels a status */
	SL_PH_BREADCRUMB,    /* 当前位置: starts the "you are here" line */
	SL_PH_PAGINATION,    /* 下一页, 尾页: pager text */
	SL_PH_CHANNEL,       /* 留言, 咨询, 信箱: a consultation channel */
	SL_PH_KIND_COUNT
};

/* A byte-level Aho-Corasick automaton over a list of phrases. */
struct sl_phrase_ac;

struct sl_phrase_match {
	size_t at, len;   /* byte offset and length in the text */
	size_t index;     /* the phrase's index in the list */
};

/* Builds the automaton of the N non-empty NUL-terminated PHRASES (copied
 * into its tables: the list need not stay alive).  Returns NULL when the
 * phrases are too many or too long for its compact tables (more than
 * 65,535 bytes, or an empty one): search them one by one then. */
struct sl_phrase_ac *sl_phrase_ac_new(const char *const *phrases, size_t n);

/* NULL is a no-op. */
void sl_phrase_ac_free(struct sl_phrase_ac *a);

/* Finds in one pass over the LEN bytes at S the phrase match that starts
 * first; of those starting at one offset, the longest (LONGEST true) or
 * the one earliest in the list (false, as a strstr per phrase in list
 * order keeping only an earlier start would).  Returns true and fills M.
 * A must not be NULL; it is only read, so threads may share it. */
bool sl_phrase_ac_find(const struct sl_phrase_ac *a, const char *s, size_t len,
                       bool longest, struct sl_phrase_match *m);

struct sl_colwords {
	char **class_words;                   /* keywords, file order (owned) */
	enum sl_column_class *class_of;
	size_t nclass;
	char **class_tests;                   /* "NAME => CLASS" self-tests */
	size_t ntests;
	char **phrases[SL_PH_KIND_COUNT];     /* (owned) */
	size_t nphrases[SL_PH_KIND_COUNT];
	struct sl_phrase_ac *ac[SL_PH_KIND_COUNT];   /* built by sl_colwords_parse
	                                                (owned; NULL: none) */
	size_t maxlen[SL_PH_KIND_COUNT];      /* the longest phrase, in bytes */
};

/* Parses the text of column-classes.txt (CLASSES true) or
 * column-phrases.txt (false), LEN bytes, into W (zeroed or filled by an
 * earlier call: entries are added).  FILE names it in messages.  A bad
 * line fails with SL_ERR_USAGE and "FILE:LINE:COL: error: ..." in ERR. */
sl_status sl_colwords_parse(struct sl_colwords *w, bool classes, const char *text,
                            size_t len, const char *file, struct sl_err *err);

/* Loads DIR/column-classes.txt and DIR/column-phrases.txt into W. */
sl_status sl_colwords_load(struct sl_colwords *w, const char *dir, struct sl_err *err);

/* The process-wide tables from sl_data_dir(), loaded on the first call
 * (thread-safe).  When a file cannot be read or is malformed, the problem
 * is printed once on standard error and the tables hold what could be
 * read.  Never NULL; never freed. */
const struct sl_colwords *sl_colwords_get(void);

void sl_colwords_free(struct sl_colwords *w);

/* The class the keywords give the column name NAME, or SL_CLASS_NONE. */
enum sl_column_class sl_colwords_class(const struct sl_colwords *w, const char *name);

/* Finds the first phrase of KIND in the LEN bytes at S (earliest start,
 * then longest).  Returns true and stores its offset and length. */
bool sl_colwords_find(const struct sl_colwords *w, enum sl_phrase_kind kind,
                      const char *s, size_t len, size_t *at, size_t *plen);

/* True when the LEN bytes at S start with a phrase of KIND (no white
 * space skipped): only the first maxlen[KIND] bytes are looked at. */
bool sl_colwords_starts_with(const struct sl_colwords *w, enum sl_phrase_kind kind,
                             const char *s, size_t len);

/* True when the LEN bytes at S end with a phrase of KIND (white space,
 * ':' and '：' after it aside). */
bool sl_colwords_ends_with(const struct sl_colwords *w, enum sl_phrase_kind kind,
                           const char *s, size_t len);

/* True when the LEN bytes at S, white space and one pair of brackets
 * aside, are exactly a phrase of KIND. */
bool sl_colwords_is(const struct sl_colwords *w, enum sl_phrase_kind kind,
                    const char *s, size_t len);

/* The index in W->phrases[KIND] of the phrase equal to the N bytes at S,
 * or -1. */
int sl_colwords_index(const struct sl_colwords *w, enum sl_phrase_kind kind, const char *s,
                      size_t n);

/* The name of KIND as written in column-phrases.txt. */
const char *sl_phrase_kind_name(enum sl_phrase_kind kind);

#endif
