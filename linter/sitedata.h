/*
 * sitedata.h - the reference data of the government-site rules: province
 * abbreviations and codes, hosts of closed or moved sites, the columns
 * each kind of site must have, and the phrases of a closure notice.
 *
 * The data lives in four plain UTF-8 files of dictionaries/ (see
 * dictionaries/README.md): provinces.txt, decommissioned-hosts.txt,
 * columns-required.txt and closure-phrases.txt.  They share one line
 * syntax: fields separated by blanks (space or tab), a '#' at the start
 * of a line or after a blank starts a comment, blank lines are ignored,
 * lines are at most SL_SITEDATA_MAX_LINE bytes.  A malformed line is an
 * SL_ERR_USAGE failure "FILE:LINE:COL: error: MESSAGE" (COL in code
 * points).  A loaded set is read-only and may be read by any number of
 * threads at once.
 */
#ifndef SL_SITEDATA_H
#define SL_SITEDATA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

#define SL_SITEDATA_MAX_FILE    (16u << 20)  /* bytes in one file */
#define SL_SITEDATA_MAX_LINE    4096         /* bytes in one line */
#define SL_SITEDATA_MAX_ENTRIES 1000000      /* entries of one kind */
#define SL_SITEDATA_MAX_FIELDS  32           /* fields on one line */

enum sl_sitedata_file {
	SL_SD_PROVINCES,    /* CODE ABBR [ABBR...] NAME */
	SL_SD_HOSTS,        /* HOST [NEW-ADDRESS] */
	SL_SD_COLUMNS,      /* PROFILES NAME [SYNONYM...] */
	SL_SD_CLOSURE,      /* PHRASE */
	SL_SD_NFILES
};

/* File names of the kinds, in dictionaries/ ("provinces.txt" ...). */
extern const char *const sl_sitedata_file_names[SL_SD_NFILES];

/* A host of a closed or moved site.  HOST is normalized (lowercase, no
 * "www.", no port, no trailing dot); "*.x.gov.cn" stands for every
 * subdomain of x.gov.cn.  TO is the new address or NULL. */
struct sl_moved_host {
	char *host;
	char *to;
};

/* A column a site must have: NAMES[0] is its name, the rest synonyms.
 * PROFILES has bit (1 << enum sl_profile) set for each kind of site that
 * must have it. */
struct sl_required_column {
	char **names;
	size_t nnames;
	unsigned profiles;
};

struct sl_sitedata;

/* A new empty set; free it with sl_sitedata_free() (NULL is a no-op). */
struct sl_sitedata *sl_sitedata_new(void);
void sl_sitedata_free(struct sl_sitedata *d);

/* Adds the entries of the LEN bytes at TEXT (need not be NUL-terminated)
 * as file kind KIND, named NAME in messages.  On a malformed line returns
 * SL_ERR_USAGE (SL_ERR_LIMIT past a cap) with the message in ERR; the
 * entries before it stay. */
sl_status sl_sitedata_parse(struct sl_sitedata *d, enum sl_sitedata_file kind,
                            const char *name, const char *text, size_t len,
                            struct sl_err *err);

/* Reads the file PATH as kind KIND (SL_ERR_IO when unreadable). */
sl_status sl_sitedata_load_file(struct sl_sitedata *d, enum sl_sitedata_file kind,
                                const char *path, struct sl_err *err);

/* Reads the four files from directory DIR, then sorts what lookups need.
 * A missing or bad file fails the whole load. */
sl_status sl_sitedata_load_dir(struct sl_sitedata *d, const char *dir,
                               struct sl_err *err);

/* Sorts the host list for lookups.  sl_sitedata_load_dir() calls it;
 * callers of sl_sitedata_parse() must call it before lookups. */
void sl_sitedata_seal(struct sl_sitedata *d);

/* The province code (11..99) whose abbreviation is the code point CP
 * (滇 -> 53), or -1. */
int sl_sitedata_province_of(const struct sl_sitedata *d, uint32_t cp);

/* True when CODE is the code of a listed province. */
bool sl_sitedata_province_known(const struct sl_sitedata *d, int code);

/* The entry HOST (a URL host, any case, maybe with ":port") falls under,
 * or NULL.  Exact entries win over "*." ones. */
const struct sl_moved_host *sl_sitedata_moved(const struct sl_sitedata *d,
                                              const char *host);

/* The number of hosts listed (0 when D is NULL). */
size_t sl_sitedata_nmoved(const struct sl_sitedata *d);

/* Normalizes a host as the host list stores it into OUT (SIZE bytes):
 * lowercase ASCII, no leading "www.", no ":port", no trailing dot.
 * Returns false when HOST is empty or does not fit. */
bool sl_sitedata_host_key(const char *host, char *out, size_t size);

/* True when the normalized host KEY falls under PATTERN (a normalized
 * host, or "*." and a normalized host for its subdomains). */
bool sl_sitedata_host_matches(const char *pattern, const char *key);

/* The required columns, in file order. */
const struct sl_required_column *sl_sitedata_columns(const struct sl_sitedata *d,
                                                     size_t *n);

/* The closure phrases, in file order. */
const char *const *sl_sitedata_closure_phrases(const struct sl_sitedata *d,
                                               size_t *n);

#endif
