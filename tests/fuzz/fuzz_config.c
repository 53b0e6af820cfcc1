/*
 * fuzz_config - sitelint.conf (sl_config_parse).  On success the parsed
 * configuration is queried the way a run does (column patterns, stale
 * days, internal hosts); on failure the message must carry a position.
 */
#include "fuzz.h"

#include "config.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sl_config cfg;
	struct sl_err err;
	sl_config_init(&cfg);
	sl_status st = sl_config_parse(&cfg, (const char *)data, size, "fuzz.conf", &err);
	if (st == SL_OK) {
		static const char *const paths[] = {
			"index.html", "xwzx/gzdt/index.html", "xwzx/gzdt/t20170324_1.html",
			"a/b/c.html", "",
		};
		for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
			const struct sl_column_decl *c = sl_config_match_column(&cfg, paths[i]);
			if (c != NULL)
				FUZZ_CHECK(c->pattern != NULL);
			(void)sl_config_stale_days(&cfg, c, c ? c->cls : SL_CLASS_NONE);
		}
		for (size_t i = 0; i < cfg.ncolumns; i++) {
			(void)sl_config_pattern_match(cfg.columns[i].pattern, "xwzx/index.html");
			(void)sl_column_class_name(cfg.columns[i].cls);
		}
		for (size_t i = 0; i < cfg.nrules; i++)
			FUZZ_CHECK(cfg.rules[i].rule != NULL);
		(void)sl_config_host_is_internal(&cfg, "www.example.gov.cn");
		(void)sl_config_profile_name(cfg.profile);
		(void)sl_config_status_name(cfg.status);
	} else {
		FUZZ_CHECK(strncmp(err.msg, "fuzz.conf", 9) == 0);
	}
	sl_config_free(&cfg);
	return 0;
}
