/*
 * suppress.h - inline suppressions: sitelint directives in HTML comments.
 *
 * A page may silence findings with comments (docs/config.md has the
 * reference):
 *
 *   <!-- sitelint-disable-next-line RULE[, RULE...] [-- reason] -->
 *        the line after the comment's last line;
 *   <!-- sitelint-disable-line RULE[, RULE...] [-- reason] -->
 *        the lines the comment itself is on;
 *   <!-- sitelint-disable [RULE[, RULE...]] [-- reason] -->
 *   <!-- sitelint-enable [RULE[, RULE...]] -->
 *        a range of whole lines, from the disable comment's first line
 *        to the enable comment's last line; without an enable, to the end
 *        of the page; without rules, every rule.
 *
 * A RULE is a rule id ("text/typo"), a family ("text/" followed by "*")
 * or "*".  The line forms need a rule list.  Directives are recognised
 * in comments whose text starts (after blanks) with "sitelint-"; a
 * malformed one (unknown keyword, bad rule, missing rule list, an enable
 * with no disable to close) is a problem the caller reports, and so is
 * a suppression that suppressed nothing (see sl_suppress_unused()).
 *
 * The module owns one page's directives.  It does not know the rule
 * table: unknown but well-formed rule ids simply never match, and so
 * show up as unused.  One struct sl_suppress is used by one thread at a
 * time (sl_suppress_check() records use).
 */
#ifndef SL_SUPPRESS_H
#define SL_SUPPRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Caps; what is beyond them is ignored and reported as a problem.  They
 * bound the work of sl_suppress_check() per finding. */
#define SL_SUPPRESS_MAX_DIRECTIVES  1024   /* per page */
#define SL_SUPPRESS_MAX_RULES       64     /* per directive */
#define SL_SUPPRESS_MAX_PAGE_RULES  2048   /* in all directives of a page */
#define SL_SUPPRESS_MAX_TEXT        4096   /* bytes of a comment read */

/* One HTML comment of a page: TEXT is its content without "<!--" and
 * "-->" (borrowed, NUL-terminated); LINE and COL (1-based, code points)
 * are those of its "<!--"; END_LINE is the line of its "-->". */
struct sl_comment_in {
	const char *text;
	uint32_t line, col, end_line;
};

struct sl_suppress;

/* Called for each rule of a directive that suppressed nothing: LINE and
 * COL of the rule in the directive (of the keyword when RULE is NULL,
 * i.e. a directive for every rule); DIRECTIVE is the keyword
 * ("sitelint-disable-next-line" ...).  Strings are borrowed. */
typedef void sl_suppress_unused_fn(void *ctx, uint32_t line, uint32_t col,
                                   const char *directive, const char *rule);

/* Called for each malformed directive, with the place of the offending
 * token and an English message (borrowed). */
typedef void sl_suppress_problem_fn(void *ctx, uint32_t line, uint32_t col,
                                    const char *message);

/* Reads the directives among the N COMMENTS of a page.  Returns NULL
 * when no comment is a directive (well-formed or not); otherwise a new
 * set the caller releases with sl_suppress_free().  COMMENTS is not kept.
 * Positions inside a comment are counted from its LINE and COL, in code
 * points, a CR, LF or CRLF ending a line. */
struct sl_suppress *sl_suppress_build(const struct sl_comment_in *comments,
                                      size_t n);

/* Returns true when a finding of RULE_ID on LINE is suppressed, and marks
 * the directives that suppress it as used.  S may be NULL (false). */
bool sl_suppress_check(struct sl_suppress *s, const char *rule_id,
                       uint32_t line);

/* Calls FN for each unused rule of each disable directive, in source
 * order, and returns how many there were.  Meant to run after every
 * finding of the page went through sl_suppress_check().  S may be NULL
 * (returns 0). */
size_t sl_suppress_unused(const struct sl_suppress *s,
                          sl_suppress_unused_fn *fn, void *ctx);

/* Calls FN for each malformed directive, in source order, and
 * returns how many there were.  S may be NULL (returns 0). */
size_t sl_suppress_problems(const struct sl_suppress *s,
                            sl_suppress_problem_fn *fn, void *ctx);

/* Returns true when PATTERN ("*", "family/" + "*", or an id) covers
 * RULE_ID. */
bool sl_suppress_rule_match(const char *pattern, const char *rule_id);

/* Releases S.  S == NULL is a no-op. */
void sl_suppress_free(struct sl_suppress *s);

#endif
