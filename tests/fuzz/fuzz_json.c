/*
 * fuzz_json - what sitelint reads back: the JSON reader (sl_json_read)
 * and, for input that parses, `--merge` over it as an NDJSON file
 * (sl_merge_read, through an in-memory file: nothing touches the disk).
 * Checks the tree's shape (objects have a key per member, strings are
 * NUL-terminated) without recursion.
 */
#define _GNU_SOURCE
#include "fuzz.h"

#include <sys/mman.h>
#include <unistd.h>

#include "json_read.h"
#include "merge.h"

#define WALK_MAX 4096

static void
check_tree(const struct sl_json_value *root)
{
	static const struct sl_json_value *stack[WALK_MAX];
	size_t n = 0;
	stack[n++] = root;
	while (n > 0) {
		const struct sl_json_value *v = stack[--n];
		if (v->type == SL_JSON_STRING)
			FUZZ_CHECK(v->string != NULL);
		if (v->type != SL_JSON_ARRAY && v->type != SL_JSON_OBJECT)
			continue;
		FUZZ_CHECK(v->n <= v->cap && (v->n == 0 || v->items != NULL));
		for (size_t i = 0; i < v->n; i++) {
			if (v->type == SL_JSON_OBJECT)
				FUZZ_CHECK(v->keys != NULL && v->keys[i] != NULL);
			if (n < WALK_MAX)
				stack[n++] = &v->items[i];
		}
	}
	(void)sl_json_str(sl_json_get(root, "path"));
	(void)sl_json_num(sl_json_get(root, "stats"), 0);
}

static void
merge(const uint8_t *data, size_t size, bool diags)
{
	int fd = memfd_create("fuzz.ndjson", 0);
	if (fd < 0)
		return;
	if (size == 0 || write(fd, data, size) == (ssize_t)size) {
		char path[64];
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
		const char *paths[] = { path };
		struct sl_report *reports = NULL;
		size_t n = 0;
		struct sl_err err;
		if (sl_merge_read(paths, 1, diags, &reports, &n, &err) == SL_OK) {
			for (size_t i = 0; i < n; i++)
				sl_report_free(&reports[i]);
			free(reports);
		}
	}
	close(fd);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sl_json_value *v = NULL;
	struct sl_err err;
	if (sl_json_read((const char *)data, size, &v, &err) == SL_OK) {
		check_tree(v);
		sl_json_value_free(v);
	}
	/* Every line of the input as a report (most fail early). */
	if (memchr(data, '{', size) != NULL)
		merge(data, size, size % 2 == 0);
	return 0;
}
