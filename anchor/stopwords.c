/* anchor/stopwords.c — the words suggestions do not count (German and
 * English): articles, pronouns, auxiliaries, particles and the like,
 * which every passage has and no code is about.  Short lists on purpose:
 * a word that carries meaning in a codebook ("nicht" in "nicht
 * finanziert") is left in when in doubt, and BM25's idf weighs the rest.
 * German interviews add the fillers of speech ("eigentlich", "halt",
 * "sozusagen", "sag ich mal", "(lacht)"), possessives and number words;
 * quantifiers ("viele", "andere"), adverbs ("immer", "wieder") and modal
 * verbs were tried too and left in: on the demo's leave-one-document-out
 * evaluation (bench/suggest.sh) they cost hits, the fillers did not.
 * Each list is sorted (bytes, as strcmp) for bsearch; a unit test checks
 * the order.
 */
#include <stdlib.h>
#include <string.h>

#include "anchor.h"

static const char *const de[] = {
	"aber", "acht", "alle", "allem", "allen", "aller", "alles", "als", "also", "am", "an",
	"auch", "auf", "aus", "bei", "beim", "bin", "bis", "bisschen", "bist", "da", "dabei",
	"dadurch", "dafür", "daher", "damit", "dann", "daran", "darauf", "darüber", "das", "dass",
	"davon", "dazu", "dein", "dem", "den", "denen", "denn", "der", "deren", "des", "deshalb",
	"dessen", "die", "dies", "diese", "diesem", "diesen", "dieser", "dieses", "doch", "dort",
	"drei", "du", "durch", "eben", "ehrlich", "eigentlich", "ein", "eine", "einem", "einen",
	"einer", "eines", "er", "es", "etwa", "etwas", "euch", "fünf", "für", "ganz", "gar",
	"geht", "gemacht", "genau", "gesagt", "gibt", "gut", "habe", "haben", "halt", "hat",
	"hatte", "hatten", "hier", "hinaus", "hm", "ich", "ihm", "ihn", "ihnen", "ihr", "ihre",
	"ihrem", "ihren", "ihrer", "im", "in", "ins", "irgendwie", "ist", "ja", "jetzt", "kann",
	"können", "könnte", "lacht", "mache", "machen", "macht", "mal", "man", "mein", "meine",
	"meinem", "meinen", "meiner", "mhm", "mich", "mir", "mit", "muss", "na", "nach",
	"natürlich", "neun", "noch", "nun", "nur", "ob", "oder", "ok", "okay", "quasi", "sag",
	"sage", "sagen", "sagt", "schon", "sechs", "sehr", "sein", "seine", "sich", "sie",
	"sieben", "sind", "so", "sondern", "sowie", "sozusagen", "um", "und", "uns", "unser",
	"unsere", "unserem", "unseren", "unserer", "vielleicht", "vier", "vom", "von", "vor",
	"war", "waren", "warum", "was", "weil", "wenn", "wer", "werden", "wie", "wir", "wird",
	"wo", "worden", "wurde", "wurden", "würde", "zehn", "zu", "zum", "zur", "zwar", "zwei",
	"über",
};

static const char *const en[] = {
	"a", "about", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been",
	"being", "but", "by", "can", "could", "did", "do", "does", "doing", "for", "from", "had",
	"has", "have", "having", "he", "her", "here", "him", "his", "how", "i", "if", "in", "into",
	"is", "it", "its", "just", "me", "mean", "my", "of", "oh", "ok", "okay", "on", "or", "our",
	"she", "so", "some", "than", "that", "the", "their", "them", "then", "there", "these",
	"they", "this", "those", "to", "too", "us", "very", "was", "we", "well", "were", "what",
	"when", "where", "which", "who", "will", "with", "would", "yeah", "yes", "you", "your",
};

static int cmp(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

static const char *const *list(enum anchor_lang lang, size_t *n)
{
	if (lang == ANCHOR_LANG_EN) {
		*n = sizeof en / sizeof *en;
		return en;
	}
	*n = sizeof de / sizeof *de;
	return de;
}

bool anchor_stopword(enum anchor_lang lang, const char *form, size_t len)
{
	char key[16];
	size_t n;
	if (len >= sizeof key)
		return false;
	memcpy(key, form, len);
	key[len] = '\0';
	const char *const *v = list(lang, &n);
	return bsearch(key, v, n, sizeof *v, cmp) != NULL;
}

const char *anchor_stopword_at(enum anchor_lang lang, size_t i)
{
	size_t n;
	const char *const *v = list(lang, &n);
	return i < n ? v[i] : NULL;
}
