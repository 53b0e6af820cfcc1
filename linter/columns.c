/*
 * columns.c - the column model: which pages are columns, their names,
 * classes, items, newest dates and own content (see columns.h).
 */
#include "columns.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* --- small helpers ------------------------------------------------------ */

static int
cmp_doc_path(const void *key, const void *elem)
{
	return strcmp((const char *)key, (*(struct sl_doc *const *)elem)->path);
}

size_t
sl_colmodel_doc_index(const struct sl_colmodel *m, const struct sl_doc *doc)
{
	const struct sl_site *s = m->c->site;
	struct sl_doc **d = bsearch(doc->path, s->docs, s->ndocs, sizeof *s->docs, cmp_doc_path);
	return d ? (size_t)(d - s->docs) : SIZE_MAX;
}

const char *
sl_colmodel_site_path(const struct sl_colmodel *m, const struct sl_doc *doc)
{
	size_t n = strlen(m->c->root_prefix);
	return strncmp(doc->path, m->c->root_prefix, n) == 0 ? doc->path + n : doc->path;
}

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* index.html, index_2.html, default.htm, list_1.shtml ...: a folder's
 * list page and its pager pages. */
static bool
index_like(const char *path)
{
	static const char *const stems[] = { "index", "default", "list", "more" };
	const char *b = base_name(path);
	for (size_t i = 0; i < sizeof stems / sizeof stems[0]; i++) {
		size_t n = strlen(stems[i]);
		if (!sl_ascii_nieq(b, stems[i], n))
			continue;
		const char *p = b + n;
		if (*p == '_' || *p == '-') {
			if (!(p[1] >= '0' && p[1] <= '9'))
				continue;
			for (p++; *p >= '0' && *p <= '9'; p++)
				;
		}
		if (*p == '.' || *p == '\0')
			return true;
	}
	return false;
}

bool
sl_colmodel_is_article(const struct sl_doc *doc)
{
	const struct sl_doc_meta *m = sl_doc_meta(doc, "ArticleTitle");
	if ((m != NULL && m->content[0]) || sl_doc_meta(doc, "PubDate") != NULL)
		return true;
	struct sl_date d;
	bool has_day = false;
	return !index_like(doc->path) && sl_date_from_url(base_name(doc->path), &d, &has_day) &&
	       has_day;
}

/* The column key of a page path: its folder for a folder's list pages
 * (or a page a [column] declaration matches), else the path. */
static char *
key_of(const char *path, bool declared)
{
	if (declared || index_like(path))
		return sl_strndup(path, (size_t)(base_name(path) - path));
	return sl_strdup(path);
}

static uint32_t
hash_str(uint32_t seed, const char *s)
{
	uint32_t h = 2166136261u ^ seed;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* --- template counts --------------------------------------------------- */

static uint32_t
link_key(const struct sl_doc_link *l)
{
	return hash_str(hash_str(0x4c, l->url), l->text ? l->text : "");
}

static uint32_t
item_key(const struct sl_doc *page, const struct sl_colitem *it)
{
	return hash_str(0x49, page->links[it->link]->url);
}

static void
count_put(struct sl_colmodel *m, uint32_t key)
{
	key = key ? key : 1;
	size_t i = key & (m->tcap - 1);
	while (m->tkeys[i] != 0 && m->tkeys[i] != key)
		i = (i + 1) & (m->tcap - 1);
	m->tkeys[i] = key;
	m->tcounts[i]++;
}

static uint32_t
count_get(const struct sl_colmodel *m, uint32_t key)
{
	key = key ? key : 1;
	if (m->tcap == 0)
		return 0;
	size_t i = key & (m->tcap - 1);
	while (m->tkeys[i] != 0 && m->tkeys[i] != key)
		i = (i + 1) & (m->tcap - 1);
	return m->tkeys[i] == key ? m->tcounts[i] : 0;
}

static bool
is_template(const struct sl_colmodel *m, uint32_t key)
{
	return count_get(m, key) >= m->template_min;
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* Counts each distinct key of DOC once. */
static void
count_doc(struct sl_colmodel *m, const struct sl_doc *doc, uint32_t *buf)
{
	const struct sl_colpage *cp = doc->colpage;
	size_t n = 0;
	for (size_t i = 0; i < cp->nruns; i++)
		buf[n++] = cp->runs[i].hash;
	for (size_t i = 0; i < doc->nlinks && n < 4096 - SL_COLPAGE_MAX_RUNS; i++)
		if (doc->links[i]->kind == SL_LINK_A)
			buf[n++] = link_key(doc->links[i]);
	for (size_t i = 0; i < cp->nitems && n < 4096; i++)
		buf[n++] = item_key(doc, &cp->items[i]);
	qsort(buf, n, sizeof *buf, cmp_u32);
	for (size_t i = 0; i < n; i++)
		if (i == 0 || buf[i] != buf[i - 1])
			count_put(m, buf[i]);
}

static void
count_template(struct sl_colmodel *m)
{
	const struct sl_site *s = m->c->site;
	size_t pages = 0, keys = 0;
	for (size_t i = 0; i < s->ndocs; i++)
		pages += s->docs[i]->colpage != NULL;
	size_t step = pages > SL_COLUMN_SAMPLE ? (pages + SL_COLUMN_SAMPLE - 1) / SL_COLUMN_SAMPLE : 1;
	for (size_t i = 0, k = 0; i < s->ndocs; i++) {
		const struct sl_doc *d = s->docs[i];
		if (d->colpage != NULL && k++ % step == 0)
			keys += d->colpage->nruns + d->nlinks + d->colpage->nitems;
	}
	m->tcap = 64;
	while (m->tcap < 2 * keys && m->tcap < (1u << 22))
		m->tcap <<= 1;
	m->tkeys = sl_calloc(m->tcap, sizeof *m->tkeys);
	m->tcounts = sl_calloc(m->tcap, sizeof *m->tcounts);
	uint32_t *buf = sl_malloc(4096 * sizeof *buf);
	uint32_t sampled = 0;
	for (size_t i = 0, k = 0; i < s->ndocs; i++) {
		if (s->docs[i]->colpage == NULL || k++ % step != 0)
			continue;
		count_doc(m, s->docs[i], buf);
		sampled++;
	}
	free(buf);
	m->template_min = sampled / 2 + sampled % 2;
	if (m->template_min < 3)
		m->template_min = 3;
}

bool
sl_colmodel_item_is_template(const struct sl_colmodel *m, const struct sl_doc *page,
                             const struct sl_colitem *it)
{
	return is_template(m, item_key(page, it));
}

/* --- resolving --------------------------------------------------------- */

const struct sl_doc *
sl_colmodel_resolve(struct sl_colmodel *m, const struct sl_doc *page, const char *url)
{
	sl_url_resolve(page->path, page->base_href, url, &m->hosts, m->c->root_prefix, m->ref);
	if (m->ref->kind != SL_URL_INTERNAL)
		return NULL;
	return sl_site_find_link(m->c->site, m->ref->path, m->ref->is_dir);
}

bool
sl_colmodel_item_date(const struct sl_colmodel *m, const struct sl_doc *page,
                      const struct sl_colitem *it, struct sl_date *out)
{
	if (!it->date.valid)
		return false;
	if (it->date.has_year) {
		*out = it->date;
		return true;
	}
	struct sl_date u;
	bool has_day;
	bool have = sl_date_from_url(page->links[it->link]->url, &u, &has_day);
	return sl_date_infer_year(it->date.m, it->date.d, have ? &u : NULL, &m->as_of, out);
}

/* --- discovering columns ----------------------------------------------- */

static void
kindex_put(size_t *index, size_t cap, const char *key, size_t value)
{
	size_t i = hash_str(0, key) & (cap - 1);
	while (index[i] != 0)
		i = (i + 1) & (cap - 1);
	index[i] = value;
}

static struct sl_column *
find_col(const struct sl_colmodel *m, const char *key)
{
	if (m->kcap == 0)
		return NULL;
	for (size_t i = hash_str(0, key) & (m->kcap - 1); m->kindex[i] != 0;
	     i = (i + 1) & (m->kcap - 1))
		if (strcmp(m->cols[m->kindex[i] - 1].key, key) == 0)
			return &m->cols[m->kindex[i] - 1];
	return NULL;
}

/* Finds or adds the column KEY (taking KEY); NULL when the cap is hit. */
static struct sl_column *
get_col(struct sl_colmodel *m, char *key)
{
	struct sl_column *col = find_col(m, key);
	if (col != NULL || m->ncols >= SL_COLUMN_MAX) {
		free(key);
		return col;
	}
	if (m->ncols == m->capcols) {
		m->capcols = m->capcols ? m->capcols * 2 : 32;
		m->cols = sl_realloc(m->cols, m->capcols * sizeof *m->cols);
	}
	col = &m->cols[m->ncols++];
	memset(col, 0, sizeof *col);
	col->key = key;
	col->cls = SL_CLASS_NONE;
	if (m->ncols * 2 > m->kcap) {   /* keep the load under one half */
		free(m->kindex);
		m->kcap = m->kcap ? m->kcap * 2 : 128;
		m->kindex = sl_calloc(m->kcap, sizeof *m->kindex);
		for (size_t i = 0; i < m->ncols; i++)
			kindex_put(m->kindex, m->kcap, m->cols[i].key, i + 1);
	} else {
		kindex_put(m->kindex, m->kcap, key, m->ncols);
	}
	return col;
}

static bool
usable_page(const struct sl_doc *d)
{
	return d->is_html && d->colpage != NULL && d->http_status < 400 &&
	       !sl_colmodel_is_article(d);
}

static const struct sl_column_decl *
decl_of(const struct sl_colmodel *m, const struct sl_doc *d)
{
	return m->c->cfg ? sl_config_match_column(m->c->cfg, sl_colmodel_site_path(m, d)) : NULL;
}

static void
declared_columns(struct sl_colmodel *m)
{
	const struct sl_site *s = m->c->site;
	for (size_t i = 0; i < s->ndocs; i++) {
		const struct sl_doc *d = s->docs[i];
		if (!usable_page(d) || d == m->c->home)
			continue;
		const struct sl_column_decl *decl = decl_of(m, d);
		const struct sl_doc_meta *cn = sl_doc_meta(d, "ColumnName");
		if (decl == NULL && (cn == NULL || cn->content[0] == '\0'))
			continue;
		struct sl_column *col = get_col(m, key_of(d->path, decl != NULL));
		if (col == NULL)
			return;
		col->sources |= decl ? SL_COLSRC_CONFIG : SL_COLSRC_META;
		if (col->decl == NULL)
			col->decl = decl;
	}
}

/* True when link L of page P may lead to a column (see nav_walk). */
static bool
column_link(const struct sl_colmodel *m, const struct sl_doc *p, const struct sl_doc_link *l,
            const struct sl_doc *t)
{
	if (l->kind != SL_LINK_A || (l->flags & SL_IN_FOOTER) || t == NULL || t == p ||
	    t == m->c->home || !usable_page(t))
		return false;
	if (p == m->c->home)
		return (l->flags & SL_IN_NAV) || index_like(t->path) || t->path[strlen(t->path) - 1] == '/';
	return !(l->flags & SL_IN_HEADER) && !is_template(m, link_key(l)) && index_like(t->path);
}

/* Breadth first from the home page, SL_COLUMN_MAX_LEVEL levels deep. */
static void
nav_walk(struct sl_colmodel *m)
{
	const struct sl_site_check *c = m->c;
	if (c->home == NULL || !c->home->is_html)
		return;
	const struct sl_doc **queue = sl_malloc(SL_COLUMN_MAX * sizeof *queue);
	int *levels = sl_malloc(SL_COLUMN_MAX * sizeof *levels);
	size_t head = 0, tail = 0;
	queue[tail] = c->home;
	levels[tail++] = 0;
	while (head < tail) {
		const struct sl_doc *p = queue[head];
		int level = levels[head++];
		if (level >= SL_COLUMN_MAX_LEVEL)
			continue;
		char *pkey = key_of(p->path, false);
		for (size_t i = 0; i < p->nlinks; i++) {
			const struct sl_doc_link *l = p->links[i];
			if (l->kind != SL_LINK_A)
				continue;
			const struct sl_doc *t = sl_colmodel_resolve(m, p, l->url);
			if (!column_link(m, p, l, t))
				continue;
			char *key = key_of(t->path, decl_of(m, t) != NULL);
			if (strcmp(key, pkey) == 0) {
				free(key);
				continue;
			}
			struct sl_column *col = get_col(m, key);
			if (col == NULL || col->level != 0)
				continue;
			col->level = level + 1;
			col->sources |= SL_COLSRC_NAV;
			col->link_text = l->text ? sl_strdup(l->text) : NULL;
			if (tail < SL_COLUMN_MAX) {
				queue[tail] = t;
				levels[tail++] = level + 1;
			}
		}
		free(pkey);
	}
	free(queue);
	free(levels);
}

static int
cmp_col_key(const void *a, const void *b)
{
	return strcmp(((const struct sl_column *)a)->key, ((const struct sl_column *)b)->key);
}

static void
assign_pages(struct sl_colmodel *m)
{
	const struct sl_site *s = m->c->site;
	if (m->ncols == 0)
		return;
	qsort(m->cols, m->ncols, sizeof *m->cols, cmp_col_key);
	for (size_t i = 0; i < s->ndocs; i++) {
		const struct sl_doc *d = s->docs[i];
		if (!usable_page(d) || d == m->c->home)
			continue;
		char *key = key_of(d->path, decl_of(m, d) != NULL);
		struct sl_column probe = { .key = key };
		struct sl_column *col = bsearch(&probe, m->cols, m->ncols, sizeof *m->cols, cmp_col_key);
		free(key);
		if (col == NULL)
			continue;
		col->pages = sl_realloc(col->pages, (col->npages + 1) * sizeof *col->pages);
		col->pages[col->npages++] = d;
		m->col_of[i] = col;
	}
}

/* --- names and classes --------------------------------------------------- */

static char *
title_name(const char *title)
{
	static const char *const seps[] = { "_", "-", "|", "—", "－", "｜" };
	size_t n = strlen(title);
	for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++) {
		const char *p = strstr(title, seps[i]);
		if (p != NULL && (size_t)(p - title) < n && p > title)
			n = (size_t)(p - title);
	}
	while (n > 0 && title[n - 1] == ' ')
		n--;
	return sl_strndup(title, n);
}

static void
name_column(struct sl_colmodel *m, struct sl_column *col)
{
	const struct sl_doc *first = col->pages[0];
	const struct sl_doc_meta *cn = sl_doc_meta(first, "ColumnName");
	const struct sl_doc_meta *ct = sl_doc_meta(first, "ColumnType");
	if (col->decl != NULL && col->decl->name != NULL)
		col->name = sl_strdup(col->decl->name);
	else if (cn != NULL && cn->content[0])
		col->name = sl_strdup(cn->content);
	else if (col->link_text != NULL && col->link_text[0])
		col->name = sl_strdup(col->link_text);
	else if (first->colpage->heading != NULL)
		col->name = sl_strdup(first->colpage->heading);
	else
		col->name = title_name(first->title ? first->title : sl_colmodel_site_path(m, first));
	if (col->decl != NULL && col->decl->cls != SL_CLASS_NONE)
		col->cls = col->decl->cls;
	else if (ct != NULL && ct->content[0] && !sl_column_class_parse(ct->content, &col->cls))
		col->cls = sl_colwords_class(m->w, ct->content);
	if (col->cls == SL_CLASS_NONE)
		col->cls = sl_colwords_class(m->w, col->name);
	if (col->cls == SL_CLASS_NONE)
		col->cls = SL_CLASS_OTHER;
}

/* --- what each column holds ----------------------------------------------- */

static void
take_items(struct sl_colmodel *m, struct sl_column *col, const struct sl_doc *d)
{
	const struct sl_colpage *cp = d->colpage;
	col->nundated += cp->nundated;
	for (size_t k = 0; k < cp->nitems; k++) {
		const struct sl_colitem *it = &cp->items[k];
		if (sl_colmodel_item_is_template(m, d, it))
			continue;
		col->nitems++;
		struct sl_date date;
		if (!sl_colmodel_item_date(m, d, it, &date) || sl_date_days(&date) > m->as_of_days)
			continue;
		if (!col->has_newest || sl_date_cmp(&date, &col->newest) > 0) {
			col->has_newest = true;
			col->newest = date;
			col->newest_doc = d;
			col->newest_item = it;
		}
	}
}

static void
take_text(struct sl_colmodel *m, struct sl_column *col, const struct sl_doc *d)
{
	const struct sl_colpage *cp = d->colpage;
	col->own_chars += cp->extra_chars;
	for (size_t k = 0; k < cp->nruns; k++) {
		const struct sl_colrun *r = &cp->runs[k];
		if (is_template(m, r->hash))
			continue;
		if (r->kind == SL_CR_TEXT)
			col->own_chars += r->chars;
		else if (r->kind == SL_CR_EXEMPT)
			col->exempt = true;
		else if (col->placeholder_doc == NULL)
			col->placeholder_doc = d;
	}
}

/* Counts the page's own links (pager links to the same column aside) and
 * its distinct links to other columns: own links to any column, and
 * navigation links to columns in the page's sub-folders. */
static void
take_links(struct sl_colmodel *m, struct sl_column *col, const struct sl_doc *d,
           const struct sl_column **seen, size_t *nseen)
{
	const struct sl_colpage *cp = d->colpage;
	for (size_t i = 0, k = 0; i < d->nlinks; i++) {
		const struct sl_doc_link *l = d->links[i];
		bool own = k < cp->nown_links && cp->own_links[k] == i;
		k += own;
		bool subnav = (l->flags & SL_IN_NAV) && !(l->flags & (SL_IN_HEADER | SL_IN_FOOTER));
		if ((!own && !subnav) || is_template(m, link_key(l)))
			continue;
		const struct sl_doc *t = sl_colmodel_resolve(m, d, l->url);
		size_t ti = t ? sl_colmodel_doc_index(m, t) : SIZE_MAX;
		const struct sl_column *tc = ti != SIZE_MAX ? m->col_of[ti] : NULL;
		if (tc == col || t == d)
			continue;
		col->own_links += own;
		if (tc == NULL || (!own && strncmp(tc->key, col->key, strlen(col->key)) != 0))
			continue;
		bool dup = false;
		for (size_t j = 0; j < *nseen && !dup; j++)
			dup = seen[j] == tc;
		if (!dup && *nseen < 64)
			seen[(*nseen)++] = tc;
	}
}

static void
fill_column(struct sl_colmodel *m, struct sl_column *col)
{
	const struct sl_column *seen[64];
	size_t nseen = 0;
	name_column(m, col);
	for (size_t i = 0; i < col->npages; i++) {
		take_items(m, col, col->pages[i]);
		take_text(m, col, col->pages[i]);
		take_links(m, col, col->pages[i], seen, &nseen);
	}
	col->sub_columns = nseen;
	col->hub = nseen >= 2;
}

/* --- the model ------------------------------------------------------------ */

void
sl_colmodel_build(struct sl_colmodel *m, const struct sl_site_check *c)
{
	memset(m, 0, sizeof *m);
	m->c = c;
	sl_config_init(&m->defaults);
	m->cfg = c->cfg ? c->cfg : &m->defaults;
	m->w = sl_colwords_get();
	m->as_of = sl_date_ymd(c->as_of / 10000, c->as_of / 100 % 100, c->as_of % 100);
	m->as_of_days = sl_date_days(&m->as_of);
	m->ref = sl_malloc(sizeof *m->ref);
	m->col_of = sl_calloc(c->site->ndocs ? c->site->ndocs : 1, sizeof *m->col_of);
	m->hosts = *m->c->hosts;
	count_template(m);
	declared_columns(m);
	nav_walk(m);
	free(m->kindex);   /* assign_pages() sorts the columns: keys move */
	m->kindex = NULL;
	m->kcap = 0;
	assign_pages(m);
	size_t n = 0;
	for (size_t i = 0; i < m->ncols; i++) {
		if (m->cols[i].npages == 0) {   /* linked, but no usable page */
			free(m->cols[i].key);
			free(m->cols[i].link_text);
			continue;
		}
		m->cols[n++] = m->cols[i];
	}
	m->ncols = n;
	/* Pointers into cols are stable from here on. */
	for (size_t i = 0; i < c->site->ndocs; i++)
		m->col_of[i] = NULL;
	for (size_t i = 0; i < m->ncols; i++)
		for (size_t k = 0; k < m->cols[i].npages; k++)
			m->col_of[sl_colmodel_doc_index(m, m->cols[i].pages[k])] = &m->cols[i];
	for (size_t i = 0; i < m->ncols; i++)
		fill_column(m, &m->cols[i]);
}

struct sl_column *
sl_colmodel_column_of(const struct sl_colmodel *m, const struct sl_doc *doc)
{
	size_t i = sl_colmodel_doc_index(m, doc);
	return i == SIZE_MAX ? NULL : m->col_of[i];
}

void
sl_colmodel_free(struct sl_colmodel *m)
{
	for (size_t i = 0; i < m->ncols; i++) {
		free(m->cols[i].key);
		free(m->cols[i].name);
		free(m->cols[i].link_text);
		free(m->cols[i].pages);
	}
	free(m->cols);
	free(m->col_of);
	free(m->tkeys);
	free(m->tcounts);
	free(m->kindex);
	free(m->ref);
	sl_config_free(&m->defaults);
	memset(m, 0, sizeof *m);
}
