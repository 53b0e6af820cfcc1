/*
 * rules/registry.c - the tables of checks the driver runs, in order.
 * Adding a check: declare it in rules.h and list it here.
 */
#include "rules.h"

#include <stddef.h>

const sl_page_rule_fn sl_page_rules[] = {
	sl_check_pages_title,
	sl_check_pages_encoding,
	sl_check_text,
	NULL
};

const sl_site_rule_fn sl_site_rules[] = {
	sl_check_site_unreachable,
	sl_check_links,
	NULL
};
