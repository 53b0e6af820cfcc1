/*
 * test_page.c - page analysis (linter/page*.c): what the record holds and
 * the exact source position of every link, meta, anchor and text byte.
 *
 * Expected positions are counted by hand from the inputs; the comments
 * beside them show the count.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <pthread.h>

#include <libxml/parser.h>
#include <unicode/ucnv.h>

#include "decode.h"
#include "page.h"

#define UTF8 "text/html; charset=utf-8"

/* A decoded page and its record. */
struct fx {
	struct sl_decoded d;
	struct sl_page p;
};

static void
analyse_bytes(struct fx *f, const void *bytes, size_t len, const char *ct)
{
	struct sl_err err;
	assert_int_equal(sl_decode(bytes, len, ct, &f->d, &err), SL_OK);
	sl_page_analyse(&f->d, &f->p);
}

static void
analyse(struct fx *f, const char *html)
{
	analyse_bytes(f, html, strlen(html), UTF8);
}

static void
done(struct fx *f)
{
	sl_page_free(&f->p);
	sl_decoded_free(&f->d);
}

#define POS(p, l, cc, cb, cu) do { \
	assert_int_equal((p).line, (l)); \
	assert_int_equal((p).col_char, (cc)); \
	assert_int_equal((p).col_byte, (cb)); \
	assert_int_equal((p).col_utf16, (cu)); \
} while (0)

/* Same line, ASCII before: the three columns agree. */
#define SPAN1(s, l, c1, c2) do { \
	POS((s).start, (l), (c1), (c1), (c1)); \
	POS((s).end, (l), (c2), (c2), (c2)); \
} while (0)

static const struct sl_link *
link_n(const struct fx *f, size_t i)
{
	assert_true(i < f->p.nlinks);
	return &f->p.links[i];
}

/* Every byte of every run comes from the same byte in the source, or
 * from the '&' of a reference; offsets never go back. */
static void
check_runs(const struct fx *f)
{
	for (size_t i = 0; i < f->p.nruns; i++) {
		const struct sl_textrun *r = &f->p.runs[i];
		assert_int_equal(strlen(r->text), r->len);
		for (uint32_t j = 0; j < r->len; j++) {
			assert_true(r->src[j] < f->d.len);
			if (j > 0)
				assert_true(r->src[j] >= r->src[j - 1]);
			char s = f->d.text[r->src[j]];
			assert_true(s == r->text[j] || s == '&');
		}
		assert_true(r->src[r->len] <= f->d.len);
	}
}

static void
test_title(void **state)
{
	(void)state;
	struct fx f;
	/* "<html><head>" is 12 chars: <title> spans cols 13..19. */
	analyse(&f, "<html><head><title> 开诚 \n 布公 </title></head></html>");
	assert_true(f.p.has_title_element);
	assert_string_equal(f.p.title, "开诚 布公");
	SPAN1(f.p.title_span, 1, 13, 20);
	assert_int_equal(f.p.nruns, 1);
	assert_true(f.p.runs[0].flags & SL_IN_TITLE);
	assert_string_equal(f.p.runs[0].text, " 开诚 \n 布公 ");
	done(&f);

	analyse(&f, "<p>no title</p>");
	assert_false(f.p.has_title_element);
	assert_null(f.p.title);
	SPAN1(f.p.title_span, 1, 1, 1);
	done(&f);

	analyse(&f, "<head><title></title></head>");
	assert_true(f.p.has_title_element);
	assert_string_equal(f.p.title, "");
	done(&f);

	analyse(&f, "<title> \n\t\xE3\x80\x80 </title><p>x</p>");
	assert_true(f.p.has_title_element);
	assert_string_equal(f.p.title, "");
	assert_int_equal(f.p.nruns, 1);            /* whitespace runs drop */
	assert_string_equal(f.p.runs[0].text, "x");
	done(&f);
}

static void
test_meta(void **state)
{
	(void)state;
	struct fx f;
	analyse(&f, "<head>\n"
	            "<meta charset=\"utf-8\">\n"
	            "<meta http-equiv=\"Content-Type\" content=\"text/html\">\n"
	            "<meta name=\"SiteName\" content=\"北京\">\n</head>");
	assert_int_equal(f.p.nmetas, 3);
	const struct sl_meta *m = &f.p.metas[0];
	assert_string_equal(m->name, "charset");
	assert_string_equal(m->content, "utf-8");
	assert_false(m->http_equiv);
	SPAN1(m->span, 2, 1, 23);            /* 22 chars */
	SPAN1(m->content_span, 2, 16, 21);   /* <meta charset=" is 15 */
	m = &f.p.metas[1];
	assert_string_equal(m->name, "content-type");
	assert_true(m->http_equiv);
	assert_string_equal(m->content, "text/html");
	/* '<meta ' 6 + 'http-equiv="Content-Type"' 25 + ' ' 1 + 'content="' 9 */
	SPAN1(m->content_span, 3, 42, 51);
	m = &f.p.metas[2];
	assert_string_equal(m->name, "sitename");
	assert_string_equal(m->content, "北京");
	/* '<meta ' 6 + 'name="SiteName"' 15 + ' ' + 'content="' 9 = 31 */
	POS(m->content_span.start, 4, 32, 32, 32);
	POS(m->content_span.end, 4, 34, 38, 34);
	assert_ptr_equal(sl_page_meta(&f.p, "SITENAME"), m);
	assert_null(sl_page_meta(&f.p, "ColumnName"));
	assert_null(sl_page_meta(&f.p, "content-type"));   /* http-equiv */
	done(&f);
}

static void
test_multiline_tag(void **state)
{
	(void)state;
	struct fx f;
	analyse(&f, "<p>\n<a\n  class=\"x\"\n  href=\"/a.html\"\n>t</a>");
	assert_int_equal(f.p.nlinks, 1);
	const struct sl_link *l = link_n(&f, 0);
	assert_int_equal(l->kind, SL_LINK_A);
	assert_string_equal(l->url, "/a.html");
	assert_string_equal(l->text, "t");
	SPAN1(l->span, 4, 9, 16);            /* '  href="' is 8 chars */
	assert_int_equal(l->value_off, strlen("<p>\n<a\n  class=\"x\"\n  href=\""));
	done(&f);
}

static void
test_href_quoting(void **state)
{
	(void)state;
	struct fx f;
	/* Tags of 22 and 20 chars: the second starts at col 23, the third
	 * at col 43. */
	analyse(&f, "<a href='s.html'>1</a><a href=n.html>2</a>"
	            "<a href=\"e.html?x=1&amp;y=2\">3</a>");
	assert_int_equal(f.p.nlinks, 3);
	assert_string_equal(link_n(&f, 0)->url, "s.html");
	SPAN1(link_n(&f, 0)->span, 1, 10, 16);
	assert_string_equal(link_n(&f, 1)->url, "n.html");
	SPAN1(link_n(&f, 1)->span, 1, 31, 37);
	assert_string_equal(link_n(&f, 2)->url, "e.html?x=1&y=2");
	SPAN1(link_n(&f, 2)->span, 1, 52, 70);     /* raw value is 18 chars */
	assert_string_equal(link_n(&f, 2)->text, "3");
	done(&f);

	/* Whitespace around a URL goes; an empty href is kept. */
	analyse(&f, "<a href=\" x.html \">x</a><a href=\"\">y</a><a href>z</a>");
	assert_int_equal(f.p.nlinks, 3);
	assert_string_equal(link_n(&f, 0)->url, "x.html");
	SPAN1(link_n(&f, 0)->span, 1, 10, 18);
	assert_string_equal(link_n(&f, 1)->url, "");
	assert_string_equal(link_n(&f, 2)->url, "");
	done(&f);
}

static void
test_srcset(void **state)
{
	(void)state;
	struct fx f;
	analyse(&f, "<img src=\"a.png\" srcset=\"a-1x.png 1x, a-2x.png 2x\">");
	assert_int_equal(f.p.nlinks, 3);
	assert_int_equal(link_n(&f, 0)->kind, SL_LINK_IMG);
	SPAN1(link_n(&f, 0)->span, 1, 11, 16);
	assert_int_equal(link_n(&f, 1)->kind, SL_LINK_SRCSET);
	assert_string_equal(link_n(&f, 1)->url, "a-1x.png");
	SPAN1(link_n(&f, 1)->span, 1, 26, 34);
	assert_int_equal(link_n(&f, 2)->kind, SL_LINK_SRCSET);
	assert_string_equal(link_n(&f, 2)->url, "a-2x.png");
	SPAN1(link_n(&f, 2)->span, 1, 39, 47);
	done(&f);
}

static void
test_css_url(void **state)
{
	(void)state;
	struct fx f;
	analyse(&f, "<div style=\"background:url('bg.png')\">x</div>\n"
	            "<p style=\"background:url(&quot;b.png&quot;)\">y</p>\n"
	            "<style>a{background:url( c.png )} /* url(no.png) */</style>");
	assert_int_equal(f.p.nlinks, 3);
	assert_int_equal(link_n(&f, 0)->kind, SL_LINK_CSS);
	assert_string_equal(link_n(&f, 0)->url, "bg.png");
	SPAN1(link_n(&f, 0)->span, 1, 29, 35);   /* 13 + 'background:url(\'' */
	/* The value is decoded; the span still points at the source. */
	assert_string_equal(link_n(&f, 1)->url, "b.png");
	SPAN1(link_n(&f, 1)->span, 2, 32, 37);   /* after '&quot;' at 26 */
	assert_string_equal(link_n(&f, 2)->url, "c.png");
	SPAN1(link_n(&f, 2)->span, 3, 26, 31);   /* 8 + 'a{background:url( ' */
	done(&f);
}

static void
test_refresh_base(void **state)
{
	(void)state;
	struct fx f;
	analyse(&f, "<meta http-equiv=\"refresh\" content=\"5; URL='next.html'\">"
	            "<base href=\"http://www.gov.cn/\">");
	assert_int_equal(f.p.nlinks, 1);
	assert_int_equal(link_n(&f, 0)->kind, SL_LINK_REFRESH);
	assert_string_equal(link_n(&f, 0)->url, "next.html");
	SPAN1(link_n(&f, 0)->span, 1, 45, 54);   /* 36 + "5; URL='" */
	assert_true(link_n(&f, 0)->flags & SL_IN_HEAD);
	assert_string_equal(f.p.base_href, "http://www.gov.cn/");
	assert_int_equal(f.p.nmetas, 1);
	assert_string_equal(f.p.metas[0].name, "refresh");
	done(&f);

	analyse(&f, "<meta http-equiv=\"refresh\" content=\"30\">");
	assert_int_equal(f.p.nlinks, 0);       /* reloads itself */
	done(&f);
}

static void
test_anchors(void **state)
{
	(void)state;
	struct fx f;
	analyse(&f, "<div id=\"main\"><a name=\"top\"></a><span id='s1'>x</span></div>");
	assert_int_equal(f.p.nanchors, 3);
	assert_string_equal(f.p.anchors[0].name, "main");
	SPAN1(f.p.anchors[0].span, 1, 10, 14);
	assert_string_equal(f.p.anchors[1].name, "top");
	SPAN1(f.p.anchors[1].span, 1, 25, 28);   /* 15 + '<a name="' */
	assert_string_equal(f.p.anchors[2].name, "s1");
	SPAN1(f.p.anchors[2].span, 1, 44, 46);   /* 33 + "<span id='" */
	assert_int_equal(f.p.nlinks, 0);         /* <a> without href */
	done(&f);
}

static void
test_run_across_inline(void **state)
{
	(void)state;
	struct fx f;
	analyse(&f, "<p>开诚<b>不</b>公</p>");
	assert_int_equal(f.p.nruns, 1);
	const struct sl_textrun *r = &f.p.runs[0];
	assert_string_equal(r->text, "开诚不公");
	/* 不 is bytes 6..8: the source has '<p>' 3 + 开诚 6 + '<b>' 3. */
	assert_int_equal(r->src[6], 12);
	assert_int_equal(r->src[8], 14);
	assert_int_equal(r->src[9], 19);         /* 公, after '</b>' */
	assert_int_equal(r->src[12], 22);
	POS(sl_decoded_pos(&f.d, r->src[6]), 1, 9, 13, 9);
	check_runs(&f);
	done(&f);

	analyse(&f, "<p>开诚&#19981;公</p>");
	assert_int_equal(f.p.nruns, 1);
	r = &f.p.runs[0];
	assert_string_equal(r->text, "开诚不公");
	assert_int_equal(r->src[6], 9);          /* the '&' */
	assert_int_equal(r->src[7], 9);
	assert_int_equal(r->src[8], 9);
	assert_int_equal(r->src[9], 17);         /* '&#19981;' is 8 bytes */
	POS(sl_decoded_pos(&f.d, r->src[6]), 1, 6, 10, 6);
	POS(sl_decoded_pos(&f.d, r->src[9]), 1, 14, 18, 14);
	check_runs(&f);
	done(&f);
}

static void
test_text_mapping_edges(void **state)
{
	(void)state;
	struct fx f;
	/* Dropped form feed and &#0;, an unknown entity and &amp without ';'
	 * (both kept as written), a lone '<'. */
	analyse(&f, "<p>a\fb&#0;c&unknown;d&amp e< f</p>");
	assert_int_equal(f.p.nruns, 1);
	const struct sl_textrun *r = &f.p.runs[0];
	assert_string_equal(r->text, "abc&unknown;d&amp e< f");
	assert_int_equal(r->src[0], 3);          /* a */
	assert_int_equal(r->src[1], 5);          /* b, after the \f */
	assert_int_equal(r->src[2], 10);         /* c, after '&#0;' */
	assert_int_equal(r->src[3], 11);         /* '&' of &unknown; */
	assert_int_equal(r->src[12], 20);        /* d */
	assert_int_equal(r->src[13], 21);        /* '&' of &amp */
	assert_int_equal(r->src[19], 27);        /* '<' */
	assert_int_equal(r->src[21], 29);        /* f */
	assert_int_equal(r->src[22], 30);        /* end: '</p>' */
	check_runs(&f);
	done(&f);

	/* Text past libxml2's 1000-byte buffer, then a CJK char. */
	char *big = malloc(4000);
	assert_non_null(big);
	memcpy(big, "<p>", 3);
	memset(big + 3, 'a', 2500);
	memcpy(big + 2503, "不</p>", strlen("不</p>") + 1);
	analyse(&f, big);
	assert_int_equal(f.p.nruns, 1);
	r = &f.p.runs[0];
	assert_int_equal(r->len, 2503);
	assert_int_equal(r->src[999], 1002);
	assert_int_equal(r->src[1000], 1003);
	assert_int_equal(r->src[2500], 2503);
	assert_int_equal(r->src[2503], 2506);
	check_runs(&f);
	done(&f);
	free(big);
}

static void
test_crlf_and_tab(void **state)
{
	(void)state;
	struct fx f;
	analyse(&f, "<p>a</p>\r\n<p>b</p>\r\n<a href=\"x\">l</a>\r\n");
	assert_int_equal(f.p.nlinks, 1);
	SPAN1(link_n(&f, 0)->span, 3, 10, 11);
	assert_int_equal(f.p.nruns, 3);
	assert_string_equal(f.p.runs[1].text, "b");
	POS(sl_decoded_pos(&f.d, f.p.runs[1].src[0]), 2, 4, 4, 4);
	done(&f);

	analyse(&f, "<p>\n\t<a href=\"t.html\">x</a></p>");
	SPAN1(link_n(&f, 0)->span, 2, 11, 17);   /* tab 1 + '<a href="' 9 */
	done(&f);
}

static void
test_runs_split(void **state)
{
	(void)state;
	struct fx f;
	analyse(&f, "<div>一<p>二</p>三<br>四<span>五</span><img src=i.gif>六</div>");
	assert_int_equal(f.p.nruns, 4);
	assert_string_equal(f.p.runs[0].text, "一");
	assert_string_equal(f.p.runs[1].text, "二");
	assert_string_equal(f.p.runs[2].text, "三");
	assert_string_equal(f.p.runs[3].text, "四五六");
	/* Runs know their innermost block. */
	assert_string_equal(f.p.blocks[f.p.runs[1].block].tag, "p");
	assert_string_equal(f.p.blocks[f.p.runs[3].block].tag, "div");
	check_runs(&f);
	done(&f);
}

static void
test_script_style(void **state)
{
	(void)state;
	struct fx f;
	analyse(&f, "<p>a<script>var s = '<b>';</script>b<style>p{}</style>c"
	            "<noscript>n</noscript></p><script>x()</script>");
	assert_int_equal(f.p.nruns, 1);
	assert_string_equal(f.p.runs[0].text, "abc");
	assert_non_null(f.p.scripts);
	assert_string_equal(f.p.scripts, "var s = '<b>';\nx()");
	assert_int_equal(f.p.scripts_len, strlen("var s = '<b>';\nx()"));
	check_runs(&f);
	done(&f);
}

static void
test_alt_and_title_runs(void **state)
{
	(void)state;
	struct fx f;
	analyse(&f, "<p>看<img src=\"i.png\" alt=\"图片\">这</p>"
	            "<p><a href=\"y\" title=\"标&amp;题\">z</a></p>");
	assert_int_equal(f.p.nruns, 4);
	const struct sl_textrun *alt = NULL, *title = NULL, *body = NULL;
	for (size_t i = 0; i < f.p.nruns; i++) {
		const struct sl_textrun *r = &f.p.runs[i];
		if (strcmp(r->text, "图片") == 0)
			alt = r;
		else if (strcmp(r->text, "标&题") == 0)
			title = r;
		else if (strcmp(r->text, "看这") == 0)
			body = r;
	}
	assert_non_null(alt);
	assert_non_null(title);
	assert_non_null(body);                   /* img does not split */
	assert_true(alt->flags & SL_FROM_ALT);
	assert_true(title->flags & SL_FROM_ALT);
	assert_false(body->flags & SL_FROM_ALT);
	/* '<p>看' + '<img src="i.png" alt="' (22) = 26 chars, 28 bytes. */
	POS(sl_decoded_pos(&f.d, alt->src[0]), 1, 27, 29, 27);
	assert_int_equal(alt->src[alt->len], alt->src[0] + 6);
	assert_int_equal(f.d.text[title->src[3]], '&');
	done(&f);
}

static void
test_comments(void **state)
{
	(void)state;
	struct fx f;
	analyse(&f, "<p>x</p>\n<!-- sitelint-disable text/typo -->\n<p>y<!--a--></p>");
	assert_int_equal(f.p.ncomments, 2);
	assert_string_equal(f.p.comments[0].text, " sitelint-disable text/typo ");
	SPAN1(f.p.comments[0].span, 2, 1, 36);   /* 35 chars */
	assert_int_equal(f.p.comments[0].off, 9);
	assert_string_equal(f.p.comments[1].text, "a");
	SPAN1(f.p.comments[1].span, 3, 5, 13);
	assert_int_equal(f.p.nruns, 2);          /* comments are not text */
	done(&f);
}

static void
test_context_flags(void **state)
{
	(void)state;
	struct fx f;
	analyse(&f, "<nav><a href=a>A</a></nav>"
	            "<div class=\"foot-links\"><a href=b>B</a></div>"
	            "<div id=\"daohang\"><ul><li><a href=c>C</a></li></ul></div>"
	            "<footer><p><a href=d>D</a></p></footer>"
	            "<div class=\"headline news\"><a href=e>E</a></div>"
	            "<table class=\"MainNav\"><tr><td><a href=f>F</a></td></tr></table>"
	            "<div class=\"top_bar\"><a href=g>G</a></div>");
	assert_int_equal(f.p.nlinks, 7);
	assert_int_equal(link_n(&f, 0)->flags, SL_IN_NAV);
	assert_int_equal(link_n(&f, 1)->flags, SL_IN_FOOTER);
	assert_int_equal(link_n(&f, 2)->flags, SL_IN_NAV | SL_IN_LIST);
	assert_int_equal(link_n(&f, 3)->flags, SL_IN_FOOTER);
	assert_int_equal(link_n(&f, 4)->flags, 0);
	assert_int_equal(link_n(&f, 5)->flags, SL_IN_NAV | SL_IN_LIST);
	assert_int_equal(link_n(&f, 6)->flags, SL_IN_HEADER);
	const struct sl_block *b = &f.p.blocks[link_n(&f, 2)->block];
	assert_string_equal(b->tag, "li");
	b = &f.p.blocks[b->parent];
	assert_string_equal(b->tag, "ul");
	b = &f.p.blocks[b->parent];
	assert_string_equal(b->tag, "div");
	assert_string_equal(b->id_class, "daohang");
	assert_true(b->flags & SL_IN_NAV);
	done(&f);
}

static void
test_blocks(void **state)
{
	(void)state;
	struct fx f;
	analyse(&f, "<ul><li>a</li><li>b<li>c</ul>");
	/* html and body are implied. */
	assert_int_equal(f.p.nblocks, 6);
	assert_string_equal(f.p.blocks[0].tag, "html");
	assert_string_equal(f.p.blocks[1].tag, "body");
	assert_string_equal(f.p.blocks[2].tag, "ul");
	assert_int_equal(f.p.blocks[2].parent, 1);
	assert_int_equal(f.p.blocks[2].start_off, 0);
	assert_int_equal(f.p.blocks[2].end_off, 29);
	for (int i = 3; i < 6; i++) {
		assert_string_equal(f.p.blocks[i].tag, "li");
		assert_int_equal(f.p.blocks[i].parent, 2);
		assert_true(f.p.blocks[i].flags & SL_IN_LIST);
	}
	assert_int_equal(f.p.blocks[3].start_off, 4);
	assert_int_equal(f.p.blocks[3].end_off, 14);   /* after '</li>' */
	assert_int_equal(f.p.blocks[4].start_off, 14);
	assert_int_equal(f.p.blocks[4].end_off, 19);   /* the next '<li' */
	assert_int_equal(f.p.blocks[5].end_off, 24);   /* the '</ul' */
	assert_int_equal(f.p.runs[2].block, 5);
	done(&f);

	/* A start tag cut off by the end: libxml2 pops it silently. */
	analyse(&f, "<div id=a><p>x<div title='abc");
	assert_int_equal(f.p.nblocks, 5);
	for (size_t i = 0; i < f.p.nblocks; i++)
		assert_true(f.p.blocks[i].end_off <= f.d.len);
	done(&f);
}

static void
test_link_text_alt_and_cap(void **state)
{
	(void)state;
	struct fx f;
	char html[1024];
	char han[301];
	for (int i = 0; i < 100; i++)
		memcpy(han + 3 * i, "汉", 3);
	han[300] = '\0';
	snprintf(html, sizeof html,
	         "<a href=y><img src=i.gif alt=\" 返回 \"></a>"
	         "<a href=z>%s</a><map><area href=m alt=\"地图\"></map>", han);
	analyse(&f, html);
	assert_int_equal(f.p.nlinks, 4);
	assert_string_equal(link_n(&f, 0)->url, "y");
	assert_string_equal(link_n(&f, 0)->text, "返回");
	assert_int_equal(link_n(&f, 1)->kind, SL_LINK_IMG);
	/* 256 bytes hold 85 whole 3-byte characters. */
	assert_int_equal(strlen(link_n(&f, 2)->text), 255);
	assert_memory_equal(link_n(&f, 2)->text, han, 255);
	assert_int_equal(link_n(&f, 3)->kind, SL_LINK_A);
	assert_string_equal(link_n(&f, 3)->text, "地图");
	done(&f);
}

static void
test_lang_h1_kinds(void **state)
{
	(void)state;
	struct fx f;
	analyse(&f, "<html lang=\"zh-CN\"><head>"
	            "<link rel=\"stylesheet\" href=\"s.css\">"
	            "<script src=\"j.js\"></script></head><body>"
	            "<h1> 标题 <i>一</i></h1><h1>second</h1>"
	            "<iframe src=f.html></iframe><object data=o.swf></object>"
	            "<video src=v.mp4 poster=p.jpg><track src=t.vtt></video>"
	            "<form action=\"/search\"></form>"
	            "<a href=\"data:image/png;base64,AAAA\">d</a>"
	            "<table><tr><td background=\"bg.gif\">x</td></tr></table>");
	assert_string_equal(f.p.lang, "zh-CN");
	assert_string_equal(f.p.h1, "标题 一");
	static const struct { enum sl_link_kind kind; const char *url; } want[] = {
		{ SL_LINK_LINK, "s.css" }, { SL_LINK_SCRIPT, "j.js" },
		{ SL_LINK_FRAME, "f.html" }, { SL_LINK_FRAME, "o.swf" },
		{ SL_LINK_MEDIA, "v.mp4" }, { SL_LINK_MEDIA, "p.jpg" },
		{ SL_LINK_MEDIA, "t.vtt" }, { SL_LINK_FORM, "/search" },
		{ SL_LINK_A, "data:image/png;base64," }, { SL_LINK_IMG, "bg.gif" },
	};
	assert_int_equal(f.p.nlinks, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < f.p.nlinks; i++) {
		assert_int_equal(link_n(&f, i)->kind, want[i].kind);
		assert_string_equal(link_n(&f, i)->url, want[i].url);
	}
	assert_string_equal(link_n(&f, 0)->rel, "stylesheet");
	assert_true(link_n(&f, 0)->flags & SL_IN_HEAD);
	assert_false(link_n(&f, 2)->flags & SL_IN_HEAD);
	done(&f);
}

/* GBK: the byte column of a link differs from its char column. */
static void
test_gbk(void **state)
{
	(void)state;
	const char *utf8 = "<meta charset=\"gbk\"><p>中文<a href=\"x.html\">链接</a></p>";
	char gbk[256];
	UErrorCode st = U_ZERO_ERROR;
	int32_t n = ucnv_convert("GBK", "UTF-8", gbk, sizeof gbk, utf8, -1, &st);
	assert_false(U_FAILURE(st));
	struct fx f;
	analyse_bytes(&f, gbk, (size_t)n, NULL);
	assert_string_equal(f.d.charset, "GBK");
	assert_int_equal(f.p.nlinks, 1);
	const struct sl_link *l = link_n(&f, 0);
	assert_string_equal(l->text, "链接");
	/* 20 + '<p>' 3 + 中文 (2 chars, 4 GBK bytes) + '<a href="' 9. */
	POS(l->span.start, 1, 35, 37, 35);
	POS(l->span.end, 1, 41, 43, 41);
	assert_int_equal(f.p.nruns, 1);
	assert_string_equal(f.p.runs[0].text, "中文链接");
	/* 链 follows 'x.html">': col 43, GBK byte 45. */
	POS(sl_decoded_pos(&f.d, f.p.runs[0].src[6]), 1, 43, 45, 43);
	done(&f);
}

static void
test_deep_nesting(void **state)
{
	(void)state;
	size_t depth = 200000;
	size_t len = 12 + depth * 5 + 1 + depth * 6;
	char *html = malloc(len + 1);
	assert_non_null(html);
	char *p = html;
	memcpy(p, "<html><body>", 12);
	p += 12;
	for (size_t i = 0; i < depth; i++, p += 5)
		memcpy(p, "<div>", 5);
	*p++ = 'x';
	for (size_t i = 0; i < depth; i++, p += 6)
		memcpy(p, "</div>", 6);
	*p = '\0';
	struct fx f;
	analyse_bytes(&f, html, len, UTF8);
	assert_true(f.p.truncated & SL_PAGE_CAP_DEPTH);
	assert_int_equal(f.p.max_depth, depth + 2);
	assert_int_equal(f.p.elements, depth + 2);
	assert_int_equal(f.p.nblocks, SL_PAGE_MAX_DEPTH);
	assert_int_equal(f.p.nruns, 1);
	assert_string_equal(f.p.runs[0].text, "x");
	assert_int_equal(f.p.runs[0].src[0], 12 + depth * 5);
	assert_int_equal(f.p.runs[0].block, SL_PAGE_MAX_DEPTH - 1);
	done(&f);
	free(html);
}

static void
test_huge_line(void **state)
{
	(void)state;
	const char *unit = "开诚布公 abc &amp; ";        /* 23 bytes */
	size_t ul = strlen(unit), reps = (20u << 20) / ul;
	size_t len = 3 + reps * ul;
	char *html = malloc(len + 1);
	assert_non_null(html);
	memcpy(html, "<p>", 3);
	for (size_t i = 0; i < reps; i++)
		memcpy(html + 3 + i * ul, unit, ul);
	html[len] = '\0';
	struct fx f;
	analyse_bytes(&f, html, len, UTF8);
	assert_true(f.p.truncated & SL_PAGE_CAP_TEXT);
	assert_int_equal(f.p.nruns, 1);
	const struct sl_textrun *r = &f.p.runs[0];
	assert_true(r->len <= SL_PAGE_MAX_TEXT);
	assert_true(r->len > SL_PAGE_MAX_TEXT - 4096);
	/* Each 23-byte unit reads as 19 bytes ("&amp;" -> "&"). */
	size_t k = 100000;
	assert_int_equal(r->src[k * 19], 3 + k * ul);
	assert_int_equal(r->src[k * 19 + 17], 3 + k * ul + 17);   /* '&' */
	assert_int_equal(r->src[k * 19 + 18], 3 + k * ul + 22);   /* ' ' */
	check_runs(&f);
	done(&f);
	free(html);
}

static void
test_random_bytes(void **state)
{
	(void)state;
	size_t len = 1u << 20;
	unsigned char *b = malloc(len);
	assert_non_null(b);
	uint64_t x = 0x9E3779B97F4A7C15u;
	for (size_t i = 0; i < len; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		b[i] = (unsigned char)x;
	}
	struct fx f;
	analyse_bytes(&f, b, len, NULL);
	check_runs(&f);
	for (size_t i = 0; i < f.p.nlinks; i++)
		assert_true(f.p.links[i].value_off <= f.d.len);
	done(&f);
	/* The same bytes after a tag-heavy prefix, as UTF-8. */
	memcpy(b, "<html><body><p><a href='", 24);
	analyse_bytes(&f, b, len, UTF8);
	check_runs(&f);
	done(&f);
	free(b);
}

static void
test_not_html_and_empty(void **state)
{
	(void)state;
	struct fx f;
	analyse(&f, "just a line of text, no tags at all");
	assert_false(f.p.is_html);
	assert_null(f.p.title);
	done(&f);

	analyse(&f, "  \n<!DOCTYPE html><p>x</p>");
	assert_true(f.p.is_html);
	done(&f);

	analyse_bytes(&f, "", 0, UTF8);
	assert_false(f.p.is_html);
	assert_int_equal(f.p.nruns, 0);
	assert_null(f.p.scripts);
	done(&f);

	struct sl_page zero;
	memset(&zero, 0, sizeof zero);
	sl_page_free(&zero);
	sl_page_free_text(&zero);
	sl_page_free(NULL);
}

/* A text that is not valid UTF-8 (decode never hands one out, but the
 * analyser must not trust that unless decode scanned it): offsets stay
 * those of the text. */
static void
test_invalid_utf8_text(void **state)
{
	(void)state;
	struct fx f;
	struct sl_err err;
	const char *html = "<p>ab</p><a href=\"q\">z</a>";
	assert_int_equal(sl_decode((const unsigned char *)html, strlen(html),
	                           UTF8, &f.d, &err), SL_OK);
	assert_true(f.d.scanned_valid);
	f.d.text[4] = (char)0xFF;
	f.d.scanned_valid = false;   /* no longer what decode scanned */
	sl_page_analyse(&f.d, &f.p);
	assert_int_equal(f.p.nruns, 2);
	assert_string_equal(f.p.runs[0].text, "a?");
	assert_int_equal(f.p.runs[0].src[1], 4);
	/* (Its UTF-16 column is decode's guess for a stray byte.) */
	assert_int_equal(link_n(&f, 0)->span.start.col_char, 19);
	assert_int_equal(link_n(&f, 0)->span.start.col_byte, 19);
	assert_int_equal(link_n(&f, 0)->value_off, 18);
	done(&f);
}

static void
test_free_text(void **state)
{
	(void)state;
	struct fx f;
	analyse(&f, "<title>t</title><a href=x>y</a><!--c--><script>s()</script>");
	assert_true(f.p.nruns > 0 && f.p.ncomments > 0 && f.p.scripts != NULL);
	sl_page_free_text(&f.p);
	assert_int_equal(f.p.nruns, 0);
	assert_int_equal(f.p.ncomments, 0);
	assert_null(f.p.scripts);
	assert_int_equal(f.p.nlinks, 1);         /* what the site model keeps */
	assert_string_equal(f.p.title, "t");
	done(&f);
}

/* Several threads analyse at once and get what one thread gets. */
struct job {
	const char *html;
	size_t nlinks, nruns;
	uint32_t first_col;
};

static void *
run_job(void *arg)
{
	struct job *j = arg;
	for (int i = 0; i < 20; i++) {
		struct sl_decoded d;
		struct sl_page p;
		struct sl_err err;
		if (sl_decode((const unsigned char *)j->html, strlen(j->html), UTF8,
		              &d, &err) != SL_OK)
			return NULL;
		sl_page_analyse(&d, &p);
		j->nlinks = p.nlinks;
		j->nruns = p.nruns;
		j->first_col = p.nlinks > 0 ? p.links[0].span.start.col_char : 0;
		sl_page_free(&p);
		sl_decoded_free(&d);
	}
	return NULL;
}

static void
test_threads(void **state)
{
	(void)state;
	const char *html = "<html><head><title>t</title><meta charset=gbk></head>"
	                   "<body><div class=nav><a href=\"a.html\">首页</a> "
	                   "<b>x</b> y &lt;&#x4E0D;</div><p>z<br>w</p></body></html>";
	struct job jobs[4];
	pthread_t th[4];
	for (int i = 0; i < 4; i++) {
		jobs[i] = (struct job){ html, 0, 0, 0 };
		assert_int_equal(pthread_create(&th[i], NULL, run_job, &jobs[i]), 0);
	}
	for (int i = 0; i < 4; i++)
		assert_int_equal(pthread_join(th[i], NULL), 0);
	struct fx f;
	analyse(&f, html);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(jobs[i].nlinks, f.p.nlinks);
		assert_int_equal(jobs[i].nruns, f.p.nruns);
		assert_int_equal(jobs[i].first_col, link_n(&f, 0)->span.start.col_char);
	}
	done(&f);
}

int
main(void)
{
	/* sl_page_analyse initializes libxml2 itself; callers may too. */
	xmlInitParser();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_title),
		cmocka_unit_test(test_meta),
		cmocka_unit_test(test_multiline_tag),
		cmocka_unit_test(test_href_quoting),
		cmocka_unit_test(test_srcset),
		cmocka_unit_test(test_css_url),
		cmocka_unit_test(test_refresh_base),
		cmocka_unit_test(test_anchors),
		cmocka_unit_test(test_run_across_inline),
		cmocka_unit_test(test_text_mapping_edges),
		cmocka_unit_test(test_crlf_and_tab),
		cmocka_unit_test(test_runs_split),
		cmocka_unit_test(test_script_style),
		cmocka_unit_test(test_alt_and_title_runs),
		cmocka_unit_test(test_comments),
		cmocka_unit_test(test_context_flags),
		cmocka_unit_test(test_blocks),
		cmocka_unit_test(test_link_text_alt_and_cap),
		cmocka_unit_test(test_lang_h1_kinds),
		cmocka_unit_test(test_gbk),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_huge_line),
		cmocka_unit_test(test_random_bytes),
		cmocka_unit_test(test_not_html_and_empty),
		cmocka_unit_test(test_invalid_utf8_text),
		cmocka_unit_test(test_free_text),
		cmocka_unit_test(test_threads),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	xmlCleanupParser();
	return rc;
}
