/*
 * gensite_site.c - the layout of the benchmark site and its pages: the
 * shared template, articles, paginated column lists, hubs, the home page
 * and a few single pages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gensite.h"

#define AS_OF_Y 2026
#define AS_OF_M 11
#define AS_OF_D 27
#define PER_LIST 20          /* items on one list page */
#define MIN_DEPTS 3          /* department pages always written */
#define SITE "沧岚县人民政府"

struct hub {
	const char *path, *name;
};

static const struct hub hubs[] = {
	{ "xwzx/", "新闻中心" }, { "zcwj/", "政策文件" }, { "jdhy/", "解读回应" },
	{ "xxgk/", "政府信息公开" }, { "xxgk/fdzdgknr/", "法定主动公开内容" },
	{ "bsfw/", "办事服务" }, { "hdjl/", "互动交流" },
};
#define NHUBS (sizeof hubs / sizeof hubs[0])

/* Attachment plans: which kinds, one article in EVERY. */
static const int att_forms[] = { GS_DOCX, GS_DOC, GS_XLS, GS_XLSX, GS_PDF, GS_WPS, -1 };
static const int att_policy[] = { GS_PDF, GS_WPS, -1 };
static const int att_report[] = { GS_PDF, GS_OFD, -1 };
static const int att_budget[] = { GS_XLS, GS_PDF, -1 };
static const int att_photo[] = { GS_PNG, -1 };

struct column {
	const char *path, *name, *cls;
	unsigned limit;          /* days, for sitelint.conf (0: none) */
	size_t hub;              /* index into hubs */
	unsigned weight;         /* share of the articles */
	unsigned span;           /* days its items spread over */
	unsigned newest;         /* days before as-of of its newest item */
	bool gbk;
	const int *att;          /* attachment kinds, or NULL */
	unsigned att_every;
	/* Filled in. */
	size_t first, n;         /* its articles: arts[first .. first+n) */
};

static struct column cols[] = {
	{ "xwzx/gzdt/", "工作动态", "news", 14, 0, 30, 1100, 1, false, att_photo, 5, 0, 0 },
	{ "xwzx/tzgg/", "通知公告", "notice", 180, 0, 10, 1500, 6, false, NULL, 0, 0, 0 },
	{ "xwzx/bmdt/", "部门动态", "news", 14, 0, 15, 1100, 2, false, att_photo, 7, 0, 0 },
	{ "xwzx/xzdt/", "乡镇动态", "news", 14, 0, 15, 1100, 3, false, att_photo, 7, 0, 0 },
	{ "zcwj/xzgfxwj/", "行政规范性文件", "policy", 180, 1, 5, 2900, 9, true, att_policy, 3, 0, 0 },
	{ "zcwj/zfwj/", "县政府文件", "policy", 180, 1, 6, 2900, 4, true, att_policy, 4, 0, 0 },
	{ "zcwj/bgswj/", "县政府办公室文件", "policy", 180, 1, 6, 2900, 12, true, NULL, 0, 0, 0 },
	{ "jdhy/zcjd/", "政策解读", "policy", 180, 2, 4, 2000, 20, false, NULL, 0, 0, 0 },
	{ "xxgk/fdzdgknr/ghjh/", "规划计划", "plan", 365, 4, 2, 3000, 40, false, att_report, 2, 0, 0 },
	{ "xxgk/fdzdgknr/czyjs/", "财政预决算", "plan", 365, 4, 3, 3000, 30, false, att_budget, 2, 0, 0 },
	{ "xxgk/fdzdgknr/zdxm/", "重大建设项目", "notice", 180, 4, 3, 2000, 300, false, NULL, 0, 0, 0 },
	{ "xxgk/fdzdgknr/rsxx/", "人事信息", "personnel", 365, 4, 3, 2500, 15, false, NULL, 0, 0, 0 },
	{ "xxgk/xxgknb/", "政府信息公开年报", "plan", 365, 3, 1, 3000, 300, false, att_report, 1, 0, 0 },
	{ "bsfw/bszn/", "办事指南", "service", 0, 5, 4, 2000, 10, false, NULL, 0, 0, 0 },
	{ "bsfw/bgxz/", "表格下载", "forms", 0, 5, 2, 2000, 25, false, att_forms, 1, 0, 0 },
	{ "hdjl/xzxx/", "县长信箱", "interaction", 0, 6, 4, 1000, 2, false, NULL, 0, 0, 0 },
};
#define NCOLS (sizeof cols / sizeof cols[0])

/* Pages of their own: member path, name. */
static const char *const singles[][2] = {
	{ "xxgk/xxgkzn/index.html", "政府信息公开指南" },
	{ "xxgk/xxgkzd/index.html", "政府信息公开制度" },
	{ "xxgk/ysqgk/index.html", "依申请公开" },
	{ "ldxx/index.html", "领导信息" },
};
#define NSINGLES (sizeof singles / sizeof singles[0])

static const char *const typos[] = { "开诚不公", "再接再励", "按步就班", "迫不急待" };

struct art {
	uint32_t col;
	uint32_t id;
	long day;                /* days since the epoch */
	char *title;
	int att;                 /* attachment kind, or -1 */
};

struct gen {
	struct gs_site *s;
	struct art *arts;
	size_t narts;
	long as_of;
};

/* --- the shared template --------------------------------------------- */

static const char *const nav[][2] = {
	{ "/", "首页" }, { "/xwzx/", "新闻中心" }, { "/xxgk/", "政府信息公开" },
	{ "/zcwj/", "政策文件" }, { "/jdhy/", "解读回应" }, { "/bsfw/", "办事服务" },
	{ "/hdjl/", "互动交流" }, { "/jgzn/", "机构职能" },
};

/* Opens a page: the head with its meta tags (METAS: "Name", "content"
 * pairs, NULL-terminated) and the header and navigation. */
static void
page_open(struct gen_buf *b, const char *title, const char *const *metas, bool gbk)
{
	gen_buf_puts(b, "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" "
	                "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n"
	                "<html xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n");
	gen_buf_printf(b, "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=%s\" />\n",
	               gbk ? "gb2312" : "utf-8");
	gen_buf_printf(b, "<title>%s</title>\n", title);
	gen_buf_puts(b, "<meta name=\"SiteName\" content=\"" SITE "\" />\n"
	                "<meta name=\"SiteDomain\" content=\"www.canglan.gov.cn\" />\n"
	                "<meta name=\"SiteIDCode\" content=\"5335270001\" />\n");
	for (size_t i = 0; metas != NULL && metas[i] != NULL; i += 2)
		gen_buf_printf(b, "<meta name=\"%s\" content=\"%s\" />\n", metas[i], metas[i + 1]);
	gen_buf_puts(b, "<meta http-equiv=\"X-UA-Compatible\" content=\"IE=edge\" />\n"
	                "<link rel=\"stylesheet\" type=\"text/css\" href=\"/css/style.css\" />\n"
	                "<script type=\"text/javascript\" src=\"/js/common.js\"></script>\n"
	                "</head>\n<body>\n<div class=\"header\">\n  <div class=\"wrap clearfix\">\n"
	                "    <a class=\"logo\" href=\"/\"><img src=\"/images/logo.png\" width=\"420\" "
	                "height=\"80\" alt=\"" SITE "\" /></a>\n"
	                "    <div class=\"top-links\"><a href=\"/xxgk/\">政务公开</a> | "
	                "<a href=\"/hdjl/xzxx/\">县长信箱</a></div>\n  </div>\n</div>\n"
	                "<div class=\"nav\" id=\"nav\">\n  <ul class=\"clearfix\">\n");
	for (size_t i = 0; i < sizeof nav / sizeof nav[0]; i++)
		gen_buf_printf(b, "    <li><a href=\"%s\">%s</a></li>\n", nav[i][0], nav[i][1]);
	gen_buf_puts(b, "  </ul>\n</div>\n");
}

static void
page_close(struct gen_buf *b)
{
	gen_buf_puts(b,
		"<div class=\"footer\">\n  <div class=\"wrap clearfix\">\n"
		"    <div class=\"footer-conac\"><span id=\"_ideConac\"><a href=\"https://bszs.conac.cn/"
		"sitename?method=show&amp;id=6B1D3F2A8C9E4B70E053022819AC5D17\" target=\"_blank\">"
		"<img id=\"imgConac\" vspace=\"0\" hspace=\"0\" border=\"0\" src=\"https://dcs.conac.cn/"
		"image/red.png\" /></a></span></div>\n    <div class=\"footer-copy\">\n"
		"      <p>主办：沧岚县人民政府办公室&nbsp;&nbsp;承办：沧岚县融媒体中心&nbsp;&nbsp;"
		"联系电话：0883-5212345</p>\n"
		"      <p>网站标识码：5335270001&nbsp;&nbsp;<a href=\"https://beian.miit.gov.cn/\" "
		"target=\"_blank\">滇ICP备20007153号-1</a>&nbsp;&nbsp;<a href=\"http://www.beian.gov.cn/"
		"portal/registerSystemInfo?recordcode=53352702000117\" target=\"_blank\"><img "
		"src=\"/images/gaba.png\" width=\"20\" height=\"20\" alt=\"\" />滇公网安备 "
		"53352702000117号</a></p>\n"
		"      <p>地址：云南省沧岚县城关街道振兴路88号&nbsp;&nbsp;建议使用1366×768分辨率浏览</p>\n"
		"    </div>\n    <div class=\"footer-jiucuo\"><a href=\"https://zfwzgl.www.gov.cn/"
		"exposure/jiucuo.html?site_code=5335270001\" target=\"_blank\"><img "
		"src=\"/images/jiucuo.png\" width=\"110\" height=\"55\" alt=\"政府网站找错\" /></a></div>\n"
		"  </div>\n</div>\n</body>\n</html>\n");
}

static void
finish_page(struct gen *g, const char *rel, struct gen_buf *b, bool gbk)
{
	page_close(b);
	gs_write_page(g->s, rel, b, gbk);
	g->s->pages++;
	g->s->gbk_pages += gbk;
	g->s->html_bytes += b->len;   /* UTF-8 size; GBK pages are smaller */
	b->len = 0;
}

/* --- articles -------------------------------------------------------- */

static void
fmt_day(long day, char *out, size_t size, const char *fmt)
{
	int y, m, d;
	gs_civil(day, &y, &m, &d);
	if (strcmp(fmt, "ym") == 0)
		snprintf(out, size, "%04d%02d", y, m);
	else if (strcmp(fmt, "ymd") == 0)
		snprintf(out, size, "%04d%02d%02d", y, m, d);
	else
		snprintf(out, size, "%04d-%02d-%02d", y, m, d);
}

/* Member path of article A (no leading slash). */
static void
art_path(const struct art *a, char *out, size_t size)
{
	char ym[16], ymd[16];
	fmt_day(a->day, ym, sizeof ym, "ym");
	fmt_day(a->day, ymd, sizeof ymd, "ymd");
	snprintf(out, size, "%s%s/t%s_%u.html", cols[a->col].path, ym, ymd, (unsigned)a->id);
}

static void
att_path(const struct gen *g, const struct art *a, char *out, size_t size)
{
	char ym[16], ymd[16];
	fmt_day(a->day, ym, sizeof ym, "ym");
	fmt_day(a->day, ymd, sizeof ymd, "ymd");
	snprintf(out, size, "%s%s/%c0%s%06u.%s", cols[a->col].path, ym,
	         a->att == GS_PNG ? 'W' : 'P', ymd, (unsigned)(a->id % 1000000),
	         g->s->asset_ext[a->att]);
}

/* Bytes the text will take on disk: GBK takes 2 bytes for what UTF-8
 * writes in 3 (the prose is all CJK and full-width punctuation). */
static size_t
disk_bytes(const char *p, size_t len, bool gbk)
{
	if (!gbk)
		return len;
	size_t cont = 0;
	for (size_t i = 0; i < len; i++)
		cont += ((unsigned char)p[i] & 0xC0) == 0x80;
	return len - cont / 2;
}

static void
policy_table(struct gen_buf *b, const struct art *a, const char *date)
{
	int y, m, d;
	gs_civil(a->day, &y, &m, &d);
	gen_buf_printf(b, "    <table class=\"xxgk-info\">\n"
	               "      <tr><th>索引号</th><td>11533527MB%010u/%04d-%05u</td>"
	               "<th>发文机关</th><td>" SITE "</td></tr>\n"
	               "      <tr><th>文号</th><td>沧政发〔%04d〕%u号</td>"
	               "<th>成文日期</th><td>%s</td></tr>\n    </table>\n",
	               (unsigned)a->id, y, (unsigned)(a->id % 100000), y,
	               (unsigned)(a->id % 97 + 1), date);
}

/* The prose of an article: paragraphs until the page reaches TARGET
 * bytes on disk (USED already taken by the rest of the page). */
static void
article_body(struct gen *g, struct gen_buf *b, size_t used, size_t target, bool gbk,
             bool typo)
{
	struct gen_rng *r = &g->s->rng;
	struct gen_buf p = { 0 };
	size_t para = 0;
	while (used < target) {
		p.len = 0;
		gen_buf_puts(&p, "      <p style=\"text-indent:2em;\">");
		unsigned n = 3 + gen_rng_below(r, 4);
		for (unsigned i = 0; i < n; i++) {
			bool plant = typo && para == 2 && i == 1;
			gen_sentence(&p, g->s->vocab, r, plant ? typos[gen_rng_below(r, 4)] : NULL);
		}
		gen_buf_puts(&p, "</p>\n");
		gen_buf_put(b, p.p, p.len);
		used += disk_bytes(p.p, p.len, gbk);
		para++;
	}
	gen_buf_free(&p);
}

static void
article_related(struct gen *g, struct gen_buf *b, const struct art *a, bool broken)
{
	const struct column *c = &cols[a->col];
	gen_buf_puts(b, "    <div class=\"related\"><h3>相关阅读</h3>\n      <ul>\n");
	for (int i = 0; i < 3; i++) {
		const struct art *o = &g->arts[c->first + gen_rng_below(&g->s->rng, (uint32_t)c->n)];
		char path[512];
		art_path(o, path, sizeof path);
		if (broken && i == 2)   /* planted: an article that was deleted */
			snprintf(path + strlen(path) - 5, 6, "0.htm");
		gen_buf_printf(b, "        <li><a href=\"/%s\" target=\"_blank\">%s</a></li>\n",
		               path, o->title);
	}
	gen_buf_puts(b, "      </ul>\n    </div>\n");
}

static void
write_article(struct gen *g, struct art *a, struct gen_buf *b)
{
	struct gen_rng *r = &g->s->rng;
	const struct column *c = &cols[a->col];
	char date[16], path[512], full[512];
	fmt_day(a->day, date, sizeof date, "ymd-");
	art_path(a, path, sizeof path);
	const char *dept = gen_pick(g->s->vocab, GEN_DEPT, r);
	char pubdate[32];
	snprintf(pubdate, sizeof pubdate, "%s %02u:%02u", date, 8 + gen_rng_below(r, 10),
	         gen_rng_below(r, 60));
	snprintf(full, sizeof full, "%s_%s_" SITE, a->title, c->name);
	const char *metas[] = { "ArticleTitle", a->title, "PubDate", pubdate, "ContentSource", dept,
	                        "Keywords", c->name, "Description", a->title, NULL };
	page_open(b, full, metas, c->gbk);
	gen_buf_printf(b, "<div class=\"main wrap\">\n  <div class=\"position\">当前位置："
	               "<a href=\"/\">首页</a> &gt; <a href=\"/%s\">%s</a> &gt; "
	               "<a href=\"/%s\">%s</a> &gt; 正文</div>\n  <div class=\"article\">\n",
	               hubs[c->hub].path, hubs[c->hub].name, c->path, c->name);
	if (c->gbk)
		policy_table(b, a, date);
	gen_buf_printf(b, "    <h1 class=\"article-title\">%s</h1>\n    <div class=\"article-info\">"
	               "<span>发布时间：%s</span><span>来源：%s</span></div>\n"
	               "    <div class=\"article-content\" id=\"zoom\">\n"
	               "    <div class=\"TRS_Editor\">\n", a->title, pubdate, dept);
	size_t target = 14000 + gen_rng_below(r, 6001);
	size_t rest = 2400;   /* related links, tools and the footer */
	article_body(g, b, disk_bytes(b->p, b->len, c->gbk) + rest, target, c->gbk,
	             gen_rng_below(r, 40) == 0);
	if (a->att >= 0) {
		char ap[512];
		att_path(g, a, ap, sizeof ap);
		const char *base = strrchr(ap, '/') + 1;
		if (a->att == GS_PNG)
			gen_buf_printf(b, "      <p style=\"text-align:center;\"><img src=\"./%s\" "
			               "alt=\"%s\" /></p>\n", base, a->title);
		else
			gen_buf_printf(b, "      <p>附件：<a href=\"./%s\">%s.%s</a></p>\n", base,
			               a->title, g->s->asset_ext[a->att]);
		gs_write(g->s, ap, g->s->asset[a->att], g->s->asset_len[a->att]);
		g->s->attachments++;
	}
	gen_buf_puts(b, "    </div>\n    </div>\n");
	article_related(g, b, a, gen_rng_below(r, 150) == 0);
	gen_buf_puts(b, "    <div class=\"article-tools\"><span onclick=\"window.print()\">"
	                "【打印本页】</span><span onclick=\"window.close()\">【关闭窗口】</span></div>\n"
	                "  </div>\n</div>\n");
	finish_page(g, path, b, c->gbk);
	g->s->articles++;
}

/* --- lists, hubs, home ----------------------------------------------- */

static void
list_item(struct gen_buf *b, const struct art *a, const char *prefix, bool table)
{
	char path[512], date[16];
	art_path(a, path, sizeof path);
	fmt_day(a->day, date, sizeof date, "ymd-");
	const char *rel = path + strlen(prefix);
	if (table)
		gen_buf_printf(b, "        <tr><td><a href=\"./%s\" target=\"_blank\" title=\"%s\">%s"
		               "</a></td><td>沧政发〔%.4s〕%u号</td><td>%s</td></tr>\n", rel, a->title,
		               a->title, date, (unsigned)(a->id % 97 + 1), date);
	else
		gen_buf_printf(b, "        <li><a href=\"%s%s\" target=\"_blank\" title=\"%s\">%s</a>"
		               "<span>%s</span></li>\n", *prefix ? "./" : "/", rel, a->title,
		               a->title, date);
}

static void
pager(struct gen_buf *b, size_t page, size_t npages)
{
	gen_buf_printf(b, "      <div class=\"page\">\n        <script type=\"text/javascript\">"
	               "createPageHTML(%zu, %zu, \"index\", \"html\");</script>\n", npages, page);
	if (page == 1)
		gen_buf_puts(b, "        <a href=\"index.html\">首页</a> <a href=\"index.html\">上一页</a>\n");
	else if (page > 1)
		gen_buf_printf(b, "        <a href=\"index.html\">首页</a> <a href=\"index_%zu.html\">"
		               "上一页</a>\n", page - 1);
	if (page + 1 < npages)
		gen_buf_printf(b, "        <a href=\"index_%zu.html\">下一页</a> <a href=\"index_%zu.html\">"
		               "尾页</a>\n", page + 1, npages - 1);
	gen_buf_puts(b, "      </div>\n");
}

static void
write_lists(struct gen *g, const struct column *c, struct gen_buf *b)
{
	size_t npages = c->n == 0 ? 1 : (c->n + PER_LIST - 1) / PER_LIST;
	for (size_t pg = 0; pg < npages; pg++) {
		char title[256], rel[512];
		snprintf(title, sizeof title, "%s_%s_" SITE, c->name, hubs[c->hub].name);
		const char *metas[] = { "ColumnName", c->name, "ColumnType", c->name, NULL };
		page_open(b, title, metas, c->gbk);
		gen_buf_printf(b, "<div class=\"main wrap clearfix\">\n  <div class=\"position\">当前位置："
		               "<a href=\"/\">首页</a> &gt; <a href=\"/%s\">%s</a> &gt; %s</div>\n"
		               "  <div class=\"column-box\">\n    <div class=\"column-title\"><h2>%s</h2>"
		               "</div>\n    <div class=\"column-list\">\n", hubs[c->hub].path,
		               hubs[c->hub].name, c->name, c->name);
		gen_buf_puts(b, c->gbk ? "      <table class=\"list\">\n        <tr><th>标题</th>"
		                         "<th>文号</th><th>发布日期</th></tr>\n"
		                       : "      <ul class=\"list\">\n");
		for (size_t i = pg * PER_LIST; i < c->n && i < (pg + 1) * PER_LIST; i++)
			list_item(b, &g->arts[c->first + i], c->path, c->gbk);
		if (c->n == 0)
			gen_buf_puts(b, "        <li>暂无信息</li>\n");
		gen_buf_puts(b, c->gbk ? "      </table>\n" : "      </ul>\n");
		pager(b, pg, npages);
		gen_buf_puts(b, "    </div>\n  </div>\n</div>\n");
		if (pg == 0)
			snprintf(rel, sizeof rel, "%sindex.html", c->path);
		else
			snprintf(rel, sizeof rel, "%sindex_%zu.html", c->path, pg);
		finish_page(g, rel, b, c->gbk);
		g->s->lists++;
	}
}

/* A box of the newest N items of column C (absolute links). */
static void
newest_box(struct gen *g, struct gen_buf *b, const struct column *c, size_t n)
{
	gen_buf_printf(b, "    <div class=\"box\">\n      <div class=\"tab-title\"><h2>%s</h2>"
	               "<a class=\"more\" href=\"/%s\">更多&gt;&gt;</a></div>\n"
	               "      <ul class=\"list\">\n", c->name, c->path);
	for (size_t i = 0; i < n && i < c->n; i++)
		list_item(b, &g->arts[c->first + i], "", false);
	gen_buf_puts(b, "      </ul>\n    </div>\n");
}

static void
write_hubs(struct gen *g, struct gen_buf *b)
{
	for (size_t h = 0; h < NHUBS; h++) {
		char title[256], rel[512];
		snprintf(title, sizeof title, "%s_" SITE, hubs[h].name);
		const char *metas[] = { "ColumnName", hubs[h].name, "ColumnType", hubs[h].name, NULL };
		page_open(b, title, metas, false);
		gen_buf_printf(b, "<div class=\"main wrap clearfix\">\n  <div class=\"position\">当前位置："
		               "<a href=\"/\">首页</a> &gt; %s</div>\n", hubs[h].name);
		for (size_t i = 0; i < NHUBS; i++)
			if (i != h && strncmp(hubs[i].path, hubs[h].path, strlen(hubs[h].path)) == 0)
				gen_buf_printf(b, "  <p class=\"sub\"><a href=\"/%s\">%s</a></p>\n",
				               hubs[i].path, hubs[i].name);
		for (size_t i = 0; i < NCOLS; i++)
			if (cols[i].hub == h)
				newest_box(g, b, &cols[i], 6);
		gen_buf_puts(b, "</div>\n");
		snprintf(rel, sizeof rel, "%sindex.html", hubs[h].path);
		finish_page(g, rel, b, false);
	}
}

static void
write_home(struct gen *g, struct gen_buf *b)
{
	const char *metas[] = { "Keywords", "沧岚县,沧岚县人民政府,政务公开,办事服务", NULL };
	page_open(b, "沧岚县人民政府门户网站", metas, false);
	gen_buf_puts(b, "<div class=\"main wrap\">\n");
	newest_box(g, b, &cols[0], 8);
	newest_box(g, b, &cols[1], 8);
	newest_box(g, b, &cols[5], 8);
	gen_buf_puts(b, "  <div class=\"columns\">\n    <ul class=\"icon-list clearfix\">\n");
	for (size_t i = 0; i < NCOLS; i++)
		gen_buf_printf(b, "      <li><a href=\"/%s\">%s</a></li>\n", cols[i].path, cols[i].name);
	for (size_t i = 0; i < NSINGLES; i++) {
		size_t n = strlen(singles[i][0]) - strlen("index.html");
		gen_buf_printf(b, "      <li><a href=\"/%.*s\">%s</a></li>\n", (int)n, singles[i][0],
		               singles[i][1]);
	}
	gen_buf_puts(b, "    </ul>\n  </div>\n</div>\n");
	finish_page(g, "index.html", b, false);
}

/* The single pages, the department index and NDEPTS department pages. */
static void
write_singles(struct gen *g, struct gen_buf *b, size_t ndepts)
{
	for (size_t i = 0; i < NSINGLES; i++) {
		char title[256];
		snprintf(title, sizeof title, "%s_" SITE, singles[i][1]);
		const char *metas[] = { "ColumnName", singles[i][1], "ColumnType", singles[i][1], NULL };
		page_open(b, title, metas, false);
		gen_buf_printf(b, "<div class=\"main wrap\">\n  <h1>%s</h1>\n", singles[i][1]);
		article_body(g, b, 0, 6000, false, false);
		if (strcmp(singles[i][0], "xxgk/ysqgk/index.html") == 0) {
			gen_buf_puts(b, "  <p>申请表：<a href=\"P020250310502214.docx\">"
			                "政府信息公开申请表.docx</a></p>\n");
			gs_write(g->s, "xxgk/ysqgk/P020250310502214.docx", g->s->asset[GS_DOCX],
			         g->s->asset_len[GS_DOCX]);
			g->s->attachments++;
		}
		gen_buf_puts(b, "</div>\n");
		finish_page(g, singles[i][0], b, false);
	}
	const char *jgzn[] = { "ColumnName", "机构职能", "ColumnType", "机构职能", NULL };
	page_open(b, "机构职能_" SITE, jgzn, false);
	gen_buf_puts(b, "<div class=\"main wrap\">\n  <ul class=\"list\">\n");
	for (size_t i = 0; i < ndepts; i++)
		gen_buf_printf(b, "    <li><a href=\"bmzn/bm%03zu.html\">%s（%zu）</a></li>\n", i,
		               gen_pick(g->s->vocab, GEN_DEPT, &g->s->rng), i);
	gen_buf_puts(b, "  </ul>\n</div>\n");
	finish_page(g, "jgzn/index.html", b, false);
	for (size_t i = 0; i < ndepts; i++) {
		char rel[256];
		page_open(b, "部门职能_" SITE, NULL, false);
		gen_buf_puts(b, "<div class=\"main wrap\">\n");
		article_body(g, b, 0, 3000, false, false);
		gen_buf_puts(b, "</div>\n");
		snprintf(rel, sizeof rel, "jgzn/bmzn/bm%03zu.html", i);
		finish_page(g, rel, b, false);
	}
}

/* --- layout ---------------------------------------------------------- */

/* Gives each column its share of A articles. */
static void
share(size_t a)
{
	unsigned total = 0;
	for (size_t i = 0; i < NCOLS; i++)
		total += cols[i].weight;
	size_t given = 0;
	for (size_t i = 0; i < NCOLS; i++) {
		cols[i].n = a * cols[i].weight / total;
		given += cols[i].n;
	}
	for (size_t i = 0; given < a; i = (i + 1) % NCOLS, given++)
		cols[i].n++;
}

/* HTML pages of a site with A articles and MIN_DEPTS department pages. */
static size_t
count_pages(size_t a)
{
	share(a);
	size_t n = 1 + NHUBS + NSINGLES + 1 + MIN_DEPTS + a;
	for (size_t i = 0; i < NCOLS; i++)
		n += cols[i].n == 0 ? 1 : (cols[i].n + PER_LIST - 1) / PER_LIST;
	return n;
}

static void
plan_articles(struct gen *g)
{
	struct gen_rng *r = &g->s->rng;
	uint32_t id = 3800000;
	for (size_t c = 0; c < NCOLS; c++) {
		cols[c].first = g->narts;
		long day = g->as_of - cols[c].newest;
		double step = cols[c].n ? (double)cols[c].span / (double)cols[c].n : 1;
		for (size_t j = 0; j < cols[c].n; j++) {
			struct art *a = &g->arts[g->narts++];
			a->col = (uint32_t)c;
			a->id = id++ + gen_rng_below(r, 3);
			id = a->id + 1;
			a->day = day;
			struct gen_buf t = { 0 };
			gen_title(&t, g->s->vocab, r);
			a->title = t.p;
			a->att = -1;
			if (cols[c].att != NULL && gen_rng_below(r, cols[c].att_every) == 0) {
				size_t k = 0;
				while (cols[c].att[k] >= 0)
					k++;
				a->att = cols[c].att[gen_rng_below(r, (uint32_t)k)];
			}
			day -= (long)(step * (0.5 + (double)gen_rng_below(r, 1000) / 1000.0) + 0.5);
		}
	}
}

static void
write_config(struct gen *g)
{
	struct gen_buf b = { 0 };
	gen_buf_puts(&b, "# Generated by bench/gensite: a made-up county portal for the benchmark.\n"
	                 "name = " SITE "\nprofile = portal\nstatus = open\n"
	                 "domain = www.canglan.gov.cn\nas-of = 2026-11-27\nhome = index.html\n");
	for (size_t i = 0; i < NCOLS; i++) {
		gen_buf_printf(&b, "\n[column \"%s\"]\nname = %s\nclass = %s\n", cols[i].path,
		               cols[i].name, cols[i].cls);
		if (cols[i].limit)
			gen_buf_printf(&b, "limit = %u\n", cols[i].limit);
	}
	gs_write(g->s, "sitelint.conf", b.p, b.len);
	gen_buf_free(&b);
}

void
gs_site_generate(struct gs_site *s, size_t pages)
{
	struct gen g = { s, NULL, 0, gs_days(AS_OF_Y, AS_OF_M, AS_OF_D) };
	size_t a = pages;
	while (a > 0 && count_pages(a) > pages)
		a--;
	size_t total = count_pages(a);
	size_t ndepts = MIN_DEPTS + (pages - total);
	g.arts = calloc(a + 1, sizeof *g.arts);
	if (g.arts == NULL) {
		fputs("gensite: out of memory\n", stderr);
		exit(1);
	}
	plan_articles(&g);
	struct gen_buf b = { 0 };
	for (size_t i = 0; i < g.narts; i++)
		write_article(&g, &g.arts[i], &b);
	for (size_t c = 0; c < NCOLS; c++)
		write_lists(&g, &cols[c], &b);
	write_hubs(&g, &b);
	write_home(&g, &b);
	write_singles(&g, &b, ndepts);
	write_config(&g);
	for (size_t i = 0; i < g.narts; i++)
		free(g.arts[i].title);
	free(g.arts);
	gen_buf_free(&b);
}
