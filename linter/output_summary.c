/*
 * output_summary.c - --format summary: the census verdict as the notices
 * print it (附件 tables: 序号, 单位名称, 存在突出问题), then per snapshot
 * what was read, the check date and its source, and the counts per rule.
 *
 *   存在突出问题的网站名单（检查日期：2017-03-24）
 *
 *   序号  单位名称          存在突出问题
 *   1     梁河县防震减灾局  首页长期未更新、多个栏目空白、严重错误
 *
 * Only sites with problems are numbered in the table, as in the notices;
 * the others are named below it.  Columns are aligned by display width
 * (a Chinese character takes two cells).  Problem names stay in Chinese
 * in both languages: they are the census's own words.
 */
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "output.h"
#include "util.h"

/* Display cells of the UTF-8 string S. */
static size_t
text_width(const char *s)
{
	size_t w = 0, n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		i += (size_t)sl_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		int ea = u_getIntPropertyValue((UChar32)cp, UCHAR_EAST_ASIAN_WIDTH);
		w += (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH) ? 2 : 1;
	}
	return w;
}

static void
pad(FILE *f, const char *s, size_t width)
{
	fputs(s, f);
	for (size_t w = text_width(s); w < width + 2; w++)
		fputc(' ', f);
}

static const char *
site_name(const struct sl_report *r)
{
	return r->site_name ? r->site_name : r->path;
}

/* The problems of R joined with 、 (owned by the caller). */
static char *
problem_list(const struct sl_report *r)
{
	struct sl_buf b;
	sl_buf_init(&b, 0);
	for (size_t k = 0; k < r->nproblems; k++) {
		if (k)
			sl_buf_puts(&b, "、");
		sl_buf_puts(&b, r->problems[k]);
	}
	return sl_buf_steal(&b, NULL);
}

static const char *
source_name(const char *src, bool zh)
{
	static const struct { const char *key, *zh; } tab[] = {
		{ "option", "命令行 --as-of" }, { "config", "配置文件" },
		{ "warc-date", "WARC 记录日期" }, { "mtime", "文件修改时间" }, { "today", "当天" },
	};
	for (size_t i = 0; zh && src != NULL && i < sizeof tab / sizeof tab[0]; i++)
		if (strcmp(src, tab[i].key) == 0)
			return tab[i].zh;
	return src ? src : "-";
}

static void
print_title(FILE *f, const struct sl_report *reports, size_t n, bool zh)
{
	bool same = true;
	for (size_t i = 1; i < n; i++)
		same = same && strcmp(reports[i].as_of, reports[0].as_of) == 0;
	fputs(zh ? "存在突出问题的网站名单" : "Sites with outstanding problems", f);
	if (n > 0 && same)
		fprintf(f, zh ? "（检查日期：%s）" : " (checked as of %s)", reports[0].as_of);
	fputs("\n\n", f);
}

static void
print_table(FILE *f, const struct sl_report *reports, size_t n, bool zh)
{
	const char *h_no = zh ? "序号" : "No.", *h_name = zh ? "单位名称" : "Site";
	const char *h_prob = zh ? "存在突出问题" : "Problems", *h_verdict = zh ? "结论" : "Verdict";
	size_t wno = text_width(h_no), wname = text_width(h_name), wprob = text_width(h_prob);
	size_t listed = 0;
	for (size_t i = 0; i < n; i++) {
		if (reports[i].nproblems == 0)
			continue;
		char *p = problem_list(&reports[i]);
		size_t w = text_width(site_name(&reports[i])), wp = text_width(p);
		wname = w > wname ? w : wname;
		wprob = wp > wprob ? wp : wprob;
		free(p);
		listed++;
	}
	if (listed == 0) {
		fputs(zh ? "（无）\n" : "(none)\n", f);
		return;
	}
	pad(f, h_no, wno);
	pad(f, h_name, wname);
	pad(f, h_prob, wprob);
	fprintf(f, "%s\n", h_verdict);
	for (size_t i = 0, no = 0; i < n; i++) {
		const struct sl_report *r = &reports[i];
		if (r->nproblems == 0)
			continue;
		char num[24], *p = problem_list(r);
		snprintf(num, sizeof num, "%zu", ++no);
		pad(f, num, wno);
		pad(f, site_name(r), wname);
		pad(f, p, wprob);
		fprintf(f, "%s\n", r->pass ? (zh ? "合格" : "pass") : (zh ? "不合格" : "fail"));
		free(p);
	}
}

static void
print_totals(FILE *f, const struct sl_report *reports, size_t n, bool zh)
{
	size_t fail = 0, clean = 0;
	for (size_t i = 0; i < n; i++) {
		fail += !reports[i].pass;
		clean += reports[i].nproblems == 0;
	}
	fprintf(f, zh ? "\n共检查网站 %zu 个：合格 %zu 个，不合格 %zu 个。\n"
	              : "\n%zu site(s) checked: %zu pass, %zu fail.\n", n, n - fail, fail);
	if (clean == 0)
		return;
	fputs(zh ? "未发现突出问题：" : "No outstanding problem: ", f);
	for (size_t i = 0, k = 0; i < n; i++)
		if (reports[i].nproblems == 0)
			fprintf(f, "%s%s", k++ ? (zh ? "、" : ", ") : "", site_name(&reports[i]));
	fputc('\n', f);
}

/* Why members were skipped: the nonzero counts, each reason once. */
static void
print_skipped(FILE *f, const struct sl_stats *s, bool zh)
{
	if (s->skipped == 0)
		return;
	const struct { uint64_t n; const char *en, *zh; } why[] = {
		{ s->skipped_unsafe, "unsafe name or link", "越出快照的名称或链接" },
		{ s->skipped_limit, "over a cap", "超过上限" },
		{ s->skipped_duplicate, "duplicate path", "路径重复" },
		{ s->skipped_unreadable, "unreadable", "无法读取" },
		{ s->skipped_other, "other (encrypted, not a file, bad record)", "其他（加密、非普通文件、无效记录）" },
	};
	fputs(zh ? "  跳过原因: " : "  skipped: ", f);
	const char *sep = "";
	for (size_t k = 0; k < sizeof why / sizeof why[0]; k++) {
		if (why[k].n == 0)
			continue;
		fprintf(f, "%s%s %llu", sep, zh ? why[k].zh : why[k].en, (unsigned long long)why[k].n);
		sep = zh ? "，" : ", ";
	}
	fputs(zh ? "（见 snapshot/* 诊断）\n" : " (see the snapshot/* diagnostics)\n", f);
}

static void
print_details(FILE *f, const struct sl_report *r, bool zh)
{
	const struct sl_stats *s = &r->stats;
	char *p = problem_list(r);
	fprintf(f, "\n%s\n", r->path);
	fprintf(f, zh ? "  单位名称: %s\n" : "  site: %s\n", site_name(r));
	fprintf(f, zh ? "  结论: %s%s%s%s\n" : "  verdict: %s%s%s%s\n",
	        r->pass ? (zh ? "合格" : "pass") : (zh ? "不合格" : "fail"),
	        r->nproblems ? (zh ? "（" : " (") : "", p, r->nproblems ? (zh ? "）" : ")") : "");
	free(p);
	fprintf(f, zh ? "  检查日期: %s（来源: %s）\n" : "  as of: %s (from %s)\n",
	        r->as_of, source_name(r->as_of_source, zh));
	fprintf(f, zh ? "  首页: %s\n" : "  home: %s\n", r->home ? r->home : "-");
	fprintf(f, zh ? "  读取成员 %llu 个（页面 %llu，其他文件 %llu，%llu 字节），跳过 %llu 个，行内抑制 %llu 条\n"
	              : "  members read: %llu (pages %llu, other files %llu, %llu bytes); skipped %llu; suppressed inline %llu\n",
	        (unsigned long long)s->members, (unsigned long long)s->pages,
	        (unsigned long long)s->other, (unsigned long long)s->bytes,
	        (unsigned long long)s->skipped, (unsigned long long)s->suppressed);
	print_skipped(f, s, zh);
	if (r->read_error)
		fprintf(f, zh ? "  未完整读取: %s\n" : "  not read in full: %s\n", r->read_error);
	fprintf(f, zh ? "  错误 %llu，警告 %llu，提示 %llu\n" : "  errors %llu, warnings %llu, notes %llu\n",
	        (unsigned long long)s->by_severity[SL_SEV_ERROR],
	        (unsigned long long)s->by_severity[SL_SEV_WARNING],
	        (unsigned long long)s->by_severity[SL_SEV_NOTE]);
	for (int k = 0; k < SL_RULE_COUNT; k++)
		if (r->rule_counts[k])
			fprintf(f, "  %6d  %s%s%s\n", r->rule_counts[k], sl_rules[k].id,
			        sl_rules[k].indicator ? "  " : "",
			        sl_rules[k].indicator ? sl_rules[k].indicator : "");
}

void
sl_output_summary(FILE *f, const struct sl_report *reports, size_t n,
                  const struct sl_output_opts *o)
{
	bool zh = o->lang == SL_LANG_ZH;
	print_title(f, reports, n, zh);
	print_table(f, reports, n, zh);
	print_totals(f, reports, n, zh);
	for (size_t i = 0; i < n; i++)
		print_details(f, &reports[i], zh);
}
