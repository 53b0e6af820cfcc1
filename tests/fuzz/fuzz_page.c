/*
 * fuzz_page - page analysis: sl_decode then sl_page_analyse, the one
 * libxml2 SAX walk that fills the page record.  Checks what the record
 * promises: every text run's source map is ascending and inside the
 * decoded text, block and link indexes point into their tables, the
 * caps hold.
 */
#include "fuzz.h"

#include "decode.h"
#include "page.h"

static void
check_record(const struct sl_decoded *d, const struct sl_page *p)
{
	FUZZ_CHECK(p->nlinks <= SL_PAGE_MAX_LINKS && p->nanchors <= SL_PAGE_MAX_IDS);
	FUZZ_CHECK(p->nblocks <= SL_PAGE_MAX_BLOCKS);
	FUZZ_CHECK(p->scripts_len <= SL_PAGE_MAX_SCRIPT);
	for (size_t i = 0; i < p->nruns; i++) {
		const struct sl_textrun *r = &p->runs[i];
		FUZZ_CHECK(r->text[r->len] == '\0');
		FUZZ_CHECK(r->block >= -1 && r->block < (int32_t)p->nblocks);
		for (uint32_t k = 0; k <= r->len; k++) {
			FUZZ_CHECK(r->src[k] <= d->len);
			FUZZ_CHECK(k == 0 || r->src[k - 1] <= r->src[k]);
		}
	}
	for (size_t i = 0; i < p->nlinks; i++) {
		const struct sl_link *l = &p->links[i];
		FUZZ_CHECK(l->url != NULL && l->value_off <= d->len);
		FUZZ_CHECK(l->block >= -1 && l->block < (int32_t)p->nblocks);
		FUZZ_CHECK(l->span.start.line <= l->span.end.line);
	}
	for (size_t i = 0; i < p->nblocks; i++) {
		const struct sl_block *b = &p->blocks[i];
		FUZZ_CHECK(b->parent >= -1 && b->parent < (int32_t)i);
		FUZZ_CHECK(memchr(b->tag, '\0', sizeof b->tag) != NULL);
		FUZZ_CHECK(b->start_off <= b->end_off && b->end_off <= d->len);
	}
	for (size_t i = 0; i < p->ncomments; i++)
		FUZZ_CHECK(p->comments[i].text != NULL && p->comments[i].off <= d->len);
	for (size_t i = 0; i < p->nmetas; i++)
		FUZZ_CHECK(p->metas[i].name != NULL && p->metas[i].content != NULL);
	(void)sl_page_meta(p, "PubDate");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sl_decoded d;
	struct sl_err err;
	if (sl_decode(data, size, NULL, &d, &err) != SL_OK)
		return 0;
	struct sl_page p;
	sl_page_analyse(&d, &p);
	check_record(&d, &p);
	sl_page_free_text(&p);
	sl_page_free(&p);
	sl_decoded_free(&d);
	return 0;
}
