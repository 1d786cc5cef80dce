/* Unit tests for anchor/: tokens and the matcher that finds an anchor
 * example's source however its author shortened and tidied it (issue 17). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "../../anchor/anchor.h"

/* The tokens of s as "a|b|…|c" (… for a gap). */
static char *toks(const char *s, bool gaps)
{
	static char buf[1024];
	struct anchor_toks t = { 0 };
	anchor_tokens(&t, s, strlen(s), gaps);
	buf[0] = '\0';
	for (size_t i = 0; i < t.n; i++) {
		strcat(buf, i ? "|" : "");
		if (t.v[i].h == ANCHOR_GAP)
			strcat(buf, "…");
		else if (t.forms)
			strncat(buf, t.arena.buf + t.v[i].off, t.v[i].len);
		else {
			struct strbuf f = { 0 };
			anchor_tok_form(s, &t.v[i], &f);
			cr_assert_eq(f.len, t.v[i].len, "the form's length");
			strcat(buf, f.buf);
			sb_free(&f);
		}
	}
	anchor_toks_free(&t);
	return buf;
}

Test(anchor, tokens_normalised)
{
	/* case, quote marks, punctuation gone; umlauts kept and lowered */
	cr_assert_str_eq(toks("„Über die ÄMTER, sagte sie.“", false), "über|die|ämter|sagte|sie");
	/* a word hyphenated at a line end is one word; a compound keeps its parts */
	cr_assert_str_eq(toks("eine Verwal-\ntung und OZG-\nUmsetzung", false),
	                 "eine|verwaltung|und|ozg|umsetzung");
	/* fillers and bracketed remarks are left out, "um" is a word */
	cr_assert_str_eq(toks("Also, ähm, um das [lacht] zu sagen, äh", false), "also|um|das|zu|sagen");
	/* an ellipsis is a gap in a quote, never first or last or twice */
	cr_assert_str_eq(toks("… eins [...] zwei ... […] drei (…)", true), "eins|…|zwei|…|drei");
	cr_assert_str_eq(toks("eins ... zwei", false), "eins|zwei");
}

Test(anchor, near_words)
{
	const char *pairs[][3] = {
		{ "kommen", "komen", "1" },         /* one left out */
		{ "verwaltung", "verwlatung", "1" }, /* a swap */
		{ "leistung", "leistunk", "1" },    /* a substitution */
		{ "straße", "strasse", "0" },       /* two edits */
		{ "komm", "kom", "0" },             /* short words must match */
		{ "bürger", "bürgern", "1" },       /* code points, not bytes */
	};
	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++)
		cr_assert_eq(anchor_form_near(pairs[i][0], strlen(pairs[i][0]), pairs[i][1],
		                              strlen(pairs[i][1])), pairs[i][2][0] == '1',
		             "%s ~ %s", pairs[i][0], pairs[i][1]);
	/* a text's token gives its form from the text */
	struct anchor_toks t = { 0 };
	struct strbuf f = { 0 };
	const char *s = "Die Verwal-\ntung";
	anchor_tokens(&t, s, strlen(s), false);
	cr_assert_eq(t.n, 2);
	anchor_tok_form(s, &t.v[1], &f);
	cr_assert_str_eq(f.buf, "verwaltung");
	sb_free(&f);
	anchor_toks_free(&t);
}

static const char *text0 =
	"I: Wie war das?\n"
	"B: Also, ähm, auf föderaler Ebene besteht mit dem Steuerungskreis ein Format zur\n"
	"regelmäßigen Teilhabe der Bundesländer. Die Anträge kommen weiterhin überwiegend auf\n"
	"Papier, und wir tippen sie dann in das Fachverfahren ab. Das war für eine kleine Verwal-\n"
	"tung wie unsere schon eine Hürde.\n";
static const char *text1 =
	"I: Und sonst?\n"
	"B: Jede Abteilung hat noch einen eigenen IT-Beauftragten.\n"
	"B: Jede Abteilung hat noch einen eigenen IT-Beauftragten.\n";

/* Where quote is found in text0 and text1: "T:START-END:SCORE" (score in
 * hundredths), or "-" when not. */
static char *where(const char *quote, struct anchor_place *p)
{
	static char buf[64];
	struct anchor_matcher *m = anchor_matcher_new();
	size_t q = anchor_matcher_add(m, quote, strlen(quote));
	anchor_matcher_scan(m, 0, text0, strlen(text0));
	anchor_matcher_scan(m, 1, text1, strlen(text1));
	anchor_matcher_place(m, q, p);
	anchor_matcher_free(m);
	if (!p->found)
		return strcpy(buf, "-");
	snprintf(buf, sizeof buf, "%zu:%zu-%zu:%d", p->text, p->start, p->end,
	         (int)(p->score * 100 + 0.5));
	return buf;
}

/* The text at p. */
static char *cut(const struct anchor_place *p)
{
	static char buf[512];
	const char *s = p->text ? text1 : text0;
	size_t cp = 0, b0 = 0, b1 = strlen(s);
	for (size_t i = 0; s[i]; i++) {
		if (((unsigned char)s[i] & 0xC0) == 0x80)
			continue;
		if (cp == p->start)
			b0 = i;
		if (cp++ == p->end) {
			b1 = i;
			break;
		}
	}
	snprintf(buf, sizeof buf, "%.*s", (int)(b1 - b0), s + b0);
	return buf;
}

Test(anchor, verbatim_and_tidied_quotes)
{
	struct anchor_place p;
	/* broken over paragraphs, quote marks, filler dropped */
	cr_assert_str_eq(where("„Auf föderaler Ebene besteht mit dem Steuerungskreis ein Format\n\n"
	                       "zur regelmäßigen Teilhabe der Bundesländer.“", &p), "0:30-135:100");
	cr_assert_str_eq(cut(&p), "auf föderaler Ebene besteht mit dem Steuerungskreis ein Format "
	                 "zur\nregelmäßigen Teilhabe der Bundesländer");
	cr_assert_eq(p.para_first, 2);
	cr_assert_eq(p.para_last, 3);
	/* a line-end hyphenation in the text, written whole in the quote */
	cr_assert_str_eq(where("„Das war für eine kleine Verwaltung wie unsere schon eine Hürde.“", &p),
	                 "0:239-303:100");
	cr_assert_eq(p.para_first, 4);
	cr_assert_eq(p.para_last, 5);
}

Test(anchor, shortened_and_edited_quotes)
{
	struct anchor_place p;
	/* "[…]" and "..." stand for what was cut */
	cr_assert_str_eq(where("„Die Anträge kommen weiterhin […] in das Fachverfahren ab.“", &p),
	                 "0:137-237:100");
	cr_assert_str_eq(where("„Die Anträge kommen ... Fachverfahren ab.“", &p), "0:137-237:100");
	/* a typo (half an edit), two words left out, an editor's [remark]:
	 * 1 - 2.5 / 14 */
	cr_assert_str_eq(where("„Die Anträge komen weiterhin auf Papier, und wir [Sachbearbeiter] "
	                       "tippen sie in das Fachverfahren ab.“", &p), "0:137-237:82");
	/* a score says how much differs: 3 of 10 words added in the quote */
	cr_assert_str_eq(where("„Die Anträge kommen nach wie vor weiterhin überwiegend auf Papier“", &p),
	                 "0:137-188:70");
}

Test(anchor, found_twice_or_not_at_all)
{
	struct anchor_place p;
	cr_assert_str_eq(where("„Jede Abteilung hat noch einen eigenen IT-Beauftragten.“", &p),
	                 "1:17-70:100");
	cr_assert_eq(p.places, 2, "found in two places");
	cr_assert_eq(p.text2, 1);
	cr_assert_eq(p.start2, 75);
	cr_assert_eq(p.para2_first, 3);
	/* not in any text */
	cr_assert_str_eq(where("„Die Digitalisierung der Zulassung wurde 2019 abgeschlossen.“", &p), "-");
	/* too short to tell a place apart */
	struct anchor_matcher *m = anchor_matcher_new();
	size_t q = anchor_matcher_add(m, "„Nein, nie.“", strlen("„Nein, nie.“"));
	cr_assert_eq(anchor_matcher_tokens(m, q), 2);
	anchor_matcher_scan(m, 0, "Nein, nie.", 10);
	anchor_matcher_place(m, q, &p);
	cr_assert(!p.found);
	anchor_matcher_free(m);
}
