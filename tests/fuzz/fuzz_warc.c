/*
 * fuzz_warc - the WARC record reader (snapshot_warc.c): record headers,
 * Content-Length, HTTP heads, chunked bodies, revisits.  Input that does
 * not start like a WARC (or a gzip stream) gets a "WARC/1.0" line in
 * front so that the WARC backend, not the page backend, reads it.
 */
#include "fuzz.h"

#include "snapshot.h"

static void
on_event(void *ctx, enum sl_snapshot_event ev, const char *member, const char *msg)
{
	(void)ctx;
	(void)ev;
	volatile size_t n = strlen(msg) + (member ? strlen(member) : 0);
	(void)n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char version[] = "WARC/1.0\r\n";
	bool as_is = (size >= 5 && memcmp(data, "WARC/", 5) == 0) ||
	             (size >= 2 && data[0] == 0x1f && data[1] == 0x8b);
	size_t pre = as_is ? 0 : sizeof version - 1;
	uint8_t *buf = malloc(size + pre);
	if (buf == NULL)
		abort();
	memcpy(buf, version, pre);
	if (size > 0)
		memcpy(buf + pre, data, size);
	FILE *in = fmemopen(buf, size + pre, "rb");
	if (in == NULL) {
		free(buf);
		return 0;
	}
	struct sl_snapshot_opts o = {
		{ 1u << 20, 8u << 20, 2000 }, on_event, NULL, NULL, in,
	};
	struct sl_snapshot *s = NULL;
	struct sl_err err;
	if (sl_snapshot_open("-", &o, &s, &err) == SL_OK) {
		struct sl_member m;
		while (sl_snapshot_next(s, &m, &err) == SL_OK && m.path != NULL) {
			FUZZ_CHECK(m.path[0] != '/' && m.len <= (1u << 20));
			FUZZ_CHECK(m.http_status >= 0);
			sl_member_clear(&m);
		}
		sl_snapshot_free(s);
	}
	fclose(in);
	free(buf);
	return 0;
}
