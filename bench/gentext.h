/*
 * gentext.h - text for the benchmark generator: a seeded random source,
 * a growable byte buffer, the vocabulary (bench/words.txt) and the
 * sentences, paragraphs and titles made from it, and the generated
 * 100,000-entry dictionary.
 *
 * Everything is deterministic: the same seed and vocabulary give the same
 * bytes on every machine.
 */
#ifndef GENTEXT_H
#define GENTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* splitmix64: small, fast, good enough for made-up prose. */
struct gen_rng {
	uint64_t s;
};

uint64_t gen_rng_next(struct gen_rng *r);
/* A number in [0, N) (N > 0). */
uint32_t gen_rng_below(struct gen_rng *r, uint32_t n);

/* A growable buffer; aborts when memory runs out. */
struct gen_buf {
	char *p;
	size_t len, cap;
};

void gen_buf_put(struct gen_buf *b, const char *s, size_t n);
void gen_buf_puts(struct gen_buf *b, const char *s);
void gen_buf_printf(struct gen_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void gen_buf_free(struct gen_buf *b);

/* The sections of words.txt. */
enum gen_section {
	GEN_SUBJECT, GEN_VERB, GEN_OBJECT, GEN_TAIL, GEN_TIME, GEN_LEAD,
	GEN_NUMBER, GEN_TITLE_HEAD, GEN_TITLE_TAIL, GEN_DEPT, GEN_TOWN,
	GEN_NSECTIONS
};

struct gen_vocab {
	char *data;                        /* the file (owned) */
	const char **items[GEN_NSECTIONS]; /* lines, pointing into DATA */
	size_t n[GEN_NSECTIONS];
};

/* Loads PATH; returns false (with a message on stderr) when it cannot be
 * read or a section is empty. */
bool gen_vocab_load(struct gen_vocab *v, const char *path);
void gen_vocab_free(struct gen_vocab *v);

/* A random item of section S. */
const char *gen_pick(const struct gen_vocab *v, enum gen_section s, struct gen_rng *r);

/* Appends one sentence (ends with "。").  TYPO, if not NULL, is worked
 * into it. */
void gen_sentence(struct gen_buf *b, const struct gen_vocab *v, struct gen_rng *r,
                  const char *typo);

/* Appends a headline ("县政府召开…工作推进会"). */
void gen_title(struct gen_buf *b, const struct gen_vocab *v, struct gen_rng *r);

/* Writes N text/typo entries to PATH (see gentext.c); false on error. */
bool gen_dict_write(const char *path, const struct gen_vocab *v, size_t n);

#endif
