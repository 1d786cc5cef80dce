/* tests/unit/test_codebook_parse.c — the MAXQDA codebook parser, the text
 * and Markdown writers, and the tree helpers.
 *
 * Fixtures live in tests/fixtures/codebook/ (see its README.md).  The suite
 * runs from the repository root; ANKER_SRCDIR overrides that. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <criterion/criterion.h>

#include "../../codebook/codebook.h"

#define REAL "verflechtung-codebook.txt"

/* The repository root: $ANKER_SRCDIR, else the directory this file was
 * compiled from (when the compiler saw an absolute path), else ".". */
static const char *srcdir(void)
{
	static char dir[4096];
	struct stat st;
	const char *env = getenv("ANKER_SRCDIR");
	const char *file = __FILE__;
	const char *tail = strstr(file, "tests/unit/");

	if (env && *env)
		return env;
	if (tail && tail > file) {
		snprintf(dir, sizeof dir, "%.*s", (int)(tail - file), file);
		char probe[4200];
		snprintf(probe, sizeof probe, "%s/tests/fixtures/codebook", dir);
		if (stat(probe, &st) == 0)
			return dir;
	}
	return ".";
}

static char *read_fixture(const char *name, size_t *len)
{
	char path[4400];
	char *text;
	struct anker_err err = {0};

	snprintf(path, sizeof path, "%s/tests/fixtures/codebook/%s", srcdir(), name);
	int rc = anker_read_file(path, &text, len, &err);
	cr_assert_eq(rc, ANKER_OK, "cannot read fixture %s: %s", path, err.msg);
	return text;
}

/* Parse text under the name used in messages; expect success. */
static void parse_ok(const char *text, size_t len, const char *name, struct codebook *cb)
{
	struct anker_err err = {0};
	int rc = codebook_parse_maxqda(text, len, name, cb, &err);
	cr_assert_eq(rc, ANKER_OK, "%s: expected success, got %d: %s", name, rc, err.msg);
}

static void parse_fixture(const char *name, struct codebook *cb)
{
	size_t len;
	char *text = read_fixture(name, &len);
	parse_ok(text, len, name, cb);
	free(text);
}

static void parse_string(const char *text, struct codebook *cb)
{
	parse_ok(text, strlen(text), "mem.txt", cb);
}

/* The code numbered num; fails the test when there is none. */
static const struct codebook_code *code(const struct codebook *cb, const char *num)
{
	for (size_t i = 0; i < cb->ncodes; i++)
		if (strcmp(cb->codes[i].number, num) == 0)
			return &cb->codes[i];
	cr_assert_fail("no code %s among %zu codes", num, cb->ncodes);
	return NULL;
}

static size_t index_of(const struct codebook *cb, const char *num)
{
	return (size_t)(code(cb, num) - cb->codes);
}

/* Code num is named name, under the code numbered parent ("" for none). */
static void expect_code(const struct codebook *cb, const char *num, const char *name,
                        const char *parent)
{
	const struct codebook_code *c = code(cb, num);
	const char *got = c->parent < 0 ? "" : cb->codes[c->parent].number;
	cr_expect_str_eq(c->name, name, "name of %s: expected '%s', got '%s'", num, name, c->name);
	cr_expect_str_eq(got, parent, "parent of %s: expected '%s', got '%s'", num, parent, got);
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

/* Every field the text format carries must survive. */
static void expect_same(const struct codebook *a, const struct codebook *b, const char *what)
{
	cr_assert_eq(a->ncodes, b->ncodes, "%s: %zu codes, then %zu", what, a->ncodes, b->ncodes);
	for (size_t i = 0; i < a->ncodes; i++) {
		const struct codebook_code *x = &a->codes[i], *y = &b->codes[i];
		cr_assert_str_eq(x->number, y->number, "%s: code %zu numbered %s, then %s", what, i,
		                 x->number, y->number);
		cr_assert_str_eq(x->name, y->name, "%s: name of %s", what, x->number);
		cr_assert_eq(x->parent, y->parent, "%s: parent of %s", what, x->number);
		cr_assert_str_eq(x->definition, y->definition, "%s: definition of %s", what, x->number);
		cr_assert_eq(x->nanchors, y->nanchors, "%s: %s had %zu anchors, then %zu", what,
		             x->number, x->nanchors, y->nanchors);
		for (size_t k = 0; k < x->nanchors; k++)
			cr_assert_str_eq(x->anchors[k], y->anchors[k], "%s: anchor %zu of %s", what, k,
			                 x->number);
		cr_assert_eq(x->nnotes, y->nnotes, "%s: %s had %zu notes, then %zu", what, x->number,
		             x->nnotes, y->nnotes);
		for (size_t k = 0; k < x->nnotes; k++) {
			cr_assert_str_eq(x->notes[k].label, y->notes[k].label, "%s: note %zu label of %s",
			                 what, k, x->number);
			cr_assert_str_eq(x->notes[k].text, y->notes[k].text, "%s: note %zu of %s", what,
			                 k, x->number);
		}
	}
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
