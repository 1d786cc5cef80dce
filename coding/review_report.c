/* coding/review_report.c — what a supervisor sends back to a team: per
 * code with verdicts, the counts, and its misfits with the reviewers'
 * comments and the codes those comments suggest ("eher 2.4"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coding.h"
#include "../codebook/codebook.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The codes (other than own) whose numbers the comment names, as "2.4
 * Name, 2.10 Name": a number stands alone, not inside a longer one or a
 * word ("2.4." at the end of a sentence counts, "12.4" does not for 2.4). */
static char *suggested_codes(const struct codebook *cb, const char *comment, const char *own)
{
	struct strbuf sb = {0};
	for (const char *p = comment; *p; p++) {
		if (!is_digit(*p) || (p > comment && (is_digit(p[-1]) || p[-1] == '.' ||
		                                     ((p[-1] | 0x20) >= 'a' && (p[-1] | 0x20) <= 'z'))))
			continue;
		size_t n = 0;
		while (is_digit(p[n]) || (p[n] == '.' && is_digit(p[n + 1])))
			n++;
		for (size_t i = 0; i < cb->ncodes; i++) {
			const struct codebook_code *c = &cb->codes[i];
			if (strlen(c->number) != n || strncmp(c->number, p, n) != 0 ||
			    strcmp(c->number, own) == 0)
				continue;
			struct strbuf one = {0};
			sb_addf(&one, "%s %s", c->number, c->name);
			if (!strstr(sb_str(&sb), sb_str(&one)))
				sb_addf(&sb, "%s%s", sb.len ? ", " : "", sb_str(&one));
			sb_free(&one);
		}
		p += n - 1;
	}
	return sb_steal(&sb);
}

void coding_review_report_free(struct coding_review_report *r)
{
	coding_review_counts_free(r->codes, r->ncodes);
	coding_reviews_free(r->misfits, r->nmisfits);
	for (size_t k = 0; r->suggested && k < r->nmisfits; k++)
		free(r->suggested[k]);
	free(r->suggested);
	free(r->code);
	memset(r, 0, sizeof *r);
}

int coding_review_report(struct store *st, const char *reviewer, struct coding_review_report *r,
                         struct anker_err *err)
{
	struct coding_review_filter f = { .verdict = CODING_MISFIT, .reviewer = reviewer };
	struct codebook cb = {0};
	memset(r, 0, sizeof *r);
	/* Each reads in a transaction of its own (they do not nest). */
	int rc = coding_review_counts(st, reviewer, &r->codes, &r->ncodes, err);
	if (!rc)
		rc = coding_reviews_list(st, &f, &r->misfits, &r->nmisfits, err);
	if (!rc)
		rc = codebook_load(st, 0, &cb, err);
	if (rc) {
		coding_review_report_free(r);
		return err->status ? (int)err->status : rc;
	}
	/* Misfits name their code by number, or by name when it has none. */
	r->code = xcalloc(r->nmisfits + 1, sizeof *r->code);
	r->suggested = xcalloc(r->nmisfits + 1, sizeof *r->suggested);
	for (size_t k = 0; k < r->nmisfits; k++) {
		const struct coding_review *m = &r->misfits[k];
		size_t i = 0;
		while (i < r->ncodes &&
		       strcmp(*r->codes[i].number ? r->codes[i].number : r->codes[i].name, m->code))
			i++;
		r->code[k] = i;
		r->suggested[k] = suggested_codes(&cb, m->comment, m->code);
	}
	codebook_free(&cb);
	return ANKER_OK;
}
