/*
 * rules/forms.c - downloads (附件): forms/missing, forms/empty and
 * forms/corrupt at every link to a download, then the column checks
 * (forms_columns.c).
 *
 * A link is a download when its target's name has an extension of
 * dictionaries/attachment-types.txt, when the WARC served its target with
 * such a Content-Type, or when its text says so (下载, 附件) and its URL
 * is not a page or a folder.  A missing download is forms/missing, not
 * links/broken (links.c asks sl_forms_is_download_link()).  What the
 * target's bytes are was found in the worker (filecheck.h) and kept in
 * its record.  Each page reports each target once, at its first link.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "filecheck.h"
#include "forms_impl.h"
#include "util.h"


static const char *const page_exts[] = { "html", "htm", "shtml", "shtm", "xhtml" };

/* True when the last segment of PATH names a page or a folder. */
static bool
names_page(const struct sl_url_ref *ref)
{
	if (ref->is_dir)
		return true;
	const char *seg = strrchr(ref->path, '/');
	seg = seg ? seg + 1 : ref->path;
	const char *dot = strrchr(seg, '.');
	if (dot == NULL)
		return !ref->has_query;   /* "files/abc": a folder's index */
	for (size_t i = 0; i < sizeof page_exts / sizeof page_exts[0]; i++)
		if (sl_ascii_ieq(dot + 1, page_exts[i]))
			return true;
	return false;
}

static bool
is_download(const struct sl_formsdict *d, const struct sl_doc_link *l,
            const struct sl_url_ref *ref, const struct sl_doc *target)
{
	if (d == NULL || (l->kind != SL_LINK_A && l->kind != SL_LINK_FRAME) ||
	    ref->kind != SL_URL_INTERNAL)
		return false;
	if (sl_formsdict_by_path(d, ref->path) != NULL || (target != NULL && target->file != NULL))
		return true;
	if (target != NULL && target->is_html && target->http_status < 400 && !target->looks_error)
		return false;             /* a page, say a 下载中心 column */
	return !(l->flags & (SL_IN_NAV | SL_IN_HEADER | SL_IN_FOOTER)) &&
	       sl_formsdict_contains(d, SL_FL_DOWNLOAD, l->text) && !names_page(ref);
}

bool
sl_forms_is_download_link(const struct sl_doc_link *l, const struct sl_url_ref *ref,
                          const struct sl_doc *target)
{
	return is_download(sl_formsdict_bundled(), l, ref, target);
}

/* --- resolving ------------------------------------------------------- */

const struct sl_doc *
sl_forms_target(struct sl_forms_ctx *x, const struct sl_doc *page, const struct sl_doc_link *l)
{
	sl_url_resolve(page->path, page->base_href, l->url, &x->hosts, x->c->root_prefix, &x->ref);
	if (x->ref.kind != SL_URL_INTERNAL)
		return NULL;
	const struct sl_doc *d = sl_site_find_link(x->c->site, x->ref.path, x->ref.is_dir);
	return sl_site_follow(x->c->site, d, &x->hosts, x->c->root_prefix, &x->ref2);
}

static int
cmp_doc_path(const void *key, const void *elem)
{
	return strcmp(key, (*(struct sl_doc *const *)elem)->path);
}

size_t
sl_forms_doc_index(const struct sl_forms_ctx *x, const struct sl_doc *doc)
{
	const struct sl_site *s = x->c->site;
	struct sl_doc *const *p = bsearch(doc->path, s->docs, s->ndocs, sizeof *s->docs,
	                                  cmp_doc_path);
	return p ? (size_t)(p - s->docs) : 0;
}

/* --- findings --------------------------------------------------------- */

/* The extension the link promised, for "not a .doc": the URL's, else
 * the one of the target's Content-Type. */
static void
promised_ext(const struct sl_forms_ctx *x, const struct sl_doc *t, char *out, size_t size)
{
	const struct sl_forms_type *ft = sl_formsdict_by_path(x->d, x->ref.path);
	if (ft == NULL)
		ft = sl_formsdict_by_ctype(x->d, t->content_type);
	snprintf(out, size, "%s", ft ? ft->ext : "");
}

static void
check_download(struct sl_forms_ctx *x, const struct sl_doc_link *l, const struct sl_doc *t)
{
	if (!sl_strset_add(&x->seen, x->ref.path))
		return;
	if (t == NULL || t->http_status >= 400) {
		char extra[64] = "";
		if (t != NULL)
			snprintf(extra, sizeof extra, x->e.lang == SL_LANG_ZH ? "（HTTP %d）" : " (HTTP %d)",
			         t->http_status);
		SL_EMIT(&x->e, SL_R_FORMS_MISSING, &l->span, NULL, l->url, extra);
	} else if (t->size == 0) {
		SL_EMIT(&x->e, SL_R_FORMS_EMPTY, &l->span, NULL, l->url);
	} else if (t->file != NULL && t->file->problem != SL_FP_NONE) {
		char ext[32];
		promised_ext(x, t, ext, sizeof ext);
		char *what = sl_filecheck_describe(t->file, ext, x->e.lang);
		SL_EMIT(&x->e, SL_R_FORMS_CORRUPT, &l->span, NULL, l->url, what);
		free(what);
	}
}

static void
check_page(struct sl_forms_ctx *x, size_t index)
{
	const struct sl_doc *page = x->c->site->docs[index];
	x->e.file = page->path;
	for (size_t k = 0; k < page->nlinks; k++) {
		const struct sl_doc_link *l = page->links[k];
		if (l->kind != SL_LINK_A && l->kind != SL_LINK_FRAME)
			continue;
		const struct sl_doc *t = sl_forms_target(x, page, l);
		if (!is_download(x->d, l, &x->ref, t))
			continue;
		x->offers[index] = 1;
		check_download(x, l, t);
	}
	sl_strset_clear(&x->seen);
}

void
sl_check_forms(struct sl_site_check *c)
{
	const struct sl_formsdict *d = sl_formsdict_bundled();
	if (d == NULL)
		return;
	struct sl_forms_ctx *x = sl_calloc(1, sizeof *x);
	x->c = c;
	x->d = d;
	x->e = (struct sl_emit){ c->out, c->lang, "", NULL, false };
	x->offers = sl_calloc(c->site->ndocs ? c->site->ndocs : 1, 1);
	x->hosts = *x->c->hosts;
	for (size_t i = 0; i < c->site->ndocs; i++)
		if (c->site->docs[i]->is_html && c->site->docs[i]->nlinks > 0)
			check_page(x, i);
	sl_forms_check_columns(x);
	sl_strset_free(&x->seen);
	free(x->offers);
	free(x);
}
