/*
 * json_read.h - a small JSON reader (RFC 8259) for what sitelint reads
 * back: the NDJSON lines of --merge.
 *
 * A document becomes a tree of struct sl_json_value.  Parsing is
 * iterative (an explicit stack, nesting capped at SL_JSON_READ_DEPTH), so
 * hostile input cannot exhaust the C stack; \u escapes (surrogate pairs
 * included) become UTF-8, a lone surrogate becomes U+FFFD.  Numbers are
 * kept as doubles (exact up to 2^53, which covers every count we write).
 */
#ifndef SL_JSON_READ_H
#define SL_JSON_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

#define SL_JSON_READ_DEPTH 64

enum sl_json_type {
	SL_JSON_NULL, SL_JSON_BOOL, SL_JSON_NUMBER, SL_JSON_STRING, SL_JSON_ARRAY,
	SL_JSON_OBJECT,
};

struct sl_json_value {
	enum sl_json_type type;
	bool boolean;
	double number;
	char *string;                   /* STRING: NUL-terminated UTF-8 */
	struct sl_json_value *items;    /* ARRAY and OBJECT members */
	char **keys;                    /* OBJECT: the key of each member */
	size_t n, cap;
};

/* Parses the N bytes at S as one JSON value (white space around it
 * allowed).  On success *OUT is a new tree (free with
 * sl_json_value_free()); on failure returns SL_ERR_FORMAT and ERR says
 * what is wrong and at which byte offset (1-based column). */
sl_status sl_json_read(const char *s, size_t n, struct sl_json_value **out,
                       struct sl_err *err);

/* The member KEY of object V, or NULL (also when V is not an object). */
const struct sl_json_value *sl_json_get(const struct sl_json_value *v, const char *key);

/* V's string, or NULL when V is NULL or not a string. */
const char *sl_json_str(const struct sl_json_value *v);

/* V's number, or DEF when V is NULL or not a number. */
double sl_json_num(const struct sl_json_value *v, double def);

void sl_json_value_free(struct sl_json_value *v);

#endif
