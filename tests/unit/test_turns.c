/* tests/unit/test_turns.c — timestamps, speaker labels, speaker turns. */
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "../../corpus/corpus.h"

static void expect_ts(const char *s, size_t used, long start, long end)
{
	long a = -7, b = -7;
	size_t n = corpus_timestamp_parse(s, strlen(s), &a, &b);
	cr_assert_eq(n, used, "\"%s\": expected %zu bytes consumed, got %zu", s, used, n);
	cr_assert_eq(a, start, "\"%s\": expected start %ld ms, got %ld", s, start, a);
	cr_assert_eq(b, end, "\"%s\": expected end %ld ms, got %ld", s, end, b);
}

static void expect_no_ts(const char *s)
{
	size_t n = corpus_timestamp_parse(s, strlen(s), NULL, NULL);
	cr_assert_eq(n, 0, "\"%s\" is not a timestamp, but %zu bytes were taken", s, n);
}

Test(timestamp, f4_forms)
{
	expect_ts("#00:12:34-5# B: ja", 12, (12 * 60 + 34) * 1000 + 500, -1);
	expect_ts("#00:12:34#", 10, (12 * 60 + 34) * 1000, -1);
	expect_ts("#01:00:00-25#", 13, 3600 * 1000 + 250, -1);
}

Test(timestamp, bracket_forms)
{
	expect_ts("[00:12:34] I: text", 10, (12 * 60 + 34) * 1000, -1);
	expect_ts("[00:12]", 7, 12 * 1000, -1);
	expect_ts("[00:00:02–00:00:32] I:", 21, 2000, 32000);   /* en dash: 3 bytes */
	expect_ts("[00:00:02-00:00:32]", 19, 2000, 32000);
	expect_ts("[00:00:02 – 00:00:32]", 23, 2000, 32000);
	expect_ts("[00:01:02.5]", 12, 62500, -1);
}

Test(timestamp, paren_forms)
{
	expect_ts("(00:12)", 7, 12000, -1);
	expect_ts("(00:12:34)", 10, (12 * 60 + 34) * 1000, -1);
	expect_ts("(1:02:03)", 9, (3600 + 2 * 60 + 3) * 1000, -1);
}

Test(timestamp, not_timestamps)
{
	expect_no_ts("");
	expect_no_ts("00:12:34");
	expect_no_ts("[00:12");
	expect_no_ts("[00:61]");
	expect_no_ts("(12)");
	expect_no_ts("[00:12:34)");
	expect_no_ts("#00:12:34");
	expect_no_ts("(Lachen)");
	expect_no_ts("[unverständlich]");
	expect_no_ts("[00:00:02–]");
}

/* ---------------------------------------------------------------------- */

static void expect_speaker(const char *line, const char *label, const char *body)
{
	const char *l = NULL;
	size_t ll = 0, off = 0;
	bool yes = corpus_line_speaker(line, strlen(line), &l, &ll, &off);
	cr_assert(yes, "\"%s\" should start a turn", line);
	cr_assert_eq(ll, strlen(label), "\"%s\": expected label \"%s\", got \"%.*s\"", line, label,
	             (int)ll, l);
	cr_assert_eq(strncmp(l, label, ll), 0, "\"%s\": expected label \"%s\", got \"%.*s\"", line,
	             label, (int)ll, l);
	cr_assert_str_eq(line + off, body, "\"%s\": body differs", line);
}

static void expect_no_speaker(const char *line)
{
	const char *l;
	size_t ll, off;
	cr_assert_not(corpus_line_speaker(line, strlen(line), &l, &ll, &off),
	              "\"%s\" must not start a turn", line);
}

Test(speaker, labels_that_match)
{
	expect_speaker("I: Guten Tag.", "I", "Guten Tag.");
	expect_speaker("B: ja", "B", "ja");
	expect_speaker("B1:   Also", "B1", "Also");
	expect_speaker("Interviewer: Und dann?", "Interviewer", "Und dann?");
	expect_speaker("Frau K.: Genau.", "Frau K.", "Genau.");
	expect_speaker("Befragte 2: Nein.", "Befragte 2", "Nein.");
	expect_speaker("Ärztin: Ja.", "Ärztin", "Ja.");
	expect_speaker("Person-A: ok", "Person-A", "ok");
	expect_speaker("I:", "I", "");
	expect_speaker("Hinweis: text", "Hinweis", "text");
	expect_speaker("#00:00:12-3# B: Hm.", "B", "Hm.");
	expect_speaker("[00:00:02–00:00:32] I: Guten Tag, Frau Weber.", "I",
	               "Guten Tag, Frau Weber.");
	expect_speaker("(00:12) P:\tJa.", "P", "Ja.");
}

Test(speaker, lines_that_do_not_match)
{
	expect_no_speaker("");
	expect_no_speaker("Das Problem ist: wir haben keine Zeit.");
	expect_no_speaker("Vielleicht beginnen wir ganz offen: Was fällt Ihnen ein?");
	expect_no_speaker("interviewer: klein geschrieben");
	expect_no_speaker("Um 12:30 Uhr");
	expect_no_speaker("Siehe http://example.org");
	expect_no_speaker("1. Punkt: erstens");
	expect_no_speaker("Eins Zwei Drei Vier: zu viele Wörter");
	expect_no_speaker("Ein sehr langer Name Der Nicht Passt: x");
	expect_no_speaker("Abcdefghijklmnopqrstuvwxyzabcdefg: zu lang");
	expect_no_speaker("I = Interviewleitung; P = fiktive Lehrkraft.");
	expect_no_speaker("B:text ohne Leerzeichen");
	expect_no_speaker("[00:00:02] ohne Sprecher");
	expect_no_speaker(": leer");
	expect_no_speaker("A/B: Schrägstrich");
}

/* ---------------------------------------------------------------------- */

struct turns {
	struct corpus_text t;
	struct corpus_turn *v;
	size_t n;
};

static void turns_of(struct turns *r, const char *s)
{
	corpus_text_index(&r->t, s, strlen(s));
	cr_assert_eq(corpus_turns(&r->t, &r->v, &r->n), ANKER_OK, "corpus_turns failed");
}

static void turns_free(struct turns *r)
{
	free(r->v);
	corpus_text_free(&r->t);
}

/* The text of turn k, as bytes of the document. */
static void expect_turn_text(struct turns *r, size_t k, const char *want)
{
	size_t a = corpus_text_byte(&r->t, r->v[k].start), b = corpus_text_byte(&r->t, r->v[k].end);
	cr_assert_eq(b - a, strlen(want), "turn %zu: expected \"%s\", got \"%.*s\"", k, want,
	             (int)(b - a), r->t.s + a);
	cr_assert_eq(memcmp(r->t.s + a, want, b - a), 0, "turn %zu: expected \"%s\", got \"%.*s\"",
	             k, want, (int)(b - a), r->t.s + a);
}

Test(turns, f4_transcript)
{
	const char *s = "Interview 3, 12.05.2023\n"
	                "\n"
	                "I: Wie lange arbeiten Sie schon hier? #00:00:12-3#\n"
	                "\n"
	                "B: Seit zwölf Jahren. Davor war ich\n"
	                "in der Verwaltung. #00:00:25-0#\n"
	                "\n"
	                "\n"
	                "I: Und wie fanden Sie den Wechsel? #00:00:31-7#\n";
	struct turns r;

	turns_of(&r, s);
	cr_assert_eq(r.n, 3, "expected 3 turns, got %zu", r.n);
	cr_assert_str_eq(r.v[0].speaker, "I");
	cr_assert_str_eq(r.v[1].speaker, "B");
	cr_assert_str_eq(r.v[2].speaker, "I");
	expect_turn_text(&r, 0, "I: Wie lange arbeiten Sie schon hier? #00:00:12-3#");
	expect_turn_text(&r, 1, "B: Seit zwölf Jahren. Davor war ich\nin der Verwaltung. #00:00:25-0#");
	expect_turn_text(&r, 2, "I: Und wie fanden Sie den Wechsel? #00:00:31-7#");
	cr_assert(r.v[1].para_first == 5 && r.v[1].para_last == 6,
	          "turn 2: expected paragraphs 5-6, got %zu-%zu", r.v[1].para_first, r.v[1].para_last);
	cr_assert(r.v[2].para_first == 9 && r.v[2].para_last == 9,
	          "turn 3: expected paragraph 9, got %zu-%zu", r.v[2].para_first, r.v[2].para_last);
	/* End stamps: the turn ends there; it began where the previous ended. */
	cr_assert_eq(r.v[0].ts_end_ms, 12300, "turn 1 end: got %ld", r.v[0].ts_end_ms);
	cr_assert_eq(r.v[0].ts_start_ms, -1, "turn 1 has no start: got %ld", r.v[0].ts_start_ms);
	cr_assert_eq(r.v[1].ts_start_ms, 12300, "turn 2 start: got %ld", r.v[1].ts_start_ms);
	cr_assert_eq(r.v[1].ts_end_ms, 25000, "turn 2 end: got %ld", r.v[1].ts_end_ms);
	cr_assert_eq(r.v[2].ts_start_ms, 25000, "turn 3 start: got %ld", r.v[2].ts_start_ms);
	cr_assert_eq(r.v[2].ts_end_ms, 31700, "turn 3 end: got %ld", r.v[2].ts_end_ms);
	turns_free(&r);
}

Test(turns, leading_range_stamps)
{
	const char *s = "Titelzeile ohne Doppelpunkt\n"
	                "\n"
	                "[00:00:02–00:00:32] I: Guten Tag.\n"
	                "\n"
	                "[00:00:33–00:01:06] P: Als Erstes? Ehrlich gesagt: Passwörter.";
	struct turns r;

	turns_of(&r, s);
	cr_assert_eq(r.n, 2, "expected 2 turns, got %zu", r.n);
	cr_assert_str_eq(r.v[0].speaker, "I");
	cr_assert_str_eq(r.v[1].speaker, "P");
	cr_assert(r.v[0].ts_start_ms == 2000 && r.v[0].ts_end_ms == 32000,
	          "turn 1: expected 2000-32000, got %ld-%ld", r.v[0].ts_start_ms, r.v[0].ts_end_ms);
	cr_assert(r.v[1].ts_start_ms == 33000 && r.v[1].ts_end_ms == 66000,
	          "turn 2: expected 33000-66000, got %ld-%ld", r.v[1].ts_start_ms, r.v[1].ts_end_ms);
	expect_turn_text(&r, 0, "[00:00:02–00:00:32] I: Guten Tag.");
	cr_assert_eq(r.v[1].end, r.t.chars, "last turn runs to the end of the text");
	turns_free(&r);
}

Test(turns, no_stamps_and_no_turns)
{
	struct turns r;

	turns_of(&r, "Nur Fließtext.\nOhne Sprecher.\n");
	cr_assert_eq(r.n, 0, "expected no turns, got %zu", r.n);
	cr_assert_null(r.v, "no turns: *out must be NULL");
	turns_free(&r);

	turns_of(&r, "I: Frage?\nB: Antwort.\n");
	cr_assert_eq(r.n, 2, "expected 2 turns, got %zu", r.n);
	cr_assert(r.v[0].ts_start_ms == -1 && r.v[0].ts_end_ms == -1, "no stamps: -1/-1 expected");
	expect_turn_text(&r, 0, "I: Frage?");
	expect_turn_text(&r, 1, "B: Antwort.");
	turns_free(&r);

	turns_of(&r, "");
	cr_assert_eq(r.n, 0, "empty text: no turns, got %zu", r.n);
	turns_free(&r);
}

Test(turns, long_label_truncated_at_character)
{
	/* "X" and 29 CJK letters: 30 characters, 88 bytes.  63 bytes would
	 * cut the 21st CJK letter; the label keeps 20 of them (61 bytes). */
	char line[128] = "X";
	for (int i = 0; i < 29; i++)
		strcat(line, "中");
	strcat(line, ": ja");
	struct turns r;
	turns_of(&r, line);
	cr_assert_eq(r.n, 1, "expected 1 turn, got %zu", r.n);
	cr_assert_eq(strlen(r.v[0].speaker), 61, "expected 61 bytes, got %zu",
	             strlen(r.v[0].speaker));
	turns_free(&r);
}

Test(turns, shared_corpus_interview)
{
	char *s;
	size_t len;
	struct anker_err err = { 0 };
	struct turns r;

	if (anker_read_file("/work/shared/corpus/digitale-lehre-interview.txt", &s, &len, &err))
		cr_skip_test("corpus file not available: %s", err.msg);
	corpus_text_index(&r.t, s, len);
	corpus_turns(&r.t, &r.v, &r.n);
	size_t stamped = 0;
	for (size_t k = 0; k < r.n; k++) {
		if (strcmp(r.v[k].speaker, "I") == 0 || strcmp(r.v[k].speaker, "P") == 0) {
			cr_assert(r.v[k].ts_start_ms >= 0 && r.v[k].ts_end_ms > r.v[k].ts_start_ms,
			          "turn %zu (%s): expected a time range, got %ld-%ld", k,
			          r.v[k].speaker, r.v[k].ts_start_ms, r.v[k].ts_end_ms);
			stamped++;
		}
	}
	cr_assert_gt(stamped, 10, "expected many I/P turns, got %zu", stamped);
	turns_free(&r);
	free(s);
}
