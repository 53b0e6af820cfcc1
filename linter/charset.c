/*
 * charset.c - charset labels and where a page declares them: the WHATWG
 * Encoding label table, the Content-Type charset parameter, the HTML
 * standard's <meta> prescan of the first 1024 bytes, and ICU's detector
 * for pages that declare nothing.  Nothing here converts bytes; see
 * decode.c.
 */
#include "charset.h"
#include "decode.h"

#include <string.h>

#include <unicode/ucsdet.h>

enum enc {
	E_UTF8, E_IBM866, E_8859_2, E_8859_3, E_8859_4, E_8859_5, E_8859_6,
	E_8859_7, E_8859_8, E_8859_8I, E_8859_10, E_8859_13, E_8859_14,
	E_8859_15, E_8859_16, E_KOI8R, E_KOI8U, E_MAC, E_WIN874, E_WIN1250,
	E_WIN1251, E_WIN1252, E_WIN1253, E_WIN1254, E_WIN1255, E_WIN1256,
	E_WIN1257, E_WIN1258, E_MACCYR, E_GBK, E_GB18030, E_BIG5, E_EUCJP,
	E_ISO2022JP, E_SJIS, E_EUCKR, E_UTF16BE, E_UTF16LE, E_USERDEF
};

/* WHATWG name, ICU converter (NULL: decoded by decode.c itself).  Where
 * ICU's alias is ambiguous its canonical converter name is given. */
static const struct {
	const char *name;
	const char *icu;
} encodings[] = {
	[E_UTF8] = {"UTF-8", NULL},
	[E_IBM866] = {"IBM866", "ibm-866_P100-1995"},
	[E_8859_2] = {"ISO-8859-2", "ISO-8859-2"},
	[E_8859_3] = {"ISO-8859-3", "ISO-8859-3"},
	[E_8859_4] = {"ISO-8859-4", "ISO-8859-4"},
	[E_8859_5] = {"ISO-8859-5", "ISO-8859-5"},
	[E_8859_6] = {"ISO-8859-6", "ISO-8859-6"},
	[E_8859_7] = {"ISO-8859-7", "ISO-8859-7"},
	[E_8859_8] = {"ISO-8859-8", "ISO-8859-8"},
	[E_8859_8I] = {"ISO-8859-8-I", "ISO-8859-8"},
	[E_8859_10] = {"ISO-8859-10", "ISO-8859-10"},
	[E_8859_13] = {"ISO-8859-13", "ISO-8859-13"},
	[E_8859_14] = {"ISO-8859-14", "ISO-8859-14"},
	[E_8859_15] = {"ISO-8859-15", "ISO-8859-15"},
	[E_8859_16] = {"ISO-8859-16", "ISO-8859-16"},
	[E_KOI8R] = {"KOI8-R", "KOI8-R"},
	[E_KOI8U] = {"KOI8-U", "ibm-1168_P100-2002"},
	[E_MAC] = {"macintosh", "macos-0_2-10.2"},
	[E_WIN874] = {"windows-874", "windows-874-2000"},
	[E_WIN1250] = {"windows-1250", "ibm-5346_P100-1998"},
	[E_WIN1251] = {"windows-1251", "ibm-5347_P100-1998"},
	[E_WIN1252] = {"windows-1252", NULL},
	[E_WIN1253] = {"windows-1253", "ibm-5349_P100-1998"},
	[E_WIN1254] = {"windows-1254", "ibm-5350_P100-1998"},
	[E_WIN1255] = {"windows-1255", "ibm-9447_P100-2002"},
	[E_WIN1256] = {"windows-1256", "ibm-9448_X100-2005"},
	[E_WIN1257] = {"windows-1257", "ibm-9449_P100-2002"},
	[E_WIN1258] = {"windows-1258", "ibm-5354_P100-1998"},
	[E_MACCYR] = {"x-mac-cyrillic", "macos-7_3-10.2"},
	/* WHATWG: the GBK decoder is the gb18030 decoder. */
	[E_GBK] = {"GBK", "GB18030"},
	[E_GB18030] = {"gb18030", "GB18030"},
	[E_BIG5] = {"Big5", "windows-950-2000"},
	[E_EUCJP] = {"EUC-JP", "EUC-JP"},
	[E_ISO2022JP] = {"ISO-2022-JP", "ISO-2022-JP"},
	[E_SJIS] = {"Shift_JIS", "ibm-943_P15A-2003"},
	[E_EUCKR] = {"EUC-KR", "windows-949-2000"},
	[E_UTF16BE] = {"UTF-16BE", "UTF-16BE"},
	[E_UTF16LE] = {"UTF-16LE", "UTF-16LE"},
	[E_USERDEF] = {"x-user-defined", NULL},
};

/* The labels of the WHATWG Encoding Standard (lowercase).  The
 * "replacement" labels (iso-2022-cn, hz-gb-2312, ...) are left out on
 * purpose: a linter learns more from detection than from one U+FFFD. */
static const struct {
	const char *label;
	unsigned char enc;
} labels[] = {
	{"unicode-1-1-utf-8", E_UTF8}, {"unicode11utf8", E_UTF8},
	{"unicode20utf8", E_UTF8}, {"utf-8", E_UTF8}, {"utf8", E_UTF8},
	{"x-unicode20utf8", E_UTF8},
	{"866", E_IBM866}, {"cp866", E_IBM866}, {"csibm866", E_IBM866},
	{"ibm866", E_IBM866},
	{"csisolatin2", E_8859_2}, {"iso-8859-2", E_8859_2},
	{"iso-ir-101", E_8859_2}, {"iso8859-2", E_8859_2},
	{"iso88592", E_8859_2}, {"iso_8859-2", E_8859_2},
	{"iso_8859-2:1987", E_8859_2}, {"l2", E_8859_2}, {"latin2", E_8859_2},
	{"csisolatin3", E_8859_3}, {"iso-8859-3", E_8859_3},
	{"iso-ir-109", E_8859_3}, {"iso8859-3", E_8859_3},
	{"iso88593", E_8859_3}, {"iso_8859-3", E_8859_3},
	{"iso_8859-3:1988", E_8859_3}, {"l3", E_8859_3}, {"latin3", E_8859_3},
	{"csisolatin4", E_8859_4}, {"iso-8859-4", E_8859_4},
	{"iso-ir-110", E_8859_4}, {"iso8859-4", E_8859_4},
	{"iso88594", E_8859_4}, {"iso_8859-4", E_8859_4},
	{"iso_8859-4:1988", E_8859_4}, {"l4", E_8859_4}, {"latin4", E_8859_4},
	{"csisolatincyrillic", E_8859_5}, {"cyrillic", E_8859_5},
	{"iso-8859-5", E_8859_5}, {"iso-ir-144", E_8859_5},
	{"iso8859-5", E_8859_5}, {"iso88595", E_8859_5},
	{"iso_8859-5", E_8859_5}, {"iso_8859-5:1988", E_8859_5},
	{"arabic", E_8859_6}, {"asmo-708", E_8859_6}, {"csiso88596e", E_8859_6},
	{"csiso88596i", E_8859_6}, {"csisolatinarabic", E_8859_6},
	{"ecma-114", E_8859_6}, {"iso-8859-6", E_8859_6},
	{"iso-8859-6-e", E_8859_6}, {"iso-8859-6-i", E_8859_6},
	{"iso-ir-127", E_8859_6}, {"iso8859-6", E_8859_6},
	{"iso88596", E_8859_6}, {"iso_8859-6", E_8859_6},
	{"iso_8859-6:1987", E_8859_6},
	{"csisolatingreek", E_8859_7}, {"ecma-118", E_8859_7},
	{"elot_928", E_8859_7}, {"greek", E_8859_7}, {"greek8", E_8859_7},
	{"iso-8859-7", E_8859_7}, {"iso-ir-126", E_8859_7},
	{"iso8859-7", E_8859_7}, {"iso88597", E_8859_7},
	{"iso_8859-7", E_8859_7}, {"iso_8859-7:1987", E_8859_7},
	{"sun_eu_greek", E_8859_7},
	{"csiso88598e", E_8859_8}, {"csisolatinhebrew", E_8859_8},
	{"hebrew", E_8859_8}, {"iso-8859-8", E_8859_8},
	{"iso-8859-8-e", E_8859_8}, {"iso-ir-138", E_8859_8},
	{"iso8859-8", E_8859_8}, {"iso88598", E_8859_8},
	{"iso_8859-8", E_8859_8}, {"iso_8859-8:1988", E_8859_8},
	{"visual", E_8859_8},
	{"csiso88598i", E_8859_8I}, {"iso-8859-8-i", E_8859_8I},
	{"logical", E_8859_8I},
	{"csisolatin6", E_8859_10}, {"iso-8859-10", E_8859_10},
	{"iso-ir-157", E_8859_10}, {"iso8859-10", E_8859_10},
	{"iso885910", E_8859_10}, {"l6", E_8859_10}, {"latin6", E_8859_10},
	{"iso-8859-13", E_8859_13}, {"iso8859-13", E_8859_13},
	{"iso885913", E_8859_13},
	{"iso-8859-14", E_8859_14}, {"iso8859-14", E_8859_14},
	{"iso885914", E_8859_14},
	{"csisolatin9", E_8859_15}, {"iso-8859-15", E_8859_15},
	{"iso8859-15", E_8859_15}, {"iso885915", E_8859_15},
	{"iso_8859-15", E_8859_15}, {"l9", E_8859_15},
	{"iso-8859-16", E_8859_16},
	{"cskoi8r", E_KOI8R}, {"koi", E_KOI8R}, {"koi8", E_KOI8R},
	{"koi8-r", E_KOI8R}, {"koi8_r", E_KOI8R},
	{"koi8-ru", E_KOI8U}, {"koi8-u", E_KOI8U},
	{"csmacintosh", E_MAC}, {"mac", E_MAC}, {"macintosh", E_MAC},
	{"x-mac-roman", E_MAC},
	{"dos-874", E_WIN874}, {"iso-8859-11", E_WIN874},
	{"iso8859-11", E_WIN874}, {"iso885911", E_WIN874},
	{"tis-620", E_WIN874}, {"windows-874", E_WIN874},
	{"cp1250", E_WIN1250}, {"windows-1250", E_WIN1250},
	{"x-cp1250", E_WIN1250},
	{"cp1251", E_WIN1251}, {"windows-1251", E_WIN1251},
	{"x-cp1251", E_WIN1251},
	{"ansi_x3.4-1968", E_WIN1252}, {"ascii", E_WIN1252},
	{"cp1252", E_WIN1252}, {"cp819", E_WIN1252}, {"csisolatin1", E_WIN1252},
	{"ibm819", E_WIN1252}, {"iso-8859-1", E_WIN1252},
	{"iso-ir-100", E_WIN1252}, {"iso8859-1", E_WIN1252},
	{"iso88591", E_WIN1252}, {"iso_8859-1", E_WIN1252},
	{"iso_8859-1:1987", E_WIN1252}, {"l1", E_WIN1252},
	{"latin1", E_WIN1252}, {"us-ascii", E_WIN1252},
	{"windows-1252", E_WIN1252}, {"x-cp1252", E_WIN1252},
	{"cp1253", E_WIN1253}, {"windows-1253", E_WIN1253},
	{"x-cp1253", E_WIN1253},
	{"cp1254", E_WIN1254}, {"csisolatin5", E_WIN1254},
	{"iso-8859-9", E_WIN1254}, {"iso-ir-148", E_WIN1254},
	{"iso8859-9", E_WIN1254}, {"iso88599", E_WIN1254},
	{"iso_8859-9", E_WIN1254}, {"iso_8859-9:1989", E_WIN1254},
	{"l5", E_WIN1254}, {"latin5", E_WIN1254}, {"windows-1254", E_WIN1254},
	{"x-cp1254", E_WIN1254},
	{"cp1255", E_WIN1255}, {"windows-1255", E_WIN1255},
	{"x-cp1255", E_WIN1255},
	{"cp1256", E_WIN1256}, {"windows-1256", E_WIN1256},
	{"x-cp1256", E_WIN1256},
	{"cp1257", E_WIN1257}, {"windows-1257", E_WIN1257},
	{"x-cp1257", E_WIN1257},
	{"cp1258", E_WIN1258}, {"windows-1258", E_WIN1258},
	{"x-cp1258", E_WIN1258},
	{"x-mac-cyrillic", E_MACCYR}, {"x-mac-ukrainian", E_MACCYR},
	{"chinese", E_GBK}, {"csgb2312", E_GBK}, {"csiso58gb231280", E_GBK},
	{"gb2312", E_GBK}, {"gb_2312", E_GBK}, {"gb_2312-80", E_GBK},
	{"gbk", E_GBK}, {"iso-ir-58", E_GBK}, {"x-gbk", E_GBK},
	{"gb18030", E_GB18030},
	{"big5", E_BIG5}, {"big5-hkscs", E_BIG5}, {"cn-big5", E_BIG5},
	{"csbig5", E_BIG5}, {"x-x-big5", E_BIG5},
	{"cseucpkdfmtjapanese", E_EUCJP}, {"euc-jp", E_EUCJP},
	{"x-euc-jp", E_EUCJP},
	{"csiso2022jp", E_ISO2022JP}, {"iso-2022-jp", E_ISO2022JP},
	{"csshiftjis", E_SJIS}, {"ms932", E_SJIS}, {"ms_kanji", E_SJIS},
	{"shift-jis", E_SJIS}, {"shift_jis", E_SJIS}, {"sjis", E_SJIS},
	{"windows-31j", E_SJIS}, {"x-sjis", E_SJIS},
	{"cseuckr", E_EUCKR}, {"csksc56011987", E_EUCKR}, {"euc-kr", E_EUCKR},
	{"iso-ir-149", E_EUCKR}, {"korean", E_EUCKR},
	{"ks_c_5601-1987", E_EUCKR}, {"ks_c_5601-1989", E_EUCKR},
	{"ksc5601", E_EUCKR}, {"ksc_5601", E_EUCKR}, {"windows-949", E_EUCKR},
	{"unicodefffe", E_UTF16BE}, {"utf-16be", E_UTF16BE},
	{"csunicode", E_UTF16LE}, {"iso-10646-ucs-2", E_UTF16LE},
	{"ucs-2", E_UTF16LE}, {"unicode", E_UTF16LE},
	{"unicodefeff", E_UTF16LE}, {"utf-16", E_UTF16LE},
	{"utf-16le", E_UTF16LE},
	{"x-user-defined", E_USERDEF},
};

/* ASCII whitespace as the HTML and Encoding standards define it. */
static bool
is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

const char *
sl_charset_canonical_n(const char *p, size_t n)
{
	char low[24];

	while (n > 0 && is_ws((unsigned char)p[0])) {
		p++;
		n--;
	}
	while (n > 0 && is_ws((unsigned char)p[n - 1]))
		n--;
	/* The longest label has 19 bytes. */
	if (n == 0 || n >= sizeof low)
		return NULL;
	for (size_t i = 0; i < n; i++)
		low[i] = sl_ascii_lower(p[i]);
	low[n] = '\0';
	/* A linear scan: this runs a few times per page, on short labels. */
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i].label, low) == 0)
			return encodings[labels[i].enc].name;
	return NULL;
}

const char *
sl_charset_canonical(const char *label)
{
	if (label == NULL)
		return NULL;
	return sl_charset_canonical_n(label, strlen(label));
}

/* The entry for a canonical name, or NULL.  Canonical names are the
 * pointers handed out above, but a string compare keeps callers that
 * copied the name working. */
static int
find_encoding(const char *canonical)
{
	if (canonical == NULL)
		return -1;
	for (size_t i = 0; i < sizeof encodings / sizeof encodings[0]; i++)
		if (sl_ascii_ieq(encodings[i].name, canonical))
			return (int)i;
	return -1;
}

const char *
sl_charset_icu_name(const char *canonical)
{
	int e = find_encoding(canonical);
	return e < 0 ? NULL : encodings[e].icu;
}

bool
sl_charset_ascii_compatible(const char *canonical)
{
	int e = find_encoding(canonical);
	return e >= 0 && e != E_UTF16BE && e != E_UTF16LE && e != E_ISO2022JP;
}

/* Copies the label at P (N bytes) into OUT for messages: trimmed,
 * clipped to fit, anything but printable ASCII turned into '?'. */
static void
copy_label(char out[SL_CHARSET_LABEL_MAX], const char *p, size_t n)
{
	while (n > 0 && is_ws((unsigned char)p[0])) {
		p++;
		n--;
	}
	while (n > 0 && is_ws((unsigned char)p[n - 1]))
		n--;
	if (n > SL_CHARSET_LABEL_MAX - 1)
		n = SL_CHARSET_LABEL_MAX - 1;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		out[i] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
	}
	out[n] = '\0';
}

const char *
sl_charset_from_content_type(const char *ct, char label[SL_CHARSET_LABEL_MAX])
{
	label[0] = '\0';
	if (ct == NULL)
		return NULL;
	const char *p = strchr(ct, ';');
	while (p != NULL && *p == ';') {
		p++;
		while (is_ws((unsigned char)*p))
			p++;
		const char *name = p;
		while (*p != '\0' && *p != '=' && *p != ';')
			p++;
		size_t nlen = (size_t)(p - name);
		while (nlen > 0 && is_ws((unsigned char)name[nlen - 1]))
			nlen--;
		if (*p != '=')
			continue;
		p++;
		while (is_ws((unsigned char)*p))
			p++;
		const char *val = p;
		size_t vlen;
		if (*p == '"') {
			val = ++p;
			while (*p != '\0' && *p != '"')
				p++;
			vlen = (size_t)(p - val);
			if (*p == '"')
				p++;
			while (*p != '\0' && *p != ';')
				p++;
		} else {
			while (*p != '\0' && *p != ';')
				p++;
			vlen = (size_t)(p - val);
		}
		/* The first charset parameter wins, as in WHATWG MIME
		 * parsing. */
		if (nlen == 7 && sl_ascii_nieq(name, "charset", 7)) {
			copy_label(label, val, vlen);
			return sl_charset_canonical_n(val, vlen);
		}
	}
	return NULL;
}

const char *
sl_charset_detect(const unsigned char *b, size_t len)
{
	/* ICU's detector costs about 0.1 ms per KB and is sure of
	 * GBK or Big5 after a few hundred characters: it gets 8 KB from
	 * the first non-ASCII byte (the head before it is ASCII and says
	 * nothing). */
	enum { DETECT_MAX = 8 * 1024, MIN_CONFIDENCE = 50 };
	UErrorCode st = U_ZERO_ERROR;
	const char *result = NULL;
	UCharsetDetector *det = ucsdet_open(&st);

	if (U_FAILURE(st))
		goto out;
	size_t start = 0;
	while (start < len && b[start] < 0x80)
		start++;
	/* Keep some markup before it so the input filter sees tags. */
	start = start > 256 ? start - 256 : 0;
	b += start;
	len -= start;
	if (len > DETECT_MAX)
		len = DETECT_MAX;
	/* Markup is ASCII and says nothing about the charset. */
	ucsdet_enableInputFilter(det, 1);
	ucsdet_setText(det, (const char *)b, (int32_t)len, &st);
	const UCharsetMatch *m = ucsdet_detect(det, &st);
	if (U_FAILURE(st) || m == NULL)
		goto out;
	int32_t conf = ucsdet_getConfidence(m, &st);
	const char *name = ucsdet_getName(m, &st);
	if (U_FAILURE(st) || name == NULL || conf < MIN_CONFIDENCE)
		goto out;
	if (sl_ascii_ieq(name, "GB18030"))
		result = encodings[E_GBK].name;
	else
		result = sl_charset_canonical(name);
out:
	ucsdet_close(det);
	return result;
}

/*
 * The <meta> prescan (HTML Living Standard, "prescan a byte stream to
 * determine its encoding").  Attribute names and values are byte ranges
 * of the input: the standard only lowercases them, which the compares
 * below do instead.
 */

enum { PRESCAN_MAX = 1024 };

struct range {
	const unsigned char *p;
	size_t n;
};

static bool
range_is(struct range r, const char *lower)
{
	size_t n = strlen(lower);
	return r.n == n && sl_ascii_nieq((const char *)r.p, lower, n);
}

/* "Get an attribute" at *POS.  Returns false when there is none (at
 * '>') or the bytes ran out; then *POS is at the '>' or at N. */
static bool
get_attribute(const unsigned char *b, size_t n, size_t *pos,
              struct range *name, struct range *value)
{
	size_t i = *pos;

	while (i < n && (is_ws(b[i]) || b[i] == '/'))
		i++;
	if (i >= n || b[i] == '>')
		goto none;
	name->p = b + i;
	value->p = b + i;
	value->n = 0;
	/* The name: a leading '=' is part of it. */
	do
		i++;
	while (i < n && b[i] != '=' && !is_ws(b[i]) && b[i] != '/' &&
	       b[i] != '>');
	name->n = (size_t)(b + i - name->p);
	if (i >= n)
		goto none;
	while (i < n && is_ws(b[i]))
		i++;
	if (i >= n)
		goto none;
	if (b[i] != '=')
		goto done;
	i++;
	while (i < n && is_ws(b[i]))
		i++;
	if (i >= n)
		goto none;
	if (b[i] == '"' || b[i] == '\'') {
		unsigned char q = b[i++];
		value->p = b + i;
		while (i < n && b[i] != q)
			i++;
		if (i >= n)
			goto none;
		value->n = (size_t)(b + i - value->p);
		i++;
		goto done;
	}
	if (b[i] == '>')
		goto done;
	value->p = b + i;
	while (i < n && !is_ws(b[i]) && b[i] != '>')
		i++;
	if (i >= n)
		goto none;
	value->n = (size_t)(b + i - value->p);
done:
	*pos = i;
	return true;
none:
	*pos = i;
	return false;
}

/* "Extract a character encoding from a meta element": the label after
 * "charset=" in a content attribute. */
static bool
content_charset(struct range v, struct range *label)
{
	size_t i = 0;

	for (;;) {
		while (i + 7 <= v.n &&
		       !sl_ascii_nieq((const char *)v.p + i, "charset", 7))
			i++;
		if (i + 7 > v.n)
			return false;
		i += 7;
		while (i < v.n && is_ws(v.p[i]))
			i++;
		if (i < v.n && v.p[i] == '=')
			break;
	}
	i++;
	while (i < v.n && is_ws(v.p[i]))
		i++;
	if (i >= v.n)
		return false;
	if (v.p[i] == '"' || v.p[i] == '\'') {
		unsigned char q = v.p[i++];
		size_t s = i;
		while (i < v.n && v.p[i] != q)
			i++;
		if (i >= v.n)
			return false;
		label->p = v.p + s;
		label->n = i - s;
		return true;
	}
	size_t s = i;
	while (i < v.n && !is_ws(v.p[i]) && v.p[i] != ';')
		i++;
	label->p = v.p + s;
	label->n = i - s;
	return true;
}

static void
set_meta(struct sl_charset_meta *m, size_t offset, struct range label,
         const char *canonical)
{
	m->found = true;
	m->offset = offset;
	copy_label(m->label, (const char *)label.p, label.n);
	m->canonical = canonical;
}

/* The attributes of one <meta>; *POS is just after "<meta".  Returns
 * true when this meta decides the encoding (filled into *M).  A meta
 * naming an unknown label is noted in *UNKNOWN. */
static bool
prescan_meta(const unsigned char *b, size_t n, size_t *pos, size_t start,
             struct sl_charset_meta *m, struct sl_charset_meta *unknown)
{
	bool seen_he = false, seen_content = false, seen_charset = false;
	bool got_pragma = false;
	int need_pragma = -1; /* -1: null */
	struct range name, value, label = {NULL, 0};
	const char *charset = NULL;

	while (get_attribute(b, n, pos, &name, &value)) {
		if (range_is(name, "http-equiv") && !seen_he) {
			seen_he = true;
			got_pragma = range_is(value, "content-type");
		} else if (range_is(name, "content") && !seen_content) {
			struct range l;
			seen_content = true;
			if (need_pragma == -1 && content_charset(value, &l)) {
				charset = sl_charset_canonical_n(
					(const char *)l.p, l.n);
				label = l;
				need_pragma = 1;
			}
		} else if (range_is(name, "charset") && !seen_charset) {
			seen_charset = true;
			label = value;
			charset = sl_charset_canonical_n((const char *)value.p,
			                                 value.n);
			need_pragma = 0;
		}
	}
	if (*pos >= n || need_pragma == -1 || (need_pragma == 1 && !got_pragma))
		return false;
	if (charset == NULL) {
		if (!unknown->found)
			set_meta(unknown, start, label, NULL);
		return false;
	}
	if (strncmp(charset, "UTF-16", 6) == 0)
		charset = encodings[E_UTF8].name;
	else if (strcmp(charset, "x-user-defined") == 0)
		charset = encodings[E_WIN1252].name;
	set_meta(m, start, label, charset);
	return true;
}

static bool
at(const unsigned char *b, size_t n, size_t i, const char *s)
{
	size_t k = strlen(s);
	return n - i >= k && sl_ascii_nieq((const char *)b + i, s, k);
}

static bool
is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Moves *POS to the first C at or after it; false if there is none. */
static bool
skip_to(const unsigned char *b, size_t n, size_t *pos, unsigned char c)
{
	const unsigned char *q = memchr(b + *pos, c, n - *pos);
	if (q == NULL)
		return false;
	*pos = (size_t)(q - b);
	return true;
}

void
sl_charset_prescan(const unsigned char *b, size_t len,
                   struct sl_charset_meta *m)
{
	struct sl_charset_meta unknown = {0};
	size_t n = len < PRESCAN_MAX ? len : PRESCAN_MAX;
	size_t i = 0;

	memset(m, 0, sizeof *m);
	while (i < n) {
		if (b[i] != '<') {
			const unsigned char *q = memchr(b + i, '<', n - i);
			if (q == NULL)
				break;
			i = (size_t)(q - b);
		}
		size_t start = i;
		if (at(b, n, i, "<!--")) {
			/* The "--" of "-->" may overlap the opening. */
			for (i += 2; i + 2 < n; i++)
				if (b[i] == '-' && b[i + 1] == '-' &&
				    b[i + 2] == '>')
					break;
			if (i + 2 >= n)
				break;
			i += 3;
			continue;
		}
		if (at(b, n, i, "<meta") && n - i > 5 &&
		    (is_ws(b[i + 5]) || b[i + 5] == '/')) {
			i += 5;
			if (prescan_meta(b, n, &i, start, m, &unknown))
				return;
		} else if (n - i > 2 && (is_alpha(b[i + 1]) ||
		                         (b[i + 1] == '/' && is_alpha(b[i + 2])))) {
			struct range name, value;
			while (i < n && !is_ws(b[i]) && b[i] != '>')
				i++;
			while (get_attribute(b, n, &i, &name, &value))
				;
		} else if (at(b, n, i, "<!") || at(b, n, i, "</") ||
		           at(b, n, i, "<?")) {
			if (!skip_to(b, n, &i, '>'))
				break;
		}
		i++;
	}
	if (unknown.found)
		*m = unknown;
}
