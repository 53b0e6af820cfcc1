/*
 * fuzz.h - what the libFuzzer targets of tests/fuzz share: the entry
 * point's prototype and a few helpers that turn fuzzer bytes into the
 * NUL-terminated strings the library's entry points take.
 *
 * Each fuzz_<target>.c defines LLVMFuzzerTestOneInput() for one entry
 * point that parses input.  A target must never crash, leak, hang or
 * trip a sanitizer on any input; where the module documents an invariant
 * (spans inside the text, ascending positions) the target checks it with
 * FUZZ_CHECK, which aborts so that libFuzzer keeps the input.
 */
#ifndef SL_FUZZ_H
#define SL_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond) \
	do { \
		if (!(cond)) { \
			fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
			abort(); \
		} \
	} while (0)

/* A NUL-terminated copy of N bytes at P (the caller frees it). */
static inline char *
fuzz_strndup(const uint8_t *p, size_t n)
{
	char *s = malloc(n + 1);
	if (s == NULL)
		abort();
	if (n > 0)
		memcpy(s, p, n);
	s[n] = '\0';
	return s;
}

/* Splits the input at SEP: returns a NUL-terminated copy of the next
 * field from *POS (to SEP or the end) and advances *POS past SEP. */
static inline char *
fuzz_field(const uint8_t *data, size_t size, size_t *pos, uint8_t sep)
{
	size_t start = *pos < size ? *pos : size, end = start;
	while (end < size && data[end] != sep)
		end++;
	*pos = end < size ? end + 1 : size;
	return fuzz_strndup(data + start, end - start);
}

#endif
