/* tests/unit/test_codebook_write.c — the codebook writers (MAXQDA text,
 * Markdown, LaTeX) and the code tree, on codebooks the parser cannot produce. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <criterion/criterion.h>

#include "codebook_fixture.h"

/* ---------------------------------------------------------------------- */
/* The text writer on codebooks the parser cannot produce. */

static void expect_prefix(const struct strbuf *sb, const char *want)
{
	cr_expect_eq(strncmp(sb_str(sb), want, strlen(want)), 0, "expected to start with:\n%s\ngot:\n%.*s",
	             want, (int)strlen(want) + 40, sb_str(sb));
}

static void add_code(struct codebook *cb, const char *num, const char *name, int parent,
                     const char *def)
{
	cb->codes = xreallocarray(cb->codes, cb->ncodes + 1, sizeof *cb->codes);
	struct codebook_code *c = &cb->codes[cb->ncodes++];
	memset(c, 0, sizeof *c);
	c->number = xstrdup(num);
	c->name = xstrdup(name);
	c->parent = parent;
	c->definition = xstrdup(def);
}

static void add_anchor(struct codebook_code *c, const char *text)
{
	c->anchors = xreallocarray(c->anchors, c->nanchors + 1, sizeof *c->anchors);
	c->anchors[c->nanchors++] = xstrdup(text);
}

Test(codebook_write_txt, unnumbered_codes_get_numbers)
{
	struct codebook cb = {0}, back;
	struct strbuf out = {0};

	add_code(&cb, "1", "A", -1, "Def A");
	add_code(&cb, "1.1", "D", 0, "Def D");
	add_code(&cb, "", "E", 0, "Def E");
	add_code(&cb, "", "B", -1, "Def B");
	add_code(&cb, "", "C", 3, "Def C");
	codebook_write_txt(&cb, &out);
	expect_prefix(&out, "Codebuch\n\nCodesystem\n\n1 A\n1.1 D\n1.2 E\n2 B\n2.1 C\n\n1 A\n");
	parse_ok(out.buf, out.len, "w.txt", &back);
	cr_assert_eq(back.ncodes, 5);
	expect_code(&back, "1.2", "E", "1");
	expect_code(&back, "2.1", "C", "2");
	cr_expect_str_eq(code(&back, "2.1")->definition, "Def C");
	cr_expect_eq(back.nwarnings, 0);
	codebook_free(&back);
	codebook_free(&cb);
	sb_free(&out);
}

Test(codebook_write_txt, tricky_anchors_and_definitions)
{
	struct codebook cb = {0}, back;
	struct strbuf out = {0};

	add_code(&cb, "1", "A", -1, "Hinweis: das gehört zur Definition\n- und ein Punkt");
	struct codebook_code *c = &cb.codes[0];
	add_anchor(c, "Paraphrase zuerst, ohne Anführungszeichen.");
	add_anchor(c, "Bsp: eine Paraphrase, die wie ein Label beginnt");
	add_anchor(c, "„Offenes Zitat\nüber zwei Absätze");
	add_anchor(c, "und eine Paraphrase danach.");
	add_anchor(c, "„Geschlossen.“");
	add_anchor(c, "„Auch geschlossen.“");
	c->notes = xcalloc(1, sizeof *c->notes);
	c->notes[0].label = xstrdup("KFZ");
	c->notes[0].text = xstrdup("Eine Notiz\nmit zwei Absätzen");
	c->nnotes = 1;
	add_code(&cb, "2", "Leer", -1, "");
	add_code(&cb, "3", "Zeilen wie Labels", -1, "Erste Zeile\nHinweis: gehört dazu\n"
	         "2.1 Sieht aus >> wie eine Überschrift\n2 Leer\n- ein Punkt: kein Label");
	codebook_write_txt(&cb, &out);
	parse_ok(out.buf, out.len, "w.txt", &back);
	expect_same(&cb, &back, "hand-made codebook");
	cr_expect_eq(back.nwarnings, 0);
	cr_expect_not_null(strstr(sb_str(&out), "\nAnkerbeispiele: „Geschlossen.“\n\n„Auch "
	                          "geschlossen.“\n"), "closed quotes share one block:\n%s", sb_str(&out));
	cr_expect_not_null(strstr(sb_str(&out), "\n\nCodedefinition: Erste Zeile\n\nCodedefinition: "
	                          "Hinweis: gehört dazu\n\nCodedefinition: 2.1 Sieht aus >> wie eine "
	                          "Überschrift\n\nCodedefinition: 2 Leer\n\n- ein Punkt: kein Label\n"),
	                   "label-like definition lines keep a label:\n%s", sb_str(&out));
	codebook_free(&back);
	codebook_free(&cb);
	sb_free(&out);
}

Test(codebook_write_txt, structural_lines)
{
	struct codebook cb;
	parse_fixture(REAL, &cb);
	cr_expect(codebook_maxqda_structural(&cb, "Kritik:", 7));
	cr_expect(codebook_maxqda_structural(&cb, "KFZ: x", 6));
	cr_expect(codebook_maxqda_structural(&cb, "Ankerbeispiel:„x“", strlen("Ankerbeispiel:„x“")));
	cr_expect(codebook_maxqda_structural(&cb, "2.9 OZG-Entwicklung", 19));
	cr_expect(codebook_maxqda_structural(&cb, "9.9 A >> B", 10), "unlisted heading");
	cr_expect_not(codebook_maxqda_structural(&cb, "9 Personen", 10));
	cr_expect_not(codebook_maxqda_structural(&cb, "aus Kommunen-Sicht: wenig", 25));
	cr_expect_not(codebook_maxqda_structural(&cb, "- b) Formen der X: y", 20));
	cr_expect_not(codebook_maxqda_structural(&cb, "Dies ist eine lange Zeile: nein", 31));
	cr_expect_not(codebook_maxqda_structural(&cb, "„Zitat: ja“", strlen("„Zitat: ja“")));
	codebook_free(&cb);
}

/* ---------------------------------------------------------------------- */
/* Markdown. */

static void write_md(const char *fixture, struct strbuf *out)
{
	struct codebook cb;
	struct anker_err err = {0};
	parse_fixture(fixture, &cb);
	cr_assert_eq(codebook_write_md(&cb, out, 0, NULL, NULL, &err), ANKER_OK, "%s", err.msg);
	codebook_free(&cb);
}

static void expect_in(const struct strbuf *sb, const char *want)
{
	cr_expect_not_null(strstr(sb_str(sb), want), "expected in Markdown:\n%s", want);
}

static size_t count(const char *s, const char *what)
{
	size_t n = 0;
	for (const char *p = strstr(s, what); p; p = strstr(p + 1, what))
		n++;
	return n;
}

Test(codebook_write_md, real)
{
	struct strbuf md = {0};
	write_md(REAL, &md);
	expect_prefix(&md, "# Die Kommune im Geflecht der Online-Verwaltungsportale: A Tale of Too "
	              "Many Portals\n\nCodebuch\n");
	expect_in(&md, "\nCopyright: Philipp Gräfe, Ruhr-Universität Bochum\\\n"
	          "philipp.graefe-h9z@rub.de\n");
	expect_in(&md, "\n## 1 Verflechtungsdichte\n\n**Definition.** Anzahl der interdependenten "
	          "Akteure\n\n**Anchor examples.**\n\n> „Organisatorisch");
	expect_in(&md, "\n### 2.10 IT-Unterflechtung\n\n*Verflechtungsorganisation >> "
	          "IT-Unterflechtung*\n");
	expect_in(&md, "\n##### 2.12.8.2 Institutionalisierte Prüfprozesse Drittregister/Datenbanken\n");
	expect_in(&md, "\n> „Auch zum jetzigen Zeitpunkt Anfang 2021 sind nicht alle Landkreise "
	          "beteiligt.“\n\n> „Jeder hat");
	expect_in(&md, "des landesweiten\n>\n> Portalangebots für Kommunen");
	expect_in(&md, "\n**Kritik.**\n\n- EfA mit oft");
	expect_in(&md, "\n**Bsp.** XÖV-Standards für Schnittstellen");
	expect_in(&md, "\n**Definition.** Koordinationsformen zw. Bund und Ländern:\n\n- föderale "
	          "Steuerung (IT-Planungsrat, Standardisierung, EfA-Tendem)\n- Finanzierung");
	expect_in(&md, "Antragswege\n  - Bauantrag teils zwei Portale\n");
	cr_expect_eq(count(sb_str(&md), "\n## "), 4, "four top-level headings");
	cr_expect_eq(count(sb_str(&md), "\n**Definition.**"), 54);
	cr_expect_null(strstr(sb_str(&md), "\n\n\n"), "no double blank lines");
	sb_free(&md);
}

Test(codebook_write_md, escapes_and_levels)
{
	struct strbuf md = {0};
	write_md("order.txt", &md);
	expect_prefix(&md, "# Reihenfolge und Markdown\n\n## 1 Erstens\n");
	expect_in(&md, "\n**Definition.** # Keine Überschrift\n\n\\> kein Zitat\n\n\\---\n\n"
	          "- aber eine echte Liste\n- mit zwei Punkten\n");
	expect_in(&md, "\n> „Wir haben drei Punkte:\n>\n> \\- erstens die Technik,\n>\n> \\# zweitens "
	          "das Personal,\n>\n> 1\\. drittens das Geld.“\n");
	expect_in(&md, "\n##### 1.9.1.1 Tiefer\n");
	expect_in(&md, "\n##### 1.9.1.1.1 Am tiefsten\n\n*Erstens >> Neun >> Tief >> Tiefer >> Am "
	          "tiefsten*\n");
	expect_in(&md, "\n#### 1.9.1 Tief\n");
	sb_free(&md);
}

struct fake_examples {
	size_t calls;
	bool fail;
	struct anker_err *err;
};

static int fake_examples(void *arg, size_t code_index, size_t max, struct codebook_example **out,
                         size_t *n)
{
	struct fake_examples *f = arg;
	f->calls++;
	*out = NULL;
	*n = 0;
	if (f->fail && code_index == 1)
		return ANKER_DB;
	if (code_index != 0)
		return ANKER_OK;
	cr_expect_eq(max, 2);
	*n = 3;     /* more than asked: the writer takes max and frees all */
	*out = xcalloc(3, sizeof **out);
	(*out)[0].text = xstrdup("Erstes Segment\nzweiter Absatz");
	(*out)[0].citation = xstrdup("Interview 01, Pos. 12–14");
	(*out)[1].text = xstrdup("- Zweites Segment");
	(*out)[1].citation = xstrdup("Interview 02, Pos. 3");
	(*out)[2].text = xstrdup("Drittes Segment");
	return ANKER_OK;
}

Test(codebook_write_md, coded_segments)
{
	struct codebook cb;
	struct strbuf md = {0};
	struct anker_err err = {0};
	struct fake_examples f = {0};

	parse_fixture("crlf.txt", &cb);
	cr_assert_eq(codebook_write_md(&cb, &md, 2, fake_examples, &f, &err), ANKER_OK);
	cr_expect_eq(f.calls, 2);
	expect_in(&md, "\n**Coded segments.**\n\n> Erstes Segment\n>\n> zweiter Absatz\n>\n> — "
	          "Interview 01, Pos. 12–14\n\n> \\- Zweites Segment\n>\n> — Interview 02, Pos. 3\n");
	cr_expect_null(strstr(sb_str(&md), "Drittes Segment"), "at most 2 per code");
	cr_expect_eq(count(sb_str(&md), "**Coded segments.**"), 1);
	sb_reset(&md);
	f.fail = true;
	cr_expect_eq(codebook_write_md(&cb, &md, 2, fake_examples, &f, &err), ANKER_DB);
	cr_expect_eq(err.status, ANKER_DB);
	cr_expect_str_eq(err.msg, "cannot read the coded segments of code 1.1 Windows");
	sb_free(&md);
	codebook_free(&cb);
}


Test(codebook_write_latex, escapes_quotes_and_examples)
{
	struct codebook cb;
	struct strbuf tex = {0};
	struct anker_err err = {0};
	struct fake_examples f = {0};

	parse_fixture("order.txt", &cb);
	free(cb.codes[0].definition);
	cb.codes[0].definition = xstrdup("50 % & $x_1$ #1 {a} \\ „Zitat“\n\nZweiter Absatz");
	cr_assert_eq(codebook_write_latex(&cb, &tex, 2, fake_examples, &f, &err), ANKER_OK, "%s",
	             err.msg);
	const char *s = sb_str(&tex);
	cr_expect_eq(strncmp(s, "% anker codebook", 16), 0, "first line: %.40s", s);
	expect_in(&tex, "\\providecommand*{\\ankerTone}");
	expect_in(&tex, "\\subsection*{1 Erstens}\n\n");
	expect_in(&tex, "\\textbf{Definition.} 50 \\% \\& \\$x\\_1\\$ \\#1 \\{a\\} \\textbackslash{} "
	          "\\ankerTone{„}Zitat“\n\nZweiter Absatz\n\n");
	expect_in(&tex, "\\emph{Erstens \\textgreater{}\\textgreater{} Neun");
	expect_in(&tex, "\\textbf{Coded segments.}\n\n\\begin{quote}\nErstes Segment\n\nzweiter Absatz"
	          "\n\n\\nopagebreak\\hfill---~Interview 01, Pos. 12–14\n\\end{quote}");
	cr_expect_null(strstr(s, "Drittes Segment"), "at most 2 per code");
	cr_expect_eq(count(s, "\\begingroup"), 1);
	sb_reset(&tex);
	f.fail = true;
	cr_expect_eq(codebook_write_latex(&cb, &tex, 2, fake_examples, &f, &err), ANKER_DB);
	cr_expect_eq(tex.len, 0, "nothing written on error");
	sb_free(&tex);
	codebook_free(&cb);
}
/* MAXQDA wraps the title in "**": Markdown shows it bold, LaTeX would print
 * the stars; the appendix's title is bold without them, as in md. */
Test(codebook_write_latex, preamble_title_without_stars)
{
	struct codebook cb = {0};
	struct strbuf tex = {0};
	struct anker_err err = {0};
	add_code(&cb, "1", "Eins", -1, "");
	cb.preamble = xstrdup("**Die Kommune_im Geflecht:\nA Tale**\n\nCodebuch\n\nCopyright: X & Y\n");
	cr_assert_eq(codebook_write_latex(&cb, &tex, 0, NULL, NULL, &err), ANKER_OK, "%s", err.msg);
	expect_in(&tex, "\\begingroup\\sloppy\n\\textbf{Die Kommune\\_im Geflecht: A Tale}\n\n"
	          "Codebuch\n\nCopyright: X \\& Y\n\n\\subsection*{1 Eins}");
	cr_expect_null(strstr(sb_str(&tex), "**"), "%s", sb_str(&tex));
	sb_free(&tex);
	codebook_free(&cb);
}

Test(codebook_write_md, without_preamble)
{
	struct codebook cb = {0};
	struct strbuf md = {0}, txt = {0};
	add_code(&cb, "", "Ohne Nummer #", -1, "");
	codebook_write_md(&cb, &md, 0, NULL, NULL, NULL);
	cr_expect_str_eq(sb_str(&md), "# Codebook\n\n## Ohne Nummer \\#\n");
	codebook_write_txt(&cb, &txt);
	cr_expect_str_eq(sb_str(&txt), "Codebuch\n\nCodesystem\n\n1 Ohne Nummer #\n\n1 Ohne Nummer #\n");
	sb_free(&md);
	sb_free(&txt);
	codebook_free(&cb);
}

/* ---------------------------------------------------------------------- */

Test(codebook_tree, warn_and_free)
{
	struct codebook cb = {0};
	codebook_warn(&cb, "%s:%d: %s", "f.txt", 3, "odd");
	codebook_warn(&cb, "second");
	cr_assert_eq(cb.nwarnings, 2);
	cr_expect_str_eq(cb.warnings[0], "f.txt:3: odd");
	codebook_free(&cb);
	cr_expect_eq(cb.nwarnings, 0);
	cr_expect_null(cb.warnings);
	codebook_free(&cb);     /* twice is harmless */
	codebook_free(NULL);
}

Test(codebook_tree, bad_parents_do_not_loop)
{
	struct codebook cb = {0};
	struct strbuf sb = {0};
	add_code(&cb, "1", "A", 1, "");
	add_code(&cb, "2", "B", 0, "");
	add_code(&cb, "3", "C", 99, "");
	cr_expect_leq(codebook_depth(&cb, 0), 3, "a cycle stops after ncodes steps");
	codebook_path(&cb, 2, &sb);
	cr_expect_str_eq(sb_str(&sb), "C");
	cr_expect_eq(codebook_depth(&cb, 2), 0);
	cr_expect_eq(codebook_depth(&cb, 7), 0);
	sb_free(&sb);
	codebook_free(&cb);
}

/* An anchor example promoted from a segment keeps its citation: behind
 * the quote in the text format, which reads it back as the citation (a
 * document name with brackets of its own included), and under the quote
 * in Markdown.  A paraphrase cannot carry one in the text format. */
Test(codebook_write_txt, anchor_citations)
{
	struct codebook cb = {0}, back;
	struct strbuf out = {0}, md = {0};
	struct anker_err err = {0};

	add_code(&cb, "1", "A", -1, "Def A");
	struct codebook_code *c = &cb.codes[0];
	codebook_anchor_push(c, xstrdup("„Eins.“"), xstrdup("Interview 01, Pos. 16"));
	codebook_anchor_push(c, xstrdup("„Zwei (lacht)\nüber zwei Absätze.“"),
	                     xstrdup("Gespräch (Anna), Pos. 3–5"));
	codebook_anchor_push(c, xstrdup("„Ohne.“ (so im Original)"), NULL);
	codebook_write_txt(&cb, &out);
	cr_expect_not_null(strstr(sb_str(&out), "„Eins.“ (Interview 01, Pos. 16)\n"), "%s",
	                   sb_str(&out));
	parse_ok(out.buf, out.len, "w.txt", &back);
	expect_same(&cb, &back, "cited anchors");
	cr_expect_eq(back.nwarnings, 0);
	cr_assert_eq(codebook_write_md(&cb, &md, 0, NULL, NULL, &err), ANKER_OK);
	cr_expect_not_null(strstr(sb_str(&md), "> „Eins.“\n>\n> — Interview 01, Pos. 16\n"), "%s",
	                   sb_str(&md));
	cr_expect_not_null(strstr(sb_str(&md), "> — Gespräch (Anna), Pos. 3–5\n"), "%s", sb_str(&md));
	codebook_free(&back);
	codebook_free(&cb);
	sb_free(&out);
	sb_free(&md);
}
