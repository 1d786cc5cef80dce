/* anchor/link.c — anchors locate --link: what was found becomes the
 * example's source, in one undoable step. */
#include <string.h>

#include "anchor.h"
#include "../coding/coding.h"
#include "../corpus/corpus.h"

/* The coder under whom found passages are coded: the codebook's quotes,
 * not a person's judgement. */
#define CODEBOOK_CODER "codebook"

/* Link example r.  coding_anchor_cite alone says whether it has a source
 * already (ANKER_EXISTS): with code_passages the passage is coded first,
 * in a savepoint that is rolled back when the example had one. */
static int link_one(struct store *st, const struct anchor_located *r, bool code_passages,
                    int64_t coder, struct anchor_link_report *rep, struct anker_err *err)
{
	char guid[37] = "";
	bool coded_before = false;
	int rc = code_passages ? store_begin(st, err) : ANKER_OK;
	if (!rc && code_passages) {
		struct coding_new_segment ns = { .doc_id = r->doc_id, .code_id = r->code_id,
		                                 .coder_id = coder, .start = r->start, .end = r->end };
		rc = coding_segment_insert(st, "anchors locate", &ns, guid, err);
		if (rc == ANKER_EXISTS) {
			anker_err_clear(err);
			coded_before = true;
			rc = ANKER_OK;
		}
	}
	struct strbuf cite = { 0 };
	if (!rc) {
		corpus_citation(&cite, r->doc, r->para_first, r->para_last);
		rc = coding_anchor_cite(st, r->code_id, r->position, sb_str(&cite),
		                        code_passages ? guid : NULL, err);
	}
	sb_free(&cite);
	if (code_passages && rc)
		store_rollback(st);
	else if (code_passages && (rc = store_commit(st, err)))
		return rc;
	if (rc == ANKER_EXISTS) {
		anker_err_clear(err);
		rep->had_source++;
		return ANKER_OK;
	}
	if (!rc) {
		rep->linked++;
		rep->coded += code_passages && !coded_before;
		rep->coded_before += coded_before;
	}
	return rc;
}

int anchor_link(struct store *st, const struct anchor_located *v, size_t n, bool code_passages,
                const char *actor, struct anchor_link_report *r, struct anker_err *err)
{
	int64_t coder = 0;
	memset(r, 0, sizeof *r);
	store_set_actor(st, actor);
	if (store_begin(st, err))
		return err->status;
	int rc = code_passages ? store_coder_id(st, CODEBOOK_CODER, &coder, err) : ANKER_OK;
	for (size_t i = 0; !rc && i < n; i++) {
		if (v[i].status != ANCHOR_FOUND) {
			r->not_found++;
			continue;
		}
		if (v[i].places > 1) {
			r->ambiguous++;
			continue;
		}
		rc = link_one(st, &v[i], code_passages, coder, r, err);
	}
	if (rc) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, err);
}
