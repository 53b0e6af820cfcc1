/*
 * output_html.c - --format html: one self-contained HTML page for a
 * pre-release review (no script, no external resource: styles inline,
 * the column timeline an inline SVG), in the language of --lang.
 *
 * For each snapshot: the census verdict and its problems, counts by
 * severity, by census indicator and by rule, the columns with their last
 * update and staleness limit (when the column checks filled
 * sl_report.columns), then every diagnostic grouped by page with its
 * source line, the span marked, and the fix-it.  Several snapshots get an
 * overview table first (the notices' 序号 / 单位名称 / 存在突出问题).  The
 * explanations of the rules that were reported close the page.  The
 * output depends only on the reports: no time stamp, so it is stable.
 */
#include <string.h>

#include "output.h"
#include "util.h"

enum ui {
	UI_TITLE, UI_SNAPSHOTS, UI_NO, UI_SITE, UI_PROBLEMS, UI_VERDICT, UI_PASS, UI_FAIL,
	UI_NONE, UI_AS_OF, UI_FROM, UI_HOME, UI_ERRORS, UI_WARNINGS, UI_NOTES, UI_PAGES,
	UI_MEMBERS, UI_SUPPRESSED, UI_SKIPPED, UI_BY_INDICATOR, UI_INDICATOR, UI_FINDINGS,
	UI_BY_RULE, UI_RULE, UI_SEVERITY, UI_WHAT, UI_COLUMNS, UI_COLUMN, UI_CLASS,
	UI_ITEMS, UI_NEWEST, UI_LIMIT, UI_AGE, UI_STATUS, UI_STALE, UI_BLANK, UI_OK,
	UI_DETAILS, UI_SNAPSHOT_ITSELF, UI_FIX, UI_RULES, UI_CLEAN, UI_READ_STOPPED,
	UI_DAYS, UI_IN_VERDICT, UI_COUNT
};

static const char *const ui_text[UI_COUNT][2] = {
	[UI_TITLE] = { "sitelint review report", "sitelint 网站检查报告" },
	[UI_SNAPSHOTS] = { "Sites", "检查的网站" },
	[UI_NO] = { "No.", "序号" },
	[UI_SITE] = { "Site", "单位名称" },
	[UI_PROBLEMS] = { "Problems", "存在突出问题" },
	[UI_VERDICT] = { "Verdict", "结论" },
	[UI_PASS] = { "pass", "合格" },
	[UI_FAIL] = { "fail", "不合格" },
	[UI_NONE] = { "none", "无" },
	[UI_AS_OF] = { "as of", "检查日期" },
	[UI_FROM] = { "from", "来源" },
	[UI_HOME] = { "home page", "首页" },
	[UI_ERRORS] = { "errors", "错误" },
	[UI_WARNINGS] = { "warnings", "警告" },
	[UI_NOTES] = { "notes", "提示" },
	[UI_PAGES] = { "pages", "页面" },
	[UI_MEMBERS] = { "files read", "读取文件" },
	[UI_SUPPRESSED] = { "suppressed inline", "行内抑制" },
	[UI_SKIPPED] = { "skipped", "跳过" },
	[UI_BY_INDICATOR] = { "By census indicator", "按检查指标" },
	[UI_INDICATOR] = { "Indicator", "指标" },
	[UI_FINDINGS] = { "Findings", "问题数" },
	[UI_BY_RULE] = { "By rule", "按规则" },
	[UI_RULE] = { "Rule", "规则" },
	[UI_SEVERITY] = { "Severity", "级别" },
	[UI_WHAT] = { "What it reports", "说明" },
	[UI_COLUMNS] = { "Columns and their last update", "栏目更新情况" },
	[UI_COLUMN] = { "Column", "栏目" },
	[UI_CLASS] = { "Class", "类别" },
	[UI_ITEMS] = { "Items", "条目" },
	[UI_NEWEST] = { "Last update", "最近更新" },
	[UI_LIMIT] = { "Limit", "更新时限" },
	[UI_AGE] = { "Days since", "距今天数" },
	[UI_STATUS] = { "Status", "状态" },
	[UI_STALE] = { "stale", "不更新" },
	[UI_BLANK] = { "blank", "空白" },
	[UI_OK] = { "up to date", "正常" },
	[UI_DETAILS] = { "Findings by page", "问题明细（按页面）" },
	[UI_SNAPSHOT_ITSELF] = { "(the snapshot itself)", "（快照本身）" },
	[UI_FIX] = { "Fix:", "建议修改为：" },
	[UI_RULES] = { "The rules reported", "规则说明" },
	[UI_CLEAN] = { "No findings.", "未发现问题。" },
	[UI_READ_STOPPED] = { "Reading stopped early:", "读取中断：" },
	[UI_DAYS] = { "days", "天" },
	[UI_IN_VERDICT] = { "In verdict", "计入结论" },
};

static const char style[] =
	":root{--err:#c62828;--warn:#b26a00;--note:#00796b;--ok:#2e7d32;--line:#dde1e6;"
	"--bg:#f6f7f9;--mark:#ffe08a}"
	"*{box-sizing:border-box}"
	"body{margin:0;background:var(--bg);color:#1f2328;font:15px/1.55 system-ui,-apple-system,"
	"\"Segoe UI\",\"Noto Sans CJK SC\",\"PingFang SC\",\"Microsoft YaHei\",sans-serif}"
	"header{background:#1f3a5f;color:#fff;padding:18px 32px}"
	"header h1{margin:0;font-size:22px}header p{margin:4px 0 0;opacity:.8}"
	"main{max-width:1180px;margin:0 auto;padding:16px 24px 48px}"
	"section.snapshot,section.overview,section.rules{background:#fff;border:1px solid var(--line);"
	"border-radius:8px;padding:8px 24px 20px;margin:18px 0}"
	"h2{font-size:20px;margin:14px 0 4px}h3{font-size:16px;margin:22px 0 8px}"
	".path{color:#57606a;margin:0 0 12px}"
	".verdict{display:flex;gap:16px;align-items:center;border-radius:6px;padding:10px 16px;"
	"margin:8px 0}"
	".verdict.fail{background:#fdecea;border:1px solid #f3b8b3}"
	".verdict.pass{background:#e8f5e9;border:1px solid #a5d6a7}"
	".badge{font-weight:700;font-size:18px;padding:2px 12px;border-radius:4px;color:#fff}"
	".fail .badge{background:var(--err)}.pass .badge{background:var(--ok)}"
	".verdict ul{margin:0;padding:0;list-style:none;display:flex;flex-wrap:wrap;gap:6px}"
	".verdict li{background:#fff;border:1px solid #e0a9a4;border-radius:12px;padding:0 10px}"
	".cards{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0}"
	".card{border:1px solid var(--line);border-radius:6px;padding:6px 14px;min-width:110px}"
	".card b{display:block;font-size:20px}.card.error b{color:var(--err)}"
	".card.warning b{color:var(--warn)}.card.note b{color:var(--note)}"
	"table{border-collapse:collapse;width:100%;margin:4px 0}"
	"th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}"
	"th{background:#f0f2f5;font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums}"
	".sev{font-weight:600}.sev.error{color:var(--err)}.sev.warning{color:var(--warn)}"
	".sev.note{color:var(--note)}.sev.ok{color:var(--ok)}"
	"tr.stale td{background:#fff4e5}tr.blank td{background:#fdecea}"
	"details.page{border:1px solid var(--line);border-radius:6px;margin:8px 0;background:#fff}"
	"details.page>summary{cursor:pointer;padding:6px 12px;background:#f0f2f5;font-weight:600}"
	"details.page>summary code{font-weight:600}"
	".count{background:#57606a;color:#fff;border-radius:10px;padding:0 8px;font-size:12px;"
	"margin-left:6px}"
	".diag{padding:8px 14px;border-top:1px solid var(--line)}"
	".diag.error{border-left:4px solid var(--err)}.diag.warning{border-left:4px solid var(--warn)}"
	".diag.note{border-left:4px solid var(--note)}"
	".pos{font-family:ui-monospace,\"SFMono-Regular\",Menlo,Consolas,monospace;color:#57606a;"
	"margin-right:8px}"
	"a.rule{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px;color:#0550ae;"
	"margin-left:6px}"
	"pre.src{margin:6px 0 0;padding:6px 10px;background:#f6f8fa;border-radius:4px;overflow-x:auto;"
	"tab-size:4;font:13px/1.5 ui-monospace,\"SFMono-Regular\",Menlo,Consolas,\"Noto Sans Mono CJK SC\","
	"monospace}"
	".ln{color:#8c959f;user-select:none;margin-right:12px}"
	"mark{background:var(--mark);border-bottom:2px solid var(--err);padding:0 1px}"
	"mark:empty{border:0;border-left:2px solid var(--err);padding:0;margin:0 1px}"
	".fix{margin-top:4px}.fix ins{text-decoration:none;background:#dafbe1;padding:0 4px;"
	"border-radius:3px}"
	"pre.explain{white-space:pre-wrap;font:inherit;margin:6px 0 10px}"
	"svg{vertical-align:middle}"
	"footer{text-align:center;color:#8c959f;font-size:13px;padding:12px}"
	"@media print{header{background:none;color:#000}section{break-inside:avoid-page}"
	"details.page{break-inside:avoid}}";

/* --- escaping ------------------------------------------------------------- */

/* Writes N bytes of S with &, <, >, " and ' escaped. */
static void
esc_n(FILE *f, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default:
			/* Control characters other than tab would make the page
			 * invalid HTML: show them as U+FFFD. */
			if ((unsigned char)s[i] < 0x20 && s[i] != '\t')
				fputs("\xEF\xBF\xBD", f);
			else
				fputc(s[i], f);
		}
	}
}

static void
esc(FILE *f, const char *s)
{
	if (s != NULL)
		esc_n(f, s, strlen(s));
}

/* An id for a rule's explanation: "r-links-broken-anchor". */
static void
rule_anchor(FILE *f, enum sl_rule_id rule)
{
	fputs("r-", f);
	for (const char *p = sl_rules[rule].id; *p; p++)
		fputc(*p == '/' ? '-' : *p, f);
}

static const char *
sev_class(enum sl_severity sev)
{
	return sev == SL_SEV_ERROR ? "error" : sev == SL_SEV_WARNING ? "warning" : "note";
}

/* --- the head of each snapshot ------------------------------------------- */

static void
write_problems(FILE *f, const struct sl_report *r, int zh)
{
	if (r->nproblems == 0) {
		esc(f, ui_text[UI_NONE][zh]);
		return;
	}
	for (size_t k = 0; k < r->nproblems; k++) {
		fputs(k ? (zh ? "、" : ", ") : "", f);
		esc(f, r->problems[k]);
	}
}

static void
write_overview(FILE *f, const struct sl_report *reports, size_t n, int zh)
{
	fprintf(f, "<section class=\"overview\">\n<h2>%s</h2>\n<table>\n"
	        "<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
	        ui_text[UI_SNAPSHOTS][zh], ui_text[UI_NO][zh], ui_text[UI_SITE][zh],
	        ui_text[UI_PROBLEMS][zh], ui_text[UI_VERDICT][zh]);
	for (size_t i = 0; i < n; i++) {
		const struct sl_report *r = &reports[i];
		fprintf(f, "<tr><td class=\"n\">%zu</td><td><a href=\"#s%zu\">", i + 1, i + 1);
		esc(f, r->site_name ? r->site_name : r->path);
		fputs("</a></td><td>", f);
		write_problems(f, r, zh);
		fprintf(f, "</td><td class=\"sev %s\">%s</td></tr>\n", r->pass ? "ok" : "error",
		        ui_text[r->pass ? UI_PASS : UI_FAIL][zh]);
	}
	fputs("</table>\n</section>\n", f);
}

static void
card(FILE *f, const char *cls, unsigned long long v, const char *label)
{
	fprintf(f, "<div class=\"card%s%s\"><b>%llu</b>%s</div>", cls[0] ? " " : "", cls, v, label);
}

static void
write_head(FILE *f, const struct sl_report *r, size_t idx, int zh)
{
	fprintf(f, "<section class=\"snapshot\" id=\"s%zu\">\n<h2>", idx + 1);
	esc(f, r->site_name ? r->site_name : r->path);
	fputs("</h2>\n<p class=\"path\"><code>", f);
	esc(f, r->path);
	fprintf(f, "</code> · %s %s (%s: ", ui_text[UI_AS_OF][zh], r->as_of, ui_text[UI_FROM][zh]);
	esc(f, r->as_of_source);
	fprintf(f, ") · %s: <code>", ui_text[UI_HOME][zh]);
	esc(f, r->home ? r->home : "-");
	fputs("</code></p>\n", f);
	fprintf(f, "<div class=\"verdict %s\"><span class=\"badge\">%s</span><ul>",
	        r->pass ? "pass" : "fail", ui_text[r->pass ? UI_PASS : UI_FAIL][zh]);
	for (size_t k = 0; k < r->nproblems; k++) {
		fputs("<li>", f);
		esc(f, r->problems[k]);
		fputs("</li>", f);
	}
	if (r->nproblems == 0)
		fprintf(f, "<li>%s</li>", ui_text[UI_NONE][zh]);
	fputs("</ul></div>\n", f);
	if (r->read_error != NULL) {
		fprintf(f, "<p class=\"sev error\">%s ", ui_text[UI_READ_STOPPED][zh]);
		esc(f, r->read_error);
		fputs("</p>\n", f);
	}
	const struct sl_stats *s = &r->stats;
	fputs("<div class=\"cards\">", f);
	card(f, "error", s->by_severity[SL_SEV_ERROR], ui_text[UI_ERRORS][zh]);
	card(f, "warning", s->by_severity[SL_SEV_WARNING], ui_text[UI_WARNINGS][zh]);
	card(f, "note", s->by_severity[SL_SEV_NOTE], ui_text[UI_NOTES][zh]);
	card(f, "", s->pages, ui_text[UI_PAGES][zh]);
	card(f, "", s->members, ui_text[UI_MEMBERS][zh]);
	card(f, "", s->suppressed, ui_text[UI_SUPPRESSED][zh]);
	card(f, "", s->skipped, ui_text[UI_SKIPPED][zh]);
	fputs("</div>\n", f);
}

/* --- counts --------------------------------------------------------------- */

static bool
problem_listed(const struct sl_report *r, const char *indicator)
{
	for (size_t k = 0; k < r->nproblems; k++)
		if (strcmp(r->problems[k], indicator) == 0 ||
		    (strcmp(indicator, "栏目空白") == 0 && strcmp(r->problems[k], "多个栏目空白") == 0))
			return true;
	return false;
}

/* The census problems, in the order the notices list them (多个栏目空白 is
 * counted with 栏目空白: one rule feeds both). */
static const char *const census[] = {
	"站点无法访问", "首页长期未更新", "栏目不更新", "栏目空白", "严重错误", "错链断链",
	"服务不实用", "互动回应差",
};

static bool
in_census(const char *ind)
{
	for (size_t i = 0; i < sizeof census / sizeof census[0]; i++)
		if (strcmp(census[i], ind) == 0)
			return true;
	return false;
}

static void
indicator_row(FILE *f, const struct sl_report *r, const char *ind)
{
	long n = 0;
	for (int i = 0; i < SL_RULE_COUNT; i++)
		if (sl_rules[i].indicator && strcmp(sl_rules[i].indicator, ind) == 0)
			n += r->rule_counts[i];
	bool listed = problem_listed(r, ind);
	fputs("<tr><td>", f);
	esc(f, ind);
	fprintf(f, "</td><td class=\"n\">%ld</td><td class=\"%s\">%s</td></tr>\n", n,
	        listed ? "sev error" : "sev", listed ? "✔" : "");
}

/* Every census problem, then any other indicator a rule names. */
static void
write_indicators(FILE *f, const struct sl_report *r, int zh)
{
	fprintf(f, "<h3>%s</h3>\n<table>\n<tr><th>%s</th><th>%s</th><th>%s</th></tr>\n",
	        ui_text[UI_BY_INDICATOR][zh], ui_text[UI_INDICATOR][zh],
	        ui_text[UI_FINDINGS][zh], ui_text[UI_IN_VERDICT][zh]);
	for (size_t i = 0; i < sizeof census / sizeof census[0]; i++)
		indicator_row(f, r, census[i]);
	for (int i = 0; i < SL_RULE_COUNT; i++) {
		const char *ind = sl_rules[i].indicator;
		bool first = ind != NULL && !in_census(ind);
		for (int k = 0; k < i && first; k++)
			first = sl_rules[k].indicator == NULL || strcmp(sl_rules[k].indicator, ind) != 0;
		if (first)
			indicator_row(f, r, ind);
	}
	fputs("</table>\n", f);
}

static void
write_rules_table(FILE *f, const struct sl_report *r, int zh)
{
	fprintf(f, "<h3>%s</h3>\n<table>\n<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
	        ui_text[UI_BY_RULE][zh], ui_text[UI_RULE][zh], ui_text[UI_SEVERITY][zh],
	        ui_text[UI_FINDINGS][zh], ui_text[UI_WHAT][zh]);
	bool any = false;
	for (int i = 0; i < SL_RULE_COUNT; i++) {
		if (r->rule_counts[i] == 0)
			continue;
		any = true;
		fputs("<tr><td><a class=\"rule\" href=\"#", f);
		rule_anchor(f, (enum sl_rule_id)i);
		fprintf(f, "\">%s</a></td><td class=\"sev %s\">%s</td><td class=\"n\">%d</td><td>",
		        sl_rules[i].id, sev_class(sl_rules[i].severity),
		        sl_severity_name(sl_rules[i].severity, zh ? SL_LANG_ZH : SL_LANG_EN),
		        r->rule_counts[i]);
		esc(f, sl_rules[i].summary[zh]);
		fputs("</td></tr>\n", f);
	}
	if (!any)
		fprintf(f, "<tr><td colspan=\"4\">%s</td></tr>\n", ui_text[UI_CLEAN][zh]);
	fputs("</table>\n", f);
}

/* --- columns --------------------------------------------------------------- */

/* Days since 1970-01-01 of a yyyymmdd date (proleptic Gregorian). */
static long
day_number(int32_t ymd)
{
	long y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int32_t
as_of_ymd(const struct sl_report *r)
{
	int y = 0, m = 0, d = 0;
	if (sscanf(r->as_of, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return 0;
	return y * 10000 + m * 100 + d;
}

/* A bar of the days since the last update, over a grey bar of the limit:
 * SCALE days fill the 160 pixels. */
static void
timeline(FILE *f, long age, long limit, long scale)
{
	long w_age = age * 160 / scale, w_lim = limit * 160 / scale;
	fprintf(f, "<svg width=\"164\" height=\"14\" viewBox=\"0 0 164 14\" role=\"img\">"
	        "<rect x=\"0\" y=\"3\" width=\"%ld\" height=\"8\" fill=\"#dde1e6\"/>"
	        "<rect x=\"0\" y=\"5\" width=\"%ld\" height=\"4\" fill=\"%s\"/>",
	        w_lim > 160 ? 160 : w_lim, w_age > 160 ? 160 : w_age,
	        limit > 0 && age > limit ? "#c62828" : "#2e7d32");
	if (limit > 0)
		fprintf(f, "<line x1=\"%ld\" y1=\"0\" x2=\"%ld\" y2=\"14\" stroke=\"#57606a\"/>",
		        w_lim > 160 ? 160 : w_lim, w_lim > 160 ? 160 : w_lim);
	fputs("</svg>", f);
}

static void
write_columns(FILE *f, const struct sl_report *r, int zh)
{
	if (r->ncolumns == 0)
		return;
	long now = day_number(as_of_ymd(r)), scale = 30;
	for (size_t i = 0; i < r->ncolumns; i++) {
		const struct sl_report_column *c = &r->columns[i];
		long age = c->newest ? now - day_number(c->newest) : 0;
		scale = age > scale ? age : scale;
		scale = c->limit_days > scale ? c->limit_days : scale;
	}
	fprintf(f, "<h3>%s</h3>\n<table>\n<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
	        "<th>%s</th><th>%s</th><th>%s</th><th></th></tr>\n", ui_text[UI_COLUMNS][zh],
	        ui_text[UI_COLUMN][zh], ui_text[UI_CLASS][zh], ui_text[UI_ITEMS][zh],
	        ui_text[UI_NEWEST][zh], ui_text[UI_LIMIT][zh], ui_text[UI_AGE][zh],
	        ui_text[UI_STATUS][zh]);
	for (size_t i = 0; i < r->ncolumns; i++) {
		const struct sl_report_column *c = &r->columns[i];
		long age = c->newest ? now - day_number(c->newest) : -1;
		fprintf(f, "<tr class=\"%s\"><td>", c->blank ? "blank" : c->stale ? "stale" : "");
		esc(f, c->name);
		fputs("<br><code>", f);
		esc(f, c->path);
		fputs("</code></td><td>", f);
		esc(f, c->class_name ? c->class_name : "-");
		fprintf(f, "</td><td class=\"n\">%u</td><td>", c->items);
		if (c->newest)
			fprintf(f, "%04d-%02d-%02d", c->newest / 10000, c->newest / 100 % 100, c->newest % 100);
		else
			fputs("-", f);
		fputs("</td><td class=\"n\">", f);
		if (c->limit_days > 0)
			fprintf(f, "%d %s", c->limit_days, ui_text[UI_DAYS][zh]);
		fputs("</td><td class=\"n\">", f);
		if (age >= 0)
			fprintf(f, "%ld", age);
		fprintf(f, "</td><td class=\"sev %s\">%s</td><td>", c->blank || c->stale ? "error" : "ok",
		        ui_text[c->blank ? UI_BLANK : c->stale ? UI_STALE : UI_OK][zh]);
		if (age >= 0)
			timeline(f, age, c->limit_days, scale);
		fputs("</td></tr>\n", f);
	}
	fputs("</table>\n", f);
}

/* --- diagnostics by page -------------------------------------------------- */

/* The source line with the span marked: code points [FROM, TO) of the
 * line (TO 0: to the end of the line). */
static void
write_excerpt(FILE *f, const struct sl_diag *d)
{
	const char *s = d->excerpt;
	size_t n = strlen(s), from = n, to = n;
	uint32_t want_from = d->span.start.col_char;
	uint32_t want_to = d->span.end.line == d->span.start.line ? d->span.end.col_char : 0;
	uint32_t col = 1;
	for (size_t i = 0; i <= n; col++) {
		if (col == want_from)
			from = i;
		if (col == want_to)
			to = i;
		if (i == n)
			break;
		uint32_t cp;
		i += (size_t)sl_utf8_decode((const unsigned char *)s + i, n - i, &cp);
	}
	if (to < from)
		to = from;
	fprintf(f, "<pre class=\"src\"><span class=\"ln\">%u</span>", d->span.start.line);
	esc_n(f, s, from);
	fputs("<mark>", f);
	esc_n(f, s + from, to - from);
	fputs("</mark>", f);
	esc_n(f, s + to, n - to);
	fputs("</pre>", f);
}

static void
write_diag(FILE *f, const struct sl_diag *d, int zh)
{
	fprintf(f, "<div class=\"diag %s\"><span class=\"pos\">", sev_class(d->severity));
	if (d->has_pos)
		fprintf(f, "%u:%u", d->span.start.line, d->span.start.col_char);
	fprintf(f, "</span><span class=\"sev %s\">%s</span> ", sev_class(d->severity),
	        sl_severity_name(d->severity, zh ? SL_LANG_ZH : SL_LANG_EN));
	esc(f, d->message);
	fputs(" <a class=\"rule\" href=\"#", f);
	rule_anchor(f, d->rule);
	fprintf(f, "\">%s</a>", sl_rules[d->rule].id);
	if (d->has_pos && d->excerpt != NULL)
		write_excerpt(f, d);
	if (d->suggestion != NULL) {
		fprintf(f, "<div class=\"fix\">%s <ins>", ui_text[UI_FIX][zh]);
		esc(f, d->suggestion);
		fputs("</ins></div>", f);
	}
	fputs("</div>\n", f);
}

static void
write_pages(FILE *f, const struct sl_report *r, int zh)
{
	fprintf(f, "<h3>%s</h3>\n", ui_text[UI_DETAILS][zh]);
	if (r->diags.n == 0)
		fprintf(f, "<p>%s</p>\n", ui_text[UI_CLEAN][zh]);
	for (size_t i = 0; i < r->diags.n;) {
		size_t j = i;
		while (j < r->diags.n && strcmp(r->diags.v[j].file, r->diags.v[i].file) == 0)
			j++;
		/* Long pages start closed, so the report stays readable. */
		fprintf(f, "<details class=\"page\"%s><summary><code>", j - i <= 50 ? " open" : "");
		if (r->diags.v[i].file[0] != '\0')
			esc(f, r->diags.v[i].file);
		else
			esc(f, ui_text[UI_SNAPSHOT_ITSELF][zh]);
		fprintf(f, "</code><span class=\"count\">%zu</span></summary>\n", j - i);
		for (size_t k = i; k < j; k++)
			write_diag(f, &r->diags.v[k], zh);
		fputs("</details>\n", f);
		i = j;
	}
}

/* --- the page -------------------------------------------------------------- */

static void
write_explanations(FILE *f, const struct sl_report *reports, size_t n, int zh)
{
	bool used[SL_RULE_COUNT] = { false }, any = false;
	for (size_t i = 0; i < n; i++)
		for (int k = 0; k < SL_RULE_COUNT; k++)
			if (reports[i].rule_counts[k] > 0)
				used[k] = any = true;
	if (!any)
		return;
	fprintf(f, "<section class=\"rules\">\n<h2>%s</h2>\n", ui_text[UI_RULES][zh]);
	for (int k = 0; k < SL_RULE_COUNT; k++) {
		if (!used[k])
			continue;
		fputs("<details id=\"", f);
		rule_anchor(f, (enum sl_rule_id)k);
		fprintf(f, "\"><summary><a class=\"rule\">%s</a> ", sl_rules[k].id);
		esc(f, sl_rules[k].summary[zh]);
		fputs("</summary><pre class=\"explain\">", f);
		esc(f, sl_rules[k].explain[zh]);
		fputs("</pre></details>\n", f);
	}
	fputs("</section>\n", f);
}

void
sl_output_html(FILE *f, const struct sl_report *reports, size_t n,
               const struct sl_output_opts *o)
{
	int zh = o->lang == SL_LANG_ZH;
	fprintf(f, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
	        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	        "<meta name=\"generator\" content=\"sitelint %s\">\n<title>%s",
	        zh ? "zh-CN" : "en", sl_version, ui_text[UI_TITLE][zh]);
	if (n == 1) {
		fputs(" — ", f);
		esc(f, reports[0].site_name ? reports[0].site_name : reports[0].path);
	}
	fprintf(f, "</title>\n<style>%s</style>\n</head>\n<body>\n<header><h1>%s</h1>"
	        "<p>sitelint %s</p></header>\n<main>\n", style, ui_text[UI_TITLE][zh], sl_version);
	if (n > 1)
		write_overview(f, reports, n, zh);
	for (size_t i = 0; i < n; i++) {
		const struct sl_report *r = &reports[i];
		write_head(f, r, i, zh);
		write_indicators(f, r, zh);
		write_rules_table(f, r, zh);
		write_columns(f, r, zh);
		write_pages(f, r, zh);
		fputs("</section>\n", f);
	}
	write_explanations(f, reports, n, zh);
	fputs("</main>\n<footer>sitelint</footer>\n</body>\n</html>\n", f);
}
