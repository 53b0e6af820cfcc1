/*
 * rules/identity.c - site/missing-identifier: the 网站标识码, ICP备案号,
 * 公安机关备案号 and 党政机关网站标识 a government home page must show.
 *
 * The page check runs on every page (the home page is known only after
 * the stream) and keeps, per identifier, the best one seen with its
 * exact span (landmarks.h).  The site check judges the home page's:
 * missing, malformed, an unknown province, a police filing number whose
 * code is not its 简称's, a 网站标识码 that differs from the SiteIDCode
 * meta.  The formats are in identifiers.h; the province table is data
 * (dictionaries/provinces.txt).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "identifiers.h"
#include "landmarks.h"
#include "sitedata.h"
#include "util.h"

#define CONAC_ID "_ideConac"

struct scan {
	struct sl_page_check *c;
	struct sl_landmarks *lm;
	const struct sl_textrun *run;
};

/* Copies LEN bytes at S into OUT (SL_LANDMARK_TEXT_MAX), cut at a
 * character boundary. */
static void
keep_text(char *out, const char *s, size_t len)
{
	if (len >= SL_LANDMARK_TEXT_MAX) {
		len = SL_LANDMARK_TEXT_MAX - 1;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(out, s, len);
	out[len] = '\0';
}

static void
on_ident(void *vctx, const struct sl_ident_match *m)
{
	struct scan *x = vctx;
	struct sl_ident_seen *seen = &x->lm->ident[m->kind];
	if (seen->found && (seen->well_formed || !m->well_formed))
		return;   /* keep the first well-formed one, else the first */
	seen->found = true;
	seen->well_formed = m->well_formed;
	seen->span = sl_run_span(x->c->dec, x->run, m->start, m->end);
	keep_text(seen->text, x->run->text + m->start, m->end - m->start);
}

/* True when the URL names a host under conac.cn (the mark's own site). */
static bool
conac_url(const char *url)
{
	const char *p = strstr(url, "//");
	if (p == NULL)
		return false;
	p += 2;
	size_t n = strcspn(p, "/:?#");
	return (n == 8 && sl_ascii_nieq(p, "conac.cn", 8)) ||
	       (n > 9 && sl_ascii_nieq(p + n - 9, ".conac.cn", 9));
}

/* The 党政机关网站标识: a link (or script, image) to conac.cn as the
 * rendered mark has, or the unrun script that writes span#_ideConac.  An
 * element #_ideConac with neither is an empty mark (not well formed). */
static void
scan_conac(struct sl_page_check *c, struct sl_landmarks *lm)
{
	struct sl_ident_seen *seen = &lm->ident[SL_IDENT_CONAC];
	const struct sl_page *p = c->page;
	seen->well_formed = true;
	for (size_t i = 0; i < p->nlinks; i++) {
		if (p->links[i].url != NULL && conac_url(p->links[i].url)) {
			seen->span = p->links[i].span;
			goto found;
		}
	}
	if (p->scripts != NULL && strstr(p->scripts, CONAC_ID) != NULL) {
		seen->span = sl_span_or_start(lm->has_footer, &lm->footer);
		goto found;
	}
	seen->well_formed = false;
	for (size_t i = 0; i < p->nanchors; i++) {
		if (p->anchors[i].name != NULL && strcmp(p->anchors[i].name, CONAC_ID) == 0) {
			seen->span = p->anchors[i].span;
			goto found;
		}
	}
	return;
found:
	seen->found = true;
	snprintf(seen->text, sizeof seen->text, "%s", CONAC_ID);
}

/* Page check: the identifiers this page shows. */
void
sl_check_identity_scan(struct sl_page_check *c)
{
	struct scan x = { c, sl_landmarks_get(c->doc), NULL };
	for (size_t i = 0; i < c->page->nruns; i++) {
		x.run = &c->page->runs[i];
		if (!(x.run->flags & SL_IN_TITLE))
			sl_ident_scan(x.run->text, x.run->len, on_ident, &x);
	}
	scan_conac(c, x.lm);
}

static const char *const ident_name[2][SL_IDENT_COUNT] = {
	{ "网站标识码 (site identifier code)", "ICP备案号 (ICP filing number)",
	  "公安机关备案号 (public security filing number)",
	  "党政机关网站标识 (the mark of Party and government sites)" },
	{ "网站标识码", "ICP备案号", "公安机关备案号", "党政机关网站标识" },
};

static const char *const ident_form[2][SL_IDENT_COUNT] = {
	{ "10 digits (a 6-digit region code and 4 digits), or bm and 8 digits",
	  "a province abbreviation, ICP备, digits, 号 (滇ICP备05005020号-1)",
	  "a province abbreviation, 公网安备, 14 digits, 号 (滇公网安备 53010202000001号)",
	  "" },
	{ "10 位数字（6 位行政区划代码加 4 位顺序号），或 bm 加 8 位数字",
	  "省份简称 + ICP备 + 数字 + 号（如 滇ICP备05005020号-1）",
	  "省份简称 + 公网安备 + 14 位数字 + 号（如 滇公网安备 53010202000001号）",
	  "" },
};

/* The message for a problem P of identifier SEEN of KIND. */
static char *
problem_message(enum sl_lang lang, enum sl_ident_kind kind, const struct sl_ident_seen *seen,
                enum sl_ident_problem p, const char *meta)
{
	bool zh = lang == SL_LANG_ZH;
	const char *name = ident_name[zh][kind], *t = seen->text;
	switch (p) {
	case SL_IDP_FORM:
		if (kind == SL_IDENT_CONAC)
			return zh ? sl_aprintf("%s span#_ideConac 为空：既没有指向 bszs.conac.cn 的链接，"
			                       "也没有写出它的脚本", name)
			          : sl_aprintf("the %s span#_ideConac is empty: no link to bszs.conac.cn "
			                       "and no script that writes it", name);
		return zh ? sl_aprintf("%s“%s”格式有误，应为：%s", name, t, ident_form[1][kind])
		          : sl_aprintf("malformed %s '%s': expected %s", name, t, ident_form[0][kind]);
	case SL_IDP_PROVINCE:
		if (kind == SL_IDENT_SITECODE)
			return zh ? sl_aprintf("%s“%s”的前两位不是省级行政区划代码", name, t)
			          : sl_aprintf("%s '%s' does not start with a province code", name, t);
		return zh ? sl_aprintf("%s“%s”开头不是省份简称", name, t)
		          : sl_aprintf("%s '%s' does not start with a province abbreviation", name, t);
	case SL_IDP_MISMATCH: {
		const char *d = t + strcspn(t, "0123456789");
		uint32_t cp;
		int k = sl_utf8_decode((const unsigned char *)t, strlen(t), &cp);
		return zh ? sl_aprintf("%s“%s”的前两位 %.2s 不是“%.*s”的代码", name, t, d, k, t)
		          : sl_aprintf("%s '%s': its code %.2s is not the code of %.*s", name, t, d, k, t);
	}
	case SL_IDP_META:
		return zh ? sl_aprintf("%s“%s”与 SiteIDCode 元数据“%s”不一致", name, t, meta)
		          : sl_aprintf("%s '%s' differs from the SiteIDCode meta '%s'", name, t, meta);
	default:
		return NULL;
	}
}

/* Site check: the home page's identifiers. */
void
sl_check_site_identifier(struct sl_site_check *c)
{
	const struct sl_doc *home = c->home;
	if (!sl_site_judge_home(c))
		return;
	struct sl_emit e = { c->out, c->lang, home->path, NULL, false };
	const struct sl_landmarks *lm = home->landmarks;
	struct sl_landmarks none;
	if (lm == NULL) {
		memset(&none, 0, sizeof none);
		lm = &none;
	}
	const struct sl_doc_meta *meta = sl_doc_meta(home, "SiteIDCode");
	const char *meta_code = meta && sl_ident_sitecode_form(meta->content) ? meta->content : NULL;
	bool zh = c->lang == SL_LANG_ZH;
	for (int k = 0; k < SL_IDENT_COUNT; k++) {
		const struct sl_ident_seen *seen = &lm->ident[k];
		if (!seen->found) {
			struct sl_span s = sl_span_or_start(lm->has_footer, &lm->footer);
			char *msg = zh ? sl_aprintf("首页没有%s", ident_name[1][k])
			               : sl_aprintf("the home page shows no %s", ident_name[0][k]);
			SL_EMIT(&e, SL_R_SITE_MISSING_IDENTIFIER, &s, NULL, msg);
			free(msg);
			continue;
		}
		enum sl_ident_problem p = sl_ident_judge((enum sl_ident_kind)k, seen->text,
		                                         c->opts->sitedata, meta_code);
		if (k == SL_IDENT_CONAC && !seen->well_formed)
			p = SL_IDP_FORM;
		char *msg = problem_message(c->lang, (enum sl_ident_kind)k, seen, p, meta_code);
		if (msg != NULL)
			SL_EMIT(&e, SL_R_SITE_MISSING_IDENTIFIER, &seen->span, NULL, msg);
		free(msg);
	}
}
