/* refi/xml.c — the XML helpers of the .qdc and .qdpx readers and writers:
 * elements and attributes read without namespace, GUID and color
 * attributes, the guarded parse, and the writer calls that remember a
 * failure instead of checking each one.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "refi_int.h"
#include "../corpus/corpus.h"

int refi_libs_load(bool zip, struct anker_err *err)
{
	static const char what[] = "REFI-QDA import and export (.qdc, .qdpx)";
	if (lazy_xml_load(what, err) || (zip && lazy_zip_load(what, err)))
		return err->status;
	return ANKER_OK;
}

/* ---------------------------------------------------------------------- */
/* Reading */

bool refi_xml_is(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

xmlNodePtr refi_xml_child(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
		if (refi_xml_is(c, name))
			return c;
	return NULL;
}

/* A string from the parsed file as anker keeps text: NFC, as a document's
 * text is (corpus_text_given).  libxml2 gives only UTF-8 without NUL (it
 * refuses a file with other bytes, or with &#0;, as malformed), so the
 * check cannot fail; v is freed. */
static char *given(xmlChar *v)
{
	struct anker_err err = {0};
	char *s = NULL;
	if (v && corpus_text_given("", (const char *)v, strlen((const char *)v), &s, &err))
		s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

bool refi_xml_plain(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80 || *s == '\r')
			return false;
	return true;
}

const char *refi_xml_attr(xmlNodePtr n, const char *name)
{
	xmlAttrPtr a = n ? xmlHasProp(n, BAD_CAST name) : NULL;
	if (!a || a->type != XML_ATTRIBUTE_NODE)
		return NULL;
	xmlNodePtr t = a->children;
	if (!t)
		return "";
	if (t->type != XML_TEXT_NODE || t->next || !t->content)
		return NULL;
	return (const char *)t->content;
}

char *refi_xml_prop(xmlNodePtr n, const char *name)
{
	const char *v = refi_xml_attr(n, name);
	if (v && refi_xml_plain(v))
		return xstrdup(v);
	return given(xmlGetProp(n, BAD_CAST name));
}

char *refi_xml_content(xmlNodePtr n)
{
	/* An element holding one text node (a Note's text) as it is. */
	xmlNodePtr t = n ? n->children : NULL;
	if (t && t->type == XML_TEXT_NODE && !t->next && t->content &&
	    refi_xml_plain((const char *)t->content))
		return xstrdup((const char *)t->content);
	char *s = given(xmlNodeGetContent(n));
	return s ? s : xstrdup("");
}

char *refi_xml_child_text(xmlNodePtr n, const char *name)
{
	xmlNodePtr c = refi_xml_child(n, name);
	return c ? refi_xml_content(c) : NULL;
}

char *refi_xml_child_raw(xmlNodePtr n, const char *name)
{
	xmlNodePtr c = refi_xml_child(n, name);
	if (!c)
		return NULL;
	xmlChar *v = xmlNodeGetContent(c);
	char *s = xstrdup(v ? (const char *)v : "");
	xmlFree(v);
	return s;
}

/* 1 + the value of each hex digit, either case; 0 for any other byte. */
static const signed char hexval[256] = {
	['0'] = 0 + 1, ['1'] = 1 + 1, ['2'] = 2 + 1, ['3'] = 3 + 1, ['4'] = 4 + 1,
	['5'] = 5 + 1, ['6'] = 6 + 1, ['7'] = 7 + 1, ['8'] = 8 + 1, ['9'] = 9 + 1,
	['a'] = 10 + 1, ['b'] = 11 + 1, ['c'] = 12 + 1, ['d'] = 13 + 1, ['e'] = 14 + 1,
	['f'] = 15 + 1, ['A'] = 10 + 1, ['B'] = 11 + 1, ['C'] = 12 + 1, ['D'] = 13 + 1,
	['E'] = 14 + 1, ['F'] = 15 + 1,
};

bool refi_guid_scan(const char *s, uint64_t out[2])
{
	size_t len = s ? strlen(s) : 0;
	if (len == 38 && s[0] == '{' && s[37] == '}') {
		s++;
		len = 36;
	}
	if (len != 36)
		return false;
	/* A table, not isxdigit and tolower: a large import reads millions. */
	uint64_t v[2] = {0, 0};
	int k = 0;
	for (size_t i = 0; i < 36; i++) {
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;
		int d = hexval[(unsigned char)s[i]] - 1;
		if (dash ? s[i] != '-' : d < 0)
			return false;
		if (!dash) {
			v[k / 16] = v[k / 16] << 4 | (unsigned)d;
			k++;
		}
	}
	out[0] = v[0];
	out[1] = v[1];
	return true;
}

bool refi_guid_parse(const char *s, char out[37])
{
	uint64_t g[2];
	if (!refi_guid_scan(s, g))
		return false;
	refi_guid_unpack(g, out);
	return true;
}

bool refi_xml_guid_packed(xmlNodePtr n, const char *attr, uint64_t out[2], const char *file,
                          struct anker_err *err)
{
	if (refi_guid_scan(refi_xml_attr(n, attr), out))
		return true;   /* a GUID is ASCII: NFC as it is */
	char *v = refi_xml_prop(n, attr);
	bool ok = refi_guid_scan(v, out);
	if (!ok)
		anker_err_set(err, ANKER_INPUT, "%s: line %ld: <%s> %s '%s' is not a GUID", file,
		              xmlGetLineNo(n), (const char *)n->name, attr, v ? v : "(missing)");
	free(v);
	return ok;
}

bool refi_xml_guid(xmlNodePtr n, const char *attr, char out[37], const char *file,
                   struct anker_err *err)
{
	uint64_t g[2];
	if (!refi_xml_guid_packed(n, attr, g, file, err))
		return false;
	refi_guid_unpack(g, out);
	return true;
}

bool refi_xml_color(xmlNodePtr n, char out[8])
{
	char *v = refi_xml_prop(n, "color");
	size_t len = v ? strlen(v) : 0;
	bool ok = v && v[0] == '#' && (len == 7 || len == 4) &&
	          strspn(v + 1, "0123456789abcdefABCDEF") == len - 1;
	if (ok && len == 4)
		snprintf(out, 8, "#%c%c%c%c%c%c", v[1], v[1], v[2], v[2], v[3], v[3]);
	else if (ok)
		snprintf(out, 8, "%s", v);
	for (int i = 1; ok && i < 7; i++)
		out[i] = (char)tolower((unsigned char)out[i]);
	free(v);
	return ok;
}

int refi_xml_malformed(struct anker_err *err, const char *name, int line, int col,
                       const char *message)
{
	char msg[512];
	snprintf(msg, sizeof msg, "%s", message);
	msg[strcspn(msg, "\n")] = '\0';
	if (strstr(msg, "Excessive depth"))   /* libxml2's hint names a parser option */
		snprintf(msg, sizeof msg, "elements nested more than 256 levels deep");
	return anker_err_set(err, ANKER_INPUT, "%s:%d:%d: malformed XML: %s", name, line, col, msg);
}

int refi_xml_parse(const char *buf, size_t len, const char *name, xmlDocPtr *doc,
                   struct anker_err *err)
{
	int rc = ANKER_OK;
	*doc = NULL;
	if (len > (size_t)INT32_MAX)
		return anker_err_set(err, ANKER_INPUT, "%s: too large for XML (%zu bytes)", name, len);
	xmlParserCtxtPtr ctx = xmlNewParserCtxt();
	if (!ctx)
		return anker_err_set(err, ANKER_NOMEM, "cannot set up the XML parser");
	/* No XML_PARSE_NOENT (entities stay unexpanded), no DTD loading, no
	 * network; errors come back here instead of to stderr. */
	*doc = xmlCtxtReadMemory(ctx, buf, (int)len, name, NULL,
	                         XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!*doc) {
		const xmlError *e = xmlCtxtGetLastError(ctx);
		rc = refi_xml_malformed(err, name, e ? e->line : 0, e ? e->int2 : 0,
		                        e && e->message ? e->message : "not well-formed");
	} else if ((*doc)->intSubset || (*doc)->extSubset) {
		rc = anker_err_set(err, ANKER_INPUT, "%s: a DOCTYPE is not accepted (entities are "
		                   "never expanded)", name);
		xmlFreeDoc(*doc);
		*doc = NULL;
	}
	xmlFreeParserCtxt(ctx);
	return rc;
}

/* ---------------------------------------------------------------------- */
/* Writing */

const char *refi_xml_text(const char *s, char **copy, size_t *replaced)
{
	*copy = NULL;
	if (!s)
		return s;
	const char *p = s;
	while (*p && ((unsigned char)*p >= 0x20 || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	if (!*p)
		return s;
	struct strbuf sb = {0};
	sb_add(&sb, s, (size_t)(p - s));
	for (; *p; p++) {
		unsigned char ch = (unsigned char)*p;
		if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') {
			sb_adds(&sb, "\xEF\xBF\xBD");   /* U+FFFD */
			(*replaced)++;
		} else {
			sb_add(&sb, p, 1);
		}
	}
	return *copy = sb_steal(&sb);
}

void refi_xw_start(struct refi_xw *x, const char *name)
{
	x->bad |= xmlTextWriterStartElement(x->w, BAD_CAST name) < 0;
}

void refi_xw_end(struct refi_xw *x)
{
	x->bad |= xmlTextWriterEndElement(x->w) < 0;
}

void refi_xw_attr(struct refi_xw *x, const char *name, const char *v)
{
	char *copy;
	v = refi_xml_text(v, &copy, &x->replaced);
	if (v)
		x->bad |= xmlTextWriterWriteAttribute(x->w, BAD_CAST name, BAD_CAST v) < 0;
	free(copy);
}

void refi_xw_attr_int(struct refi_xw *x, const char *name, int64_t v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", (long long)v);
	refi_xw_attr(x, name, buf);
}

void refi_xw_text(struct refi_xw *x, const char *name, const char *text)
{
	char *copy;
	text = refi_xml_text(text, &copy, &x->replaced);
	x->bad |= xmlTextWriterWriteElement(x->w, BAD_CAST name, BAD_CAST text) < 0;
	free(copy);
}

void refi_xw_ref(struct refi_xw *x, const char *name, const char *guid)
{
	refi_xw_start(x, name);
	refi_xw_attr(x, "targetGUID", guid);
	refi_xw_end(x);
}
