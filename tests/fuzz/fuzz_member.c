/*
 * fuzz_member - one member through the worker's whole path
 * (sl_analyse_member): decoding, page analysis, every page check (text
 * dictionaries included), inline suppressions, excerpts, and the compact
 * record the site checks keep.  The first byte chooses the member's name,
 * an HTTP charset, the language and single-page mode; the rest is the
 * member.  Checks that every finding has a known rule, a message, and a
 * position that is a real one.
 */
#include "fuzz.h"

#include "analyse.h"
#include "dict.h"
#include "site.h"

/* A few entries of each kind, with an exception and a date, so that the
 * text checks run on what the fuzzer writes. */
static const char dict_text[] =
	"text/typo\t开诚不公\t开诚布公\n"
	"text/typo\t必竟\t毕竟\texcept=想必竟然\n"
	"text/wrong-name\t中华人民共和国国务院办公室\t国务院办公厅\n"
	"text/outdated\t国土资源局\t自然资源局\tfrom=2019-03-31\n"
	"text/placeholder\t测试\t-\tmatch=whole\n"
	"text/sensitive\t国家级\t-\n"
	"text/mojibake\t锟斤拷\t-\n";

static struct sl_dictset *
dicts(void)
{
	static struct sl_dictset *set;
	if (set == NULL) {
		struct sl_err err;
		set = sl_dictset_new();
		if (sl_dictset_load_mem(set, "fuzz.txt", dict_text, sizeof dict_text - 1, &err) != SL_OK ||
		    sl_dictset_compile(set, &err) != SL_OK) {
			fprintf(stderr, "fuzz_member: %s\n", err.msg);
			abort();
		}
	}
	return set;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "index.html", "xwzx/t20170324_1.html", "a.doc", "page" };
	if (size == 0)
		return 0;
	uint8_t ctl = data[0];
	struct sl_lint_opts o;
	memset(&o, 0, sizeof o);
	o.lang = (ctl & 0x10) ? SL_LANG_ZH : SL_LANG_EN;
	o.excerpts = true;
	o.as_of = 20170324;
	o.fail_on = SL_SEV_ERROR;
	o.dicts = dicts();
	o.fold_traditional = (ctl & 0x20) != 0;
	struct sl_member m;
	memset(&m, 0, sizeof m);
	m.path = sl_strdup(names[ctl & 3]);
	m.len = size - 1;
	m.data = (unsigned char *)fuzz_strndup(data + 1, size - 1);
	if (ctl & 4)
		m.content_type = sl_strdup("text/html; charset=gbk");
	struct sl_worker w;
	sl_worker_init(&w);
	struct sl_doc *doc = sl_analyse_member(&m, (ctl & 8) != 0, &o, &w);
	for (size_t i = 0; i < doc->diags.n; i++) {
		const struct sl_diag *d = &doc->diags.v[i];
		FUZZ_CHECK((int)d->rule >= 0 && d->rule < SL_RULE_COUNT);
		FUZZ_CHECK(d->message != NULL && d->file != NULL);
		if (d->has_pos) {
			FUZZ_CHECK(d->span.start.line >= 1 && d->span.start.col_char >= 1);
			FUZZ_CHECK(d->span.start.line <= d->span.end.line);
		}
	}
	sl_doc_free(doc);
	sl_worker_free(&w);
	sl_member_clear(&m);
	return 0;
}
