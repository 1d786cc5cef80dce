/* anchor/link.c — anchors locate --link: what was found becomes the
 * example's source, in one undoable step. */
#include <string.h>

#include "anchor.h"
#include "../coding/coding.h"
#include "../corpus/corpus.h"

/* The coder under whom found passages are coded: the codebook's quotes,
 * not a person's judgement. */
#define CODEBOOK_CODER "codebook"

/* Whether example r already has a citation or segment (the code's list
 * read once per code: v is in code order). */
static int had_source(struct store *st, const struct anchor_located *r,
                      struct coding_anchor **list, size_t *n, const char **of,
                      struct anker_err *err)
{
	if (!*of || strcmp(*of, r->guid) != 0) {
		coding_anchors_free(*list, *n);
		*list = NULL;
		*n = 0;
		if (coding_anchors_list(st, r->guid, list, n, err))
			return -1;
		*of = r->guid;
	}
	if (r->position < 1 || r->position > *n)
		return 0;
	const struct coding_anchor *a = &(*list)[r->position - 1];
	return *a->citation || a->segment;
}

static int link_one(struct store *st, const struct anchor_located *r, bool code_passages,
                    int64_t coder, struct anchor_link_report *rep, struct anker_err *err)
{
	char guid[37] = "";
	if (code_passages) {
		struct coding_new_segment ns = { .doc_id = r->doc_id, .code_id = r->code_id,
		                                 .coder_id = coder, .start = r->start, .end = r->end };
		int rc = coding_segment_insert(st, "anchors locate", &ns, guid, err);
		if (rc == ANKER_EXISTS) {
			anker_err_clear(err);
			rep->coded_before++;
		} else if (rc) {
			return rc;
		} else {
			rep->coded++;
		}
	}
	struct strbuf cite = { 0 };
	corpus_citation(&cite, r->doc, r->para_first, r->para_last);
	int rc = coding_anchor_cite(st, r->guid, r->position, sb_str(&cite),
	                            code_passages ? guid : NULL, err);
	sb_free(&cite);
	if (!rc)
		rep->linked++;
	return rc;
}

int anchor_link(struct store *st, const struct anchor_located *v, size_t n, bool code_passages,
                const char *actor, struct anchor_link_report *r, struct anker_err *err)
{
	struct coding_anchor *list = NULL;
	size_t nlist = 0;
	const char *of = NULL;
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
		int had = had_source(st, &v[i], &list, &nlist, &of, err);
		if (had < 0)
			rc = err->status;
		else if (had)
			r->had_source++;
		else
			rc = link_one(st, &v[i], code_passages, coder, r, err);
	}
	coding_anchors_free(list, nlist);
	if (rc) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, err);
}
