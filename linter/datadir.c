/*
 * datadir.c - locating the bundled data relative to the program.
 */
#include "datadir.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

#ifndef SL_DATADIR
#define SL_DATADIR "/usr/local/share/sitelint/dictionaries"
#endif

static char dir[4400];

static bool
is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The directory of the directory holding the running program. */
static bool
exe_grandparent(char *out, size_t size)
{
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return false;
	exe[n] = '\0';
	for (int i = 0; i < 2; i++) {
		char *slash = strrchr(exe, '/');
		if (slash == NULL)
			return false;
		*slash = '\0';
	}
	return (size_t)snprintf(out, size, "%s", exe[0] ? exe : "/") < size;
}

const char *
sl_data_dir(void)
{
	if (dir[0] != '\0')
		return dir;
	const char *env = getenv("SITELINT_DATA_DIR");
	char base[4096], cand[4200];
	if (env != NULL && env[0] != '\0') {
		snprintf(dir, sizeof dir, "%s", env);
		return dir;
	}
	if (exe_grandparent(base, sizeof base)) {
		snprintf(cand, sizeof cand, "%s/dictionaries", base);
		if (is_dir(cand)) {
			snprintf(dir, sizeof dir, "%s", cand);
			return dir;
		}
		snprintf(cand, sizeof cand, "%s/share/sitelint/dictionaries", base);
		if (is_dir(cand)) {
			snprintf(dir, sizeof dir, "%s", cand);
			return dir;
		}
	}
	snprintf(dir, sizeof dir, "%s", SL_DATADIR);
	return dir;
}

char *
sl_data_path(const char *name)
{
	return sl_aprintf("%s/%s", sl_data_dir(), name);
}
