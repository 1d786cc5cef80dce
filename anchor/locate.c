/* anchor/locate.c — find the passage each of the project's anchor
 * examples quotes: every example into one matcher, every document read
 * once (anchor/match.c).
 */
#include <stdlib.h>
#include <string.h>

#include "anchor.h"
#include "../codebook/codebook.h"
#include "../corpus/corpus.h"

void anchor_located_free(struct anchor_located *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].code_number);
		free(v[i].code_path);
		free(v[i].text);
		free(v[i].doc);
		free(v[i].doc2);
	}
	free(v);
}

/* Fill r from the matcher's best place for it. */
static void place(const struct anchor_place *p, const struct corpus_doc *docs, double min_score,
                  struct anchor_located *r)
{
	if (!p->found)
		return;
	const struct corpus_doc *d = &docs[p->text];
	r->score = p->score;
	r->doc = xstrdup(d->name);
	r->start = p->start;
	r->end = p->end;
	r->places = p->places;
	r->para_first = p->para_first;
	r->para_last = p->para_last;
	if (p->score + 1e-9 < min_score)
		return;
	r->status = ANCHOR_FOUND;
	r->doc_id = d->id;
	if (p->places > 1) {
		const struct corpus_doc *d2 = &docs[p->text2];
		r->doc2 = xstrdup(d2->name);
		r->para2_first = p->para2_first;
		r->para2_last = p->para2_last;
	}
}

int anchor_locate(struct store *st, const struct anchor_locate_opts *o,
                  struct anchor_located **out, size_t *n, struct anker_err *err)
{
	struct codebook cb;
	struct corpus_doc *docs = NULL;
	size_t ndocs = 0;
	*out = NULL;
	*n = 0;
	if (codebook_load(st, 0, &cb, err))
		return err->status;
	int only = -1;
	if (o->code && (only = codebook_find(&cb, o->code, err)) < 0) {
		codebook_free(&cb);
		return err->status;
	}
	struct anchor_matcher *m = anchor_matcher_new();
	struct anchor_located *v = NULL;
	size_t nv = 0;
	struct strbuf path = { 0 };
	for (size_t i = 0; i < cb.ncodes; i++) {
		const struct codebook_code *k = &cb.codes[i];
		if (only >= 0 && (size_t)only != i)
			continue;
		for (size_t a = 0; a < k->nanchors; a++) {
			v = xreallocarray(v, nv + 1, sizeof *v);
			struct anchor_located *r = &v[nv];
			memset(r, 0, sizeof *r);
			sb_reset(&path);
			codebook_path(&cb, i, &path);
			r->code_number = xstrdup(k->number);
			r->code_path = xstrdup(sb_str(&path));
			memcpy(r->guid, k->guid, sizeof r->guid);
			r->code_id = k->id;
			r->position = a + 1;
			r->text = xstrdup(k->anchors[a]);
			size_t q = anchor_matcher_add(m, k->anchors[a], strlen(k->anchors[a]));
			r->status = anchor_matcher_tokens(m, q) < ANCHOR_MIN_WORDS ? ANCHOR_TOO_SHORT : ANCHOR_NOT_FOUND;
			nv++;
		}
	}
	sb_free(&path);
	codebook_free(&cb);
	int rc = nv ? corpus_docs_list(st, &docs, &ndocs, err) : ANKER_OK;
	for (size_t d = 0; !rc && d < ndocs; d++) {
		char *text;
		size_t len;
		if ((rc = corpus_doc_text(st, docs[d].id, &text, &len, err)))
			break;
		anchor_matcher_scan(m, d, text, len);
		free(text);
	}
	for (size_t i = 0; !rc && i < nv; i++) {
		struct anchor_place p;
		anchor_matcher_place(m, i, &p);
		if (v[i].status != ANCHOR_TOO_SHORT)
			place(&p, docs, o->min_score, &v[i]);
	}
	anchor_matcher_free(m);
	corpus_docs_free(docs, ndocs);
	if (rc) {
		anchor_located_free(v, nv);
		return rc;
	}
	*out = v;
	*n = nv;
	return ANKER_OK;
}
