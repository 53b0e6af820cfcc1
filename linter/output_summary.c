/*
 * output_summary.c - the census verdict per snapshot as the notices'
 * table (序号, 单位名称, 存在突出问题), then what was read and the counts
 * per rule.
 */
#include <string.h>

#include "output.h"
#include "util.h"

static void
print_problems(FILE *f, const struct sl_report *r, enum sl_lang lang)
{
	if (r->nproblems == 0) {
		fputs(lang == SL_LANG_ZH ? "无" : "none", f);
		return;
	}
	for (size_t k = 0; k < r->nproblems; k++)
		fprintf(f, "%s%s", k ? "、" : "", r->problems[k]);
}

void
sl_output_summary(FILE *f, const struct sl_report *reports, size_t n,
                  const struct sl_output_opts *o)
{
	bool zh = o->lang == SL_LANG_ZH;
	fputs(zh ? "序号\t单位名称\t存在突出问题\t结论\n" : "序号\t单位名称\t存在突出问题\tverdict\n", f);
	for (size_t i = 0; i < n; i++) {
		const struct sl_report *r = &reports[i];
		fprintf(f, "%zu\t%s\t", i + 1, r->site_name ? r->site_name : r->path);
		print_problems(f, r, o->lang);
		fprintf(f, "\t%s\n", r->pass ? (zh ? "合格" : "pass") : (zh ? "不合格" : "fail"));
	}
	for (size_t i = 0; i < n; i++) {
		const struct sl_report *r = &reports[i];
		const struct sl_stats *s = &r->stats;
		fprintf(f, "\n%s\n", r->path);
		fprintf(f, zh ? "  检查日期: %s（来源: %s）\n" : "  as of: %s (from %s)\n",
		        r->as_of, r->as_of_source);
		fprintf(f, zh ? "  首页: %s\n" : "  home: %s\n", r->home ? r->home : "-");
		fprintf(f, zh ? "  读取成员 %llu 个（页面 %llu，其他文件 %llu，%llu 字节），跳过 %llu 个，行内抑制 %llu 条\n"
		              : "  members read: %llu (pages %llu, other files %llu, %llu bytes); skipped %llu; suppressed inline %llu\n",
		        (unsigned long long)s->members, (unsigned long long)s->pages,
		        (unsigned long long)s->other, (unsigned long long)s->bytes,
		        (unsigned long long)s->skipped, (unsigned long long)s->suppressed);
		if (r->read_error)
			fprintf(f, zh ? "  读取中断: %s\n" : "  reading stopped: %s\n", r->read_error);
		fprintf(f, zh ? "  错误 %llu，警告 %llu，提示 %llu\n" : "  errors %llu, warnings %llu, notes %llu\n",
		        (unsigned long long)s->by_severity[SL_SEV_ERROR],
		        (unsigned long long)s->by_severity[SL_SEV_WARNING],
		        (unsigned long long)s->by_severity[SL_SEV_NOTE]);
		for (int k = 0; k < SL_RULE_COUNT; k++)
			if (r->rule_counts[k])
				fprintf(f, "  %6d  %s\n", r->rule_counts[k], sl_rules[k].id);
	}
}
