/*
 * rules/links.c - links/broken, links/broken-anchor, links/placeholder.
 *
 * Every link of every page is resolved as a browser would (url.h) against
 * the site model; targets are never fetched.  A page reports each distinct
 * broken target once, at its first link.
 */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "rules.h"
#include "url.h"
#include "util.h"


struct ctx {
	struct sl_site_check *c;
	struct sl_site_hosts hosts;
	struct sl_url_ref ref;       /* large: one per run, reused */
	struct sl_url_ref ref2;
	struct sl_emit e;
	struct sl_strset seen;       /* targets already reported on this page */
};

static void
report_broken(struct ctx *x, const struct sl_doc *page, const struct sl_doc_link *l,
              const struct sl_doc *target)
{
	if (!sl_strset_add(&x->seen, x->ref.path))
		return;
	char extra[64] = "";
	if (target != NULL)
		snprintf(extra, sizeof extra, x->e.lang == SL_LANG_ZH ? "（HTTP %d）" : " (HTTP %d)",
		         target->http_status);
	struct sl_diag *d = SL_EMIT(&x->e, SL_R_LINKS_BROKEN, &l->span, NULL, l->url, extra);
	if (page == x->c->home)
		d->severity = SL_SEV_ERROR;
}

static void
check_anchor(struct ctx *x, const struct sl_doc_link *l, const struct sl_doc *target)
{
	const char *frag = x->ref.fragment;
	if (frag[0] == '\0' || sl_ascii_ieq(frag, "top") || !target->is_html ||
	    target->http_status >= 300 || sl_doc_has_anchor(target, frag))
		return;
	char *key = sl_aprintf("%s#%s", target->path, frag);
	bool dup = !sl_strset_add(&x->seen, key);
	free(key);
	/* Named from the site root, as the link's author sees it. */
	const char *shown = target->path;
	size_t n = strlen(x->c->root_prefix);
	if (strncmp(shown, x->c->root_prefix, n) == 0)
		shown += n;
	if (!dup)
		SL_EMIT(&x->e, SL_R_LINKS_BROKEN_ANCHOR, &l->span, NULL, l->url, frag, shown);
}

static void
check_link(struct ctx *x, const struct sl_doc *page, const struct sl_doc_link *l)
{
	sl_url_resolve(page->path, page->base_href, l->url, &x->hosts, x->c->root_prefix, &x->ref);
	switch (x->ref.kind) {
	case SL_URL_PLACEHOLDER:
		if (l->kind == SL_LINK_A && (l->flags & (SL_IN_NAV | SL_IN_LIST)))
			SL_EMIT(&x->e, SL_R_LINKS_PLACEHOLDER, &l->span, NULL, l->url);
		return;
	case SL_URL_FRAGMENT_ONLY:
		check_anchor(x, l, page);
		return;
	case SL_URL_INTERNAL: {
		const struct sl_doc *t = sl_site_find_link(x->c->site, x->ref.path, x->ref.is_dir);
		t = sl_site_follow(x->c->site, t, &x->hosts, x->c->root_prefix, &x->ref2);
		if (t == NULL || t->http_status >= 400) {
			if (!sl_forms_is_download_link(l, &x->ref, t))   /* forms/missing's */
				report_broken(x, page, l, t);
		} else if (x->ref.has_fragment) {
			check_anchor(x, l, t);
		}
		return;
	}
	default:
		return;   /* external, special, invalid: never fetched here */
	}
}

void
sl_check_links(struct sl_site_check *c)
{
	struct ctx *x = sl_calloc(1, sizeof *x);
	x->c = c;
	x->e = (struct sl_emit){ c->out, c->lang, "", NULL, false };
	x->hosts = *c->hosts;
	for (size_t i = 0; i < c->site->ndocs; i++) {
		const struct sl_doc *page = c->site->docs[i];
		if (!page->is_html || page->nlinks == 0)
			continue;
		x->e.file = page->path;
		for (size_t k = 0; k < page->nlinks; k++)
			check_link(x, page, page->links[k]);
		sl_strset_clear(&x->seen);
	}
	sl_strset_free(&x->seen);
	free(x);
}
