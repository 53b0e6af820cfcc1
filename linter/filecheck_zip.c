/*
 * filecheck_zip.c - zip containers (OOXML, OFD, plain zip) read from
 * memory with libarchive: the entry names say what the package is, and
 * reading every entry's data (CRC checked) says whether it is whole.
 */
#include <archive.h>
#include <archive_entry.h>
#include <string.h>

#include "filecheck_impl.h"

#define EOCD_SIZE   22
#define EOCD_SEARCH (EOCD_SIZE + 65535)   /* record + longest comment */

/* True when the end-of-central-directory record "PK\5\6" is in the
 * last 64 KiB: without it no program can list the archive. */
static bool
has_eocd(const unsigned char *p, size_t n)
{
	if (n < EOCD_SIZE)
		return false;
	size_t low = n > EOCD_SEARCH ? n - EOCD_SEARCH : 0;
	for (size_t i = n - EOCD_SIZE + 1; i-- > low;)
		if (p[i] == 'P' && p[i + 1] == 'K' && p[i + 2] == 5 && p[i + 3] == 6)
			return true;
	return false;
}

struct seen {
	bool content_types, ofd, word, excel, powerpoint;
};

static void
note_name(struct seen *s, const char *name)
{
	if (name == NULL)
		return;
	if (name[0] == '/')
		name++;
	if (strcmp(name, "[Content_Types].xml") == 0)
		s->content_types = true;
	else if (strcmp(name, "OFD.xml") == 0)
		s->ofd = true;
	else if (strncmp(name, "word/", 5) == 0)
		s->word = true;
	else if (strncmp(name, "xl/", 3) == 0)
		s->excel = true;
	else if (strncmp(name, "ppt/", 4) == 0)
		s->powerpoint = true;
}

static enum sl_file_kind
kind_of(const struct seen *s)
{
	if (s->content_types)
		return s->word ? SL_FILE_OOXML_WORD : s->excel ? SL_FILE_OOXML_EXCEL
		     : s->powerpoint ? SL_FILE_OOXML_POWERPOINT : SL_FILE_OOXML;
	return s->ofd ? SL_FILE_OFD : SL_FILE_ZIP;
}

/* Reads the data of the current entry; false (with the reason in OUT)
 * when it is damaged.  *BUDGET caps the bytes unpacked in all. */
static bool
read_entry(struct archive *a, struct archive_entry *e, size_t *budget,
           struct sl_file_check *out)
{
	if (archive_entry_is_encrypted(e))
		return true;   /* cannot check it without the password */
	char buf[16384];
	for (;;) {
		la_ssize_t r = archive_read_data(a, buf, sizeof buf);
		if (r == 0)
			return true;
		if (r < 0) {   /* bad CRC, bad deflate data, cut short */
			const char *name = archive_entry_pathname(e);
			out->problem = SL_FP_ZIP_DAMAGED;
			if (name != NULL)
				sl_filecheck_set_detail(out, name, strlen(name));
			return false;
		}
		if ((size_t)r >= *budget) {
			*budget = 0;   /* a bomb or a huge file: stop checking, no finding */
			return true;
		}
		*budget -= (size_t)r;
	}
}

void
sl_filecheck_zip(const unsigned char *p, size_t n, struct sl_file_check *out)
{
	out->kind = SL_FILE_ZIP;
	if (!has_eocd(p, n)) {
		out->problem = SL_FP_ZIP_TRUNCATED;
		return;
	}
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	struct seen seen = { 0 };
	size_t budget = SL_FILECHECK_MAX_UNPACKED, entries = 0;
	archive_read_support_format_zip(a);
	if (archive_read_open_memory(a, p, n) != ARCHIVE_OK)
		goto damaged;
	int r;
	while ((r = archive_read_next_header(a, &e)) == ARCHIVE_OK || r == ARCHIVE_WARN) {
		note_name(&seen, archive_entry_pathname(e));
		if (++entries > SL_FILECHECK_MAX_ENTRIES)
			goto out;
		if (budget > 0 && !read_entry(a, e, &budget, out))
			goto out;
	}
	if (r == ARCHIVE_EOF)
		goto out;
damaged:
	out->problem = SL_FP_ZIP_DAMAGED;   /* no entry to name: the directory */
out:
	out->kind = (uint8_t)kind_of(&seen);
	archive_read_free(a);
}
