/*
 * rules/meta.c - pages/missing-metadata: the meta tags of the 政府网站
 * 网页设计规范 (国办发〔2017〕47号) by kind of page, and malformed ones.
 *
 * Kinds, decided in this order:
 *   home     the home page: SiteName, SiteDomain, SiteIDCode;
 *   article  a page whose path carries a day (t20170324_123.html,
 *            /2017/3/24/, see dates.h), or that has an ArticleTitle or
 *            PubDate meta: ArticleTitle, PubDate, ContentSource;
 *   column   a page with a ColumnName meta, or a column index
 *            (index.html, index_1.html ... default.html) in a folder that
 *            a navigation link of some page leads to: ColumnName,
 *            ColumnType.
 * Other pages (a leader's profile, a hub the navigation does not reach)
 * are not judged.  A page linted on its own is never the home page.  An empty meta counts as missing.  Malformed: a PubDate
 * not written yyyy-MM-dd HH:mm (24-hour) or not a real date, and a
 * SiteIDCode that is not 10 digits or bm and 8 digits, on any page.
 * Only government sites are judged (landmarks.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "dates.h"
#include "identifiers.h"
#include "landmarks.h"
#include "url.h"
#include "util.h"

enum kind { K_HOME, K_ARTICLE, K_COLUMN, K_NONE };

static const char *const required[3][4] = {
	{ "SiteName", "SiteDomain", "SiteIDCode", NULL },
	{ "ArticleTitle", "PubDate", "ContentSource", NULL },
	{ "ColumnName", "ColumnType", NULL, NULL },
};

/* The folders navigation links lead to, sorted, for column indexes. */
struct folders {
	char **v;
	size_t n, cap;
};

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
add_folder(struct folders *f, const char *path, size_t len)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 32;
		f->v = sl_realloc(f->v, f->cap * sizeof *f->v);
	}
	f->v[f->n++] = sl_strndup(path, len);
}

/* The folder of PATH: everything before its last '/' ("" at the root). */
static size_t
folder_len(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? (size_t)(slash - path) : 0;
}

static void
collect_folders(const struct sl_site_check *c, struct folders *f)
{
	struct sl_site_hosts hosts;
	struct sl_url_ref *ref = sl_malloc(sizeof *ref);
	sl_site_own_hosts(c, &hosts);
	for (size_t i = 0; i < c->site->ndocs; i++) {
		const struct sl_doc *d = c->site->docs[i];
		for (size_t k = 0; k < d->nlinks; k++) {
			const struct sl_doc_link *l = d->links[k];
			if (l->kind != SL_LINK_A || !(l->flags & SL_IN_NAV))
				continue;
			sl_url_resolve(d->path, d->base_href, l->url, &hosts, c->root_prefix, ref);
			if (ref->kind != SL_URL_INTERNAL)
				continue;
			const char *last = strrchr(ref->path, '/');
			last = last ? last + 1 : ref->path;
			if (ref->is_dir || strchr(last, '.') == NULL)
				add_folder(f, ref->path, strlen(ref->path));
			else
				add_folder(f, ref->path, folder_len(ref->path));
		}
	}
	free(ref);
	if (f->n > 1)
		qsort(f->v, f->n, sizeof *f->v, cmp_str);
}

static void
free_folders(struct folders *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->v[i]);
	free(f->v);
}

/* index.html, index.htm, index.shtml, index_3.html, default.htm(l). */
static bool
is_index_name(const char *name)
{
	const char *p;
	if (strncmp(name, "index", 5) == 0) {
		p = name + 5;
		if (*p == '_') {
			size_t d = strspn(p + 1, "0123456789");
			if (d == 0)
				return false;
			p += 1 + d;
		}
	} else if (strncmp(name, "default", 7) == 0) {
		p = name + 7;
	} else {
		return false;
	}
	return strcmp(p, ".html") == 0 || strcmp(p, ".htm") == 0 || strcmp(p, ".shtml") == 0;
}

static bool
is_column_index(const struct folders *f, const char *path)
{
	size_t n = folder_len(path);
	if (f->n == 0 || !is_index_name(path + n + (n > 0)))
		return false;
	char *dir = sl_strndup(path, n);
	bool found = bsearch(&dir, f->v, f->n, sizeof *f->v, cmp_str) != NULL;
	free(dir);
	return found;
}

static bool
has_meta(const struct sl_doc *d, const char *name)
{
	const struct sl_doc_meta *m = sl_doc_meta(d, name);
	return m != NULL && m->content[0] != '\0';
}

/* The kind of D; HOME is the home page when it is judged as one. */
static enum kind
page_kind(const struct sl_doc *home, const struct folders *f, const struct sl_doc *d)
{
	struct sl_date date;
	bool has_day = false;
	if (d == home)
		return K_HOME;
	if ((sl_date_from_url(d->path, &date, &has_day) && has_day) ||
	    sl_doc_meta(d, "ArticleTitle") != NULL || sl_doc_meta(d, "PubDate") != NULL)
		return K_ARTICLE;
	if (sl_doc_meta(d, "ColumnName") != NULL || is_column_index(f, d->path))
		return K_COLUMN;
	return K_NONE;
}

static void
check_missing(struct sl_emit *e, const struct sl_doc *d, enum kind k)
{
	static const char *const kind_name[2][3] = {
		{ "home page", "article page", "column page" },
		{ "首页", "文章页", "栏目页" },
	};
	bool zh = e->lang == SL_LANG_ZH;
	char list[128] = "";
	size_t len = 0, n = 0;
	for (int i = 0; required[k][i] != NULL; i++) {
		if (has_meta(d, required[k][i]))
			continue;
		int w = snprintf(list + len, sizeof list - len, "%s%s",
		                 n == 0 ? "" : zh ? "、" : ", ", required[k][i]);
		if (w > 0 && (size_t)w < sizeof list - len)
			len += (size_t)w;
		n++;
	}
	if (n == 0)
		return;
	const struct sl_landmarks *lm = d->landmarks;
	struct sl_span s = lm ? lm->title : sl_span_file_start();
	char *msg = zh ? sl_aprintf("%s缺少元数据 %s", kind_name[1][k], list)
	               : sl_aprintf("%s lacks the meta tag%s %s", kind_name[0][k],
	                            n > 1 ? "s" : "", list);
	SL_EMIT(e, SL_R_PAGES_MISSING_METADATA, &s, NULL, msg);
	free(msg);
}

/* A PubDate not written yyyy-MM-dd HH:mm, or not a real date/time. */
static void
check_pubdate(struct sl_emit *e, const struct sl_doc_meta *m)
{
	struct sl_date date;
	int hh = -1, mm = -1;
	bool well = false;
	bool read = sl_date_parse_pubdate(m->content, &date, &hh, &mm, &well);
	if (read && well && date.valid)
		return;
	bool zh = e->lang == SL_LANG_ZH;
	char *msg;
	if (read && !date.valid)
		msg = zh ? sl_aprintf("PubDate 元数据“%s”不是真实的日期", m->content)
		         : sl_aprintf("the PubDate meta '%s' is not a real date", m->content);
	else
		msg = zh ? sl_aprintf("PubDate 元数据“%s”的格式应为 yyyy-MM-dd HH:mm（24 小时制）",
		                      m->content)
		         : sl_aprintf("the PubDate meta '%s' is not written yyyy-MM-dd HH:mm (24-hour)",
		                      m->content);
	SL_EMIT(e, SL_R_PAGES_MISSING_METADATA, &m->span, NULL, msg);
	free(msg);
}

static void
check_doc(struct sl_site_check *c, const struct sl_doc *home, const struct folders *f,
          const struct sl_doc *d)
{
	struct sl_emit e = { c->out, c->lang, d->path, NULL, false };
	enum kind k = page_kind(home, f, d);
	if (k != K_NONE)
		check_missing(&e, d, k);
	const struct sl_doc_meta *m = sl_doc_meta(d, "PubDate");
	if (m != NULL && m->content[0] != '\0')
		check_pubdate(&e, m);
	m = sl_doc_meta(d, "SiteIDCode");
	if (m != NULL && m->content[0] != '\0' && !sl_ident_sitecode_form(m->content)) {
		char *msg = e.lang == SL_LANG_ZH
			? sl_aprintf("SiteIDCode 元数据“%s”应为 10 位数字或 bm 加 8 位数字", m->content)
			: sl_aprintf("the SiteIDCode meta '%s' is not 10 digits or bm and 8 digits",
			             m->content);
		SL_EMIT(&e, SL_R_PAGES_MISSING_METADATA, &m->span, NULL, msg);
		free(msg);
	}
}

/* Site check: every page of a government site carries the meta tags of
 * its kind, well formed. */
void
sl_check_pages_metadata(struct sl_site_check *c)
{
	if (!sl_site_is_government(c))
		return;
	struct folders f = { NULL, 0, 0 };
	const struct sl_doc *home = sl_site_html_pages(c->site) >= 2 ? c->home : NULL;
	collect_folders(c, &f);
	for (size_t i = 0; i < c->site->ndocs; i++) {
		const struct sl_doc *d = c->site->docs[i];
		if (d->is_html && d->size > 0 && !d->looks_error && d->http_status < 300)
			check_doc(c, home, &f, d);
	}
	free_folders(&f);
}
