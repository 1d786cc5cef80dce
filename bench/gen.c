/* bench/gen.c — a deterministic corpus of German-like interview transcripts
 * for `make bench`.
 *
 *   bench-gen DIR NFILES TOTAL_MB
 *
 * writes DIR/interview-00001.txt … in the shape of the demo transcripts
 * (demo/README.md): a four-line header, then one turn per line, "I: " or
 * "B: ", each ending in an f4 timestamp "#hh:mm:ss-t#", with an empty line
 * between turns.  Words come from a fixed vocabulary with umlauts and ß, so
 * the text is UTF-8 and exercises the same paths as real interviews.
 *
 * File sizes vary about tenfold (10–100 KB for 2000 files in 100 MB) and sum
 * to TOTAL_MB within a few hundred bytes.  The output depends only on the
 * arguments: the generator has its own PRNG with a fixed seed, so two runs
 * (and two machines) benchmark the same bytes. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* xorshift64* (Vigna): small, fast, and the same everywhere, unlike rand(). */
struct rng {
	uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 0x2545F4914F6CDD1DULL;
}

/* Uniform in [0, n); the modulo bias is irrelevant for n in the hundreds. */
static size_t rng_below(struct rng *r, size_t n)
{
	return (size_t)((rng_next(r) >> 11) % n);
}

/* Uniform in [0, 1). */
static double rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* Function words first: words_pick() draws low indices more often, which
 * gives the text a rough Zipf shape.  The nouns include what the benchmark
 * searches for (Schnittstelle…, …portal…). */
static const char *const words[] = {
	"und", "die", "der", "das", "ich", "wir", "es", "ist", "nicht", "auch",
	"mit", "den", "dann", "also", "sich", "haben", "aber", "ja", "so", "auf",
	"für", "dass", "von", "man", "im", "ein", "eine", "noch", "da", "schon",
	"wenn", "hat", "bei", "sind", "was", "einfach", "halt", "mal", "wie", "oder",
	"über", "müssen", "können", "würde", "wäre", "gibt", "natürlich", "eigentlich", "vielleicht", "genau",
	"immer", "jetzt", "hier", "dort", "nur", "sehr", "ganz", "mehr", "zwischen", "während",
	"zurück", "später", "früher", "größer", "schließlich", "außerdem", "ähnlich", "übrigens", "möglich", "nötig",
	"schwierig", "wichtig", "zuständig", "gemeinsam", "digital", "analog", "schnell", "langsam", "kompliziert", "einheitlich",
	"Verwaltung", "Portal", "Portale", "Landesportal", "Serviceportal", "Bürgerportal", "Onlineportal", "Schnittstelle", "Schnittstellen", "Schnittstellenproblem",
	"Fachverfahren", "Register", "Registermodernisierung", "Antrag", "Anträge", "Bauantrag", "Bürger", "Bürgerinnen", "Behörde", "Behörden",
	"Kommune", "Kommunen", "Landkreis", "Gemeinde", "Stadt", "Land", "Bund", "Ministerium", "Rechenzentrum", "Dienstleister",
	"Hersteller", "Software", "Lösung", "Lösungen", "Prozess", "Prozesse", "Abläufe", "Sachbearbeitung", "Sachgebiet", "Fachbereich",
	"Kollegen", "Kolleginnen", "Mitarbeiter", "Leitung", "Amt", "Ämter", "Bürgerbüro", "Zulassung", "Sozialamt", "Jobcenter",
	"Daten", "Datenschutz", "Datenübermittlung", "Formular", "Formulare", "Nachweis", "Nachweise", "Akte", "Akten", "Papier",
	"Umsetzung", "Einführung", "Onlinezugangsgesetz", "Zuständigkeit", "Zuständigkeiten", "Abstimmung", "Koordination", "Vorgabe", "Vorgaben", "Gesetz",
	"Förderung", "Förderprogramm", "Finanzierung", "Kosten", "Haushalt", "Personal", "Stellen", "Schulung", "Schulungen", "Ausschreibung",
	"Vertrag", "Lizenz", "Lizenzen", "Betrieb", "Störung", "Störungen", "Ausfall", "Wartung", "Update", "Version",
	"Nutzer", "Nutzerinnen", "Rückmeldung", "Rückfragen", "Beschwerden", "Erfahrung", "Erfahrungen", "Problem", "Probleme", "Lösungsweg",
	"Übergang", "Übergangszeit", "Änderung", "Änderungen", "Überblick", "Überlegung", "Öffentlichkeit", "Größe", "Maßnahme", "Maßnahmen",
	"Straße", "Grundstück", "Baulast", "Bauaufsicht", "Genehmigung", "Bescheid", "Bescheide", "Gebühr", "Gebühren", "Zahlung",
	"Postfach", "Nutzerkonto", "Identifizierung", "Ausweis", "Signatur", "Standard", "Standards", "Format", "Übertragung", "Import",
	"Export", "Anbindung", "Verknüpfung", "Infrastruktur", "Netzwerk", "Server", "Cloud", "Sicherheit", "Zugang", "Zugänge",
	"Woche", "Wochen", "Monat", "Monate", "Jahr", "Jahren", "Tag", "Tage", "Zeit", "Anfang",
	"Ende", "Stand", "Phase", "Projekt", "Pilot", "Pilotphase", "Workshop", "Sitzung", "Arbeitskreis", "Runde",
	"gemacht", "gesagt", "gesehen", "gemerkt", "geklärt", "gewartet", "geändert", "geprüft", "gelöst", "angefangen",
	"eingeführt", "umgesetzt", "abgestimmt", "beantragt", "übermittelt", "ausgedruckt", "eingescannt", "weitergeleitet", "hochgeladen", "freigeschaltet",
	"funktioniert", "läuft", "hängt", "fehlt", "klappt", "dauert", "kostet", "braucht", "bringt", "heißt",
	"machen", "sagen", "sehen", "wissen", "glauben", "denken", "brauchen", "bekommen", "schicken", "prüfen",
	"warten", "fragen", "erklären", "übernehmen", "unterstützen", "entscheiden", "verstehen", "nutzen", "ändern", "lösen",
	"viel", "viele", "wenig", "wenige", "alle", "jeder", "keine", "kein", "andere", "anderen",
	"neue", "neuen", "alte", "alten", "eigene", "eigenen", "erste", "zweite", "letzte", "nächste",
	"gut", "schlecht", "richtig", "falsch", "klar", "unklar", "offen", "fertig", "okay", "schwer",
	"weil", "obwohl", "damit", "sondern", "trotzdem", "deshalb", "darum", "danach", "vorher", "inzwischen",
	"irgendwie", "irgendwann", "manchmal", "meistens", "teilweise", "bisher", "bereits", "sofort", "gleich", "wirklich",
};
#define NWORDS (sizeof words / sizeof words[0])

/* What respondents and interviewers say between the words. */
static const char *const fillers[] = {
	"ähm,", "äh,", "(.)", "(…)", "(lacht)", "–", "sag ich mal,", "na ja,", "gut,", "weiß ich nicht,",
};
#define NFILLERS (sizeof fillers / sizeof fillers[0])

static const char *const openers[] = {
	"Und wie", "Was", "Wie", "Wer", "Warum", "Können Sie", "Wie würden Sie", "Gab es", "Haben Sie", "Wo",
};
#define NOPENERS (sizeof openers / sizeof openers[0])

/* Output buffer for one file, written with one fwrite when full or done. */
#define OUT_CAP (1u << 20)

struct out {
	FILE *f;
	size_t len;    /* bytes in buf */
	size_t total;  /* bytes of this file so far, buffered or written */
	int failed;
	char buf[OUT_CAP];
};

static void out_flush(struct out *o)
{
	if (o->len && fwrite(o->buf, 1, o->len, o->f) != o->len)
		o->failed = 1;
	o->len = 0;
}

static void out_add(struct out *o, const char *s, size_t n)
{
	if (o->len + n > OUT_CAP)
		out_flush(o);
	if (n > OUT_CAP) {
		if (fwrite(s, 1, n, o->f) != n)
			o->failed = 1;
	} else {
		memcpy(o->buf + o->len, s, n);
		o->len += n;
	}
	o->total += n;
}

static void out_str(struct out *o, const char *s)
{
	out_add(o, s, strlen(s));
}

/* Low indices more often: the square of a uniform variate. */
static const char *words_pick(struct rng *r)
{
	double u = rng_unit(r);
	return words[(size_t)(u * u * (double)NWORDS)];
}

/* A word at the start of a sentence: first letter upper-case, including
 * ä ö ü (C3 A4/B6/BC → C3 84/96/9C), the only non-ASCII initials in the
 * vocabulary. */
static void out_capital(struct out *o, const char *w)
{
	char first[2];
	size_t n = strlen(w);
	unsigned char c = (unsigned char)w[0];

	if (c >= 'a' && c <= 'z') {
		first[0] = (char)(c - 'a' + 'A');
		out_add(o, first, 1);
		out_add(o, w + 1, n - 1);
	} else if (c == 0xC3 && n >= 2 && ((unsigned char)w[1] == 0xA4 || (unsigned char)w[1] == 0xB6 ||
	                                   (unsigned char)w[1] == 0xBC)) {
		first[0] = w[0];
		first[1] = (char)((unsigned char)w[1] - 0x20);
		out_add(o, first, 2);
		out_add(o, w + 2, n - 2);
	} else {
		out_add(o, w, n);
	}
}

/* One sentence of 4–17 words: commas, now and then a filler or a quote
 * „…“, ending with END.  CAPITAL: the first word starts the sentence. */
static void gen_sentence(struct out *o, struct rng *r, int capital, const char *end)
{
	size_t n = 4 + rng_below(r, 14);
	int quoted = 0;

	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			out_add(o, " ", 1);
		size_t roll = rng_below(r, 100);
		if (i > 0 && roll < 4) {
			out_str(o, fillers[rng_below(r, NFILLERS)]);
			out_add(o, " ", 1);
		} else if (i > 0 && i + 3 < n && !quoted && roll < 7) {
			out_str(o, "„");
			quoted = 1;
		}
		if (i == 0 && capital)
			out_capital(o, words_pick(r));
		else
			out_str(o, words_pick(r));
		if (quoted == 1 && rng_below(r, 3) == 0) {
			out_str(o, "“");
			quoted = 2;
		} else if (i + 1 < n && rng_below(r, 100) < 8) {
			out_add(o, ",", 1);
		}
	}
	if (quoted == 1)
		out_str(o, "“");
	out_str(o, end);
}

/* "#hh:mm:ss-t#" from tenths of a second. */
static void out_stamp(struct out *o, unsigned long tenths)
{
	char s[32];
	unsigned long sec = tenths / 10;
	int n = snprintf(s, sizeof s, " #%02lu:%02lu:%02lu-%lu#\n\n", sec / 3600, sec / 60 % 60,
	                 sec % 60, tenths % 10);
	out_add(o, s, (size_t)n);
}

/* One turn: a short question from I, or two to nine sentences from B. */
static void gen_turn(struct out *o, struct rng *r, int interviewer, unsigned long *tenths)
{
	size_t before = o->total;

	if (interviewer) {
		out_str(o, "I: ");
		if (rng_below(r, 3) == 0)
			gen_sentence(o, r, 1, ".");
		if (o->total > before + 3)
			out_add(o, " ", 1);
		out_str(o, openers[rng_below(r, NOPENERS)]);
		out_add(o, " ", 1);
		gen_sentence(o, r, 0, "?");
	} else {
		out_str(o, "B: ");
		size_t n = 2 + rng_below(r, 8);
		for (size_t i = 0; i < n; i++) {
			if (i > 0)
				out_add(o, " ", 1);
			gen_sentence(o, r, 1, rng_below(r, 12) == 0 ? "!" : ".");
		}
	}
	/* About 15 bytes of transcript per second of speech, plus a pause. */
	*tenths += (o->total - before) * 10 / 15 + 5 + rng_below(r, 30);
	out_stamp(o, *tenths);
}

static void gen_header(struct out *o, struct rng *r, size_t i)
{
	static const char *const places[] = {
		"Stadt Hohenfeld", "Landkreis Ostheim", "Gemeinde Süderbrück", "Stadt Großmühlen",
		"Kreis Ölbach", "Gemeinde Weißenau",
	};
	static const char *const units[] = {
		"Bauaufsicht", "Zulassungsstelle", "Sozialamt", "Bürgerbüro", "IT-Abteilung", "Ordnungsamt",
	};
	/* One draw per statement: the order in which arguments are evaluated
	 * is unspecified, and gcc and clang differ. */
	const char *place = places[rng_below(r, 6)];
	const char *unit = units[rng_below(r, 6)];
	size_t day = 1 + rng_below(r, 28);
	size_t month = 1 + rng_below(r, 12);
	const char *role = units[rng_below(r, 6)];
	char s[256];
	int n = snprintf(s, sizeof s,
	                 "Interview %zu – %s, %s\nDatum: %02zu.%02zu.2023\n"
	                 "Interviewer: I, Befragte Person: B (%s)\n"
	                 "Transkription nach Dresing/Pehl (f4)\n\n",
	                 i, place, unit, day, month, role);
	out_add(o, s, (size_t)n);
}

/* One file of about TARGET bytes: whole turns until it is reached. */
static int gen_file(const char *path, size_t i, size_t target, struct rng *r, struct out *o,
                    size_t *written)
{
	unsigned long tenths = 100 + rng_below(r, 100);
	int interviewer = 1;

	o->f = fopen(path, "wb");
	if (!o->f) {
		fprintf(stderr, "bench-gen: %s: %s\n", path, strerror(errno));
		return -1;
	}
	o->len = o->total = 0;
	o->failed = 0;
	gen_header(o, r, i);
	while (o->total < target) {
		gen_turn(o, r, interviewer, &tenths);
		/* Mostly alternating; now and then B goes on in a second turn. */
		interviewer = interviewer ? 0 : rng_below(r, 5) != 0;
	}
	out_flush(o);
	if (fclose(o->f) != 0 || o->failed) {
		fprintf(stderr, "bench-gen: %s: write failed: %s\n", path, strerror(errno));
		return -1;
	}
	*written += o->total;
	return 0;
}

/* File weights in [1, 10): a tenfold spread of sizes.  The same seed draws
 * them twice, once for their sum and once to use them, so no array of N
 * sizes is needed. */
static double size_weight(struct rng *r)
{
	return 1.0 + 9.0 * rng_unit(r);
}

static int parse_size(const char *s, const char *what, size_t *v)
{
	char *end;
	errno = 0;
	unsigned long long n = strtoull(s, &end, 10);
	if (errno || end == s || *end || n == 0 || s[0] == '-') {
		fprintf(stderr, "bench-gen: %s must be a positive integer, not '%s'\n", what, s);
		return -1;
	}
	*v = (size_t)n;
	return 0;
}

int main(int argc, char **argv)
{
	size_t nfiles, mb, written = 0;
	static struct out o;

	if (argc != 4) {
		fprintf(stderr, "usage: bench-gen DIR NFILES TOTAL_MB\n");
		return 2;
	}
	if (parse_size(argv[2], "NFILES", &nfiles) || parse_size(argv[3], "TOTAL_MB", &mb))
		return 2;
	if (mkdir(argv[1], 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "bench-gen: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}

	struct rng sizes = { 0x9E3779B97F4A7C15ULL }, text = { 0xA0761D6478BD642FULL };
	double sum = 0, cum = 0, total = (double)mb * 1024 * 1024;
	for (size_t i = 0; i < nfiles; i++)
		sum += size_weight(&sizes);
	sizes.s = 0x9E3779B97F4A7C15ULL;

	for (size_t i = 0; i < nfiles; i++) {
		char path[4096];
		/* Aim at the running total, so the sum stays on TOTAL_MB however
		 * much each file overshoots by its last turn. */
		cum += size_weight(&sizes);
		size_t goal = (size_t)(total * cum / sum);
		size_t target = goal > written ? goal - written : 1;
		int n = snprintf(path, sizeof path, "%s/interview-%05zu.txt", argv[1], i + 1);
		if (n < 0 || (size_t)n >= sizeof path) {
			fprintf(stderr, "bench-gen: %s: path too long\n", argv[1]);
			return 1;
		}
		if (gen_file(path, i + 1, target, &text, &o, &written))
			return 1;
	}
	printf("%zu files, %zu bytes in %s\n", nfiles, written, argv[1]);
	return 0;
}
