/* corpus/encoding.c — legacy encodings and UTF-16 to UTF-8, with iconv. */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "corpus.h"

int corpus_encoding_check(const char *name, struct anker_err *err)
{
	iconv_t cd = iconv_open("UTF-8", name);
	if (cd == (iconv_t)-1)
		return anker_err_set(err, ANKER_USAGE, "--encoding '%s': unknown encoding (try "
		                     "cp1252, latin1, utf-16; 'iconv -l' lists all)", name);
	iconv_close(cd);
	return ANKER_OK;
}

/* The encoding a byte order mark announces, and its length. */
static const char *bom_encoding(const unsigned char *p, size_t len, size_t *bom)
{
	*bom = 0;
	if (len >= 4 && p[0] == 0xFF && p[1] == 0xFE && p[2] == 0 && p[3] == 0)
		return *bom = 4, "UTF-32LE";
	if (len >= 4 && p[0] == 0 && p[1] == 0 && p[2] == 0xFE && p[3] == 0xFF)
		return *bom = 4, "UTF-32BE";
	if (len >= 2 && p[0] == 0xFF && p[1] == 0xFE)
		return *bom = 2, "UTF-16LE";
	if (len >= 2 && p[0] == 0xFE && p[1] == 0xFF)
		return *bom = 2, "UTF-16BE";
	return NULL;
}

/* Bytes per unit of the encodings that have units: what a lossy decoder
 * skips for an invalid one. */
static size_t unit_of(const char *enc)
{
	if (strncasecmp(enc, "UTF-16", 6) == 0 || strncasecmp(enc, "UCS-2", 5) == 0)
		return 2;
	if (strncasecmp(enc, "UTF-32", 6) == 0 || strncasecmp(enc, "UCS-4", 5) == 0)
		return 4;
	return 1;
}

static int decode(const char *raw, size_t len, size_t base, const char *enc, bool lossy,
                  struct strbuf *sb, size_t *replaced, struct anker_err *err)
{
	iconv_t cd = iconv_open("UTF-8", enc);
	if (cd == (iconv_t)-1)
		return anker_err_set(err, ANKER_USAGE, "unknown encoding '%s'", enc);
	char *in = (char *)raw;
	size_t left = len, unit = unit_of(enc);
	int rc = ANKER_OK;
	sb_add(sb, "", 0);
	while (left > 0) {
		if (sb->cap - sb->len < 4 * left + 16) {
			size_t need = sb->len + 4 * left + 16;
			sb->buf = xrealloc(sb->buf, need);
			sb->cap = need;
		}
		char *outp = sb->buf + sb->len;
		size_t room = sb->cap - sb->len - 1;
		size_t r = iconv(cd, &in, &left, &outp, &room);
		sb->len = (size_t)(outp - sb->buf);
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG)
			continue;
		size_t at = base + len - left;
		if (!lossy) {
			rc = anker_err_set(err, ANKER_INPUT, "byte offset %zu: not valid %s (byte 0x%02X%s)",
			                   at, enc, (unsigned char)*in,
			                   errno == EINVAL ? ", the file ends inside a character" : "");
			break;
		}
		size_t skip = left < unit ? left : unit;
		sb_add(sb, "\xEF\xBF\xBD", 3);
		in += skip;
		left -= skip;
		++*replaced;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	iconv_close(cd);
	if (sb->buf)
		sb->buf[sb->len] = '\0';
	return rc;
}

int corpus_decode(const char *raw, size_t len, const char *encoding, bool lossy, char **out,
                  size_t *out_len, size_t *replaced, struct anker_err *err)
{
	const unsigned char *p = (const unsigned char *)raw;
	size_t bom = 0;
	const char *enc = encoding;

	*out = NULL;
	*out_len = 0;
	*replaced = 0;
	if (enc && (strcasecmp(enc, "utf-8") == 0 || strcasecmp(enc, "utf8") == 0))
		return ANKER_OK;
	/* A BOM says more than a guess; with --encoding utf-16 iconv reads it. */
	const char *by_bom = bom_encoding(p, len, &bom);
	if (!enc || (by_bom && (strcasecmp(enc, "utf-16") == 0 || strcasecmp(enc, "utf-32") == 0)))
		enc = by_bom;
	else
		bom = 0;
	if (!enc)
		return ANKER_OK;
	/* A NUL in a single-byte encoding is a binary file, as in UTF-8; say
	 * where it is in the file, not in the converted text. */
	const char *nul = unit_of(enc) == 1 ? memchr(raw, '\0', len) : NULL;
	if (nul)
		return anker_err_set(err, ANKER_INPUT, "byte offset %zu: NUL byte (binary file?)",
		                     (size_t)(nul - raw));
	struct strbuf sb = {0};
	int rc = decode(raw + bom, len - bom, bom, enc, lossy, &sb, replaced, err);
	if (rc) {
		sb_free(&sb);
		return rc;
	}
	*out_len = sb.len;
	*out = sb_steal(&sb);
	return ANKER_OK;
}
