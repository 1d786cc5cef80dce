/* tests/unit/test_codebook_parse.c — the MAXQDA codebook parser: the real
 * codebook, own fixtures and errors (writers: test_codebook_write.c).
 *
 * Fixtures live in tests/fixtures/codebook/ (see its README.md).  The suite
 * runs from the repository root; ANKER_SRCDIR overrides that. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <criterion/criterion.h>

#include "codebook_fixture.h"

static size_t index_of(const struct codebook *cb, const char *num)
{
	return (size_t)(code(cb, num) - cb->codes);
}

static void expect_anchor_count(const struct codebook *cb, const char *num, size_t n)
{
	const struct codebook_code *c = code(cb, num);
	cr_expect_eq(c->nanchors, n, "code %s: expected %zu anchor examples, got %zu", num, n,
	             c->nanchors);
}

static const struct codebook_note *note(const struct codebook_code *c, const char *label)
{
	for (size_t k = 0; k < c->nnotes; k++)
		if (strcmp(c->notes[k].label, label) == 0)
			return &c->notes[k];
	cr_assert_fail("code %s has no note labelled '%s' (%zu notes)", c->number, label, c->nnotes);
	return NULL;
}

static bool has_warning(const struct codebook *cb, const char *want)
{
	for (size_t i = 0; i < cb->nwarnings; i++)
		if (strstr(cb->warnings[i], want))
			return true;
	return false;
}

/* parse → write → parse gives the same codebook, writing again gives the
 * same text, and the written file reads without warnings. */
static void expect_roundtrip(const char *name)
{
	struct codebook a, b;
	struct strbuf out1 = {0}, out2 = {0};

	parse_fixture(name, &a);
	codebook_write_txt(&a, &out1);
	parse_ok(out1.buf, out1.len, "written.txt", &b);
	expect_same(&a, &b, name);
	for (size_t i = 0; i < b.nwarnings; i++)
		cr_expect_fail("%s: warning on reading the written file: %s", name, b.warnings[i]);
	if (a.preamble[0])
		cr_expect_str_eq(b.preamble, a.preamble, "%s: preamble changed", name);
	codebook_write_txt(&b, &out2);
	cr_expect_str_eq(sb_str(&out2), sb_str(&out1), "%s: writing twice differs", name);
	codebook_free(&a);
	codebook_free(&b);
	sb_free(&out1);
	sb_free(&out2);
}

static void expect_parse_error(const char *name, const char *want)
{
	size_t len;
	char *text = read_fixture(name, &len);
	struct codebook cb;
	struct anker_err err = {0};
	int rc = codebook_parse_maxqda(text, len, name, &cb, &err);

	cr_assert_eq(rc, ANKER_INPUT, "%s: expected ANKER_INPUT, got %d (%s)", name, rc, err.msg);
	cr_assert_eq(err.status, ANKER_INPUT);
	cr_assert_str_eq(err.msg, want, "%s: message", name);
	cr_assert_eq(cb.ncodes, 0, "%s: a failed parse leaves no codes", name);
	cr_assert_null(cb.codes);
	free(text);
}

/* ---------------------------------------------------------------------- */
/* The real codebook. */

Test(codebook_real, codes_and_tree)
{
	struct codebook cb;
	parse_fixture(REAL, &cb);
	cr_assert_eq(cb.ncodes, 54, "expected 54 codes, got %zu", cb.ncodes);
	expect_code(&cb, "1", "Verflechtungsdichte", "");
	expect_code(&cb, "2.10", "IT-Unterflechtung", "2");
	expect_code(&cb, "2.12.8.2", "Institutionalisierte Prüfprozesse Drittregister/Datenbanken",
	            "2.12.8");
	expect_code(&cb, "3.4.4.1", "Erreichbarkeit", "3.4.4");
	expect_code(&cb, "4.1", "Wirtschaftlichkeit Verwaltung", "4");
	expect_code(&cb, "2.4", "Koordination Bund - Länder", "2");
	expect_code(&cb, "2.12.5", "(Wunsch nach) Zentralisierung IT", "2.12");
	expect_code(&cb, "3.4.1", "Fehlende/widersprüchliche Angaben Register", "3.4");
	expect_code(&cb, "3.3.2", "Optimierung: Rechtskreisübergreifendes Fallmanagement", "3.3");
	expect_code(&cb, "2.13", "Koordination Kommune - IT-Dienstleister", "2");
	cr_expect_lt(index_of(&cb, "2.9.5"), index_of(&cb, "2.10"), "2.10 must come after 2.9.5");
	cr_expect_eq(index_of(&cb, "2.12.8.2"), index_of(&cb, "2.12.8") + 2);
	cr_expect_eq(code(&cb, "1")->line, 16);
	cr_expect_eq(code(&cb, "2.13")->line, 56);
	for (size_t i = 0; i < cb.ncodes; i++) {
		const struct codebook_code *c = &cb.codes[i];
		cr_expect_neq(c->definition[0], '\0', "code %s has an empty definition", c->number);
		cr_expect(c->parent < (int)i, "parent of %s must come before it", c->number);
		cr_expect_null(c->color);
		cr_expect_eq(c->id, 0);
	}
	codebook_free(&cb);
}

Test(codebook_real, preamble_and_one_warning)
{
	struct codebook cb;
	parse_fixture(REAL, &cb);
	cr_expect_not_null(strstr(cb.preamble, "Copyright: Philipp Gräfe, Ruhr-Universität Bochum\n"
	                                       "philipp.graefe-h9z@rub.de"), "copyright kept");
	cr_expect_not_null(strstr(cb.preamble, "**Die Kommune im Geflecht"));
	cr_expect_null(strstr(cb.preamble, "Codesystem"));
	cr_expect_eq(cb.preamble[strlen(cb.preamble) - 1], '3', "preamble ends with 'Juli 2023'");
	cr_assert_eq(cb.nwarnings, 1, "expected exactly one warning, got %zu (first: %s)",
	             cb.nwarnings, cb.nwarnings ? cb.warnings[0] : "");
	cr_expect_str_eq(cb.warnings[0],
	                 REAL ":461: heading of 3.3.2 names it 'Optimierung: Rechtskreisübergreifenden "
	                 "Fallmanagement', the list 'Optimierung: Rechtskreisübergreifendes "
	                 "Fallmanagement'; keeping the list's name");
	codebook_free(&cb);
}

Test(codebook_real, anchor_examples)
{
	struct codebook cb;
	parse_fixture(REAL, &cb);
	expect_anchor_count(&cb, "2.4", 2);
	expect_anchor_count(&cb, "2.10.4", 2);
	expect_anchor_count(&cb, "2.12.6", 2);
	expect_anchor_count(&cb, "2.13", 2);
	expect_anchor_count(&cb, "3.2", 2);
	expect_anchor_count(&cb, "2.11", 0);
	expect_anchor_count(&cb, "2.12", 0);
	expect_anchor_count(&cb, "2.12.4", 1);
	expect_anchor_count(&cb, "2.9.3", 1);
	expect_anchor_count(&cb, "3", 1);

	const struct codebook_code *c = code(&cb, "2.10.4");
	cr_expect_str_eq(c->anchors[0], "„Auch zum jetzigen Zeitpunkt Anfang 2021 sind nicht alle "
	                 "Landkreise beteiligt.“");
	cr_expect_str_eq(c->anchors[1], "„Jeder hat seinen eigenen Workflow, Z.B. bei der Einführung "
	                 "neuer Software, wer muss beteiligt werden“");
	c = code(&cb, "2.12.6");
	cr_expect_str_eq(c->anchors[0], "„Eine zentrale Servicehotline für technische Fragen "
	                 "entlastet die zuständigen Stellen vor Ort.“");
	cr_expect_not_null(strstr(c->anchors[1], "„Der elektronische Postfachdienst"));
	cr_expect_not_null(strstr(c->anchors[1], "als Basisdienste des landesweiten\n"
	                          "Portalangebots für Kommunen einen"), "halves joined by \\n");
	cr_expect_not_null(strstr(c->anchors[1], "Bestandteil der Komponenten werden.“"));
	c = code(&cb, "3.2");
	cr_expect_not_null(strstr(c->anchors[0], "Schnittstellen in den\nFachverfahren eher einfach"));
	cr_expect_eq(c->anchors[0][0], '"', "straight quotes kept");
	cr_expect_str_eq(c->anchors[1], "Es gebe noch Probleme mit der Schnittstelle zwischen dem "
	                 "eingesetzten DMS und dem Fachverfahren („widerspenstig“).");
	c = code(&cb, "2.10.1");
	cr_expect_eq(strncmp(c->anchors[0], "\"Darüber hinaus", 16), 0);
	cr_expect_not_null(strstr(c->anchors[0], "für den Bereich „Gesundheit“.“"));
	cr_expect_not_null(strstr(code(&cb, "3")->anchors[0], "„Herausforderung: Datenschutz"));
	cr_expect_not_null(strstr(code(&cb, "3.3.1")->anchors[0], "**Schuldnerdatei**"));
	codebook_free(&cb);
}

Test(codebook_real, definitions_and_notes)
{
	struct codebook cb;
	parse_fixture(REAL, &cb);
	const struct codebook_code *c = code(&cb, "2.9");
	cr_assert_eq(c->nnotes, 2, "2.9: expected 2 notes, got %zu", c->nnotes);
	cr_expect_str_eq(c->notes[0].label, "Auffälligkeiten");
	cr_expect_str_eq(c->notes[1].label, "Kritik");
	cr_expect_str_eq(c->notes[0].text, "Freiwilligkeit, Verbindlichkeit\nz.B. \"Die Sozialplattform "
	                 "ist ein freiwilliges Angebot für Kommunen und Beratungsstellen.\"\n→ Kein Zwang "
	                 "für Kommunen");
	cr_expect_eq(strncmp(c->notes[1].text, "- EfA mit oft", 13), 0);
	cr_expect_not_null(strstr(c->notes[1].text, "\n→ Unterflechtung"));
	cr_expect_eq(strncmp(c->definition, "Rahmenbedingungen der OZG-Umsetzung in den untersuchten "
	                     "Feldern:\n- Landesportale", 78), 0);
	cr_expect_str_eq(note(code(&cb, "2.9.4"), "Bsp")->text,
	                 "XÖV-Standards für Schnittstellen, Standardprozesse BaWü");
	cr_expect_str_eq(note(code(&cb, "2.9.5"), "Bsp")->text,
	                 "LeiKa, Verwaltungssuchmaschine NRW, Föderales Informationsmanagement");
	cr_expect_not_null(strstr(note(code(&cb, "2.10"), "Auffälligkeiten")->text,
	                          "aus Kommunen-Sicht: wenig Einfluss"), "lowercase line is text");
	cr_expect_not_null(strstr(code(&cb, "2")->definition,
	                          "\n- b) Formen der Verflechtungsorganisation: Koordinationsstrukturen"));
	cr_expect_eq(code(&cb, "2.10.4")->nnotes, 1);
	cr_expect_str_eq(code(&cb, "2.10.4")->notes[0].label, "Auffälligkeit");
	cr_expect_not_null(strstr(note(code(&cb, "2.11"), "Auffälligkeiten")->text,
	                          "Antragswege\n - Bauantrag teils zwei Portale"), "indent kept");
	c = code(&cb, "3.4");
	cr_assert_eq(c->nnotes, 3);
	cr_expect_str_eq(c->notes[0].label, "Aufgeführte Gründe");
	cr_expect_str_eq(c->notes[1].label, "KFZ");
	cr_expect_str_eq(c->notes[2].label, "Bauaufsicht");
	cr_expect_not_null(strstr(c->notes[2].text, "\nin der Sozialverwaltung\n- Datenschutz"));
	c = code(&cb, "3");
	const char *defizite = note(c, "Defizite")->text;
	cr_expect_eq(strncmp(defizite, "- fehlende Interoperabilität", 29), 0);
	cr_expect_not_null(strstr(defizite, "/ fehlendes Organisationskonto"));
	cr_expect_str_eq(code(&cb, "1")->definition, "Anzahl der interdependenten Akteure");
	cr_expect_eq(code(&cb, "2.12.8")->nanchors, 0);
	codebook_free(&cb);
}

Test(codebook_real, path_and_depth)
{
	struct codebook cb;
	struct strbuf sb = {0};
	parse_fixture(REAL, &cb);
	size_t i = index_of(&cb, "2.12.8.2");
	codebook_path(&cb, i, &sb);
	cr_expect_str_eq(sb_str(&sb), "Verflechtungsorganisation >> Optimierung >> Institutioneller "
	                 "Datenabgleich >> Institutionalisierte Prüfprozesse Drittregister/Datenbanken");
	cr_expect_eq(codebook_depth(&cb, i), 3);
	cr_expect_eq(codebook_depth(&cb, index_of(&cb, "1")), 0);
	cr_expect_eq(codebook_depth(&cb, index_of(&cb, "2.10")), 1);
	sb_reset(&sb);
	codebook_path(&cb, index_of(&cb, "4"), &sb);
	cr_expect_str_eq(sb_str(&sb), "Output-Probleme");
	sb_free(&sb);
	codebook_free(&cb);
}

Test(codebook_real, txt_roundtrip)
{
	expect_roundtrip(REAL);
}

/* ---------------------------------------------------------------------- */
/* Own fixtures. */

Test(codebook_fixtures, quotes)
{
	struct codebook cb;
	parse_fixture("quotes.txt", &cb);
	cr_assert_eq(cb.ncodes, 12);
	cr_expect_eq(cb.nwarnings, 0, "unexpected warning: %s", cb.nwarnings ? cb.warnings[0] : "");
	cr_expect_str_eq(code(&cb, "1.1")->anchors[0], "„Wir nennen das „Pilotierung“, aber eigentlich "
	                 "ist es schon Regelbetrieb.“");
	expect_anchor_count(&cb, "1.2", 2);
	cr_expect_str_eq(code(&cb, "1.2")->anchors[1], "\"Die Schnittstelle heißt \"XSozial\" und ist neu.\"");
	expect_anchor_count(&cb, "1.3", 1);
	cr_expect_str_eq(code(&cb, "1.3")->anchors[0], "“We had to call the “help desk” twice.”");
	expect_anchor_count(&cb, "1.4", 3);
	cr_expect_str_eq(code(&cb, "1.4")->anchors[2], "„Drittens fehlt das Geld.“");
	expect_anchor_count(&cb, "1.5", 2);
	cr_expect_str_eq(code(&cb, "1.5")->anchors[0], "„Am Anfang stand die Idee, alle Anträge\n"
	                 "über ein Portal zu leiten, das sie dann\nan die Fachverfahren weitergibt.“");
	expect_anchor_count(&cb, "1.6", 3);
	cr_expect_str_eq(code(&cb, "1.6")->anchors[1], "„Das zweite.“");
	cr_expect_str_eq(code(&cb, "1.6")->anchors[2], "\"Das dritte.\"");
	expect_anchor_count(&cb, "1.7", 2);
	cr_expect_str_eq(code(&cb, "1.7")->anchors[1],
	                 "Die Befragte beschreibt das Verfahren als „umständlich“.");
	expect_anchor_count(&cb, "1.8", 2);
	cr_expect_str_eq(code(&cb, "1.8")->anchors[0], "„Hier fehlt das schließende Zeichen");
	cr_expect_str_eq(code(&cb, "1.8")->anchors[1], "„Hier nicht.“");
	cr_expect_str_eq(note(code(&cb, "1.8"), "Auffälligkeiten")->text,
	                 "Das erste Zitat bleibt offen und endet, wo das zweite beginnt.");
	cr_expect_str_eq(code(&cb, "1.9")->anchors[0], "»Das steht so im Gesetz.«");
	expect_anchor_count(&cb, "2", 0);
	expect_anchor_count(&cb, "2.1", 0);
	cr_expect_str_eq(code(&cb, "2.1")->definition, "Nur eine Definition, kein Ankerbeispiel.");
	codebook_free(&cb);
}

Test(codebook_fixtures, structure)
{
	struct codebook cb;
	parse_fixture("structure.txt", &cb);
	cr_assert_eq(cb.ncodes, 8);
	cr_expect_str_eq(cb.preamble, "Strukturtest\n(c) anker-Testdaten, frei verwendbar");
	cr_expect_str_eq(code(&cb, "1")->definition, "Alles, was vor der Antragstellung geschieht.");
	expect_anchor_count(&cb, "1", 1);
	cr_expect_str_eq(code(&cb, "1.1")->definition, "Diese Definition steht direkt unter der "
	                 "Überschrift, ohne „Codedefinition:“.\nSie hat einen zweiten Absatz.");
	cr_expect_str_eq(note(code(&cb, "1.1"), "Hinweis")->text, "Danach folgt ein bekanntes Label.");
	cr_expect_str_eq(code(&cb, "1.2")->definition, "", "list-only code: empty definition");
	cr_expect_eq(code(&cb, "1.2")->nanchors + code(&cb, "1.2")->nnotes, 0);

	const struct codebook_code *c = code(&cb, "1.3");
	cr_assert_eq(c->nnotes, 2, "1.3: expected 2 notes, got %zu", c->nnotes);
	cr_expect_str_eq(c->notes[0].label, "Memo");
	cr_expect_str_eq(c->notes[1].label, "Offene Fragen");
	cr_expect_str_eq(c->notes[1].text, "Zwei Wörter sind auch ein Label.\n"
	                 "aus Sicht der Kommune: kleingeschrieben, also Text der Notiz.\n"
	                 "- b) Formen der Steuerung: ein Spiegelstrich, also Text.\n"
	                 "Dies ist eine lange Zeile mit mehr als drei Wörtern: also kein Label.");
	expect_code(&cb, "1.4", "Umbenannt", "1");
	expect_code(&cb, "2", "Zweiter Bereich: mit Doppelpunkt", "");
	cr_expect_str_eq(code(&cb, "2")->definition, "Der Name enthält einen Doppelpunkt.\n"
	                 "Ein zweiter Definitionsblock wird angehängt.");
	cr_expect_str_eq(note(code(&cb, "2"), "Anmerkung")->text,
	                 "Eine Anmerkung zwischen zwei Definitionsblöcken.");
	expect_code(&cb, "2.1", "Abgrenzung und Regeln", "2");
	c = code(&cb, "2.1");
	cr_expect_str_eq(c->definition, "Die Definition beginnt erst im nächsten Absatz.");
	cr_expect_str_eq(note(c, "Abgrenzung")->text, "Nicht zu verwechseln mit 1.1.");
	cr_expect_str_eq(note(c, "Kodierregeln")->text, "Nur ganze Sätze kodieren.");
	cr_expect_str_eq(c->anchors[0], "„Ohne Leerzeichen nach dem Doppelpunkt.“");
	expect_code(&cb, "3", "Top-Level umbenannt", "");
	cr_expect_str_eq(code(&cb, "3")->definition, "Die Überschrift eines Codes der obersten Ebene "
	                 "weicht vom Listennamen ab.");
	cr_assert_eq(cb.nwarnings, 4, "expected 4 warnings, got %zu", cb.nwarnings);
	cr_expect_str_eq(cb.warnings[0], "structure.txt:43: heading of 1.4 names it 'Umbenannt im "
	                 "Text', the list 'Umbenannt'; keeping the list's name");
	cr_expect_str_eq(cb.warnings[1], "structure.txt:47: heading 9.1 is not in the list; section "
	                 "skipped");
	cr_expect(has_warning(&cb, "structure.txt:71: heading of 3 names it 'Drittes Thema'"));
	cr_expect_str_eq(cb.warnings[3], "structure.txt:8: code 1.2 has no section; its definition "
	                 "is empty");
	cr_expect_null(strstr(code(&cb, "1.4")->definition, "keinem Code"), "skipped section leaks");
	codebook_free(&cb);
}

Test(codebook_fixtures, crlf)
{
	struct codebook cb;
	parse_fixture("crlf.txt", &cb);
	cr_assert_eq(cb.ncodes, 2);
	cr_expect_str_eq(cb.preamble, "CRLF-Codebuch");
	expect_code(&cb, "1.1", "Windows", "1");
	cr_expect_str_eq(code(&cb, "1")->definition, "Jede Zeile endet mit CR LF.");
	cr_expect_str_eq(code(&cb, "1")->anchors[0], "„Ein Zitat über\nzwei Absätze.“");
	cr_expect_str_eq(note(code(&cb, "1.1"), "Kritik")->text, "Noch eine Notiz.");
	cr_expect_eq(cb.nwarnings, 0);
	codebook_free(&cb);
}

/* "\r\n" and a byte order mark change nothing, whatever git did to the
 * fixture's line ends. */
Test(codebook_fixtures, crlf_and_bom_in_memory)
{
	size_t len;
	char *text = read_fixture("quotes.txt", &len);
	struct strbuf crlf = {0};
	struct codebook a, b;

	sb_adds(&crlf, "\xEF\xBB\xBF");
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\n')
			sb_addc(&crlf, '\r');
		sb_addc(&crlf, text[i]);
	}
	parse_ok(text, len, "lf.txt", &a);
	parse_ok(crlf.buf, crlf.len, "crlf.txt", &b);
	expect_same(&a, &b, "CRLF+BOM");
	cr_expect_str_eq(a.preamble, b.preamble);
	cr_expect_null(strchr(b.preamble, '\r'));
	codebook_free(&a);
	codebook_free(&b);
	sb_free(&crlf);
	free(text);
}

Test(codebook_fixtures, order)
{
	struct codebook cb;
	static const char *const want[] = { "1", "1.2", "1.9", "1.9.1", "1.9.1.1", "1.9.1.1.1",
	                                    "1.10", "2" };
	parse_fixture("order.txt", &cb);
	cr_assert_eq(cb.ncodes, 8);
	for (size_t i = 0; i < 8; i++)
		cr_expect_str_eq(cb.codes[i].number, want[i], "position %zu", i);
	expect_code(&cb, "1.10", "Zehn", "1");
	expect_code(&cb, "1.9.1.1.1", "Am tiefsten", "1.9.1.1");
	cr_expect_eq(code(&cb, "2")->line, 5, "list line kept through the sort");
	cr_expect_eq(codebook_depth(&cb, index_of(&cb, "1.9.1.1.1")), 4);
	cr_expect_str_eq(code(&cb, "1.9")->anchors[0], "„Wir haben drei Punkte:\n- erstens die "
	                 "Technik,\n# zweitens das Personal,\n1. drittens das Geld.“");
	cr_expect_eq(cb.nwarnings, 0);
	codebook_free(&cb);
}

Test(codebook_fixtures, roundtrips)
{
	expect_roundtrip("quotes.txt");
	expect_roundtrip("structure.txt");
	expect_roundtrip("crlf.txt");
	expect_roundtrip("order.txt");
}

/* ---------------------------------------------------------------------- */
/* Errors. */

Test(codebook_errors, fixtures)
{
	expect_parse_error("err-no-codesystem.txt", "err-no-codesystem.txt:1: no \"Codesystem\" "
	                   "line: not a MAXQDA codebook export");
	expect_parse_error("err-bad-list-line.txt", "err-bad-list-line.txt:7: expected \"NUMBER "
	                   "NAME\" in the code list, not \"2.x Kaputt\"");
	expect_parse_error("err-missing-parent.txt", "err-missing-parent.txt:7: code 2.14.1 has no "
	                   "parent 2.14 in the list");
	expect_parse_error("err-duplicate-number.txt", "err-duplicate-number.txt:8: number 1.2 is "
	                   "listed twice (first at line 7)");
}

Test(codebook_errors, in_memory)
{
	struct codebook cb;
	struct anker_err err = {0};

	cr_expect_eq(codebook_parse_maxqda("Titel\n\nCodesystem\n\n", 19, "leer.txt", &cb, &err),
	             ANKER_INPUT);
	cr_expect_str_eq(err.msg, "leer.txt:3: no codes listed under \"Codesystem\"");
	cr_expect_eq(codebook_parse_maxqda("", 0, NULL, &cb, &err), ANKER_INPUT);
	cr_expect_not_null(strstr(err.msg, ":1: no \"Codesystem\" line"));
	const char *bad = "Codesystem\n1 A\n1.1 B\n- C\n";
	cr_expect_eq(codebook_parse_maxqda(bad, strlen(bad), "x.txt", &cb, &err), ANKER_INPUT);
	cr_expect_str_eq(err.msg, "x.txt:4: expected \"NUMBER NAME\" in the code list, not \"- C\"");
	cr_expect_eq(codebook_parse_maxqda("Codesystem\n1 A\n\n1 A\n\nx\0y\n", 24, "z.txt", &cb,
	                                   &err), ANKER_INPUT);
	cr_expect_str_eq(err.msg, "z.txt:6: NUL byte: not a text file");
	const char *late = "Codesystem\n1.1 Kind zuerst\n2 B\n1.2 C\n";
	cr_expect_eq(codebook_parse_maxqda(late, strlen(late), "y.txt", &cb, &err), ANKER_INPUT);
	cr_expect_str_eq(err.msg, "y.txt:2: code 1.1 has no parent 1 in the list");
}

/* The list may end in a repeated heading with nothing after it, and codes
 * out of order are sorted with their sections still found. */
Test(codebook_errors, edge_cases_that_are_not_errors)
{
	struct codebook cb;
	parse_string("Codesystem\n1 A\n1.1 B\n\n1 A\n", &cb);
	cr_expect_eq(cb.ncodes, 2);
	cr_expect(has_warning(&cb, "mem.txt:3: code 1.1 has no section"));
	codebook_free(&cb);
	parse_string("Codesystem\n1.1 B\n1 A\n\n1 A\n\nDef A\n\n1.1 A >> B\n\nDef B\n", &cb);
	cr_expect_str_eq(code(&cb, "1")->definition, "Def A");
	cr_expect_str_eq(code(&cb, "1.1")->definition, "Def B");
	cr_expect_eq(cb.nwarnings, 0);
	codebook_free(&cb);
	/* A line of text starting with a number is not a heading, not even
	 * with the number of the top-level code that comes next. */
	parse_string("Codesystem\n1 A\n2 B\n\n1 A\n\nCodedefinition: x\n\n2 Personen sind "
	             "zuständig\n\n3 Ämter auch\n\n2 B\n\nCodedefinition: y\n", &cb);
	cr_expect_str_eq(code(&cb, "1")->definition, "x\n2 Personen sind zuständig\n3 Ämter auch");
	cr_expect_str_eq(code(&cb, "2")->definition, "y");
	cr_expect_eq(cb.nwarnings, 0, "unexpected warning: %s", cb.nwarnings ? cb.warnings[0] : "");
	codebook_free(&cb);
}

/* One rule for a code name, codebook_name_check, for every way in: the
 * text import refuses a control character in a listed name with FILE:LINE
 * and what is wrong, as `codes add` does; a tab becomes a space, with a
 * warning. */
Test(codebook_errors, control_characters_in_names)
{
	struct codebook cb;
	struct anker_err err = {0};
	const char *esc = "Codesystem\n1 Gut\n2 Rot\033[31m\n";
	cr_expect_eq(codebook_parse_maxqda(esc, strlen(esc), "cb.txt", &cb, &err), ANKER_INPUT);
	cr_expect_str_eq(err.msg, "cb.txt:3: code name 'Rot\033[31m' must be one line without "
	                 "control characters (U+001B at byte 3)");
	const char *c1 = "Codesystem\n1 Gut\n1.1 Zeile\xc2\x85Umbruch\n";
	cr_expect_eq(codebook_parse_maxqda(c1, strlen(c1), "cb.txt", &cb, &err), ANKER_INPUT);
	cr_expect_str_eq(err.msg, "cb.txt:3: code name 'Zeile\xc2\x85Umbruch' must be one line "
	                 "without control characters (U+0085 at byte 5)");
	const char *del = "Codesystem\n1 Ent\x7f\n";
	cr_expect_eq(codebook_parse_maxqda(del, strlen(del), "cb.txt", &cb, &err), ANKER_INPUT);
	cr_expect_not_null(strstr(err.msg, "cb.txt:2: code name"), "%s", err.msg);
	const char *tab = "Codesystem\n1 Mit\tTab\n\n1 Mit\tTab\n\nCodedefinition: x\n";
	cr_assert_eq(codebook_parse_maxqda(tab, strlen(tab), "cb.txt", &cb, &err), ANKER_OK, "%s",
	             err.msg);
	cr_expect_str_eq(cb.codes[0].name, "Mit Tab");
	cr_expect(has_warning(&cb, "cb.txt:2: tab in the code name"));
	codebook_free(&cb);
	/* umlauts, bidi marks and the like are no control characters */
	cr_expect_eq(codebook_name_check("Größe \xe2\x80\x8f ok", 14, &err), ANKER_OK, "%s",
	             err.msg);
	cr_expect_eq(codebook_name_check("", 0, &err), ANKER_INPUT);
	cr_expect_str_eq(err.msg, "a code name may not be empty");
	cr_expect_eq(codebook_name_check("A >> B", 6, &err), ANKER_INPUT);
	cr_expect_str_eq(err.msg, "code name 'A >> B' contains '>>', which separates the names "
	                 "in a path");
}

/* The codebook's language is that of most of its known labels (issue 14:
 * the export's labels follow it); "Definition:" alone tells none. */
static enum codebook_lang lang_of(const char *labels)
{
	struct codebook cb;
	struct strbuf sb = {0};
	sb_addf(&sb, "Codesystem\n\n1 A\n\n1 A\n\n%s\n", labels);
	parse_ok(sb.buf, sb.len, "lang.txt", &cb);
	enum codebook_lang lang = cb.labels_lang;
	cr_expect_eq(cb.lang, CODEBOOK_LANG_DEFAULT, "the writers' labels stay the default");
	codebook_free(&cb);
	sb_free(&sb);
	return lang;
}

Test(codebook_parse_lang, from_the_labels)
{
	cr_expect_eq(lang_of("Codedefinition: x\n\nAnkerbeispiel: „y“"), CODEBOOK_LANG_DE);
	cr_expect_eq(lang_of("Code definition: x\n\nAnchor examples: „y“"), CODEBOOK_LANG_EN);
	cr_expect_eq(lang_of("Definition: x"), CODEBOOK_LANG_DEFAULT);
	cr_expect_eq(lang_of("Definition: x\n\nKritik: z"), CODEBOOK_LANG_DE);
	/* a tie tells nothing */
	cr_expect_eq(lang_of("Codedefinition: x\n\nAnchor example: „y“"), CODEBOOK_LANG_DEFAULT);
	cr_expect_eq(lang_of("Code definition: x\n\nAnchor example: „y“\n\nKritik: z"),
	             CODEBOOK_LANG_EN);
}
