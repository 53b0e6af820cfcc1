/*
 * fuzz_url - link resolution (sl_url_resolve) and the URL pieces of
 * attributes: srcset candidates, meta refresh, CSS url().  The input is
 * records of three lines and a byte: the page's member path (normalized
 * first, as the reader would give it), a <base href> ("-" for none), the
 * reference, and a byte choosing the root prefix.  Checks that a resolved internal path never
 * climbs out ("..") or starts with '/', and that every span found lies
 * inside its string.
 */
#include "fuzz.h"

#include "snapshot.h"
#include "url.h"

static bool
candidate(void *ctx, const char *member_path)
{
	(void)ctx;
	FUZZ_CHECK(member_path != NULL && member_path[0] != '/');
	return false;
}

static void
check_internal(const struct sl_url_ref *r, const char *root)
{
	if (r->kind != SL_URL_INTERNAL && r->kind != SL_URL_FRAGMENT_ONLY)
		return;
	FUZZ_CHECK(r->path[0] != '/');
	FUZZ_CHECK(strncmp(r->path, root, strlen(root)) == 0 ||
	           strncmp(r->path, root, strlen(root) - (root[0] != '\0')) == 0);
	for (const char *s = r->path; s != NULL; s = strchr(s, '/') ? strchr(s, '/') + 1 : NULL)
		FUZZ_CHECK(strncmp(s, "../", 3) != 0 && strcmp(s, "..") != 0);
	if (r->kind == SL_URL_INTERNAL)
		sl_url_candidates(r->path, r->is_dir, candidate, NULL);
}

static void
attribute_parts(const char *ref)
{
	size_t len = strlen(ref), pos = 0, st, n;
	while (sl_url_srcset_next(ref, &pos, &st, &n))
		FUZZ_CHECK(st + n <= len && pos <= len);
	if (sl_url_refresh_target(ref, &st, &n))
		FUZZ_CHECK(n > 0 && st + n <= len);
	pos = 0;
	while (sl_url_css_next(ref, len, &pos, &st, &n))
		FUZZ_CHECK(st + n <= len && pos <= len && n > 0);
}

/* Resolves one record from *POS: page, base and reference lines, then
 * the root choice byte. */
static void
one_record(const uint8_t *data, size_t size, size_t *pos)
{
	static struct sl_url_ref out;
	static const char *const roots[] = { "", "www.example.gov.cn/", "h/" };
	char *page = fuzz_field(data, size, pos, '\n');
	char *base = fuzz_field(data, size, pos, '\n');
	char *ref = fuzz_field(data, size, pos, '\n');
	const char *root = roots[*pos < size ? data[(*pos)++] % 3 : 0];
	const char *why;
	char *norm = sl_path_normalize(page, &why);
	char *member = sl_aprintf("%s%s", root, norm && norm[0] ? norm : "index.html");
	struct sl_site_hosts hosts;
	sl_site_hosts_init(&hosts);
	sl_site_hosts_add(&hosts, "www.example.gov.cn");
	sl_site_hosts_add(&hosts, "old.example.gov.cn:8080");
	sl_url_resolve(member, strcmp(base, "-") == 0 ? NULL : base, ref, &hosts, root, &out);
	check_internal(&out, root);
	if (out.kind == SL_URL_INVALID)
		FUZZ_CHECK(out.reason != NULL);
	attribute_parts(ref);
	free(member);
	free(norm);
	free(page);
	free(base);
	free(ref);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t pos = 0;
	for (int n = 0; n < 64 && (pos < size || n == 0); n++)
		one_record(data, size, &pos);
	return 0;
}
