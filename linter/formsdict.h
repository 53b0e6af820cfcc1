/*
 * formsdict.h - the data of the forms rules, read from dictionaries/.
 *
 * Three plain UTF-8 files, one item a line, fields separated by TAB,
 * '#' comment lines (each file's header documents its format):
 *
 *   attachment-types.txt  EXT <TAB> KIND [<TAB> CONTENT-TYPE]...
 *                         which names and HTTP types are downloads, and
 *                         what their bytes must be (filecheck.h):
 *                         "docx	word	application/vnd.openxml..."
 *   guide-elements.txt    CLASS <TAB> SYNONYM|SYNONYM...
 *                         the element classes of a 办事指南 and the labels
 *                         that show each: "设定依据	办理依据|法律依据"
 *   forms-keywords.txt    LIST <TAB> WORD
 *                         words that name guides, service / 表格下载 /
 *                         依申请公开 columns, flow charts, download links
 *
 * A bad line is an SL_ERR_USAGE failure "FILE:LINE:COL: error: ...", COL
 * counting code points from 1.  A loaded set is read-only and may be
 * used by any number of threads.
 */
#ifndef SL_FORMSDICT_H
#define SL_FORMSDICT_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

#define SL_FORMSDICT_MAX_FILE    (1u << 20)  /* bytes in one file */
#define SL_FORMSDICT_MAX_LINE    4096        /* bytes in one line */
#define SL_FORMSDICT_MAX_CLASSES 16          /* guide element classes */
#define SL_FORMSDICT_MAX_ITEMS   4096        /* lines of one kind */
#define SL_FORMSDICT_MAX_EXT     15          /* bytes in an extension */

/* The word lists of forms-keywords.txt. */
enum sl_forms_list {
	SL_FL_GUIDE,      /* a page is a 办事指南: 办事指南, 服务指南 */
	SL_FL_SERVICE,    /* a service column: 办事服务, 网上办事 ... */
	SL_FL_FORMS,      /* a 表格下载 column */
	SL_FL_REQUEST,    /* a 依申请公开 column */
	SL_FL_FLOWCHART,  /* a flow chart: 流程图 */
	SL_FL_DOWNLOAD,   /* a download link's text: 下载, 附件 */
	SL_FL_COUNT
};

struct sl_forms_type {
	char ext[SL_FORMSDICT_MAX_EXT + 1];  /* lowercase, no dot */
	int expect;                          /* enum sl_file_expect */
};

struct sl_forms_ctype {
	char *type;                          /* lowercase "type/subtype" */
	size_t ext;                          /* index into types */
};

struct sl_guide_class {
	char *name;                          /* 设定依据 */
	char **labels;                       /* synonyms, the name first */
	size_t nlabels;
};

struct sl_formsdict {
	struct sl_forms_type *types;   size_t ntypes;   /* in file order */
	struct sl_forms_ctype *ctypes; size_t nctypes;
	struct sl_guide_class classes[SL_FORMSDICT_MAX_CLASSES];
	size_t nclasses;
	char **words[SL_FL_COUNT];
	size_t nwords[SL_FL_COUNT];
};

/* Empties D (no allocation). */
void sl_formsdict_init(struct sl_formsdict *d);
/* Releases what D holds; D == NULL is a no-op. */
void sl_formsdict_free(struct sl_formsdict *d);

/* Parse the text of one file (LEN bytes, need not be NUL-terminated)
 * into D, adding to what it holds.  FILE names it in messages. */
sl_status sl_formsdict_parse_types(struct sl_formsdict *d, const char *text, size_t len,
                                   const char *file, struct sl_err *err);
sl_status sl_formsdict_parse_guide(struct sl_formsdict *d, const char *text, size_t len,
                                   const char *file, struct sl_err *err);
sl_status sl_formsdict_parse_keywords(struct sl_formsdict *d, const char *text, size_t len,
                                      const char *file, struct sl_err *err);

/* Loads the three files from directory DIR into D (set up by
 * sl_formsdict_init); on failure D is emptied. */
sl_status sl_formsdict_load(struct sl_formsdict *d, const char *dir, struct sl_err *err);

/* The bundled data (sl_data_dir()), loaded on the first call from any
 * thread.  NULL when it could not be loaded: the reason is then printed
 * once on standard error and the forms rules do nothing. */
const struct sl_formsdict *sl_formsdict_bundled(void);

/* The type of extension EXT (N bytes, any case, no dot), or NULL when
 * such files are not downloads. */
const struct sl_forms_type *sl_formsdict_by_ext(const struct sl_formsdict *d,
                                                const char *ext, size_t n);

/* The type of an HTTP Content-Type value ("application/pdf;
 * charset=binary"), or NULL. */
const struct sl_forms_type *sl_formsdict_by_ctype(const struct sl_formsdict *d,
                                                  const char *content_type);

/* The type of the last path segment of PATH ("a/b.DOC" -> doc; a query
 * or fragment ends the path), or NULL. */
const struct sl_forms_type *sl_formsdict_by_path(const struct sl_formsdict *d,
                                                 const char *path);

/* True when TEXT contains a word of LIST. */
bool sl_formsdict_contains(const struct sl_formsdict *d, enum sl_forms_list list,
                           const char *text);

#endif
