/*
 * identifiers.h - the identifiers a government site shows in its footer,
 * found in text and judged.
 *
 * Forms (DOMAIN.md; formats inferred from real footers):
 *   网站标识码  "网站标识码：5335270001": 10 digits (a 6-digit region code,
 *              whose first two digits are a province code, and 4 digits),
 *              or "bm" and 8 digits for State Council departments; it
 *              must equal the SiteIDCode meta;
 *   ICP备案号   "滇ICP备20007153号-1": a province abbreviation (简称),
 *              "ICP备", 4 to 12 digits, "号", optionally "-" and digits;
 *   公安机关备案号 "滇公网安备 53352702000117号": a 简称, "公网安备", an
 *              optional blank, 14 digits whose first two are the code of
 *              the 简称, "号".
 * The fourth identifier, the 党政机关网站标识, is markup (span#_ideConac
 * or a script), not text: rules/identity.c looks for it.
 *
 * The scanner is pure: no allocation, linear time, any bytes.
 */
#ifndef SL_IDENTIFIERS_H
#define SL_IDENTIFIERS_H

#include <stdbool.h>
#include <stddef.h>

#include "sitedata.h"

enum sl_ident_kind {
	SL_IDENT_SITECODE,   /* 网站标识码 */
	SL_IDENT_ICP,        /* ICP备案号 */
	SL_IDENT_POLICE,     /* 公安机关备案号 */
	SL_IDENT_CONAC,      /* 党政机关网站标识 */
	SL_IDENT_COUNT
};

/* One identifier found in text. */
struct sl_ident_match {
	enum sl_ident_kind kind;
	size_t start, end;   /* bytes [start,end): the identifier as written
	                        (for a 网站标识码 label with no code after it,
	                        the label) */
	bool well_formed;    /* the form is right (what the province table
	                        says is judged by sl_ident_judge) */
};

typedef void (*sl_ident_fn)(void *ctx, const struct sl_ident_match *m);

/* Calls FN(CTX, match) for each identifier in the LEN bytes at TEXT, in
 * text order.  A "ICP备案号" label is not an identifier; the number that
 * follows it is. */
void sl_ident_scan(const char *text, size_t len, sl_ident_fn fn, void *ctx);

/* What is wrong with an identifier. */
enum sl_ident_problem {
	SL_IDP_OK,
	SL_IDP_FORM,           /* not in the form above */
	SL_IDP_PROVINCE,       /* the 简称 (or the 网站标识码's province code)
	                          is not in the province table */
	SL_IDP_MISMATCH,       /* 公网安备: the code is not the 简称's */
	SL_IDP_META,           /* 网站标识码 differs from the SiteIDCode meta */
};

/* Judges the identifier TEXT (NUL-terminated, as written) of KIND
 * against the province table of DATA (may be NULL: not checked) and the
 * SiteIDCode meta SITE_ID_META (may be NULL). */
enum sl_ident_problem sl_ident_judge(enum sl_ident_kind kind, const char *text,
                                     const struct sl_sitedata *data,
                                     const char *site_id_meta);

/* True when S (NUL-terminated; surrounding ASCII blanks allowed) is a
 * 网站标识码 in form: 10 ASCII digits, or "bm" and 8 digits. */
bool sl_ident_sitecode_form(const char *s);

#endif
