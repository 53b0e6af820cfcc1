/*
 * filecheck_ole2.c - OLE2 compound files (Word/Excel/PowerPoint 97-2003,
 * WPS 文字/表格/演示) as [MS-CFB] lays them out: a 512-byte header, the
 * file allocation table (FAT) in sectors the header lists (DIFAT), and a
 * directory of storages and streams.
 *
 * Two questions: does the file hold every sector its FAT marks as in
 * use (a download cut off in transfer does not), and which program wrote
 * it (the root storage's WordDocument, Workbook/Book or
 * "PowerPoint Document" stream)?  All reads are bounds-checked; chains
 * are followed at most as many steps as the file has sectors.
 */
#include <stdlib.h>
#include <string.h>

#include "filecheck_impl.h"
#include "util.h"

#define HEADER_SIZE   512
#define HEADER_DIFAT  109
#define MAXREGSECT    0xFFFFFFFAu
#define ENDOFCHAIN    0xFFFFFFFEu
#define FREESECT      0xFFFFFFFFu
#define NOSTREAM      0xFFFFFFFFu
#define DIR_ENTRY     128
#define MAX_DIR       65536u   /* directory entries read */

struct cfb {
	const unsigned char *p;
	size_t n;
	unsigned shift;          /* sector size = 1 << shift */
	size_t nsect;            /* sectors (whole or partial) in the file */
	uint32_t *fat_sects;     /* sector numbers of the FAT */
	size_t nfat;
	struct sl_file_check *out;
};

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t
le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

/* The sector S, or NULL when it is not (wholly) in the file. */
static const unsigned char *
sector(const struct cfb *c, uint32_t s)
{
	size_t off = ((size_t)s + 1) << c->shift;
	if (s > MAXREGSECT || off >= c->n || c->n - off < ((size_t)1 << c->shift))
		return NULL;
	return c->p + off;
}

static void
damaged(struct cfb *c, const char *why)
{
	c->out->problem = SL_FP_OLE2_DAMAGED;
	sl_filecheck_set_detail(c->out, why, strlen(why));
}

/* Collects the FAT's sector numbers from the header and the DIFAT chain. */
static bool
read_difat(struct cfb *c)
{
	uint32_t nfat = le32(c->p + 44), next = le32(c->p + 68);
	uint32_t ndifat = le32(c->p + 72);
	if (nfat > c->nsect + 1 || ndifat > c->nsect + 1) {
		c->out->problem = SL_FP_OLE2_TRUNCATED;
		return false;
	}
	c->fat_sects = sl_calloc(nfat ? nfat : 1, sizeof *c->fat_sects);
	for (uint32_t i = 0; i < nfat && i < HEADER_DIFAT; i++)
		c->fat_sects[c->nfat++] = le32(c->p + 76 + 4 * i);
	size_t per = ((size_t)1 << c->shift) / 4 - 1;
	for (uint32_t k = 0; k < ndifat && c->nfat < nfat; k++) {
		const unsigned char *s = sector(c, next);
		if (s == NULL) {
			c->out->problem = SL_FP_OLE2_TRUNCATED;
			return false;
		}
		for (size_t i = 0; i < per && c->nfat < nfat; i++)
			c->fat_sects[c->nfat++] = le32(s + 4 * i);
		next = le32(s + 4 * per);
	}
	if (c->nfat < nfat) {
		damaged(c, "the DIFAT lists fewer FAT sectors than the header counts");
		return false;
	}
	return true;
}

/* Checks that every sector the FAT marks as used is in the file. */
static bool
check_fat(struct cfb *c)
{
	size_t per = ((size_t)1 << c->shift) / 4;
	for (size_t k = 0; k < c->nfat; k++) {
		const unsigned char *s = sector(c, c->fat_sects[k]);
		if (s == NULL) {
			c->out->problem = SL_FP_OLE2_TRUNCATED;
			return false;
		}
		for (size_t i = 0; i < per; i++) {
			size_t index = k * per + i;
			if (le32(s + 4 * i) != FREESECT && index >= c->nsect) {
				c->out->problem = SL_FP_OLE2_TRUNCATED;
				return false;
			}
		}
	}
	return true;
}

/* The FAT entry of sector S: the next sector of its chain. */
static uint32_t
fat_next(const struct cfb *c, uint32_t s)
{
	size_t per = ((size_t)1 << c->shift) / 4;
	size_t k = s / per;
	const unsigned char *fs = k < c->nfat ? sector(c, c->fat_sects[k]) : NULL;
	return fs ? le32(fs + 4 * (s % per)) : ENDOFCHAIN;
}

/* True when directory entry E is named NAME (ASCII, compared with the
 * UTF-16LE name). */
static bool
entry_named(const unsigned char *e, const char *name)
{
	size_t n = strlen(name);
	uint16_t bytes = le16(e + 64);    /* includes the terminating NUL */
	if (bytes != (n + 1) * 2)
		return false;
	for (size_t i = 0; i < n; i++)
		if (e[2 * i] != (unsigned char)name[i] || e[2 * i + 1] != 0)
			return false;
	return true;
}

/* Gathers the directory (its chain of sectors) into one array. */
static unsigned char *
read_directory(struct cfb *c, size_t *count)
{
	size_t ssz = (size_t)1 << c->shift, per = ssz / DIR_ENTRY, n = 0, cap = 0;
	unsigned char *dir = NULL;
	uint32_t s = le32(c->p + 48);
	for (size_t steps = 0; s != ENDOFCHAIN && steps <= c->nsect && n < MAX_DIR; steps++) {
		const unsigned char *sec = sector(c, s);
		if (sec == NULL) {
			c->out->problem = SL_FP_OLE2_TRUNCATED;
			break;
		}
		if (n + per > cap) {
			cap = cap ? cap * 2 : 64;
			dir = sl_realloc(dir, cap * DIR_ENTRY);
		}
		memcpy(dir + n * DIR_ENTRY, sec, ssz);
		n += per;
		s = fat_next(c, s);
	}
	*count = n;
	return dir;
}

/* Walks the root storage's children (a red-black tree through the left
 * and right sibling ids) and names the program from its streams. */
static void
find_program(struct cfb *c)
{
	size_t n;
	unsigned char *dir = read_directory(c, &n);
	if (c->out->problem != SL_FP_NONE || n == 0 || dir[66] != 5) {
		if (c->out->problem == SL_FP_NONE)
			damaged(c, "the directory has no root entry");
		free(dir);
		return;
	}
	/* Every visit pushes at most two ids: the stack never holds more
	 * than 2n + 1, even when a damaged tree links an entry twice. */
	uint32_t *stack = sl_malloc((2 * n + 1) * sizeof *stack);
	unsigned char *seen = sl_calloc(n, 1);
	size_t top = 0;
	uint32_t child = le32(dir + 76);
	if (child < n)
		stack[top++] = child;
	while (top > 0) {
		uint32_t i = stack[--top];
		if (seen[i])
			continue;   /* a cycle in a damaged file */
		seen[i] = 1;
		const unsigned char *e = dir + (size_t)i * DIR_ENTRY;
		if (entry_named(e, "WordDocument"))
			c->out->kind = SL_FILE_OLE2_WORD;
		else if (entry_named(e, "Workbook") || entry_named(e, "Book"))
			c->out->kind = SL_FILE_OLE2_EXCEL;
		else if (entry_named(e, "PowerPoint Document"))
			c->out->kind = SL_FILE_OLE2_POWERPOINT;
		uint32_t left = le32(e + 68), right = le32(e + 72);
		if (left < n && !seen[left])
			stack[top++] = left;
		if (right < n && !seen[right])
			stack[top++] = right;
	}
	free(seen);
	free(stack);
	free(dir);
}

void
sl_filecheck_ole2(const unsigned char *p, size_t n, struct sl_file_check *out)
{
	struct cfb c = { p, n, 0, 0, NULL, 0, out };
	out->kind = SL_FILE_OLE2;
	if (n < HEADER_SIZE) {
		out->problem = SL_FP_OLE2_TRUNCATED;
		return;
	}
	uint16_t major = le16(p + 26), shift = le16(p + 30);
	if (le16(p + 28) != 0xFFFE) {
		damaged(&c, "bad byte-order mark");
		return;
	}
	if (!((major == 3 && shift == 9) || (major == 4 && shift == 12))) {
		damaged(&c, "bad version or sector size");
		return;
	}
	c.shift = shift;
	if (n < ((size_t)1 << shift)) {
		out->problem = SL_FP_OLE2_TRUNCATED;
		return;
	}
	c.nsect = (n - ((size_t)1 << shift) + ((size_t)1 << shift) - 1) >> shift;
	if (read_difat(&c) && check_fat(&c))
		find_program(&c);
	free(c.fat_sects);
}
