/*
 * replay - runs a fuzz target's LLVMFuzzerTestOneInput() once on each
 * file named (a directory: on each file in it), without libFuzzer, so
 * that the inputs that once crashed a target (tests/fuzz/regress/TARGET/)
 * are checked by every `make check` and `make asan` with the ordinary
 * compiler.  Linked with one fuzz_TARGET.c.
 *
 *   fuzz_TARGET FILE|DIR...
 *
 * Exit status 0 when every input ran (a failed check aborts), 1 when a
 * file cannot be read.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

#define REPLAY_MAX (16u << 20)

static int
run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		perror(path);
		return 1;
	}
	uint8_t *buf = malloc(REPLAY_MAX);
	if (buf == NULL)
		abort();
	size_t n = fread(buf, 1, REPLAY_MAX, f);
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		perror(path);
		free(buf);
		return 1;
	}
	/* An exact-size copy, so that ASan sees reads past the input. */
	uint8_t *in = malloc(n ? n : 1);
	if (in == NULL)
		abort();
	memcpy(in, buf, n);
	free(buf);
	LLVMFuzzerTestOneInput(in, n);
	free(in);
	return 0;
}

static int
run_path(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		perror(path);
		return 1;
	}
	if (!S_ISDIR(st.st_mode))
		return run_file(path);
	DIR *d = opendir(path);
	if (d == NULL) {
		perror(path);
		return 1;
	}
	int rc = 0;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		size_t len = strlen(path) + strlen(de->d_name) + 2;
		char *p = malloc(len);
		if (p == NULL)
			abort();
		snprintf(p, len, "%s/%s", path, de->d_name);
		rc |= run_file(p);
		free(p);
	}
	closedir(d);
	return rc;
}

int
main(int argc, char **argv)
{
	int rc = 0;
	for (int i = 1; i < argc; i++)
		rc |= run_path(argv[i]);
	return rc;
}
