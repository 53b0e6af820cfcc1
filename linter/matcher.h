/*
 * matcher.h - finding dictionary entries in a text run.
 *
 * One trie holds every pattern of a set (the normalized wrong forms of all
 * its dictionaries).  Its transitions are a double-array over a dense
 * alphabet (each code point that occurs in a pattern gets a small
 * number).  A scan tests each position of the run against a bitmap of the
 * patterns' first two symbols and walks the trie only from those that
 * pass: a few lookups per character whatever the number of entries, so
 * scanning time hardly grows with the dictionaries.
 *
 * sl_text_scan() normalizes a run (normalize.h), walks the trie,
 * drops candidates that are out of date or inside one of their entry's
 * exception contexts, keeps the leftmost-longest of the rest, and maps
 * each back to a byte span of the run.  It also scans the run as written
 * for confusable characters, which normalization would hide: Kangxi
 * radicals (U+2F00-U+2FD5), CJK radicals (U+2E80-U+2EF3), CJK
 * compatibility ideographs, and invisible (default-ignorable) characters
 * inside a word.
 */
#ifndef SL_MATCHER_H
#define SL_MATCHER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dict.h"
#include "util.h"

struct sl_text_match {
	const struct sl_dict_entry *entry;   /* borrowed from the set */
	uint32_t start, end;                 /* byte span [start, end) in the
	                                        run as passed in */
};

struct sl_text_opts {
	bool trad_simp;       /* fold Traditional to Simplified first */
	bool no_confusable;   /* skip the confusable-character scan */
};

typedef void (*sl_text_match_fn)(void *ctx, const struct sl_text_match *m);

/* Buffers a thread reuses between scans. */
struct sl_text_scratch;

/* Returns new scratch buffers for one thread (free with
 * sl_text_scratch_free). */
struct sl_text_scratch *sl_text_scratch_new(void);

/* NULL is a no-op. */
void sl_text_scratch_free(struct sl_text_scratch *scr);

/* Reports through FN every finding in TEXT (LEN bytes of UTF-8, one run),
 * in text order (by start, then end).  Dictionary matches do not overlap
 * each other (leftmost-longest); a confusable character is reported
 * besides any dictionary match around it.  AS_OF (yyyymmdd) decides
 * entries with a validity date; 0 puts every dated entry in force.
 * OPTS may be NULL (defaults).  SCR is the calling thread's scratch, or
 * NULL to allocate for this call.  SET must be compiled; it is only
 * read, so threads may scan one set at once.  Returns SL_OK, or
 * SL_ERR_LIMIT when TEXT was longer than SL_NORM_MAX_INPUT (its start
 * was scanned), or SL_ERR_UNSUPPORTED when ICU failed (nothing was
 * reported). */
sl_status sl_text_scan(const struct sl_dictset *set, struct sl_text_scratch *scr,
                       const char *text, size_t len, int32_t as_of,
                       const struct sl_text_opts *opts,
                       sl_text_match_fn fn, void *ctx);

/*
 * The automaton, built by sl_dictset_compile().
 */

/* Builds the automaton of the N patterns PATS, which must stay alive and
 * unchanged as long as it (the set owns both).  Every pattern has at
 * least one code point and no two are equal. */
struct sl_matcher *sl_matcher_new(const struct sl_dict_pattern *pats, size_t n);

/* NULL is a no-op. */
void sl_matcher_free(struct sl_matcher *m);

struct sl_matcher_stats {
	size_t patterns;
	size_t states;        /* trie nodes */
	size_t slots;         /* double-array cells */
	size_t alphabet;      /* distinct code points in patterns */
	size_t bytes;         /* memory held by the automaton */
	size_t confusables;   /* built-in confusable characters */
	bool automaton;       /* scanned as an Aho-Corasick automaton (many
	                         patterns), else by walks from likely starts */
};

void sl_matcher_stats(const struct sl_matcher *m, struct sl_matcher_stats *st);

#endif
