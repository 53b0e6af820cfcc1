/*
 * rules/site.c - the site as a whole: site/unreachable.
 */
#include <stdio.h>
#include <string.h>

#include "rules.h"
#include "util.h"

void
sl_check_site_unreachable(struct sl_site_check *c)
{
	struct sl_emit e = { c->out, c->lang, "", NULL, false };
	const struct sl_doc *h = c->home;
	char msg[512];

	if (h == NULL) {
		snprintf(msg, sizeof msg,
		         SL_TR(c->lang, "no home page: %s not found in the snapshot",
		               "没有首页：快照中找不到 %s"),
		         c->home_path ? c->home_path
		                      : "index.html, index.htm, index.shtml, default.html, default.htm");
		SL_EMIT(&e, SL_R_SITE_UNREACHABLE, NULL, NULL, msg);
		return;
	}
	e.file = h->path;
	struct sl_span s;
	s.start = (struct sl_pos){ 1, 1, 1, 1 };
	s.end = s.start;
	if (h->http_status >= 400) {
		snprintf(msg, sizeof msg,
		         SL_TR(c->lang, "the home page answered HTTP %d",
		               "首页返回 HTTP %d 错误"),
		         h->http_status);
		SL_EMIT(&e, SL_R_SITE_UNREACHABLE, &s, NULL, msg);
	} else if (h->size == 0) {
		SL_EMIT(&e, SL_R_SITE_UNREACHABLE, &s, NULL,
		        sl_tr(c->lang, "the home page is empty (0 bytes)", "首页为空（0 字节）"));
	} else if (h->looks_error) {
		snprintf(msg, sizeof msg,
		         SL_TR(c->lang, "the home page is an error page (\"%s\")",
		               "首页是错误页面（“%s”）"),
		         h->title ? h->title : "");
		SL_EMIT(&e, SL_R_SITE_UNREACHABLE, &s, NULL, msg);
	} else if (!h->is_html) {
		SL_EMIT(&e, SL_R_SITE_UNREACHABLE, &s, NULL,
		        sl_tr(c->lang, "the home page is not an HTML page", "首页不是 HTML 页面"));
	} else if (!h->has_text && h->nlinks == 0) {
		SL_EMIT(&e, SL_R_SITE_UNREACHABLE, &s, NULL,
		        sl_tr(c->lang, "the home page shows nothing: no text and no links",
		              "首页没有任何内容：既无文字也无链接"));
	}
}
