/* refi/codes.c — the code tree as REFI-QDA writes it, for both formats:
 * a .qdc is a CodeBook, and a .qdpx's project.qde holds the same CodeBook
 * element, nested <Code guid name isCodable color> with a Description.
 *
 * One writer turns the project's tree into those elements; one reader
 * walks them and hands each code, taken apart, to the format's merge
 * (refi/qdc.c merges into the codebook, refi/qdpx_read.c makes rows).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "refi_int.h"

/* ---------------------------------------------------------------------- */
/* Writing */

/* Code c's Description (refi/desc.c): its position, and the anchors with
 * their citations and segments, which codebook_load does not keep, from
 * its row; *codable too.  Only the definition, as it stands, when that is
 * all there is and the position is index (its place among its siblings,
 * which the import takes for a Description without one): a
 * Description from another tool goes back as it came. */
static int code_desc(struct store *st, const struct codebook_code *c, long long index,
                     struct strbuf *sb, bool *codable, struct anker_err *err)
{
	struct store_stmt *s;
	struct strbuf more = {0};
	long long position = 0;
	int rc;
	if (store_prepare(st, "SELECT position, codable FROM code WHERE id = :id", &s, err) ||
	    store_bind_int(s, ":id", c->id, err))
		return ANKER_DB;
	rc = store_step(s, err);
	if (rc == 1)
		position = store_col_int(s, 0);
	*codable = rc != 1 || store_col_int(s, 1) != 0;
	store_done(s);
	if (rc < 0 || store_prepare(st, "SELECT text, citation, segment_guid FROM anchor "
	                                "WHERE code_id = :id ORDER BY position, id", &s, err) ||
	    store_bind_int(s, ":id", c->id, err))
		return ANKER_DB;
	while ((rc = store_step(s, err)) == 1)
		refi_desc_anchor(&more, store_col_text(s, 0), store_col_text(s, 1),
		                 store_col_null(s, 2) ? NULL : store_col_text(s, 2));
	store_done(s);
	for (size_t k = 0; k < c->nnotes && rc == 0; k++)
		refi_desc_note(&more, c->notes[k].label, c->notes[k].text);
	if (rc == 0 && !more.len && position == index && refi_desc_plain(c->number, c->definition)) {
		sb_adds(sb, c->definition);
	} else if (rc == 0) {
		refi_desc_head(sb, c->number, position, c->definition);
		sb_add(sb, sb_str(&more), more.len);
	}
	sb_free(&more);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

struct tree_out {
	struct store *st;
	const struct codebook *cb;
	struct refi_xw *x;
	refi_code_inside *inside;
	void *arg;
	struct anker_err *err;
};

/* Code i, index-th among its siblings, and its subcodes. */
static int write_code(struct tree_out *t, size_t i, long long index)
{
	const struct codebook_code *c = &t->cb->codes[i];
	struct strbuf desc = {0};
	bool codable;
	int rc = code_desc(t->st, c, index, &desc, &codable, t->err);
	if (rc) {
		sb_free(&desc);
		return rc;
	}
	refi_xw_start(t->x, "Code");
	refi_xw_attr(t->x, "guid", c->guid);
	refi_xw_attr(t->x, "name", c->name);
	refi_xw_attr(t->x, "isCodable", codable ? "true" : "false");
	if (codebook_color_valid(c->color))   /* RGBType takes "#rgb" too; anker stores "#rrggbb" */
		refi_xw_attr(t->x, "color", c->color);
	if (desc.len)
		refi_xw_text(t->x, "Description", sb_str(&desc));
	sb_free(&desc);
	if (t->inside)
		rc = t->inside(t->arg, c);
	/* codebook_load lists codes in tree order: the children follow. */
	long long k = 0;
	for (size_t j = i + 1; j < t->cb->ncodes && !rc; j++)
		if (t->cb->codes[j].parent == (int)i)
			rc = write_code(t, j, k++);
	refi_xw_end(t->x);
	return rc;
}

int refi_codes_write(struct store *st, const struct codebook *cb, struct refi_xw *x,
                     refi_code_inside *inside, void *arg, struct anker_err *err)
{
	struct tree_out t = { st, cb, x, inside, arg, err };
	int rc = ANKER_OK;
	long long k = 0;
	for (size_t i = 0; i < cb->ncodes && !rc; i++)
		if (cb->codes[i].parent < 0)
			rc = write_code(&t, i, k++);
	return rc;
}

/* ---------------------------------------------------------------------- */
/* Reading */

/* Every Code's GUID, valid and given once: importing a file that gives
 * one twice would put two of its codes in one row, and importing it again
 * would move that row back and forth.  Of several GUIDs given twice, the
 * message names the least, at its second place. */
struct dup {
	char guid[37];
	long line, first;
};

static int check_codes(xmlNodePtr parent, const char *file, struct refi_guids *seen,
                       struct dup *dup, struct anker_err *err)
{
	for (xmlNodePtr c = parent->children; c; c = c->next) {
		char g[37];
		long first;
		if (!refi_xml_is(c, "Code"))
			continue;
		if (!refi_xml_guid(c, "guid", g, file, err))
			return ANKER_INPUT;
		if (!refi_guids_add(seen, g, xmlGetLineNo(c), &first) &&
		    (!dup->guid[0] || strcmp(g, dup->guid) < 0)) {
			memcpy(dup->guid, g, sizeof g);
			dup->line = xmlGetLineNo(c);
			dup->first = first;
		}
		if (check_codes(c, file, seen, dup, err))
			return ANKER_INPUT;
	}
	return ANKER_OK;
}

int refi_codes_check(xmlNodePtr codes, const char *file, struct refi_guids *seen,
                     struct anker_err *err)
{
	struct dup dup = { "", 0, 0 };
	if (!codes)
		return ANKER_OK;
	if (check_codes(codes, file, seen, &dup, err))
		return ANKER_INPUT;
	if (dup.guid[0])
		return anker_err_set(err, ANKER_INPUT, "%s: line %ld: code GUID %s is given twice "
		                     "(also at line %ld)", file, dup.line, dup.guid, dup.first);
	return ANKER_OK;
}

struct tree_in {
	const char *file;
	refi_code_fn *fn;
	void *arg;
	struct anker_err *err;
};

/* A Code's name as anker keeps it: one line, so a tab or line break
 * (possible as a character reference) becomes a space; NULL when the
 * attribute is missing or empty. */
static char *code_name(xmlNodePtr el)
{
	char *name = refi_xml_prop(el, "name");
	for (char *p = name; p && *p; p++)
		if (*p == '\t' || *p == '\n' || *p == '\r')
			*p = ' ';
	if (name && !*name) {
		free(name);
		name = NULL;
	}
	return name;
}

static int read_code(struct tree_in *t, xmlNodePtr el, const struct refi_code *up, long index)
{
	struct refi_code c = { .parent = up ? up->guid : NULL, .index = index, .el = el };
	if (!refi_xml_guid(el, "guid", c.guid, t->file, t->err))
		return ANKER_INPUT;
	c.name = code_name(el);
	if (c.name && strstr(c.name, ">>")) {
		int rc = anker_err_set(t->err, ANKER_INPUT, "%s: line %ld: code name '%s' contains "
		                       "'>>', which separates the names in a path (rename the code)",
		                       t->file, xmlGetLineNo(el), c.name);
		free(c.name);
		return rc;
	}
	char *codable = refi_xml_prop(el, "isCodable");
	if (codable)
		c.codable = strcmp(codable, "false") == 0 || strcmp(codable, "0") == 0 ? "false"
		                                                                      : "true";
	free(codable);
	if (!refi_xml_color(el, c.color))
		c.color[0] = '\0';
	char *desc = refi_xml_child_text(el, "Description");
	refi_desc_parse(desc ? desc : "", &c.d);
	c.ours = desc && strncmp(desc, "== ", 3) == 0 && c.d.position >= 0;
	free(desc);
	struct strbuf path = {0};
	sb_addf(&path, "%s%s%s", up ? up->path : "", up ? " >> " : "", c.name ? c.name : c.guid);
	c.path = sb_str(&path);
	int rc = t->fn(t->arg, &c);
	long k = 0;
	for (xmlNodePtr s = el->children; s && !rc; s = s->next)
		if (refi_xml_is(s, "Code"))
			rc = read_code(t, s, &c, k++);
	sb_free(&path);
	free(c.name);
	refi_desc_free(&c.d);
	return rc;
}

int refi_codes_read(xmlNodePtr codes, const char *file, refi_code_fn *fn, void *arg,
                    struct anker_err *err)
{
	struct tree_in t = { file, fn, arg, err };
	long k = 0;
	int rc = ANKER_OK;
	for (xmlNodePtr c = codes ? codes->children : NULL; c && !rc; c = c->next)
		if (refi_xml_is(c, "Code"))
			rc = read_code(&t, c, NULL, k++);
	return rc;
}
