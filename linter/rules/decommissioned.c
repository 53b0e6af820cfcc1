/*
 * rules/decommissioned.c - links/decommissioned: links to sites that were
 * closed or moved.
 *
 * The hosts come from the `decommissioned` lines of sitelint.conf (first)
 * and the bundled list dictionaries/decommissioned-hosts.txt.  Every
 * reference of every page is resolved as links/broken resolves it; one
 * that leaves the site for such a host is reported at its attribute, with
 * the host's new address as the fix-it when the list gives one.
 */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "landmarks.h"
#include "sitedata.h"
#include "url.h"
#include "util.h"

/* The new address for KEY (a normalized host) when it is listed: *TO is
 * set (maybe to NULL) and true returned. */
static bool
listed(const struct sl_site_check *c, const char *host, const char **to)
{
	char key[SL_URL_HOST_MAX + 1], pat[SL_URL_HOST_MAX + 1];
	if (!sl_sitedata_host_key(host, key, sizeof key))
		return false;
	for (size_t i = 0; c->cfg != NULL && i < c->cfg->nmoved; i++) {
		const struct sl_config_moved *m = &c->cfg->moved[i];
		if (sl_sitedata_host_key(m->host, pat, sizeof pat) &&
		    sl_sitedata_host_matches(pat, key)) {
			*to = m->to;
			return true;
		}
	}
	const struct sl_moved_host *m = sl_sitedata_moved(c->opts->sitedata, host);
	if (m != NULL)
		*to = m->to;
	return m != NULL;
}

/* Site check: references to closed or moved hosts. */
void
sl_check_links_decommissioned(struct sl_site_check *c)
{
	if ((c->cfg == NULL || c->cfg->nmoved == 0) && sl_sitedata_nmoved(c->opts->sitedata) == 0)
		return;
	struct sl_site_hosts hosts;
	struct sl_url_ref *ref = sl_malloc(sizeof *ref);
	sl_site_own_hosts(c, &hosts);
	struct sl_emit e = { c->out, c->lang, "", NULL, false };
	for (size_t i = 0; i < c->site->ndocs; i++) {
		const struct sl_doc *d = c->site->docs[i];
		e.file = d->path;
		for (size_t k = 0; k < d->nlinks; k++) {
			const struct sl_doc_link *l = d->links[k];
			const char *to = NULL;
			sl_url_resolve(d->path, d->base_href, l->url, &hosts, c->root_prefix, ref);
			if (ref->kind != SL_URL_EXTERNAL || !listed(c, ref->host, &to))
				continue;
			char *extra = to == NULL ? sl_strdup("")
			              : c->lang == SL_LANG_ZH ? sl_aprintf("，内容已迁至 %s", to)
			                                      : sl_aprintf("; its content is now at %s", to);
			SL_EMIT(&e, SL_R_LINKS_DECOMMISSIONED, &l->span, to, ref->host, extra);
			free(extra);
		}
	}
	free(ref);
}
