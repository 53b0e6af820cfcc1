/*
 * rules/columns_required.c - site/missing-column: the columns a
 * government site of its profile (portal, department, township) must have.
 *
 * The list is data (dictionaries/columns-required.txt): per column a name
 * and synonyms.  A column is present when a page of the site names it:
 * the text of a link that goes somewhere, a ColumnName meta, or one part
 * of a page title between separators (工作动态_沧岚县人民政府).  Texts are
 * compared after dropping blanks and the brackets, arrows and colons
 * around them; a name of four or more characters also matches at the
 * end of a longer text (县政府信息公开指南), a shorter one only whole, so
 * that 文件 does not match every 关于印发……的文件.  A missing column is
 * reported on the home page, at its navigation when it has one.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "landmarks.h"
#include "sitedata.h"
#include "util.h"

#define KEY_MAX 256

/* Characters dropped around a name: blanks, brackets, arrows, colons. */
static bool
is_trim_cp(uint32_t cp)
{
	static const uint32_t cps[] = {
		0x3010, 0x3011, 0x300A, 0x300B, 0x3008, 0x3009, 0xFF08, 0xFF09, 0xFF3B,
		0xFF3D, 0x00BB, 0x00AB, 0x203A, 0x2039, 0xFF1A, 0x00B7, 0x2022, 0x3001,
		0x201C, 0x201D, 0x2018, 0x2019, 0x25B6, 0x25BA, 0x2192, 0xFF1E, 0xFF1C,
	};
	if (cp < 0x80)
		return cp <= ' ' || (cp < 0x7F && !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
		                                  (cp >= 'A' && cp <= 'Z')));
	for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++)
		if (cps[i] == cp)
			return true;
	return false;
}

static bool
is_blank_cp(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 || cp == 0x3000;
}

/* Writes the comparison key of the LEN bytes at S into OUT (KEY_MAX):
 * blanks removed, trim characters dropped at both ends. */
static void
make_key(const char *s, size_t len, char *out)
{
	size_t o = 0, keep = 0;   /* KEEP: the end of the last non-trim char */
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = (size_t)sl_utf8_decode((const unsigned char *)s + i, len - i, &cp);
		if (!is_blank_cp(cp) && !(o == 0 && is_trim_cp(cp)) && o + k < KEY_MAX) {
			memcpy(out + o, s + i, k);
			o += k;
			if (!is_trim_cp(cp))
				keep = o;
		}
		i += k;
	}
	out[keep] = '\0';
}

static size_t
code_points(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* KEY is K bytes long. */
static bool
name_matches(const char *key, size_t k, const char *name)
{
	size_t n = strlen(name);
	if (k == n)
		return memcmp(key, name, n) == 0;
	return k > n && memcmp(key + k - n, name, n) == 0 && code_points(name) >= 4;
}

struct want {
	const struct sl_required_column *col;
	bool found;
};

/* Marks the columns TEXT (LEN bytes) names; returns how many are left. */
static size_t
mark(struct want *w, size_t nw, size_t left, const char *text, size_t len)
{
	char key[KEY_MAX];
	make_key(text, len, key);
	if (key[0] == '\0')
		return left;
	size_t klen = strlen(key);
	for (size_t i = 0; i < nw; i++) {
		for (size_t k = 0; !w[i].found && k < w[i].col->nnames; k++) {
			if (name_matches(key, klen, w[i].col->names[k])) {
				w[i].found = true;
				left--;
			}
		}
	}
	return left;
}

/* Title separators: _ - | and their full-width and typographic kin. */
static size_t
title_sep_at(const char *s)
{
	static const char *const seps[] = { "_", "-", "|", "\xE2\x80\x94", "\xE2\x80\x93",
	                                    "\xC2\xB7", "\xEF\xBD\x9C", "\xEF\xBC\x8D" };
	if (strchr("_-|\xE2\xC2\xEF", *s) == NULL)
		return 0;   /* the first bytes of the separators (and the NUL) */
	for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++)
		if (strncmp(s, seps[i], strlen(seps[i])) == 0)
			return strlen(seps[i]);
	return 0;
}

static size_t
mark_title(struct want *w, size_t nw, size_t left, const char *title)
{
	const char *seg = title, *p = title;
	while (left > 0) {
		size_t k = *p ? title_sep_at(p) : 1;
		if (k > 0) {
			left = mark(w, nw, left, seg, (size_t)(p - seg));
			if (*p == '\0')
				break;
			seg = p + k;
			p += k;
		} else {
			p++;
		}
	}
	return left;
}

static bool
goes_somewhere(const char *url)
{
	return url[0] != '\0' && strcmp(url, "#") != 0 && !sl_ascii_istarts(url, "javascript:");
}

/* The texts marked already.  Link texts and meta contents are the site's
 * one copy of each string (site.h), so a text seen before is the same
 * pointer, and marking it again would find nothing new. */
struct seen {
	const char **slots;
	size_t cap, n;
};

static bool
seen_add(struct seen *s, const char *text)
{
	if (2 * (s->n + 1) > s->cap) {
		struct seen g = { sl_calloc(s->cap ? s->cap * 2 : 1024, sizeof *g.slots),
		                  s->cap ? s->cap * 2 : 1024, 0 };
		for (size_t i = 0; i < s->cap; i++)
			if (s->slots[i] != NULL)
				seen_add(&g, s->slots[i]);
		free(s->slots);
		*s = g;
	}
	size_t k = (size_t)(((uintptr_t)text >> 3) * 0x9E3779B97F4A7C15ull >> 20) & (s->cap - 1);
	for (; s->slots[k] != NULL; k = (k + 1) & (s->cap - 1))
		if (s->slots[k] == text)
			return false;
	s->slots[k] = text;
	s->n++;
	return true;
}

static size_t
mark_doc(struct want *w, size_t nw, size_t left, const struct sl_doc *d, struct seen *seen)
{
	for (size_t i = 0; i < d->nlinks && left > 0; i++) {
		const struct sl_doc_link *l = d->links[i];
		if (l->kind == SL_LINK_A && l->text != NULL && goes_somewhere(l->url) &&
		    seen_add(seen, l->text))
			left = mark(w, nw, left, l->text, strlen(l->text));
	}
	const struct sl_doc_meta *m = sl_doc_meta(d, "ColumnName");
	if (m != NULL && left > 0 && seen_add(seen, m->content))
		left = mark(w, nw, left, m->content, strlen(m->content));
	if (d->title != NULL && left > 0)
		left = mark_title(w, nw, left, d->title);
	return left;
}

static void
report(struct sl_site_check *c, const struct sl_required_column *col, enum sl_profile prof)
{
	static const char *const kind[2][3] = {
		{ "government portal", "department site", "township site" },
		{ "门户网站", "部门网站", "乡镇（街道）网站" },
	};
	bool zh = c->lang == SL_LANG_ZH;
	struct sl_buf also;
	sl_buf_init(&also, 1024);
	for (size_t k = 1; k < col->nnames; k++)
		sl_buf_printf(&also, "%s%s", k == 1 ? (zh ? "（也可名为 " : " (also as ")
		                                    : (zh ? "、" : ", "), col->names[k]);
	if (col->nnames > 1)
		sl_buf_puts(&also, zh ? "）" : ")");
	const struct sl_landmarks *lm = c->home->landmarks;
	struct sl_span s = sl_span_or_start(lm != NULL && lm->has_nav, lm ? &lm->nav : NULL);
	struct sl_emit e = { c->out, c->lang, c->home->path, NULL, false };
	SL_EMIT(&e, SL_R_SITE_MISSING_COLUMN, &s, NULL, col->names[0], kind[zh][prof],
	        also.data ? also.data : "");
	sl_buf_free(&also);
}

/* Site check: every column the site's profile requires is named somewhere. */
void
sl_check_site_columns(struct sl_site_check *c)
{
	if (!sl_site_judge_home(c))
		return;
	enum sl_profile prof = c->cfg ? c->cfg->profile : SL_PROFILE_PORTAL;
	size_t ncols, nw = 0;
	const struct sl_required_column *cols = sl_sitedata_columns(c->opts->sitedata, &ncols);
	struct want *w = sl_calloc(ncols ? ncols : 1, sizeof *w);
	for (size_t i = 0; i < ncols; i++)
		if (cols[i].profiles & (1u << prof))
			w[nw++].col = &cols[i];
	size_t left = nw;
	struct seen seen = { NULL, 0, 0 };
	for (size_t i = 0; i < c->site->ndocs && left > 0; i++)
		if (c->site->docs[i]->is_html)
			left = mark_doc(w, nw, left, c->site->docs[i], &seen);
	free(seen.slots);
	for (size_t i = 0; i < nw; i++)
		if (!w[i].found)
			report(c, w[i].col, prof);
	free(w);
}
