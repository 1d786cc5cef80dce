/* refi/refi_int.h — private to the .c files of refi/: the XML helpers of both
 * formats, reading and writing (refi/xml.c), the GUID table of an import
 * (refi/guids.c), the code tree both formats read and write
 * (refi/codes.c), the zip of a .qdpx export (refi/qdpx_zip.c), and the
 * state of a .qdpx import shared by the files that read one
 * (refi/qdpx_read.c, qdpx_stream.c, qdpx_held.c, qdpx_notes.c,
 * qdpx_sources.c). */
#ifndef ANKER_REFI_INT_H
#define ANKER_REFI_INT_H

#include <stdio.h>

#include "../lazy/lazy.h"   /* libxml2 and libzip, loaded on first use */

#include "refi.h"

/* libxml2, and libzip for a .qdpx (ZIP), loaded by each import and export
 * before anything else (lazy/lazy.h); ANKER_IO when one is missing. */
int refi_libs_load(bool zip, struct anker_err *err);

/* ---------------------------------------------------------------------- */
/* Reading.  Element names are compared without namespace: exporters
 * differ (codebook:1.0, codebook:0:4, project:1.0). */

bool refi_xml_is(xmlNodePtr n, const char *name);
/* The first child element called name, or NULL (also when n is NULL). */
xmlNodePtr refi_xml_child(xmlNodePtr n, const char *name);
/* An attribute as a malloc'd string, NFC (as anker keeps text), or NULL. */
/* An attribute's value as the parsed tree has it, not copied (valid while
 * n is) and not normalised: NULL when n has no such attribute, or one
 * made of more than text (then refi_xml_prop).  For what is checked to be
 * ASCII (GUIDs, numbers, times) before it is kept. */
const char *refi_xml_attr(xmlNodePtr n, const char *name);
/* Is s ASCII without CR?  Then refi_xml_prop would give it back
 * unchanged (NFC, no BOM, no line end to change), and a copy is all it
 * needs: most attributes are (GUIDs, times, positions). */
bool refi_xml_plain(const char *s);
char *refi_xml_prop(xmlNodePtr n, const char *name);
/* The text of n (malloc'd, "" when it is empty), NFC as the above. */
char *refi_xml_content(xmlNodePtr n);
/* The text of the first child element called name (malloc'd, "" when it
 * is empty), NULL when there is none. */
char *refi_xml_child_text(xmlNodePtr n, const char *name);
/* The same as the file has it, not normalised: a source's text, whose
 * selections count the file's code points (corpus_posmap maps them). */
char *refi_xml_child_raw(xmlNodePtr n, const char *name);
/* A REFI-QDA GUID ("{...}" braces allowed) into out, lowercased; false
 * when s is NULL or not 8-4-4-4-12 hex digits. */
bool refi_guid_parse(const char *s, char out[37]);
/* The GUID attribute attr of n into out as refi_guid_parse gives it;
 * false when it is missing or malformed, with "FILE: line N: <EL> ATTR
 * 'VALUE' is not a GUID" in err (ANKER_INPUT). */
bool refi_xml_guid(xmlNodePtr n, const char *attr, char out[37], const char *file,
                   struct anker_err *err);
/* The same two packed as refi_guid_pack packs them, without making the
 * text: for what is held or looked up by the hundred thousand. */
bool refi_guid_scan(const char *s, uint64_t out[2]);
bool refi_xml_guid_packed(xmlNodePtr n, const char *attr, uint64_t out[2], const char *file,
                          struct anker_err *err);
/* The color attribute of n, "#RGB" or "#RRGGBB" in any case, as
 * "#rrggbb"; false (out untouched) when it is missing or malformed. */
bool refi_xml_color(xmlNodePtr n, char out[8]);
/* ANKER_INPUT "NAME:LINE:COL: malformed XML: MESSAGE" (its first line;
 * libxml2's depth limit said plainly), for a parse that failed. */
int refi_xml_malformed(struct anker_err *err, const char *name, int line, int col,
                       const char *message);
/* Parse buf as the XML file name without network, DTD loading or entity
 * expansion.  ANKER_INPUT for malformed XML ("NAME:LINE:COL: malformed
 * XML: what") and for a DOCTYPE ("NAME: a DOCTYPE is not accepted"), so
 * that no entity can be declared; ANKER_NOMEM.  The caller owns *doc and
 * checks its root element. */
int refi_xml_parse(const char *buf, size_t len, const char *name, xmlDocPtr *doc,
                   struct anker_err *err);

/* ---------------------------------------------------------------------- */
/* Writing.  One xmlTextWriter with what went wrong: a libxml2 call that
 * failed sets bad (the caller reports it once at the end), control
 * characters written as U+FFFD are counted in replaced (refi_xml_text). */

struct refi_xw {
	xmlTextWriterPtr w;
	bool bad;
	size_t replaced;
};

void refi_xw_start(struct refi_xw *x, const char *name);
void refi_xw_end(struct refi_xw *x);
/* An attribute; none when v is NULL. */
void refi_xw_attr(struct refi_xw *x, const char *name, const char *v);
void refi_xw_attr_int(struct refi_xw *x, const char *name, int64_t v);
/* An element holding text. */
void refi_xw_text(struct refi_xw *x, const char *name, const char *text);
/* An empty element pointing at guid: <NAME targetGUID="guid"/>. */
void refi_xw_ref(struct refi_xw *x, const char *name, const char *guid);

/* ---------------------------------------------------------------------- */
/* Writing a .qdpx (refi/qdpx_write.c the XML, refi/qdpx_zip.c the zip). */

/* The source texts to add to the zip, by their document ids: read when
 * libzip asks for them.  len: the text's bytes (document.bytes). */
struct qw_texts {
	struct qw_source { char guid[37]; int64_t id; uint64_t len; } *t;
	size_t n;
};

/* Write the zip at path: project.qde from qde (a temporary file written
 * to its end, taken over: closed on every path) and sources/GUID.txt for
 * each of t, read from st (inside the caller's read transaction, so that
 * the texts are those project.qde names).  libzip replaces path only when
 * all of it was written.  ANKER_IO (libzip's message, or why a text could
 * not be read), ANKER_CANCELLED from the progress callback. */
int qw_zip_write(struct store *st, const char *path, FILE *qde, const struct qw_texts *t,
                 struct anker_err *err);

/* ---------------------------------------------------------------------- */
/* A table of GUIDs, each with a number (an index, a line): the 36
 * characters refi_guid_parse gives are the key.  A zeroed struct is an
 * empty table; the import that fills it frees it on every path. */

struct refi_guids {
	struct refi_guid_slot *slot;
	size_t cap, n;
};

/* Add guid with value.  False, changing nothing, when guid is there
 * already: the first stays, and its value is put in *old (may be NULL). */
bool refi_guids_add(struct refi_guids *t, const char *guid, long value, long *old);
/* The value of guid, -1 when it is not in the table. */
long refi_guids_get(const struct refi_guids *t, const char *guid);

/* A set of GUIDs that answers "perhaps" or "no" (a Bloom filter): for
 * hundreds of thousands held in 4 MB, where a table would take 40 MB, by
 * one that looks up what it answers "perhaps" for.  A zeroed struct is
 * empty; free with refi_guid_bloom_free. */
struct refi_guid_bloom {
	uint64_t *bits;
};
/* Add guid (in space, 0 or 1: two sets in one); was it perhaps there? */
bool refi_guid_bloom_add(struct refi_guid_bloom *b, int space, const char *guid);
void refi_guid_bloom_free(struct refi_guid_bloom *b);
void refi_guids_free(struct refi_guids *t);

/* A GUID refi_guid_parse gave in 16 bytes, and back, for what keeps
 * hundreds of thousands of them (the Notes of an import). */
void refi_guid_pack(const char *guid, uint64_t out[2]);
void refi_guid_unpack(const uint64_t in[2], char out[37]);
/* The same as refi_guids_add and refi_guids_get for a GUID packed: what
 * is held packed is looked up without making its text. */
bool refi_guids_add_packed(struct refi_guids *t, const uint64_t g[2], long value, long *old);
long refi_guids_get_packed(const struct refi_guids *t, const uint64_t g[2]);

/* A GUID that is the same every time for the same ns (the project's
 * GUID), kind ("set", "variable", "coding", ...) and key (a name, a
 * segment's GUID): for what anker does not keep a GUID of, so that each
 * export gives it the same one.  An RFC 9562 version 8 (name-based,
 * hashed) UUID, lowercase. */
void refi_guid_derive(char out[37], const char *ns, const char *kind, const char *key);

/* ---------------------------------------------------------------------- */
/* The code tree (refi/codes.c): the nested <Code> elements of a .qdc's
 * CodeBook and of a .qdpx's, the same in both formats. */

/* Write the codes of cb (codebook_load's, in its order) as nested <Code>
 * elements: guid, name, isCodable, color (when it is a valid "#rrggbb"),
 * and a Description holding anker's fields (refi/desc.c), the position,
 * codable flag and anchors read from st.  inside (may be NULL) writes what
 * else a Code holds after its Description, before its subcodes: the
 * .qdpx's NoteRefs to the code's memos.  Returns ANKER_DB or the status
 * inside returned; a libxml2 failure is left in x->bad. */
typedef int refi_code_inside(void *arg, const struct codebook_code *c);
int refi_codes_write(struct store *st, const struct codebook *cb, struct refi_xw *x,
                     refi_code_inside *inside, void *arg, struct anker_err *err);

/* Check the <Code> elements below codes (may be NULL) before reading
 * them: each has a valid GUID, and no GUID is given twice ("FILE: line N:
 * code GUID G is given twice (also at line M)").  Each GUID goes into
 * seen, with its line; the caller owns seen.  ANKER_INPUT. */
int refi_codes_check(xmlNodePtr codes, const char *file, struct refi_guids *seen,
                     struct anker_err *err);

/* One Code as the file gives it, handed to the format's merge.  Strings
 * are the walk's and live until fn returns. */
struct refi_code {
	char guid[37];          /* the file's; fn may put in the GUID of the project's
	                         * code it merged into: the subcodes' parent is then that */
	const char *parent;     /* the parent's guid as fn left it; NULL at the top */
	const char *path;       /* names from the top, " >> " between (a nameless
	                         * code's is its GUID) */
	char *name;             /* one line (tab and line breaks as spaces); NULL
	                         * when missing or empty */
	const char *codable;    /* "true", "false" (isCodable "false" or "0"), or
	                         * NULL when not given */
	char color[8];          /* "#rrggbb" from "#RGB" or "#RRGGBB"; "" when
	                         * missing or malformed */
	struct refi_desc d;     /* the Description taken apart */
	bool ours;              /* the Description has anker's fields */
	long index;             /* among its sibling Codes */
	xmlNodePtr el;
};
typedef int refi_code_fn(void *arg, struct refi_code *c);

/* Walk the <Code> elements below codes (may be NULL), once
 * refi_codes_check passed them, parents before their subcodes, calling fn
 * with each.  Refuses (ANKER_INPUT, "FILE: line N: ...") a name containing
 * ">>" or a control character (codebook_name_check, once tabs and line
 * breaks are spaces); stops at the first status fn returns that is not ANKER_OK, and
 * returns it. */
int refi_codes_read(xmlNodePtr codes, const char *file, refi_code_fn *fn, void *arg,
                    struct anker_err *err);

/* ---------------------------------------------------------------------- */
/* Reading a .qdpx: one import's state.  Everything in it is owned by the
 * import and freed by qdpx_read.c's qr_free on every path; the XML nodes
 * are the parsed project.qde's. */

struct zip;

/* A GUID attribute of an element held (refi/qdpx_held.c): its value
 * packed (refi_guid_pack), or why there is none, with the element's line
 * for the message that refuses it. */
struct qr_hguid {
	uint64_t g[2];
	uint32_t line;
	uint32_t bad;                /* 0: g is the value; QR_ABSENT: no attribute; else
	                              * 1 + the index of the value as given in qr_held.bad */
};
#define QR_ABSENT UINT32_MAX
#define QR_NONE SIZE_MAX         /* a held string that is not there */

/* The Sources of project.qde, held from the one pass over it until the
 * Notes and Sets they refer to are read: what the import takes from each
 * element, typed and packed (a 200,000-selection project's Sources are
 * 120 MB of XML), each source's in allocations of its own, freed once it
 * is read; the GUIDs that repeat (users, codes) once in ids, referred to
 * by index. */
struct qr_held {
	struct qr_hsrc {
		size_t el;               /* element name (TextSource, PictureSource, ...) */
		struct qr_hguid guid;
		size_t name, path, desc, created;   /* in arena */
		char *text;              /* PlainTextContent as given (not NFC), NULL when none */
		struct qr_hvar {         /* its VariableValues */
			struct qr_hguid ref; /* the VariableRef's targetGUID (QR_ABSENT: none) */
			uint32_t line;
			bool date;           /* the value is a DateTimeValue */
			size_t value;        /* NFC; QR_NONE when there is no value element */
		} *var;
		struct qr_hguid *ref;    /* NoteRefs: its own (nref), then its selections' */
		struct qr_hsel {         /* its PlainTextSelections */
			struct qr_hguid guid;
			uint32_t user;       /* creatingUser in ids (the line is guid's) */
			int64_t start, end;  /* as given; -1 when missing or not a number */
			size_t created, modified, memo;
			uint32_t ncod, nref; /* its Codings and NoteRefs follow the one before's */
		} *sel;
		struct qr_hcod {         /* its selections' Codings */
			struct qr_hguid guid;
			uint32_t user;       /* creatingUser in ids (the line is guid's) */
			uint32_t code, code_line;   /* its code in ids, and the line giving it */
			bool coderef;        /* code is its CodeRef's targetGUID, not its own */
		} *cod;
		uint32_t nvar, nref;
		size_t nrefs, nsel, ncod, cap[4];
		struct strbuf arena;     /* its strings, each NUL-terminated */
	} *src;
	size_t nsrc, src_cap;
	struct qr_hguid *ids;        /* their lines unused */
	size_t nids, ids_cap;
	struct refi_guids id_ix;     /* the GUIDs among ids: index in ids */
	char **bad;                  /* GUID attributes that are not GUIDs, as given */
	size_t nbad;
};

struct qr {
	struct store *st;
	struct zip *z;
	const char *path;
	struct refi_qdpx_report *rep;
	struct anker_err *err;
	bool replace;                /* --replace: the file's rows win */
	/* What later elements refer to by GUID: each list in the file's
	 * order, and a table from GUID to the first entry with it. */
	struct qr_user { char guid[37]; char *name; } *users;
	size_t nusers;
	struct refi_guids user_ix;
	struct qr_var { char guid[37]; char *name; const char *type; } *vars;
	size_t nvars;
	struct refi_guids var_ix;
	struct qr_note {             /* refi/qdpx_notes.c keeps a Note as this */
		uint64_t guid[2];        /* refi_guid_pack: there are many */
		bool used;
		unsigned char has;       /* which of the strings in s the Note gives */
		long line;
		char *s;                 /* its strings, each NUL-terminated, packed */
	} *notes;
	size_t nnotes, notes_cap;
	struct qr_ref { uint64_t guid[2]; long line; } *refs;   /* the Project's NoteRefs */
	size_t nrefs, refs_cap;
	struct refi_guids note_ix;
	struct refi_guids codes;     /* the codes of the CodeBook */
	xmlNodePtr *sets;            /* Sets, and the first one of each source */
	size_t nsets;
	struct refi_guids set_of;
	struct refi_guids seen[3];   /* GUIDs of sources, selections, codings so far */
	struct qr_held held;         /* the Sources, until they are read */
	struct anker_map sources;    /* zip entries sources/NAME by NAME (qr_zip_source) */
	bool sources_indexed;
	int apply_rc;                /* the first row that failed (qr_row_add) */
	uint64_t max_size;           /* of all entries read, inflated */
	uint64_t total;              /* bytes read from the zip into memory */
	uint64_t qde_max;            /* project.qde inflated, streamed: the disk's free
	                              * space, not below max_size */
	char when[64];               /* for a missing timestamp (qr_time_attr) */
	size_t staged;               /* rows staged since the last qr_bulk_flush, less
	                              * those the project had (qr_bulk_settle) */
	size_t stage_n, stage_seen;  /* temp.qr_stage's rows, and of them looked up */
	struct refi_guids staged_ids[2];   /* their GUIDs: segments, memos (qr_bulk_stage) */
	struct refi_guid_bloom staged_ever;   /* the same since the import began */
	int lacked;                  /* 1 + which of segments (bit 0) and memos (bit 1)
	                              * the project had none of when the first row was
	                              * staged; 0 before */
	char **indices;              /* the segment indices dropped until qr_bulk_finish:
	                              * how to make them again */
	size_t nindices;
	int64_t cache_size;          /* the store's, restored by qr_bulk_end */
	/* rows the import would change (refi/qdpx_conflict.c) */
	size_t nconflicts;
	struct strbuf conflicts;      /* the first few, described */
};

/* refi/qdpx_read.c */
/* A warning for the report ("what was skipped and why"). */
void qr_warn(struct qr *q, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A row (entity "coder", "code", "document") applied at once, json taken
 * over from the buffer and freed; a failure is kept in q->apply_rc, and
 * rows after it are dropped. */
void qr_row_add(struct qr *q, const char *entity, struct strbuf *json);
/* A segment row's columns as its JSON has them, so that one staged is
 * added without taking the JSON apart (reviews and memos: JSON arrays). */
struct qr_seg {
	const char *guid, *doc, *code, *coder, *coder_guid;   /* coder_guid NULL when none */
	int64_t start, end, weight;
	const char *memo, *created, *modified, *reviews, *memos;
	const struct qr_smemos *smemos;   /* memos as columns, NULL when none */
};
/* A memo row's columns, likewise (doc, code, segment: NULL but the one
 * that is its target). */
struct qr_memo {
	const char *guid, *type, *target, *doc, *code, *segment, *author, *text;
	const char *created, *modified;
};
/* qr_row_add for a segment or memo: staged (qr_bulk_stage) when the
 * project lacks it, its columns for the bulk statements and its JSON for
 * a row they leave to be applied one by one; else applied at once. */
void qr_segment_add(struct qr *q, const struct qr_seg *seg, struct strbuf *json);
void qr_memo_add(struct qr *q, const struct qr_memo *memo, struct strbuf *json);
/* One row applied with store_row_apply (*json freed and set NULL), and
 * logged when it is new or changed; a change of a row the project has is
 * a conflict (qr_conflict) unless q->replace.  ANKER_DB, ANKER_INPUT and
 * what store_row_apply returns, the message naming the file and row. */
int qr_apply_row(struct qr *q, const char *entity, char **json);
/* Zip entry i, whole, into a malloc'd NUL-terminated *out; ANKER_INPUT
 * when it is damaged, or larger than q->max_size together with all
 * entries read so far (the message names --max-size). */
int qr_zip_read(struct qr *q, int64_t i, char **out, size_t *len);
/* The entry for internal://NAME: sources/NAME, any case of "sources";
 * -1 when there is none. */
int64_t qr_zip_source(struct qr *q, const char *name);
/* Is g a code of this file's CodeBook or of the project?  ANKER_DB. */
int qr_code_known(struct qr *q, const char *g, bool *known);

/* Set q->when from the Project element root (its creationDateTime), else
 * from when entry qde was written into the zip, else now. */
void qr_file_time(struct qr *q, xmlNodePtr root, int64_t qde);

/* An xs:dateTime attribute of n (may be NULL), else q->when: the time a
 * missing timestamp stands for. */
void qr_time_attr(const struct qr *q, xmlNodePtr n, const char *name, char out[64]);

/* refi/qdpx_notes.c */
/* The name of the user a held creatingUser attribute (of element el)
 * names; *name NULL when there is no such attribute.  ANKER_INPUT for a
 * malformed or unknown GUID. */
int qr_held_user(struct qr *q, const struct qr_hguid *h, const char *el, const char **name);
/* Index Users (each also a "coder" row) and Variables, in this order.
 * ANKER_INPUT for an item without a valid GUID. */
int qr_read_lists(struct qr *q, xmlNodePtr root);
/* Index one <Note> of <Notes>, in the file's order; ANKER_INPUT for one
 * without a valid GUID or with the GUID of an earlier one. */
int qr_note_add(struct qr *q, xmlNodePtr n);
void qr_notes_free(struct qr *q);
/* The NoteRefs of el that are memos, as "memo" rows on target ("project",
 * "document", "code", "segment") with GUID tguid.  ANKER_INPUT. */
int qr_memo_rows(struct qr *q, xmlNodePtr el, const char *target, const char *tguid);
/* The same for n held NoteRefs (their targetGUIDs). */
int qr_memo_refs(struct qr *q, const struct qr_hguid *refs, size_t n, const char *target,
                 const char *tguid);
/* A selection's memos as columns too (type "segment" and their segment
 * seg), so that staging them takes no JSON apart (qr_bulk_stage); free
 * with qr_smemos_free. */
struct qr_smemos {
	struct qr_smemo {
		char guid[37], type[64];
		char *text;                          /* malloc'd */
		const char *author, *created, *modified;   /* author NULL when none */
	} *v;
	size_t n;
	char seg[37];
};
void qr_smemos_free(struct qr_smemos *sm);
/* A selection's n NoteRefs: its weight, its reviews and memos as JSON
 * arrays (appended to reviews and memos) and its memos as columns (sm)
 * for the segment sguid.  ANKER_INPUT. */
int qr_selection_notes(struct qr *q, const struct qr_hguid *refs, size_t n, const char *sguid,
                       int *weight, struct strbuf *reviews, struct strbuf *memos,
                       struct qr_smemos *sm);
/* One of the Project's NoteRefs, kept (as a GUID and a line, not a
 * subtree: there may be many) for qr_project_memos.  ANKER_INPUT for a
 * malformed GUID. */
int qr_project_ref(struct qr *q, xmlNodePtr r);
/* The project's memos: its NoteRefs, and the Notes nothing refers to. */
int qr_project_memos(struct qr *q);

/* refi/qdpx_check.c */
/* Refuse (ANKER_INPUT, "FILE: line N: user GUID G is given twice (also at
 * line M)") a file that gives a user, variable or set GUID twice.  Notes
 * are checked by qr_note_add, codes by refi_codes_check. */
int qr_check_guids(struct qr *q, xmlNodePtr root);
/* The same for one element of <Sources> (each in the file's order): its
 * GUID, its selections' and their codings', against those before it
 * (q->seen). */
int qr_check_source(struct qr *q, xmlNodePtr s);
/* Once Variables are indexed (qr_read_lists): refuse a held source s that
 * gives one variable (by name) twice, naming both lines.  ANKER_INPUT. */
int qr_check_vars(struct qr *q, const struct qr_hsrc *s);

/* refi/qdpx_held.c */
/* The GUID attribute attr of n into *h (its line, its value or why not). */
void qr_hguid_take(struct qr *q, xmlNodePtr n, const char *attr, struct qr_hguid *h);
/* *h as refi_guid_parse gives it into out; false when it is missing or
 * malformed, with "FILE: line N: <EL> ATTR 'VALUE' is not a GUID" in
 * q->err (ANKER_INPUT), as refi_xml_guid says it. */
bool qr_hguid_get(struct qr *q, const struct qr_hguid *h, const char *el, const char *attr,
                  char out[37]);
/* Held id i (qr_held.ids) as a GUID attribute of the element at line. */
struct qr_hguid qr_held_id(const struct qr *q, uint32_t i, uint32_t line);
/* The attribute as given (buf holds it when it is a GUID); NULL when the
 * element has none. */
const char *qr_hguid_text(const struct qr *q, const struct qr_hguid *h, char buf[37]);
/* A string held for source s: NULL for QR_NONE. */
const char *qr_held_str(const struct qr_hsrc *s, size_t at);
/* Element s of <Sources> checked (qr_check_source) and held.  ANKER_INPUT. */
int qr_hold_source(struct qr *q, xmlNodePtr s);
/* Each held source read (qr_check_vars, qr_read_source) in the file's
 * order, and freed.  ANKER_INPUT, ANKER_DB. */
int qr_held_read(struct qr *q);
void qr_held_free(struct qr *q);

/* refi/qdpx_stream.c */
/* The one pass over project.qde (zip entry i), streamed: refuse it when
 * it is not well-formed XML, has a DOCTYPE, its root is not <Project> or
 * it inflates to more than q->qde_max; set q->when (qr_file_time), index
 * the Notes (qr_note_add) and NoteRefs (qr_project_ref), check and hold
 * the Sources (qr_hold_source), and copy the Project with the children the
 * import reads besides (Users, CodeBook, Variables, Sets) into *doc, which
 * the caller frees.  ANKER_INPUT, ANKER_NOMEM. */
int qr_qde_index(struct qr *q, int64_t i, xmlDocPtr *doc);

/* refi/qdpx_bulk.c: segments and memos the project lacks, added in bulk.
 * qr_bulk_begin before the first row (temporary tables, in memory),
 * qr_bulk_end after the transaction.  qr_bulk_stage keeps a segment's or
 * memo's JSON and columns (guid: its GUID), and adds the staged rows every few thousand;
 * qr_bulk_flush adds them (at the end, or before what refers to them),
 * applying with qr_apply_row the rows the bulk statements do not cover (a
 * reference not found, an identical coding, a GUID twice), so that they
 * fail or are taken as ever, and logs the rest as inserted, in the
 * import's step (store_log_bulk).  ANKER_DB, and what qr_apply_row
 * returns. */
int qr_bulk_begin(struct qr *q);
int qr_bulk_stage(struct qr *q, const char *guid, const char *json, const struct qr_seg *seg,
                  const struct qr_memo *memo);
int qr_bulk_flush(struct qr *q);
/* The last qr_bulk_flush, and what it put off till the end made. */
int qr_bulk_finish(struct qr *q);
/* The staged rows the project has already applied with qr_apply_row, in
 * the order they came, before a row is applied at once (so that rows are
 * applied in the order they came, as when each was looked up alone). */
int qr_bulk_settle(struct qr *q);
void qr_bulk_end(struct qr *q);

/* refi/qdpx_conflict.c */
/* Row entity, which the project has as before (store_row_json), would be
 * after once the file's is applied: one more conflict, the first few
 * described.  ANKER_DB. */
int qr_conflict(struct qr *q, const char *entity, const char *before, const char *after);
/* Refuse the import (ANKER_INPUT): how many rows it would overwrite, the
 * first few, and what to do instead (--replace, anker merge). */
int qr_conflicts_refuse(struct qr *q);

/* refi/qdpx_sources.c */
/* The Sets of sources as their groups (before the sources are read); Sets
 * of codes are skipped with a warning.  ANKER_DB. */
int qr_read_sets(struct qr *q, xmlNodePtr root);
/* One held element of <Sources>: a TextSource as a "document" row
 * (applied before the next is read), its selections as "segment" rows;
 * another kind of source is skipped with a warning.  ANKER_INPUT,
 * ANKER_DB. */
int qr_read_source(struct qr *q, struct qr_hsrc *s);
/* The Project's name as the title (when the project has none) and the
 * GUIDs of sets and variables, in meta for the export.  ANKER_DB. */
int qr_project_meta(struct qr *q, xmlNodePtr root);

#endif
