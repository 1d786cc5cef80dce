/* anchor/profile.c — every code's profile, from its definition, anchor
 * examples and coded segments (the rules in anchor.h, "Suggestions").
 */
#include <stdlib.h>
#include <string.h>

#include "suggest_int.h"
#include "../corpus/corpus.h"

/* Verdicts are few; their segments, sorted by GUID, newest verdict last. */
struct verdict {
	const char *guid;
	int64_t id;
	int v;
};

static int cmp_verdict(const void *a, const void *b)
{
	const struct verdict *x = a, *y = b;
	int c = strcmp(x->guid, y->guid);
	return c ? c : (x->id > y->id) - (x->id < y->id);
}

/* The newest verdict on segment guid (of anyone), -1 when none. */
static int verdict_of(const struct verdict *v, size_t n, const char *guid)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(v[mid].guid, guid) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 && strcmp(v[lo - 1].guid, guid) == 0 ? v[lo - 1].v : -1;
}

static void add_part(struct anchor_model *m, size_t code, double w, const char *s, size_t len)
{
	m->parts = xreallocarray(m->parts, m->nparts + 1, sizeof *m->parts);
	struct part *p = &m->parts[m->nparts++];
	memset(p, 0, sizeof *p);
	p->code = code;
	p->w = w;
	p->seg = SIZE_MAX;
	p->t0 = m->terms.n;
	anchor_vocab_terms(m->vocab, s, len, &m->terms);
	p->nt = m->terms.n - p->t0;
}

void suggest_cited(struct store *st, const char *citation, struct part *p)
{
	const char *pos = citation ? strstr(citation, ", Pos. ") : NULL;
	if (!pos)
		return;
	for (const char *q; (q = strstr(pos + 1, ", Pos. "));)
		pos = q;
	char *end;
	size_t first = strtoul(pos + 7, &end, 10), last = first;
	if (strncmp(end, "–", 3) == 0 || *end == '-')
		last = strtoul(end + (*end == '-' ? 1 : 3), NULL, 10);
	/* (the one document so named: a citation names no other; a document
	 * renamed since is not found, and the example then counts
	 * everywhere) */
	char *name = xstrndup(citation, (size_t)(pos - citation));
	struct corpus_doc d;
	struct anker_err err;
	if (corpus_doc_find(st, name, &d, &err) == ANKER_OK) {
		if (strcmp(d.name, name) == 0) {
			p->doc_id = d.id;
			p->a = first;
			p->b = last;
		}
		corpus_doc_free(&d);
	}
	free(name);
}

/* Where an anchor example was taken from: its segment, else its citation. */
static void anchor_source(struct store *st, struct anchor_model *m, const struct coding_anchor *a,
                          struct part *p)
{
	for (size_t i = 0; a->segment && i < m->nsegs; i++)
		if (strcmp(m->segs[i].guid, a->segment) == 0) {
			p->doc_id = m->segs[i].doc_id;
			p->cps = true;
			p->a = m->segs[i].start;
			p->b = m->segs[i].end;
			return;
		}
	suggest_cited(st, a->citation, p);
}

static int load_anchors(struct store *st, struct anchor_model *m, size_t code,
                        struct anker_err *err)
{
	struct coding_anchor *v;
	size_t n;
	if (coding_anchors_list(st, m->cb.codes[code].guid, &v, &n, err))
		return err->status;
	for (size_t i = 0; i < n; i++) {
		struct part p = { 0 };
		anchor_source(st, m, &v[i], &p);
		if (m->exclude_doc && p.doc_id == m->exclude_doc)
			continue;
		add_part(m, code, W_ANCHOR, v[i].text, strlen(v[i].text));
		struct part *q = &m->parts[m->nparts - 1];
		q->doc_id = p.doc_id;
		q->cps = p.cps;
		q->a = p.a;
		q->b = p.b;
		q->anchor = i + 1;
	}
	coding_anchors_free(v, n);
	return ANKER_OK;
}

static int cmp_code_id(const void *a, const void *b)
{
	const int64_t *x = a, *y = b;
	return (x[0] > y[0]) - (x[0] < y[0]);
}

/* Segments' parts, weighed by their newest verdict. */
static int load_segments(struct store *st, struct anchor_model *m, struct anker_err *err)
{
	struct coding_review *rv;
	size_t nrv;
	const char *code = m->only >= 0 ? m->cb.codes[m->only].guid : NULL;
	struct coding_review_filter rf = { .code = code, .verdict = -1 };
	if (coding_reviews_list(st, &rf, &rv, &nrv, err))
		return err->status;
	struct verdict *vd = xcalloc(nrv + 1, sizeof *vd);
	for (size_t i = 0; i < nrv; i++)
		vd[i] = (struct verdict){ rv[i].segment, rv[i].id, coding_verdict_parse(rv[i].verdict) };
	qsort(vd, nrv, sizeof *vd, cmp_verdict);
	/* code id → index, for the segments */
	int64_t(*ix)[2] = xcalloc(m->cb.ncodes + 1, sizeof *ix);
	for (size_t i = 0; i < m->cb.ncodes; i++) {
		ix[i][0] = m->cb.codes[i].id;
		ix[i][1] = (int64_t)i;
	}
	qsort(ix, m->cb.ncodes, sizeof *ix, cmp_code_id);
	for (size_t i = 0; i < m->nsegs; i++) {
		const struct coding_segment *s = &m->segs[i];
		int v = verdict_of(vd, nrv, s->guid);
		int64_t key[2] = { s->code_id, 0 };
		int64_t(*k)[2] = bsearch(key, ix, m->cb.ncodes, sizeof *ix, cmp_code_id);
		if (!k || v == CODING_MISFIT || s->doc_id == m->exclude_doc || !s->text)
			continue;
		add_part(m, (size_t)(*k)[1], v == CODING_FITS ? W_FITS : W_SEGMENT, s->text,
		         strlen(s->text));
		struct part *p = &m->parts[m->nparts - 1];
		p->doc_id = s->doc_id;
		p->cps = true;
		p->a = s->start;
		p->b = s->end;
		p->seg = i;
		m->counted[p->code]++;
	}
	free(ix);
	free(vd);
	coding_reviews_free(rv, nrv);
	return ANKER_OK;
}

static int cmp_contrib(const void *a, const void *b)
{
	const struct contrib *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

/* Each code's parts summed into its profile. */
static void build_profiles(struct anchor_model *m)
{
	struct contrib *c = NULL;
	size_t cap = 0;
	m->prof = xcalloc(m->cb.ncodes + 1, sizeof *m->prof);
	for (size_t k = 0; k < m->cb.ncodes; k++) {
		size_t n = 0;
		for (size_t i = 0; i < m->nparts; i++) {
			const struct part *p = &m->parts[i];
			if (p->code != k)
				continue;
			if (n + p->nt > cap) {
				cap = 2 * (n + p->nt);
				c = xreallocarray(c, cap, sizeof *c);
			}
			for (size_t j = 0; j < p->nt; j++)
				c[n++] = (struct contrib){ m->terms.v[p->t0 + j].id, p->w };
		}
		if (n)
			qsort(c, n, sizeof *c, cmp_contrib);
		struct prof *pr = &m->prof[k];
		pr->t = xcalloc(n + 1, sizeof *pr->t);
		pr->w = xcalloc(n + 1, sizeof *pr->w);
		for (size_t i = 0; i < n; i++) {
			if (pr->n == 0 || pr->t[pr->n - 1] != c[i].id) {
				pr->t[pr->n] = c[i].id;
				pr->w[pr->n++] = 0;
			}
			pr->w[pr->n - 1] += c[i].v;
			pr->len += c[i].v;
		}
	}
	free(c);
}

void suggest_lang_sample(const struct codebook *cb, struct strbuf *sb)
{
	for (size_t i = 0; i < cb->ncodes; i++) {
		sb_adds(sb, cb->codes[i].definition);
		for (size_t a = 0; a < cb->codes[i].nanchors; a++)
			sb_adds(sb, cb->codes[i].anchors[a]), sb_addc(sb, '\n');
	}
}

int suggest_lang_guess(struct store *st, struct strbuf *sb, enum anchor_lang *lang,
                       struct anker_err *err)
{
	int rc = ANKER_OK;
	if (sb->len < 2000) {
		struct corpus_doc *docs;
		size_t n;
		char *text = NULL;
		size_t len = 0;
		if (!(rc = corpus_docs_list(st, &docs, &n, err))) {
			if (n && !(rc = corpus_doc_text(st, docs[0].id, &text, &len, err)))
				sb_add(sb, text, len < SUGGEST_LANG_SAMPLE ? len : SUGGEST_LANG_SAMPLE);
			free(text);
			corpus_docs_free(docs, n);
		}
	}
	if (!rc)
		*lang = anchor_lang_guess(sb_str(sb), sb->len);
	return rc;
}

/* The language of the project: of the texts the profiles are made of, and
 * of the first document when these are few. */
static int guess_lang(struct store *st, struct anchor_model *m, struct anker_err *err)
{
	struct strbuf sb = { 0 };
	enum anchor_lang lang;
	suggest_lang_sample(&m->cb, &sb);
	for (size_t i = 0; i < m->nsegs && sb.len < SUGGEST_LANG_SAMPLE; i++)
		if (m->segs[i].text)
			sb_adds(&sb, m->segs[i].text), sb_addc(&sb, '\n');
	int rc = suggest_lang_guess(st, &sb, &lang, err);
	if (!rc)
		m->vocab = anchor_vocab_new(lang);
	sb_free(&sb);
	return rc;
}

static int model_fill(struct store *st, const struct anchor_suggest_opts *o,
                      struct anchor_model *m, struct anker_err *err)
{
	if (o->exclude_doc) {
		struct corpus_doc d;
		if (corpus_doc_find(st, o->exclude_doc, &d, err))
			return err->status;
		m->exclude_doc = d.id;
		corpus_doc_free(&d);
	}
	struct coding_filter f = { .code = m->only >= 0 ? m->cb.codes[m->only].guid : NULL,
	                           .min_weight = -1, .with_text = true };
	if (coding_segments_list(st, &f, &m->segs, &m->nsegs, err))
		return err->status;
	if (o->lang != ANCHOR_LANG_AUTO)
		m->vocab = anchor_vocab_new(o->lang);
	else if (guess_lang(st, m, err))
		return err->status;
	m->counted = xcalloc(m->cb.ncodes + 1, sizeof *m->counted);
	int rc = ANKER_OK;
	for (size_t k = 0; !rc && k < m->cb.ncodes; k++) {
		if (m->only >= 0 && (size_t)m->only != k)
			continue;
		const char *def = m->cb.codes[k].definition;
		add_part(m, k, W_DEFINITION, def, strlen(def));
		rc = load_anchors(st, m, k, err);
	}
	if (!rc && !o->codebook_only)
		rc = load_segments(st, m, err);
	if (!rc)
		build_profiles(m);
	return rc;
}

int suggest_model_load(struct store *st, const struct anchor_suggest_opts *o, const char *code,
                       struct anchor_model **out, struct anker_err *err)
{
	struct anchor_model *m = xcalloc(1, sizeof *m);
	*out = NULL;
	if (codebook_load(st, 0, &m->cb, err)) {
		free(m);
		return err->status;
	}
	m->only = code ? codebook_find(&m->cb, code, err) : -1;
	if ((code && m->only < 0) || model_fill(st, o, m, err)) {
		anchor_model_free(m);
		return err->status;
	}
	*out = m;
	return ANKER_OK;
}

int anchor_model_load(struct store *st, const struct anchor_suggest_opts *o,
                      struct anchor_model **out, struct anker_err *err)
{
	return suggest_model_load(st, o, NULL, out, err);
}

void anchor_model_free(struct anchor_model *m)
{
	if (!m)
		return;
	for (size_t k = 0; m->prof && k < m->cb.ncodes; k++) {
		free(m->prof[k].t);
		free(m->prof[k].w);
	}
	free(m->prof);
	free(m->at);
	free(m->inv);
	free(m->counted);
	codebook_ids_free(&m->ids);
	free(m->parts);
	free(m->terms.v);
	coding_segments_free(m->segs, m->nsegs);
	anchor_vocab_free(m->vocab);
	codebook_free(&m->cb);
	free(m);
}
