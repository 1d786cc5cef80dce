/* anchor/stopwords.c — the words suggestions do not count (German and
 * English): articles, pronouns, auxiliaries, particles and the like,
 * which every passage has and no code is about.  Short lists on purpose:
 * a word that carries meaning in a codebook ("nicht" in "nicht
 * finanziert") is left in when in doubt, and BM25's idf weighs the rest.
 * Each list is sorted (bytes, as strcmp) for bsearch; a unit test checks
 * the order.
 */
#include <stdlib.h>
#include <string.h>

#include "anchor.h"

static const char *const de[] = {
	"aber", "alle", "allem", "allen", "aller", "alles", "als", "also", "am", "an", "auch",
	"auf", "aus", "bei", "beim", "bin", "bis", "bist", "da", "dabei", "damit", "dann",
	"daran", "darüber", "das", "dass", "dem", "den", "denn", "der", "des", "die", "dies",
	"diese", "diesem", "diesen", "dieser", "dieses", "doch", "dort", "du", "durch", "eben",
	"ein", "eine", "einem", "einen", "einer", "eines", "er", "es", "etwa", "etwas", "für",
	"ganz", "gar", "geht", "gesagt", "gibt", "habe", "haben", "halt", "hat", "hatte",
	"hatten", "hier", "hinaus", "ich", "ihm", "ihn", "ihr", "ihre", "ihrem", "ihren",
	"ihrer", "im", "in", "ist", "ja", "jetzt", "kann", "können", "könnte", "mal", "man",
	"mich", "mir", "mit", "muss", "na", "nach", "noch", "nun", "nur", "ob", "oder", "ok",
	"okay", "schon", "sehr", "sein", "seine", "sich", "sie", "sind", "so", "um", "und",
	"uns", "unser", "unsere", "vielleicht", "vom", "von", "vor", "war", "waren", "warum",
	"was", "weil", "wenn", "wer", "werden", "wie", "wir", "wird", "wo", "worden", "wurde",
	"wurden", "würde", "zu", "zum", "zur", "zwar", "über",
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
