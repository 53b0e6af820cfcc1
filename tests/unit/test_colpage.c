/*
 * test_colpage.c - unit tests for what a page keeps for the column, date
 * and interaction checks (linter/colpage.c): list items and their dates,
 * labelled and header-labelled dates, statuses, the visible publication
 * date, placeholders, exemptions, headings and breadcrumbs.  Uses the
 * bundled dictionaries/column-phrases.txt; run from the repository root.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "colpage.h"
#include "decode.h"
#include "page.h"

static struct sl_colwords words;

struct parsed {
	struct sl_decoded dec;
	struct sl_page page;
	struct sl_colpage *cp;
};

static void
extract(struct parsed *p, const char *html)
{
	struct sl_err err;
	assert_int_equal(sl_decode((const unsigned char *)html, strlen(html), "text/html; charset=utf-8",
	                           &p->dec, &err), SL_OK);
	sl_page_analyse(&p->dec, &p->page);
	p->cp = sl_colpage_extract(&p->page, &p->dec, &words, NULL);
}

static void
release(struct parsed *p)
{
	sl_colpage_free(p->cp);
	sl_page_free(&p->page);
	sl_decoded_free(&p->dec);
}

static const char *
item_url(const struct parsed *p, size_t i)
{
	return p->page.links[p->cp->items[i].link].url;
}

static void
assert_date(const struct sl_date *d, int y, int m, int day)
{
	assert_int_equal(d->y, y);
	assert_int_equal(d->m, m);
	assert_int_equal(d->d, day);
}

static void
assert_pos(const struct sl_span *s, unsigned line, unsigned col)
{
	assert_int_equal(s->start.line, line);
	assert_int_equal(s->start.col_char, col);
}

static void
test_list_items(void **state)
{
	(void)state;
	struct parsed p;
	extract(&p, "<ul>\n"
	            "<li><a href=\"a.html\">甲</a><span>2017-03-24</span></li>\n"
	            "<li><a href=\"b.html\">乙</a><span>[03-20]</span></li>\n"
	            "<li><a href=\"c.html\">丙</a><span>03-18</span></li>\n"
	            "<li><a href=\"d.html\">丁</a></li>\n"
	            "</ul>\n");
	assert_int_equal(p.cp->nitems, 3);
	assert_string_equal(item_url(&p, 0), "a.html");
	assert_date(&p.cp->items[0].date, 2017, 3, 24);
	assert_pos(&p.cp->items[0].date_span, 2, 33);
	assert_false(p.cp->items[1].date.has_year);
	assert_date(&p.cp->items[1].date, 0, 3, 20);
	assert_pos(&p.cp->items[1].date_span, 3, 34);   /* inside the brackets */
	assert_date(&p.cp->items[2].date, 0, 3, 18);
	assert_pos(&p.cp->items[2].date_span, 4, 33);
	assert_int_equal(p.cp->nundated, 1);
	assert_string_equal(p.page.links[p.cp->undated_links[0]].url, "d.html");
	release(&p);
}

/* 成文日期 is not the publication date; the table's header says which
 * column is. */
static void
test_table_header(void **state)
{
	(void)state;
	struct parsed p;
	extract(&p, "<table>\n<tr><th>标题</th><th>成文日期</th><th>发布日期</th></tr>\n"
	            "<tr><td><a href=\"p.html\">通知</a></td><td>2017-03-10</td><td>2017-03-15</td></tr>\n"
	            "</table>\n");
	assert_int_equal(p.cp->nitems, 1);
	assert_date(&p.cp->items[0].date, 2017, 3, 15);
	assert_pos(&p.cp->items[0].date_span, 3, 60);
	release(&p);
	extract(&p, "<table>\n<tr><th>信件标题</th><th>来信时间</th><th>状态</th><th>回复时间</th></tr>\n"
	            "<tr><td><a href=\"l.html\">信</a></td><td>2017-01-10</td><td>未回复</td><td></td></tr>\n"
	            "<tr><td><a href=\"m.html\">信</a></td><td>2017-01-02</td><td>已回复</td><td>2017-01-05</td></tr>\n"
	            "</table>\n");
	assert_int_equal(p.cp->nitems, 2);
	assert_date(&p.cp->items[0].date, 2017, 1, 10);
	assert_int_equal(p.cp->items[0].status, SL_STATUS_UNANSWERED);
	assert_pos(&p.cp->items[0].status_span, 3, 59);
	assert_date(&p.cp->items[1].date, 2017, 1, 2);   /* not the 回复时间 */
	assert_int_equal(p.cp->items[1].status, SL_STATUS_ANSWERED);
	release(&p);
}

static void
test_inline_labels_and_status(void **state)
{
	(void)state;
	struct parsed p;
	extract(&p, "<ul><li><a href=\"x.html\">关于某事的通知</a> 成文日期：2017-03-01 发布日期：2017-03-06</li>\n"
	            "<li><a href=\"y.html\">咨询</a><span>[处理中]</span><span>2017-02-01</span></li></ul>\n");
	assert_int_equal(p.cp->nitems, 2);
	assert_date(&p.cp->items[0].date, 2017, 3, 6);
	assert_int_equal(p.cp->items[1].status, SL_STATUS_UNANSWERED);
	assert_string_equal(words.phrases[SL_PH_UNANSWERED][p.cp->items[1].status_word], "处理中");
	release(&p);
}

/* An element with many links is a list, not an item; an item may climb
 * one level to find its date when the parent holds no other link. */
static void
test_containers(void **state)
{
	(void)state;
	struct parsed p;
	extract(&p, "<div class=\"box\"><a href=\"1.html\">一</a> <a href=\"2.html\">二</a> "
	            "<a href=\"3.html\">三</a> <a href=\"4.html\">四</a> <a href=\"5.html\">五</a> 2017-03-01</div>\n"
	            "<div class=\"item\"><div class=\"t\"><a href=\"6.html\">六</a></div><div class=\"d\">2017-03-02</div></div>\n");
	assert_int_equal(p.cp->nitems, 1);
	assert_string_equal(item_url(&p, 0), "6.html");
	release(&p);
}

static void
test_publication_date(void **state)
{
	(void)state;
	struct parsed p;
	extract(&p, "<div class=\"position\">当前位置：<a href=\"/\">首页</a> &gt; 正文</div>\n"
	            "<h1>标题</h1>\n<p>成文日期：2017年3月10日　发布日期：2017年3月15日</p>\n"
	            "<p>正文 2017-04-01 召开。</p>\n");
	assert_int_equal(p.cp->nitems, 0);   /* the breadcrumb link is no item */
	assert_true(p.cp->has_pub);
	assert_true(p.cp->pub_labelled);
	assert_date(&p.cp->pub, 2017, 3, 15);
	assert_pos(&p.cp->pub_span, 3, 25);
	assert_true(p.cp->has_heading);
	assert_string_equal(p.cp->heading, "标题");
	assert_pos(&p.cp->heading_span, 2, 5);
	assert_int_equal(p.cp->nown_links, 0);
	release(&p);
	/* no label: the date just under the <h1> */
	extract(&p, "<h1>标题</h1>\n<div>2017-03-16　来源：本局</div>\n<p>正文。</p>\n");
	assert_true(p.cp->has_pub);
	assert_false(p.cp->pub_labelled);
	assert_date(&p.cp->pub, 2017, 3, 16);
	release(&p);
	/* a labelled impossible date is kept (dates/invalid reports it) */
	extract(&p, "<p>发布时间：2017-02-30 10:00</p>\n");
	assert_true(p.cp->has_pub);
	assert_false(p.cp->pub.valid);
	release(&p);
	/* a letter's own page: 来信时间 and its status */
	extract(&p, "<h1>信</h1><table><tr><th>来信时间</th><td>2017-02-15</td></tr>\n"
	            "<tr><th>办理状态</th><td>办理中</td></tr></table>\n");
	assert_true(p.cp->has_pub);
	assert_date(&p.cp->pub, 2017, 2, 15);
	assert_int_equal(p.cp->status, SL_STATUS_UNANSWERED);
	assert_pos(&p.cp->status_span, 2, 22);
	release(&p);
}

static void
test_own_content(void **state)
{
	(void)state;
	struct parsed p;
	extract(&p, "<div class=\"nav\"><a href=\"/a/\">栏目</a></div>\n<h2>重大项目</h2>\n"
	            "<ul><li class=\"empty\">暂无信息</li></ul>\n<div class=\"page\">共1页 下一页</div>\n"
	            "<div class=\"footer\">主办：某局</div>\n");
	assert_true(p.cp->has_placeholder);
	assert_string_equal(p.cp->placeholder, "暂无信息");
	assert_pos(&p.cp->placeholder_span, 3, 23);
	assert_int_equal(p.cp->nruns, 1);   /* heading, nav, pager, footer excluded */
	assert_int_equal(p.cp->runs[0].kind, SL_CR_PLACEHOLDER);
	assert_false(p.cp->has_exempt);
	assert_int_equal(p.cp->nown_links, 0);
	release(&p);
	extract(&p, "<h2>行政处罚</h2><p>本单位根据三定方案不产生此类信息。</p><p><a href=\"x.html\">附件</a></p>\n");
	assert_true(p.cp->has_exempt);
	assert_false(p.cp->has_placeholder);
	assert_int_equal(p.cp->nown_links, 1);
	assert_int_equal(p.cp->runs[0].kind, SL_CR_EXEMPT);
	assert_int_equal(p.cp->runs[0].hash, sl_colpage_hash(" 本单位根据三定方案不产生此类信息。\n",
	                                                     strlen(" 本单位根据三定方案不产生此类信息。\n")));
	release(&p);
	/* a long paragraph that mentions 建设中 is text, not a placeholder */
	extract(&p, "<p>县第二中学教学楼正在建设中，预计明年九月投入使用，届时可新增学位一千二百个。</p>\n");
	assert_false(p.cp->has_placeholder);
	assert_int_equal(p.cp->runs[0].kind, SL_CR_TEXT);
	release(&p);
}

static void
test_status_reader(void **state)
{
	(void)state;
	size_t at, n;
	const char *s = "办理状态：未回复";
	assert_int_equal(sl_colpage_status(&words, s, strlen(s), &at, &n), SL_STATUS_UNANSWERED);
	assert_int_equal(at, strlen("办理状态："));
	s = "已回复";
	assert_int_equal(sl_colpage_status(&words, s, strlen(s), &at, &n), SL_STATUS_ANSWERED);
	s = "白沙乡饮水管道长期未修复";
	assert_int_equal(sl_colpage_status(&words, s, strlen(s), &at, &n), SL_STATUS_NONE);
	s = "为何一直未回复我的来信";
	assert_int_equal(sl_colpage_status(&words, s, strlen(s), &at, &n), SL_STATUS_NONE);
}

static int
setup(void **state)
{
	struct sl_err err;
	(void)state;
	if (sl_colwords_load(&words, "dictionaries", &err) != SL_OK) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	sl_colwords_free(&words);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list_items),
		cmocka_unit_test(test_table_header),
		cmocka_unit_test(test_inline_labels_and_status),
		cmocka_unit_test(test_containers),
		cmocka_unit_test(test_publication_date),
		cmocka_unit_test(test_own_content),
		cmocka_unit_test(test_status_reader),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
