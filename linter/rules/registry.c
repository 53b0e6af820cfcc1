/*
 * rules/registry.c - the tables of checks the driver runs, in order.
 * Adding a check: declare it in rules.h and list it here.
 */
#include "rules.h"

#include <stddef.h>

const sl_page_rule_fn sl_page_rules[] = {
	sl_check_pages_title,
	sl_check_pages_encoding,
	sl_check_colpage,
	sl_check_text,
	sl_check_landmarks,
	sl_check_identity_scan,
	sl_check_closure_scan,
	sl_check_privacy,
	sl_check_forms_page,
	NULL
};

const sl_site_rule_fn sl_site_rules[] = {
	sl_check_site_unreachable,
	sl_check_links,
	sl_check_forms,
	sl_check_columns,
	sl_check_links_decommissioned,
	sl_check_site_identifier,
	sl_check_site_columns,
	sl_check_site_closure,
	sl_check_pages_metadata,
	NULL
};
