/* tests/unit/test_turns_speakers.c — which labels name speakers: captions,
 * dates, brackets, stamps inside labels, and --speakers off|auto|LIST. */
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "../../corpus/corpus.h"

/* The turns of s under the policy, as "speaker@ts_start-ts_end;..." */
static char *turns_str(const char *s, const char *speakers)
{
	struct corpus_text t;
	struct corpus_turn *v;
	size_t n;
	struct strbuf sb = {0};
	corpus_text_index(&t, s, strlen(s));
	cr_assert_eq(corpus_turns_opt(&t, speakers, &v, &n), ANKER_OK);
	for (size_t i = 0; i < n; i++)
		sb_addf(&sb, "%s@%ld-%ld;", v[i].speaker, v[i].ts_start_ms, v[i].ts_end_ms);
	free(v);
	corpus_text_free(&t);
	return sb_steal(&sb);
}

static void expect_turns(const char *s, const char *speakers, const char *want)
{
	char *got = turns_str(s, speakers);
	cr_assert_str_eq(got, want, "speakers %s over \"%s\": expected \"%s\", got \"%s\"",
	                 speakers ? speakers : "(auto)", s, want, got);
	free(got);
}

Test(speakers, captions_are_not_speakers)
{
	expect_turns("Abbildung 55: Digitalisierungsstatus Wohngeld\n", NULL, "");
	expect_turns("Abb. 3: Ablauf\nTab. 2: Zahlen\nFigure 1: Flow\n", NULL, "");
	expect_turns("Tabelle 3.2: Fachverfahren\n", NULL, "");
	/* A speaker who happens to have a number stays one. */
	expect_turns("Befragte 2: Ja.\nPerson 1: Nein.\n", NULL, "Befragte 2@-1--1;Person 1@-1--1;");
	/* A caption word without a number is a name like any other. */
	expect_turns("Bild: Na klar.\n", NULL, "Bild@-1--1;");
}

Test(speakers, metadata_and_dates_are_not_speakers)
{
	expect_turns("Stand: 07.10.2021\n", NULL, "");
	expect_turns("Quelle: eigene Darstellung\nSeite: 3\n", NULL, "");
	expect_turns("Letzte Änderung: Juni 2018\n", NULL, "");
	expect_turns("Aktualisiert: 14. März 2023\n", NULL, "");
	expect_turns("Erhebung: 03/2023\n", NULL, "");
	/* Text after a date label is an utterance. */
	expect_turns("B: 2018 war das.\n", NULL, "B@-1--1;");
	/* Only digits and months make a date. */
	expect_turns("B: Mai.\n", NULL, "B@-1--1;");
}

Test(speakers, name_then_timestamp)
{
	expect_turns("Interviewer (00:12:34): Und?\nFrau K. [00:12:40]: Ja.\n", NULL,
	             "Interviewer@754000--1;Frau K.@760000--1;");
	expect_turns("Name (Lachen): nein\n", NULL, "");
}

Test(speakers, qualcoder_brackets)
{
	expect_turns("[id1] Frage\n[id2] Antwort\n[id1] Noch eine\n[id2] Gut\n", NULL,
	             "id1@-1--1;id2@-1--1;id1@-1--1;id2@-1--1;");
	/* Once only, or beside "Label:" turns: a transcriber's note. */
	expect_turns("I: Frage\n[Lachen] Ja\nB: Gut\n[Lachen] So\nI: Danke\n", NULL,
	             "I@-1--1;B@-1--1;I@-1--1;");
	expect_turns("[Interviewer] Frage\nText\n", NULL, "");
	/* Lower case without digits: never a label. */
	expect_turns("[lacht] ja\n[lacht] nein\n", NULL, "");
	expect_turns("[Interviewer]: Frage\n[P1] Antwort\n[Interviewer]: Weiter\n[P1] Ok\n", NULL,
	             "Interviewer@-1--1;P1@-1--1;Interviewer@-1--1;P1@-1--1;");
}

Test(speakers, stamp_without_label_is_a_turn_without_speaker)
{
	expect_turns("[00:00:01–00:00:04] Hallo zusammen.\n[00:00:05–00:00:07] Anna: Hi.\n",
	             NULL, "@1000-4000;Anna@5000-7000;");
	/* A stamp alone on its line starts nothing. */
	expect_turns("[00:00:01]\nText\n", NULL, "");
}

Test(speakers, off)
{
	expect_turns("I: Frage\nB: Antwort\n", "off", "");
	expect_turns("[00:00:01] I: Frage\n", "off", "@1000--1;");
}

Test(speakers, list)
{
	const char *s = "Datum: 14.03.2023\nI: Frage\nB: Antwort\nHinweis: kein Sprecher\n";
	expect_turns(s, "I,B", "I@-1--1;B@-1--1;");
	expect_turns(s, " B ", "B@-1--1;");
	/* Listed labels count even where auto would not take them, and a
	 * leading one-off label is no header then. */
	expect_turns(s, "Datum,I", "Datum@-1--1;I@-1--1;");
	expect_turns("[id1] a\n[id2] b\n", "id2", "id2@-1--1;");
}

Test(speakers, check)
{
	struct anker_err err = {0};
	cr_assert_eq(corpus_speakers_check(NULL, &err), ANKER_OK);
	cr_assert_eq(corpus_speakers_check("auto", &err), ANKER_OK);
	cr_assert_eq(corpus_speakers_check("off", &err), ANKER_OK);
	cr_assert_eq(corpus_speakers_check("I, B,Frau K.", &err), ANKER_OK);
	cr_assert_eq(corpus_speakers_check("I,,B", &err), ANKER_USAGE);
	cr_assert_eq(corpus_speakers_check("", &err), ANKER_USAGE);
	cr_assert_eq(corpus_speakers_check("I,", &err), ANKER_USAGE);
}
