/*
 * json.h - a small streaming JSON writer for the output formats.
 *
 * It keeps track of commas itself; strings are escaped per RFC 8259
 * (control characters as \u00XX, invalid UTF-8 replaced by U+FFFD so the
 * output is always valid JSON).  Writes go to a FILE; errors are sticky
 * in the FILE and checked by the caller with ferror().
 */
#ifndef SL_JSON_H
#define SL_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define SL_JSON_MAX_DEPTH 32

struct sl_json {
	FILE *f;
	int depth;
	bool first[SL_JSON_MAX_DEPTH];
	bool pretty;
	bool after_key;
};

void sl_json_init(struct sl_json *j, FILE *f, bool pretty);
void sl_json_begin_object(struct sl_json *j);
void sl_json_end_object(struct sl_json *j);
void sl_json_begin_array(struct sl_json *j);
void sl_json_end_array(struct sl_json *j);
/* Writes an object key; the next value call writes its value. */
void sl_json_key(struct sl_json *j, const char *key);
void sl_json_string(struct sl_json *j, const char *s);   /* NULL -> null */
void sl_json_int(struct sl_json *j, int64_t v);
void sl_json_bool(struct sl_json *j, bool v);
void sl_json_null(struct sl_json *j);
/* Writes S (NUL-terminated) as an escaped JSON string body to F. */
void sl_json_escape(FILE *f, const char *s);

#endif
