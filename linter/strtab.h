/*
 * strtab.h - a table of interned strings: one copy of each distinct
 * string, kept until the table is freed.
 *
 * The site model keeps, for every page, the URLs and texts of its links,
 * its meta tags and its ids until the site checks have run.  Most of them
 * are the same on every page (the template's navigation, header and
 * footer), so the site stores them once (site.c).  Strings live in large
 * blocks: no allocation, and no allocator overhead, per string.
 *
 * Not thread-safe: the caller serializes (the site is filled under the
 * lint driver's lock).
 */
#ifndef SL_STRTAB_H
#define SL_STRTAB_H

#include <stddef.h>

struct sl_strtab;

/* Returns a new empty table; free it with sl_strtab_free(). */
struct sl_strtab *sl_strtab_new(void);

/* Frees T and every string it holds.  NULL is a no-op. */
void sl_strtab_free(struct sl_strtab *t);

/* Returns T's copy of the NUL-terminated string S, adding it when T has
 * none yet.  The copy is owned by T: it stays valid until T is freed and
 * must be neither modified nor freed (it is not const only so that it
 * can stand in the owned char * fields of the site model). */
char *sl_strtab_intern(struct sl_strtab *t, const char *s);

/* Distinct strings held, and the bytes of their copies. */
size_t sl_strtab_count(const struct sl_strtab *t);
size_t sl_strtab_bytes(const struct sl_strtab *t);

#endif
