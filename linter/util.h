/*
 * util.h - the few things every module shares: the status type for
 * failures of the tool, the abort-on-OOM allocator, a capped growable
 * byte buffer, and small string helpers.
 *
 * Findings about a site are never an sl_status: they are diagnostics
 * (see diag.h).  An sl_status says the tool itself could not do its job
 * (I/O, a corrupt archive, a bad config line); the message that goes
 * with it lives in a caller-provided struct sl_err.
 */
#ifndef SL_UTIL_H
#define SL_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#if defined(__GNUC__)
#define SL_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#define SL_NORETURN __attribute__((noreturn))
#else
#define SL_PRINTF(fmt, args)
#define SL_NORETURN
#endif

typedef enum {
	SL_OK = 0,
	SL_ERR_IO,      /* a file could not be opened, read or written */
	SL_ERR_FORMAT,  /* input is damaged or not in a format we read */
	SL_ERR_LIMIT,   /* a configured cap was hit */
	SL_ERR_USAGE,   /* bad option, config or dictionary */
	SL_ERR_UNSUPPORTED
} sl_status;

/* A failure message, filled by the function that returns a status. */
struct sl_err {
	char msg[512];
};

/* Formats MSG into ERR (when ERR is not NULL) and returns STATUS. */
sl_status sl_err_set(struct sl_err *err, sl_status status, const char *fmt, ...)
	SL_PRINTF(3, 4);

/* Allocation.  On exhaustion these print a message and abort: a CLI
 * cannot do anything useful without memory, and every size that comes
 * from input is capped before it reaches an allocation. */
void *sl_malloc(size_t n);
void *sl_calloc(size_t count, size_t size);
void *sl_realloc(void *p, size_t n);
char *sl_strdup(const char *s);
char *sl_strndup(const char *s, size_t n);
/* Returns a newly allocated formatted string. */
char *sl_aprintf(const char *fmt, ...) SL_PRINTF(1, 2);
SL_NORETURN void sl_die_oom(void);

/* A growable byte buffer with a hard cap.  The contents are always
 * NUL-terminated (the NUL is not counted in len) so they can be used as
 * a C string when they hold text. */
struct sl_buf {
	char *data;
	size_t len;
	size_t cap;     /* allocated bytes */
	size_t limit;   /* most bytes len may reach; 0 means SIZE_MAX */
};

void sl_buf_init(struct sl_buf *b, size_t limit);
void sl_buf_free(struct sl_buf *b);
/* Appends N bytes; returns false (and appends nothing) if the cap would
 * be exceeded. */
bool sl_buf_append(struct sl_buf *b, const void *p, size_t n);
bool sl_buf_puts(struct sl_buf *b, const char *s);
bool sl_buf_putc(struct sl_buf *b, char c);
bool sl_buf_printf(struct sl_buf *b, const char *fmt, ...) SL_PRINTF(2, 3);
void sl_buf_reset(struct sl_buf *b);
/* Hands the contents to the caller (who frees them) and empties B. */
char *sl_buf_steal(struct sl_buf *b, size_t *len);

/* Reads all of F (named NAME in messages), at most CAP bytes, into a new
 * buffer (*OUT, *LEN; NUL-terminated, never NULL on success).  Past CAP:
 * SL_ERR_LIMIT, "NAME: larger than the CAP_NAME (CAP bytes)"; a read
 * error: SL_ERR_IO.  *OUT is untouched on failure. */
sl_status sl_read_capped(FILE *f, uint64_t cap, const char *name, const char *cap_name,
                         unsigned char **out, size_t *len, struct sl_err *err);

/* A small set of strings, for "reported once per page": a list searched
 * in order (a page reports a handful).  Zero-initialized is empty. */
struct sl_strset {
	char **v;
	size_t n, cap;
};

/* Adds a copy of S; returns false when S was in the set already. */
bool sl_strset_add(struct sl_strset *set, const char *s);
/* Empties SET, keeping its array for reuse. */
void sl_strset_clear(struct sl_strset *set);
void sl_strset_free(struct sl_strset *set);

/* ASCII-only helpers: locale-independent, for protocol tokens. */
bool sl_ascii_ieq(const char *a, const char *b);
bool sl_ascii_nieq(const char *a, const char *b, size_t n);
bool sl_ascii_istarts(const char *s, const char *prefix);
bool sl_ends_with(const char *s, const char *suffix);
char sl_ascii_lower(char c);
/* Parses a non-negative decimal; false on garbage or overflow past MAX. */
bool sl_parse_u64(const char *s, uint64_t max, uint64_t *out);

/* Decodes one UTF-8 code point at S (N bytes available).  Returns its
 * length (1-4) and stores it in *CP; invalid or truncated sequences
 * return 1 and store 0xFFFD. */
int sl_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* True when the LEN bytes at S are valid UTF-8 and at least one is not
 * ASCII (text that is certainly UTF-8). */
bool sl_utf8_valid_nonascii(const unsigned char *s, size_t len);

/* Encodes CP into OUT (at least 4 bytes); returns the length. */
int sl_utf8_encode(uint32_t cp, char *out);

#endif
