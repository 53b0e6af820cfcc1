/*
 * site.c - member records and the path index.
 */
#include "site.h"

#include <stdlib.h>
#include <string.h>

#include "strtab.h"
#include "colpage.h"
#include "suppress.h"
#include "url.h"
#include "util.h"

void
sl_doc_free(struct sl_doc *doc)
{
	if (doc == NULL)
		return;
	free(doc->path);
	free(doc->content_type);
	free(doc->location);
	free(doc->title);
	free(doc->base_href);
	for (size_t i = 0; i < doc->nmetas && !doc->interned; i++) {
		free(doc->metas[i].name);
		free(doc->metas[i].content);
	}
	free(doc->metas);
	for (size_t i = 0; i < doc->nlinks && doc->link_recs != NULL; i++) {
		free(doc->link_recs[i].url);
		free(doc->link_recs[i].text);
	}
	free(doc->link_recs);
	free((void *)doc->links);   /* the records are the site's */
	for (size_t i = 0; i < doc->nanchors && !doc->interned; i++)
		free(doc->anchors[i]);
	free(doc->anchors);
	sl_suppress_free(doc->supp);
	free(doc->directives);
	sl_diags_free(&doc->diags);
	sl_colpage_free(doc->colpage);
	free(doc->landmarks);
	free(doc->file);
	free(doc->forms);
	free(doc);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

bool
sl_doc_has_anchor(const struct sl_doc *doc, const char *name)
{
	return doc->nanchors > 0 &&
	       bsearch(&name, doc->anchors, doc->nanchors, sizeof *doc->anchors,
	               cmp_str) != NULL;
}

const struct sl_doc_meta *
sl_doc_meta(const struct sl_doc *doc, const char *name)
{
	for (size_t i = 0; i < doc->nmetas; i++)
		if (sl_ascii_ieq(doc->metas[i].name, name))
			return &doc->metas[i];
	return NULL;
}

void
sl_site_init(struct sl_site *site)
{
	memset(site, 0, sizeof *site);
}

/* FNV-1a: short keys, no adversary that can do better than a long chain
 * bounded by the member cap. */
static size_t
hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return (size_t)h;
}

static void
index_insert(size_t *index, size_t cap, const char *path, size_t value)
{
	size_t i = hash_str(path) & (cap - 1);
	while (index[i] != 0)
		i = (i + 1) & (cap - 1);
	index[i] = value;
}

static void
index_grow(struct sl_site *site)
{
	size_t cap = site->index_cap ? site->index_cap * 2 : 1024;
	size_t *index = sl_calloc(cap, sizeof *index);
	for (size_t i = 0; i < site->ndocs; i++)
		index_insert(index, cap, site->docs[i]->path, i + 1);
	free(site->index);
	site->index = index;
	site->index_cap = cap;
}

struct sl_doc *
sl_site_find(const struct sl_site *site, const char *path)
{
	if (site->index_cap == 0)
		return NULL;
	size_t i = hash_str(path) & (site->index_cap - 1);
	while (site->index[i] != 0) {
		struct sl_doc *d = site->docs[site->index[i] - 1];
		if (strcmp(d->path, path) == 0)
			return d;
		i = (i + 1) & (site->index_cap - 1);
	}
	return NULL;
}

/* Replaces the owned string *S by the site's copy. */
static void
intern(struct sl_strtab *t, char **s)
{
	if (*s == NULL)
		return;
	char *copy = sl_strtab_intern(t, *s);
	free(*s);
	*s = copy;
}

/* --- one copy of each link record --------------------------------------- */

#define LINK_CHUNK 1024   /* records per allocation */

struct link_chunk {
	struct link_chunk *next;
	size_t used;
	struct sl_doc_link recs[LINK_CHUNK];
};

/* An open-addressing set of records (compared field by field: the
 * strings are the site's, so equal strings are the same pointer). */
struct sl_linktab {
	const struct sl_doc_link **slots;
	size_t cap, n;
	struct link_chunk *chunks;
};

static uint64_t
mix(uint64_t h, uint64_t v)
{
	h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
	return h;
}

static uint64_t
pos_key(const struct sl_pos *p)
{
	return (uint64_t)p->line << 32 ^ (uint64_t)p->col_byte << 16 ^ p->col_char ^
	       (uint64_t)p->col_utf16 << 48;
}

static size_t
link_hash(const struct sl_doc_link *l)
{
	uint64_t h = mix(0, (uint64_t)(uintptr_t)l->url);
	h = mix(h, (uint64_t)(uintptr_t)l->text);
	h = mix(h, pos_key(&l->span.start));
	h = mix(h, pos_key(&l->span.end));
	h = mix(h, (uint64_t)l->flags << 8 ^ l->kind ^ (uint64_t)(uint32_t)l->block << 32);
	return (size_t)(h * 0xFF51AFD7ED558CCDull >> 17);
}

static bool
same_pos(const struct sl_pos *a, const struct sl_pos *b)
{
	return a->line == b->line && a->col_byte == b->col_byte && a->col_char == b->col_char &&
	       a->col_utf16 == b->col_utf16;
}

static bool
same_link(const struct sl_doc_link *a, const struct sl_doc_link *b)
{
	return a->url == b->url && a->text == b->text && a->flags == b->flags &&
	       a->kind == b->kind && a->block == b->block &&
	       same_pos(&a->span.start, &b->span.start) && same_pos(&a->span.end, &b->span.end);
}

static void
linktab_grow(struct sl_linktab *t)
{
	size_t cap = t->cap ? t->cap * 2 : 4096;
	const struct sl_doc_link **slots = sl_calloc(cap, sizeof *slots);
	for (size_t i = 0; i < t->cap; i++) {
		if (t->slots[i] == NULL)
			continue;
		size_t k = link_hash(t->slots[i]) & (cap - 1);
		while (slots[k] != NULL)
			k = (k + 1) & (cap - 1);
		slots[k] = t->slots[i];
	}
	free(t->slots);
	t->slots = slots;
	t->cap = cap;
}

/* The table's copy of L (its strings already the site's). */
static const struct sl_doc_link *
linktab_intern(struct sl_linktab *t, const struct sl_doc_link *l)
{
	if (2 * (t->n + 1) > t->cap)
		linktab_grow(t);
	size_t k = link_hash(l) & (t->cap - 1);
	for (; t->slots[k] != NULL; k = (k + 1) & (t->cap - 1))
		if (same_link(t->slots[k], l))
			return t->slots[k];
	if (t->chunks == NULL || t->chunks->used == LINK_CHUNK) {
		struct link_chunk *c = sl_malloc(sizeof *c);
		c->next = t->chunks;
		c->used = 0;
		t->chunks = c;
	}
	struct sl_doc_link *copy = &t->chunks->recs[t->chunks->used++];
	*copy = *l;
	t->slots[k] = copy;
	t->n++;
	return copy;
}

static void
linktab_free(struct sl_linktab *t)
{
	if (t == NULL)
		return;
	while (t->chunks != NULL) {
		struct link_chunk *next = t->chunks->next;
		free(t->chunks);
		t->chunks = next;
	}
	free(t->slots);
	free(t);
}

/* Moves DOC's link, meta and anchor strings into the site's table, and
 * its link records into the site's set of them: memory per page is then
 * what is particular to the page. */
static void
intern_doc(struct sl_site *site, struct sl_doc *doc)
{
	if (doc->interned)
		return;
	if (site->strings == NULL)
		site->strings = sl_strtab_new();
	if (site->linktab == NULL)
		site->linktab = sl_calloc(1, sizeof *site->linktab);
	if (doc->nlinks > 0 && doc->link_recs != NULL) {
		doc->links = sl_malloc(doc->nlinks * sizeof *doc->links);
		for (size_t i = 0; i < doc->nlinks; i++) {
			struct sl_doc_link *l = &doc->link_recs[i];
			intern(site->strings, &l->url);
			intern(site->strings, &l->text);
			doc->links[i] = linktab_intern(site->linktab, l);
		}
		free(doc->link_recs);
		doc->link_recs = NULL;
	}
	for (size_t i = 0; i < doc->nmetas; i++) {
		intern(site->strings, &doc->metas[i].name);
		intern(site->strings, &doc->metas[i].content);
	}
	for (size_t i = 0; i < doc->nanchors; i++)
		intern(site->strings, &doc->anchors[i]);
	doc->interned = true;
}

bool
sl_site_add(struct sl_site *site, struct sl_doc *doc)
{
	if (sl_site_find(site, doc->path) != NULL) {
		sl_doc_free(doc);
		return false;
	}
	intern_doc(site, doc);
	if (site->ndocs == site->cap) {
		site->cap = site->cap ? site->cap * 2 : 256;
		site->docs = sl_realloc(site->docs, site->cap * sizeof *site->docs);
	}
	site->docs[site->ndocs++] = doc;
	/* Keep the load factor under one half. */
	if (site->ndocs * 2 > site->index_cap)
		index_grow(site);
	else
		index_insert(site->index, site->index_cap, doc->path, site->ndocs);
	if (doc->mtime > site->newest_mtime)
		site->newest_mtime = doc->mtime;
	return true;
}

static int
cmp_doc(const void *a, const void *b)
{
	const struct sl_doc *x = *(struct sl_doc *const *)a;
	const struct sl_doc *y = *(struct sl_doc *const *)b;
	return strcmp(x->path, y->path);
}

void
sl_site_seal(struct sl_site *site)
{
	if (site->ndocs > 1)
		qsort(site->docs, site->ndocs, sizeof *site->docs, cmp_doc);
	if (site->index_cap == 0)
		return;
	memset(site->index, 0, site->index_cap * sizeof *site->index);
	for (size_t i = 0; i < site->ndocs; i++)
		index_insert(site->index, site->index_cap, site->docs[i]->path, i + 1);
}

void
sl_site_free(struct sl_site *site)
{
	for (size_t i = 0; i < site->ndocs; i++)
		sl_doc_free(site->docs[i]);
	free(site->docs);
	free(site->index);
	free(site->host);
	sl_strtab_free(site->strings);
	linktab_free(site->linktab);
	memset(site, 0, sizeof *site);
}

struct find {
	const struct sl_site *site;
	const struct sl_doc *doc;
};

static bool
try_candidate(void *vctx, const char *path)
{
	struct find *f = vctx;
	f->doc = sl_site_find(f->site, path);
	return f->doc != NULL;
}

const struct sl_doc *
sl_site_find_link(const struct sl_site *site, const char *path, bool is_dir)
{
	struct find f = { site, NULL };
	sl_url_candidates(path, is_dir, try_candidate, &f);
	return f.doc;
}

const struct sl_doc *
sl_site_follow(const struct sl_site *site, const struct sl_doc *d,
               const struct sl_site_hosts *hosts, const char *root_prefix,
               struct sl_url_ref *scratch)
{
	for (int hop = 0; d != NULL && hop < 5; hop++) {
		if (d->http_status < 300 || d->http_status >= 400 || d->location == NULL)
			return d;
		sl_url_resolve(d->path, NULL, d->location, hosts, root_prefix, scratch);
		if (scratch->kind != SL_URL_INTERNAL)
			return d;   /* redirected off the site: not ours to judge */
		d = sl_site_find_link(site, scratch->path, scratch->is_dir);
	}
	return d;
}
