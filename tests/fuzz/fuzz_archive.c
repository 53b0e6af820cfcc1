/*
 * fuzz_archive - the snapshot reader over bytes that arrive on standard
 * input ("-"): whatever libarchive reads (tar and its compressions, zip,
 * 7z, cpio, iso, rar, ...), a WARC or WARC.gz, else a single page.  Every
 * member is read to the end.  Checks that member paths come out
 * normalized (relative, '/'-separated, no "..") and within the caps.
 */
#include "fuzz.h"

#include "snapshot.h"

#define CAP_MEMBER  (1u << 20)
#define CAP_TOTAL   (8u << 20)
#define CAP_MEMBERS 2000u

static void
on_event(void *ctx, enum sl_snapshot_event ev, const char *member, const char *msg)
{
	(void)ctx;
	(void)ev;
	FUZZ_CHECK(msg != NULL);
	/* Touch the strings so ASan sees a dangling or unterminated one. */
	volatile size_t n = strlen(msg) + (member ? strlen(member) : 0);
	(void)n;
}

static void
check_path(const char *p)
{
	FUZZ_CHECK(p[0] != '\0' && p[0] != '/');
	FUZZ_CHECK(strchr(p, '\\') == NULL);
	for (const char *s = p; s != NULL; s = strchr(s, '/') ? strchr(s, '/') + 1 : NULL)
		FUZZ_CHECK(strncmp(s, "../", 3) != 0 && strcmp(s, "..") != 0 &&
		           strncmp(s, "/", 1) != 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char empty[1];
	FILE *in = fmemopen(size ? (void *)(uintptr_t)data : (void *)(uintptr_t)empty,
	                    size ? size : 1, "rb");
	if (in == NULL)
		return 0;
	if (size == 0)
		fgetc(in);   /* an empty stream */
	struct sl_snapshot_opts o = {
		{ CAP_MEMBER, CAP_TOTAL, CAP_MEMBERS }, on_event, NULL, "page.html", in,
	};
	struct sl_snapshot *s = NULL;
	struct sl_err err;
	if (sl_snapshot_open("-", &o, &s, &err) == SL_OK) {
		struct sl_member m;
		size_t n = 0;
		while (sl_snapshot_next(s, &m, &err) == SL_OK && m.path != NULL) {
			check_path(m.path);
			FUZZ_CHECK(m.len <= CAP_MEMBER);
			FUZZ_CHECK(m.len == 0 || m.data != NULL);
			FUZZ_CHECK(++n <= CAP_MEMBERS);
			sl_member_clear(&m);
		}
		(void)sl_snapshot_kind(s);
		(void)sl_snapshot_host(s);
		sl_snapshot_free(s);
	}
	fclose(in);
	return 0;
}
