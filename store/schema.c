/* store/schema.c — the project schema and its migrations, in one list,
 * and the code that applies them.
 *
 * Each entry takes a file from version N-1 to N.  Version 1 is the whole
 * data model of SPEC §1.  A new version is one more entry at the end; never
 * edit an entry that has shipped.
 */
#include <stdio.h>
#include <stddef.h>

#include "store_int.h"

static const char *const schema_v1[] = {

	/* One row: the project itself. */
	"CREATE TABLE project ("
	"  id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  guid TEXT NOT NULL,"
	"  title TEXT NOT NULL DEFAULT '',"
	"  created TEXT NOT NULL);",
	"CREATE TABLE meta ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL);",
	"CREATE TABLE document ("
	"  id INTEGER PRIMARY KEY,"
	"  guid TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL UNIQUE,"
	"  grp TEXT NOT NULL DEFAULT '',"
	"  text TEXT NOT NULL,"
	"  bytes INTEGER NOT NULL,"
	"  chars INTEGER NOT NULL,"
	"  paragraphs INTEGER NOT NULL,"
	"  source TEXT NOT NULL DEFAULT '',"
	"  imported TEXT NOT NULL);",
	"CREATE TABLE doc_var ("
	"  doc_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,"
	"  name TEXT NOT NULL,"
	"  type TEXT NOT NULL CHECK (type IN ('text','integer','float','boolean','date')),"
	"  value TEXT NOT NULL,"
	"  PRIMARY KEY (doc_id, name)) WITHOUT ROWID;",
	/* Speaker turns, found at import: for retrieval by speaker and for
	 * coding by turn without re-parsing the text. */
	"CREATE TABLE turn ("
	"  doc_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,"
	"  n INTEGER NOT NULL,"
	"  start INTEGER NOT NULL,"
	"  \"end\" INTEGER NOT NULL,"
	"  para_first INTEGER NOT NULL,"
	"  para_last INTEGER NOT NULL,"
	"  speaker TEXT NOT NULL,"
	"  ts_start INTEGER,"
	"  ts_end INTEGER,"
	"  PRIMARY KEY (doc_id, n)) WITHOUT ROWID;",
	"CREATE TABLE code ("
	"  id INTEGER PRIMARY KEY,"
	"  guid TEXT NOT NULL UNIQUE,"
	"  number TEXT NOT NULL DEFAULT '',"
	"  name TEXT NOT NULL,"
	"  parent_id INTEGER REFERENCES code(id),"
	"  position INTEGER NOT NULL DEFAULT 0,"
	"  color TEXT NOT NULL DEFAULT '#808080',"
	"  codable INTEGER NOT NULL DEFAULT 1,"
	"  definition TEXT NOT NULL DEFAULT '',"
	"  created TEXT NOT NULL,"
	"  modified TEXT NOT NULL);"
	"CREATE UNIQUE INDEX code_number ON code(number) WHERE number <> '';"
	"CREATE INDEX code_parent ON code(parent_id);",
	"CREATE TABLE anchor ("
	"  id INTEGER PRIMARY KEY,"
	"  code_id INTEGER NOT NULL REFERENCES code(id) ON DELETE CASCADE,"
	"  position INTEGER NOT NULL,"
	"  text TEXT NOT NULL,"
	"  citation TEXT NOT NULL DEFAULT '',"
	"  segment_guid TEXT);"
	"CREATE INDEX anchor_code ON anchor(code_id, position);",
	"CREATE TABLE code_note ("
	"  id INTEGER PRIMARY KEY,"
	"  code_id INTEGER NOT NULL REFERENCES code(id) ON DELETE CASCADE,"
	"  position INTEGER NOT NULL,"
	"  label TEXT NOT NULL,"
	"  text TEXT NOT NULL);"
	"CREATE INDEX code_note_code ON code_note(code_id, position);",
	"CREATE TABLE coder ("
	"  id INTEGER PRIMARY KEY,"
	"  guid TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL UNIQUE);",
	"CREATE TABLE segment ("
	"  id INTEGER PRIMARY KEY,"
	"  guid TEXT NOT NULL UNIQUE,"
	"  doc_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,"
	"  code_id INTEGER NOT NULL REFERENCES code(id),"
	"  coder_id INTEGER NOT NULL REFERENCES coder(id),"
	"  start INTEGER NOT NULL CHECK (start >= 0),"
	"  \"end\" INTEGER NOT NULL,"
	"  weight INTEGER NOT NULL DEFAULT 0 CHECK (weight BETWEEN 0 AND 100),"
	"  memo TEXT NOT NULL DEFAULT '',"
	"  created TEXT NOT NULL,"
	"  modified TEXT NOT NULL,"
	"  CHECK (start < \"end\"),"
	"  UNIQUE (doc_id, code_id, coder_id, start, \"end\"));"
	"CREATE INDEX segment_code ON segment(code_id, doc_id, start);"
	"CREATE INDEX segment_doc ON segment(doc_id, start);"
	"CREATE INDEX segment_coder ON segment(coder_id);",
	"CREATE TABLE review ("
	"  id INTEGER PRIMARY KEY,"
	"  segment_id INTEGER NOT NULL REFERENCES segment(id) ON DELETE CASCADE,"
	"  verdict TEXT NOT NULL CHECK (verdict IN ('fits','misfit','borderline')),"
	"  comment TEXT NOT NULL DEFAULT '',"
	"  reviewer_id INTEGER NOT NULL REFERENCES coder(id),"
	"  created TEXT NOT NULL);"
	"CREATE INDEX review_segment ON review(segment_id);",
	"CREATE TABLE memo ("
	"  id INTEGER PRIMARY KEY,"
	"  guid TEXT NOT NULL UNIQUE,"
	"  type TEXT NOT NULL CHECK (type IN ('definition','method','theory','free')),"
	"  target TEXT NOT NULL CHECK (target IN ('project','document','code','segment')),"
	"  doc_id INTEGER REFERENCES document(id) ON DELETE CASCADE,"
	"  code_id INTEGER REFERENCES code(id) ON DELETE CASCADE,"
	"  segment_id INTEGER REFERENCES segment(id) ON DELETE CASCADE,"
	"  author_id INTEGER REFERENCES coder(id),"
	"  text TEXT NOT NULL,"
	"  created TEXT NOT NULL,"
	"  modified TEXT NOT NULL);",
	/* The change log: every change with before and after (JSON).  The
	 * rows of one user action share a step: the unit of undo/redo. */
	"CREATE TABLE log ("
	"  id INTEGER PRIMARY KEY,"
	"  step INTEGER NOT NULL,"
	"  time TEXT NOT NULL,"
	"  coder TEXT NOT NULL,"
	"  action TEXT NOT NULL,"
	"  entity TEXT NOT NULL,"
	"  guid TEXT,"
	"  before TEXT,"
	"  after TEXT,"
	"  undone INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX log_step ON log(step);",
	/* Saved analysis tables (--save NAME). */
	"CREATE TABLE result ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  kind TEXT NOT NULL,"
	"  params TEXT NOT NULL,"
	"  coders TEXT NOT NULL,"
	"  created TEXT NOT NULL,"
	"  content TEXT NOT NULL);",
	NULL
};

/* Version 2: indices for analysis (freq, matrix, cooc) and retrieval. */
static const char *const schema_v2[] = {
	/* Co-occurrence reads every segment in document order: with all the
	 * columns it needs in the index that is one index scan, no table
	 * lookups and no sort. */
	"CREATE INDEX segment_span ON segment(doc_id, start, \"end\", code_id, coder_id);",
	/* Frequencies and matrices for one coder (--coder), and by coder:
	 * grouped by code and document straight from the index. */
	"CREATE INDEX segment_coder_code ON segment(coder_id, code_id, doc_id);",
	/* Retrieval of one code's segments: every listed column in the index,
	 * so 5,000 segments scattered over a million cost no table lookups. */
	"CREATE INDEX segment_code_cover ON segment(code_id, doc_id, start, \"end\", coder_id, "
	"weight, guid, memo);",
	/* Segments per code and document, kept by triggers: frequencies and
	 * the code x document matrix read this instead of every segment. */
	"CREATE TABLE code_doc ("
	"  code_id INTEGER NOT NULL,"
	"  doc_id INTEGER NOT NULL,"
	"  n INTEGER NOT NULL,"
	"  PRIMARY KEY (code_id, doc_id)) WITHOUT ROWID;",
	"INSERT INTO code_doc SELECT code_id, doc_id, COUNT(*) FROM segment GROUP BY code_id, doc_id;",
	"CREATE TRIGGER code_doc_insert AFTER INSERT ON segment BEGIN"
	"  INSERT INTO code_doc VALUES (new.code_id, new.doc_id, 1)"
	"    ON CONFLICT DO UPDATE SET n = n + 1;"
	"END;",
	"CREATE TRIGGER code_doc_delete AFTER DELETE ON segment BEGIN"
	"  UPDATE code_doc SET n = n - 1 WHERE code_id = old.code_id AND doc_id = old.doc_id;"
	"  DELETE FROM code_doc WHERE code_id = old.code_id AND doc_id = old.doc_id AND n <= 0;"
	"END;",
	"CREATE TRIGGER code_doc_update AFTER UPDATE OF code_id, doc_id ON segment BEGIN"
	"  UPDATE code_doc SET n = n - 1 WHERE code_id = old.code_id AND doc_id = old.doc_id;"
	"  DELETE FROM code_doc WHERE code_id = old.code_id AND doc_id = old.doc_id AND n <= 0;"
	"  INSERT INTO code_doc VALUES (new.code_id, new.doc_id, 1)"
	"    ON CONFLICT DO UPDATE SET n = n + 1;"
	"END;",
	NULL
};

/* Version 3: memo indices; undo per coder and by step number (log.undone 2 now means
 * "off the coder's redo path", still redoable by number); where each
 * coder left the TUI. */
static const char *const schema_v3[] = {
	/* Memos by what they are on: a segment's, document's or code's memos,
	 * and SQLite's ON DELETE CASCADE of each, scanned the whole memo table
	 * (a .qdpx import of 35,000 notes spent 87 % of its time there). */
	"CREATE INDEX memo_segment ON memo(segment_id);",
	"CREATE INDEX memo_doc ON memo(doc_id);",
	"CREATE INDEX memo_code ON memo(code_id);",
	/* Undo and redo look for the other changes of a step's rows (a later
	 * step that is done, an earlier one that is undone: conflicts) ... */
	"CREATE INDEX log_row ON log(entity, guid, step);",
	/* ... and for a coder's newest done and oldest undone steps. */
	"CREATE INDEX log_coder ON log(coder, undone, step);",
	/* Settings per coder (store_coder_get): the TUI's last document,
	 * cursor, current and recent codes.  Keyed by the coder's name, not a
	 * coder row: looking at a project must not add a coder to it. */
	"CREATE TABLE coder_state ("
	"  coder TEXT NOT NULL,"
	"  key TEXT NOT NULL,"
	"  value TEXT NOT NULL,"
	"  PRIMARY KEY (coder, key)) WITHOUT ROWID;",
	NULL
};

/* Version 4: the line feed that ends a text starts no empty paragraph
 * (issue 15); every document's paragraphs counted again. */
static const char *const schema_v4[] = {
	"UPDATE document SET paragraphs = " STORE_SQL_PARAGRAPHS("text") ";",
	NULL
};

/* Version 5: every subcode its own color (issue 13).  codebook import gave
 * subcodes their branch's color; store_recolor_inherited derives one from
 * the parent's for each that still has it.  No statements of its own. */
static const char *const schema_v5[] = {
	NULL
};

/* Version 6: the model behind suggestions (issue 17; anchor/model.c),
 * kept in the project so that a suggestion reads a few rows instead of
 * every code's segments.  Its tables are a cache of the codebook and the
 * coding: the model is built on first use (anker suggest), and until then
 * these stay empty.  Once built (meta 'suggest_lang' names its language),
 * the triggers note each source of a profile that changed -- a code's
 * definition, an anchor example, a segment or its verdicts -- in
 * model_todo, whoever changes it (a command, undo and redo, a merge, an
 * import), and the model brings those sources up to date at the end of
 * the same transaction (store_set_commit_hook), or at the next suggestion.
 *   model_term: every stem, with the first word seen for it (reasons);
 *   model_part: one source of a profile (kind 1 a definition, 2 an anchor
 *     example, 3 a segment; src its code, anchor or segment id), its code,
 *     weight, where it was taken from (doc_id 0: nowhere known; cps: code
 *     points [a, b), else paragraphs a..b) and its terms (ids, in text
 *     order, space-separated);
 *   model_weight: a profile: per term and code, the sum of the weights;
 *   model_profile: each profile's length (the sum of all its weights). */
static const char *const schema_v6[] = {
	"CREATE TABLE IF NOT EXISTS model_term ("
	"  id INTEGER PRIMARY KEY,"
	"  stem TEXT NOT NULL UNIQUE,"
	"  word TEXT NOT NULL);",
	"CREATE TABLE IF NOT EXISTS model_part ("
	"  kind INTEGER NOT NULL,"
	"  src INTEGER NOT NULL,"
	"  code_id INTEGER NOT NULL,"
	"  weight REAL NOT NULL,"
	"  doc_id INTEGER NOT NULL,"
	"  cps INTEGER NOT NULL,"
	"  a INTEGER NOT NULL,"
	"  b INTEGER NOT NULL,"
	"  terms TEXT NOT NULL,"
	"  PRIMARY KEY (kind, src)) WITHOUT ROWID;"
	"CREATE INDEX IF NOT EXISTS model_part_doc ON model_part(doc_id) WHERE doc_id <> 0;",
	"CREATE TABLE IF NOT EXISTS model_weight ("
	"  term_id INTEGER NOT NULL,"
	"  code_id INTEGER NOT NULL,"
	"  weight REAL NOT NULL,"
	"  PRIMARY KEY (term_id, code_id)) WITHOUT ROWID;",
	"CREATE TABLE IF NOT EXISTS model_profile ("
	"  code_id INTEGER PRIMARY KEY,"
	"  len REAL NOT NULL);",
	"CREATE TABLE IF NOT EXISTS model_todo ("
	"  kind INTEGER NOT NULL,"
	"  src INTEGER NOT NULL,"
	"  PRIMARY KEY (kind, src)) WITHOUT ROWID;",
#define MODEL_BUILT "EXISTS (SELECT 1 FROM meta WHERE key = 'suggest_lang')"
#define MODEL_ANCHORS_CITED "INSERT OR IGNORE INTO model_todo SELECT 2, id FROM anchor WHERE citation <> '';"
	"CREATE TRIGGER IF NOT EXISTS model_segment_insert AFTER INSERT ON segment WHEN " MODEL_BUILT " BEGIN"
	"  INSERT OR IGNORE INTO model_todo VALUES (3, new.id);"
	"END;",
	/* an anchor example promoted from a segment is found where it is */
	"CREATE TRIGGER IF NOT EXISTS model_segment_delete AFTER DELETE ON segment WHEN " MODEL_BUILT " BEGIN"
	"  INSERT OR IGNORE INTO model_todo VALUES (3, old.id);"
	"  INSERT OR IGNORE INTO model_todo SELECT 2, id FROM anchor WHERE segment_guid = old.guid;"
	"END;",
	"CREATE TRIGGER IF NOT EXISTS model_segment_update AFTER UPDATE ON segment WHEN " MODEL_BUILT " BEGIN"
	"  INSERT OR IGNORE INTO model_todo VALUES (3, old.id);"
	"  INSERT OR IGNORE INTO model_todo VALUES (3, new.id);"
	"  INSERT OR IGNORE INTO model_todo SELECT 2, id FROM anchor WHERE segment_guid = new.guid;"
	"END;",
	"CREATE TRIGGER IF NOT EXISTS model_review_insert AFTER INSERT ON review WHEN " MODEL_BUILT " BEGIN"
	"  INSERT OR IGNORE INTO model_todo VALUES (3, new.segment_id);"
	"END;",
	"CREATE TRIGGER IF NOT EXISTS model_review_delete AFTER DELETE ON review WHEN " MODEL_BUILT " BEGIN"
	"  INSERT OR IGNORE INTO model_todo VALUES (3, old.segment_id);"
	"END;",
	"CREATE TRIGGER IF NOT EXISTS model_review_update AFTER UPDATE ON review WHEN " MODEL_BUILT " BEGIN"
	"  INSERT OR IGNORE INTO model_todo VALUES (3, old.segment_id);"
	"  INSERT OR IGNORE INTO model_todo VALUES (3, new.segment_id);"
	"END;",
	"CREATE TRIGGER IF NOT EXISTS model_code_insert AFTER INSERT ON code WHEN " MODEL_BUILT " BEGIN"
	"  INSERT OR IGNORE INTO model_todo VALUES (1, new.id);"
	"END;",
	"CREATE TRIGGER IF NOT EXISTS model_code_update AFTER UPDATE OF definition ON code WHEN " MODEL_BUILT " BEGIN"
	"  INSERT OR IGNORE INTO model_todo VALUES (1, new.id);"
	"END;",
	"CREATE TRIGGER IF NOT EXISTS model_code_delete AFTER DELETE ON code WHEN " MODEL_BUILT " BEGIN"
	"  INSERT OR IGNORE INTO model_todo VALUES (1, old.id);"
	"END;",
	"CREATE TRIGGER IF NOT EXISTS model_anchor_insert AFTER INSERT ON anchor WHEN " MODEL_BUILT " BEGIN"
	"  INSERT OR IGNORE INTO model_todo VALUES (2, new.id);"
	"END;",
	"CREATE TRIGGER IF NOT EXISTS model_anchor_update AFTER UPDATE ON anchor WHEN " MODEL_BUILT " BEGIN"
	"  INSERT OR IGNORE INTO model_todo VALUES (2, old.id);"
	"  INSERT OR IGNORE INTO model_todo VALUES (2, new.id);"
	"END;",
	"CREATE TRIGGER IF NOT EXISTS model_anchor_delete AFTER DELETE ON anchor WHEN " MODEL_BUILT " BEGIN"
	"  INSERT OR IGNORE INTO model_todo VALUES (2, old.id);"
	"END;",
	/* a citation names its document: found again when documents come,
	 * go or are renamed */
	"CREATE TRIGGER IF NOT EXISTS model_document_insert AFTER INSERT ON document WHEN " MODEL_BUILT " BEGIN "
	MODEL_ANCHORS_CITED " END;",
	"CREATE TRIGGER IF NOT EXISTS model_document_delete AFTER DELETE ON document WHEN " MODEL_BUILT " BEGIN "
	MODEL_ANCHORS_CITED " END;",
	"CREATE TRIGGER IF NOT EXISTS model_document_rename AFTER UPDATE OF name ON document WHEN " MODEL_BUILT
	" BEGIN " MODEL_ANCHORS_CITED " END;",
#undef MODEL_BUILT
#undef MODEL_ANCHORS_CITED
	NULL
};

/* Version 7: segments per document and per code, kept by triggers as
 * code_doc is per code and document.  The TUI's first frame counted every
 * document's segments through segment_doc and summed code_doc for the
 * code tree: 75 ms at a million segments and growing with them.  Tables
 * of their own, not columns: SQLite rewrites a whole row on UPDATE, a
 * document's long text with it.  Safe to run again (a project whose
 * user_version was set back recounts). */
#define COUNT_TABLE(t, key)                                                              \
	"CREATE TABLE IF NOT EXISTS " t " (" key " INTEGER PRIMARY KEY, n INTEGER NOT NULL);", \
	"DELETE FROM " t ";",                                                                \
	"INSERT INTO " t " SELECT " key ", COUNT(*) FROM segment GROUP BY " key ";",         \
	"CREATE TRIGGER IF NOT EXISTS " t "_insert AFTER INSERT ON segment BEGIN"           \
	"  INSERT INTO " t " VALUES (new." key ", 1) ON CONFLICT DO UPDATE SET n = n + 1;" \
	"END;",                                                                              \
	"CREATE TRIGGER IF NOT EXISTS " t "_delete AFTER DELETE ON segment BEGIN"           \
	"  UPDATE " t " SET n = n - 1 WHERE " key " = old." key ";"                         \
	"  DELETE FROM " t " WHERE " key " = old." key " AND n <= 0;"                       \
	"END;",                                                                              \
	"CREATE TRIGGER IF NOT EXISTS " t "_update AFTER UPDATE OF " key " ON segment "     \
	"WHEN new." key " <> old." key " BEGIN"                                              \
	"  UPDATE " t " SET n = n - 1 WHERE " key " = old." key ";"                         \
	"  DELETE FROM " t " WHERE " key " = old." key " AND n <= 0;"                       \
	"  INSERT INTO " t " VALUES (new." key ", 1) ON CONFLICT DO UPDATE SET n = n + 1;" \
	"END;"
static const char *const schema_v7[] = {
	COUNT_TABLE("doc_segments", "doc_id"),
	COUNT_TABLE("code_segments", "code_id"),
	NULL
};

/* Version 8: the units of the corpus for passages for a code (issue 17;
 * anchor/postings.c), beside the model of version 6 and, like it, a cache
 * built on first use: per unit kind (CODING_UNIT_SENTENCE, _PARAGRAPH,
 * _TURN) built when first asked for (meta 'suggest_units' holds the kinds
 * built, a bit each).  From then on the triggers note every document that
 * comes, goes or changes (its text) in model_todo as kind 4,
 * and the model's sync reads it again.
 *   model_unit: per kind and document, its units (n, their terms' total
 *     len), the mean unit length their bounds were reckoned with (avg0)
 *     and its strongest units packed (head: a bound of all its units, then
 *     the first units, each with its place and bound per class of terms;
 *     hterms: their distinct terms with their counts, model_term ids): a
 *     small row, every one read by each suggestion;
 *   model_unit_data: per kind and document (id: doc_id * 4 + kind, one
 *     lookup), the rest of its units and their terms (units, terms), read
 *     for the few documents whose head leaves units that may rank;
 *   model_df: per kind and term, the units that hold it;
 *   model_class: per term, its class (how common it is, in steps of
 *     2^(1/4)), fixed when first given; terms without one are the rarest. */
#define UNITS_BUILT "EXISTS (SELECT 1 FROM meta WHERE key = 'suggest_units')"
#define UNITS_TRIGGER(name, when, doc)                                              \
	"CREATE TRIGGER IF NOT EXISTS " name " " when " WHEN " UNITS_BUILT " BEGIN" \
	"  INSERT OR IGNORE INTO model_todo VALUES (4, " doc ");"                    \
	"END;"
static const char *const schema_v8[] = {
	"CREATE TABLE IF NOT EXISTS model_unit ("
	"  kind INTEGER NOT NULL,"
	"  doc_id INTEGER NOT NULL,"
	"  n INTEGER NOT NULL,"
	"  len INTEGER NOT NULL,"
	"  avg0 REAL NOT NULL,"
	"  head BLOB NOT NULL,"
	"  hterms BLOB NOT NULL,"
	"  PRIMARY KEY (kind, doc_id)) WITHOUT ROWID;",
	"CREATE TABLE IF NOT EXISTS model_unit_data ("
	"  id INTEGER PRIMARY KEY,"
	"  units BLOB NOT NULL,"
	"  terms BLOB NOT NULL);",
	"CREATE TABLE IF NOT EXISTS model_df ("
	"  kind INTEGER NOT NULL,"
	"  term_id INTEGER NOT NULL,"
	"  df INTEGER NOT NULL,"
	"  PRIMARY KEY (kind, term_id)) WITHOUT ROWID;",
	"CREATE TABLE IF NOT EXISTS model_class ("
	"  term_id INTEGER PRIMARY KEY,"
	"  class INTEGER NOT NULL);",
	/* a code's profile read alone (passages for a code) */
	"CREATE INDEX IF NOT EXISTS model_weight_code ON model_weight(code_id);",
	UNITS_TRIGGER("model_unit_doc_insert", "AFTER INSERT ON document", "new.id"),
	UNITS_TRIGGER("model_unit_doc_delete", "AFTER DELETE ON document", "old.id"),
	/* (turns change only with their document's row: an import inserts
	 * it, undo and redo write it again (store/row.c); a trigger per turn
	 * row cost an import of 100 MB, 300,000 turns, a fifth more CPU) */
	UNITS_TRIGGER("model_unit_doc_text", "AFTER UPDATE OF text ON document", "new.id"),
	NULL
};
#undef UNITS_TRIGGER
#undef UNITS_BUILT

/* Version 9: a document's speaker turns in one row (issue 18).  A row per
 * turn made SQLite the largest cost of an import: 320,000 rows for the
 * 100 MB bench corpus, each bound, checked against its document and put
 * into the B-tree.  doc_turn.turns is a JSON array, one element per turn
 * in order, each [start, end, para_first, para_last, speaker, ts_start,
 * ts_end] (code points and paragraphs as the columns were, time stamps in
 * ms or null); a document without turns has no row.  The view turn shows
 * them as the table did, so that every query reading turns reads them
 * still (SQLite's JSON functions are slow for many documents: corpus/
 * turns_stored.c reads the column for anker itself).  Written by
 * corpus/import.c (import) and store/row.c (undo, redo, .qdpx, merge). */
static const char *const schema_v9[] = {
	"CREATE TABLE IF NOT EXISTS doc_turn ("
	"  doc_id INTEGER PRIMARY KEY REFERENCES document(id) ON DELETE CASCADE,"
	"  turns TEXT NOT NULL);",
	/* The units of version 8 follow a document's turns (import and undo
	 * write them with the document's row; this catches any other way). */
	"CREATE TRIGGER IF NOT EXISTS model_unit_turns_insert AFTER INSERT ON doc_turn "
	"WHEN EXISTS (SELECT 1 FROM meta WHERE key = 'suggest_units') BEGIN "
	"  INSERT OR IGNORE INTO model_todo VALUES (4, new.doc_id); END;",
	"CREATE TRIGGER IF NOT EXISTS model_unit_turns_update AFTER UPDATE ON doc_turn "
	"WHEN EXISTS (SELECT 1 FROM meta WHERE key = 'suggest_units') BEGIN "
	"  INSERT OR IGNORE INTO model_todo VALUES (4, new.doc_id); END;",
	NULL
};

/* The table turn into doc_turn and the view, once: a project whose
 * user_version was set back has the view already. */
static int turns_pack(struct store *st, struct anker_err *err)
{
	bool table;
	if (store_exists(st, &table, err, "SELECT 1 FROM sqlite_schema WHERE name = 'turn' AND "
	                 "type = 'table'"))
		return ANKER_DB;
	if (!table)
		return ANKER_OK;
	/* one group per document, its turns in order (as row.c captures) */
	if (store_exec(st, "INSERT INTO doc_turn SELECT d.id, (SELECT json_group_array(json_array("
	                   "t.start, t.\"end\", t.para_first, t.para_last, t.speaker, t.ts_start, "
	                   "t.ts_end)) FROM (SELECT * FROM turn WHERE doc_id = d.id ORDER BY n) t) "
	                   "FROM document d WHERE EXISTS (SELECT 1 FROM turn WHERE doc_id = d.id)",
	               err) ||
	    store_exec(st, "DROP TABLE turn", err) ||
	    store_exec(st, "CREATE VIEW turn(doc_id, n, start, \"end\", para_first, para_last, "
	                   "speaker, ts_start, ts_end) AS SELECT t.doc_id, j.key + 1, j.value ->> 0, "
	                   "j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, "
	                   "j.value ->> 5, j.value ->> 6 FROM doc_turn t, json_each(t.turns) j", err))
		return ANKER_DB;
	return ANKER_OK;
}

/* Version 10: co-occurrence matrices kept
 * (analysis/cooc_cache.c), so that asking again for one of an unchanged
 * project reads it instead of counting a million segments again.
 *   cooc_state: one row; gen counts the changes of what a matrix depends
 *     on, armed says whether the next change must still be counted;
 *   cooc_cache: a matrix per key (its options resolved to ids: mode,
 *     near, roll-up, coder, selected codes, kept documents), hash the
 *     key's hash, counts n x n little-endian int64.
 * The triggers fire only while armed: the first change after a matrix was
 * kept bumps gen, disarms and empties the cache; every further changed
 * row costs one read of cooc_state, no write (a merge of 200,000
 * segments).  A matrix is kept only when it was counted while armed and
 * gen has not moved since, so no change can slip between the counting and
 * the keeping.  What a matrix depends on: every segment's document, code,
 * coder and span; the code tree (roll-up); the documents' texts
 * (paragraphs).  Whoever changes them -- a command, undo and redo, a
 * merge, an import, the sqlite3 shell -- fires the triggers. */
#define COOC_ARMED "(SELECT armed FROM cooc_state WHERE id = 1) = 1"
#define COOC_BUMP " BEGIN UPDATE cooc_state SET gen = gen + 1, armed = 0 WHERE id = 1;" \
	" DELETE FROM cooc_cache; END;"
static const char *const schema_v10[] = {
	"CREATE TABLE IF NOT EXISTS cooc_state ("
	"  id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  gen INTEGER NOT NULL,"
	"  armed INTEGER NOT NULL);",
	"INSERT OR IGNORE INTO cooc_state(id, gen, armed) VALUES (1, 0, 0);",
	"CREATE TABLE IF NOT EXISTS cooc_cache ("
	"  id INTEGER PRIMARY KEY,"
	"  hash INTEGER NOT NULL,"
	"  key BLOB NOT NULL,"
	"  n INTEGER NOT NULL,"
	"  counts BLOB NOT NULL);"
	"CREATE INDEX IF NOT EXISTS cooc_cache_hash ON cooc_cache(hash);",
	"CREATE TRIGGER IF NOT EXISTS cooc_segment_insert AFTER INSERT ON segment WHEN "
	COOC_ARMED COOC_BUMP,
	"CREATE TRIGGER IF NOT EXISTS cooc_segment_delete AFTER DELETE ON segment WHEN "
	COOC_ARMED COOC_BUMP,
	"CREATE TRIGGER IF NOT EXISTS cooc_segment_update AFTER UPDATE OF doc_id, code_id, "
	"coder_id, start, \"end\" ON segment WHEN " COOC_ARMED COOC_BUMP,
	"CREATE TRIGGER IF NOT EXISTS cooc_code_update AFTER UPDATE OF parent_id ON code WHEN "
	COOC_ARMED COOC_BUMP,
	"CREATE TRIGGER IF NOT EXISTS cooc_code_delete AFTER DELETE ON code WHEN "
	COOC_ARMED COOC_BUMP,
	"CREATE TRIGGER IF NOT EXISTS cooc_document_update AFTER UPDATE OF text ON document WHEN "
	COOC_ARMED COOC_BUMP,
	"CREATE TRIGGER IF NOT EXISTS cooc_document_delete AFTER DELETE ON document WHEN "
	COOC_ARMED COOC_BUMP,
	/* Set back to an older version and opened again: what changed since
	 * is unknown. */
	"UPDATE cooc_state SET gen = gen + 1, armed = 0;",
	"DELETE FROM cooc_cache;",
	NULL
};

/* Version 13: other results kept (store/kept.c; team/'s agreement
 * counts), under cooc_state's change counter (version 10):
 *   kept: a result per key (its inputs resolved to ids), hash the key's
 *     hash, gen the counter's value it was counted at: a row whose gen is
 *     not the counter's is stale (dropped at the next keeping).
 * Agreement depends on what a matrix does and on two things more, which
 * two more triggers count: a document added (with --all-docs its units
 * count) and a document's characters and paragraphs (the units). */
static const char *const schema_v13[] = {
	"CREATE TABLE IF NOT EXISTS kept ("
	"  id INTEGER PRIMARY KEY,"
	"  gen INTEGER NOT NULL,"
	"  hash INTEGER NOT NULL,"
	"  key BLOB NOT NULL,"
	"  value BLOB NOT NULL);",
	"CREATE INDEX IF NOT EXISTS kept_hash ON kept(hash);",
	"CREATE TRIGGER IF NOT EXISTS kept_document_insert AFTER INSERT ON document WHEN "
	COOC_ARMED COOC_BUMP,
	"CREATE TRIGGER IF NOT EXISTS kept_document_units AFTER UPDATE OF chars, paragraphs ON "
	"document WHEN " COOC_ARMED COOC_BUMP,
	/* Set back to an older version and opened again: what changed since
	 * is unknown. */
	"UPDATE cooc_state SET gen = gen + 1, armed = 0;",
	"DELETE FROM kept;",
	NULL
};
#undef COOC_ARMED
#undef COOC_BUMP

/* Version 11: segments per coder and code, and per coder, document and
 * code, kept by triggers as versions 2 and 7 keep them for all coders
 * pooled (issue 18).  Ranking the coders (the TUI's side by side V and
 * agreement I) and the frequencies of one coder (F, then C) counted that
 * coder's segments: 560 and 405 ms at 10M segments.
 *   code_doc_coder: segments per coder, document and code; keyed coder
 *     first, then document: one coder's rows are a range, and "has this
 *     coder coded this document" is one lookup;
 *   code_coder: per coder and code, its segments (n) and the documents
 *     they are in (docs: its rows in code_doc_coder, counted when one
 *     comes or goes); a coder's segments are the sum of a few rows.
 * Safe to run again, as version 7. */
#define CDC_KEY(r) "coder_id = " r ".coder_id AND doc_id = " r ".doc_id AND code_id = " r ".code_id"
#define CDC_ADD                                                                          \
	" INSERT INTO code_doc_coder VALUES (new.coder_id, new.doc_id, new.code_id, 1)"  \
	"   ON CONFLICT DO UPDATE SET n = n + 1;"                                        \
	" INSERT INTO code_coder VALUES (new.coder_id, new.code_id, 1, 1)"                \
	"   ON CONFLICT DO UPDATE SET n = n + 1, docs = docs + "                         \
	"   ((SELECT n FROM code_doc_coder WHERE " CDC_KEY("new") ") = 1);"
#define CDC_SUB                                                                          \
	" UPDATE code_doc_coder SET n = n - 1 WHERE " CDC_KEY("old") ";"                 \
	" DELETE FROM code_doc_coder WHERE " CDC_KEY("old") " AND n <= 0;"               \
	" UPDATE code_coder SET n = n - 1, docs = docs - NOT EXISTS (SELECT 1 FROM "     \
	"   code_doc_coder WHERE " CDC_KEY("old") ")"                                    \
	"   WHERE coder_id = old.coder_id AND code_id = old.code_id;"                    \
	" DELETE FROM code_coder WHERE coder_id = old.coder_id AND code_id = old.code_id" \
	"   AND n <= 0;"
static const char *const schema_v11[] = {
	"CREATE TABLE IF NOT EXISTS code_doc_coder ("
	"  coder_id INTEGER NOT NULL,"
	"  doc_id INTEGER NOT NULL,"
	"  code_id INTEGER NOT NULL,"
	"  n INTEGER NOT NULL,"
	"  PRIMARY KEY (coder_id, doc_id, code_id)) WITHOUT ROWID;",
	"CREATE TABLE IF NOT EXISTS code_coder ("
	"  coder_id INTEGER NOT NULL,"
	"  code_id INTEGER NOT NULL,"
	"  n INTEGER NOT NULL,"
	"  docs INTEGER NOT NULL,"
	"  PRIMARY KEY (coder_id, code_id)) WITHOUT ROWID;",
	"DELETE FROM code_doc_coder;",
	"DELETE FROM code_coder;",
	"INSERT INTO code_doc_coder SELECT coder_id, doc_id, code_id, COUNT(*) FROM segment "
	"GROUP BY coder_id, doc_id, code_id;",
	"INSERT INTO code_coder SELECT coder_id, code_id, SUM(n), COUNT(*) FROM code_doc_coder "
	"GROUP BY coder_id, code_id;",
	"CREATE TRIGGER IF NOT EXISTS code_doc_coder_insert AFTER INSERT ON segment BEGIN"
	CDC_ADD " END;",
	"CREATE TRIGGER IF NOT EXISTS code_doc_coder_delete AFTER DELETE ON segment BEGIN"
	CDC_SUB " END;",
	"CREATE TRIGGER IF NOT EXISTS code_doc_coder_update AFTER UPDATE OF coder_id, doc_id, code_id "
	"ON segment WHEN new.coder_id <> old.coder_id OR new.doc_id <> old.doc_id OR "
	"new.code_id <> old.code_id BEGIN" CDC_SUB CDC_ADD " END;",
	NULL
};
#undef CDC_KEY
#undef CDC_ADD
#undef CDC_SUB
/* Version 12 (issues 17, 18): where one code blurs (anker review
 * boundaries, the TUI's \ in B), kept in the project as co-occurrence
 * matrices are (version 10), so that asking again on an unchanged project
 * reads a row instead of ranking every segment of the code against every
 * profile (anchor/boundaries_cache.c).
 *   bounds_state: one row; gen counts the changes of what a result
 *     depends on, armed says whether the next change must still be
 *     counted (as cooc_state's);
 *   bounds_cache: a result per key (the code as the user named it, the
 *     limit, the model's language), its lists packed in data.
 * What a result depends on: the profiles (a code's definition, its anchor
 * examples, the segments and their verdicts), the codes' numbers and
 * paths, the segments' places and documents, the documents' names and
 * texts.  The model kept for suggestions follows the same rows (version
 * 6); a model built anew drops the results too (anchor/model.c). */
#define MODEL_BUILT12 "EXISTS (SELECT 1 FROM meta WHERE key = 'suggest_lang')"
#define BOUNDS_ARMED "(SELECT armed FROM bounds_state WHERE id = 1) = 1"
#define BOUNDS_BUMP " BEGIN UPDATE bounds_state SET gen = gen + 1, armed = 0 WHERE id = 1;" \
	" DELETE FROM bounds_cache; END;"
#define BOUNDS_TRIGGERS(t)                                                                 \
	"CREATE TRIGGER IF NOT EXISTS bounds_" t "_insert AFTER INSERT ON " t " WHEN "      \
	BOUNDS_ARMED BOUNDS_BUMP,                                                         \
	"CREATE TRIGGER IF NOT EXISTS bounds_" t "_delete AFTER DELETE ON " t " WHEN "      \
	BOUNDS_ARMED BOUNDS_BUMP,                                                         \
	"CREATE TRIGGER IF NOT EXISTS bounds_" t "_update AFTER UPDATE ON " t " WHEN "      \
	BOUNDS_ARMED BOUNDS_BUMP
static const char *const schema_v12[] = {
	"CREATE TABLE IF NOT EXISTS bounds_state ("
	"  id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  gen INTEGER NOT NULL,"
	"  armed INTEGER NOT NULL);",
	"INSERT OR IGNORE INTO bounds_state VALUES (1, 0, 0);",
	"CREATE TABLE IF NOT EXISTS bounds_cache ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL,"
	"  lim INTEGER NOT NULL,"
	"  lang TEXT NOT NULL,"
	"  data BLOB NOT NULL);",
	BOUNDS_TRIGGERS("segment"),
	BOUNDS_TRIGGERS("review"),
	BOUNDS_TRIGGERS("code"),
	BOUNDS_TRIGGERS("anchor"),
	BOUNDS_TRIGGERS("document"),
	/* The model of version 6 took an anchor example promoted from a
	 * segment back to its citation when the segment went, but not back to
	 * the segment when it came again (undo of an uncoding): its place, and
	 * so what a ranking leaves out, differed from a model built anew. */
	"DROP TRIGGER IF EXISTS model_segment_insert;",
	"CREATE TRIGGER model_segment_insert AFTER INSERT ON segment WHEN " MODEL_BUILT12 " BEGIN"
	"  INSERT OR IGNORE INTO model_todo VALUES (3, new.id);"
	"  INSERT OR IGNORE INTO model_todo SELECT 2, id FROM anchor WHERE segment_guid = new.guid;"
	"END;",
	"INSERT OR IGNORE INTO model_todo SELECT 2, id FROM anchor WHERE segment_guid IS NOT NULL "
	"AND " MODEL_BUILT12 ";",
	/* Set back to an older version and opened again: what changed since
	 * is unknown. */
	"UPDATE bounds_state SET gen = gen + 1, armed = 0;",
	"DELETE FROM bounds_cache;",
	NULL
};
#undef BOUNDS_TRIGGERS
#undef MODEL_BUILT12
#undef BOUNDS_ARMED
#undef BOUNDS_BUMP

const struct store_migration store_migrations[] = {
	{ 1, schema_v1, NULL },
	{ 2, schema_v2, NULL },
	{ 3, schema_v3, NULL },
	{ 4, schema_v4, NULL },
	{ 5, schema_v5, store_recolor_inherited },
	{ 6, schema_v6, NULL },
	{ 7, schema_v7, NULL },
	{ 8, schema_v8, NULL },
	{ 9, schema_v9, turns_pack },
	{ 10, schema_v10, NULL },
	{ 11, schema_v11, NULL },
	{ 12, schema_v12, NULL },
	{ 13, schema_v13, NULL },
	{ 14, store_schema_v14, NULL },
	{ 15, store_schema_v15, store_kept_migrate },
	{ 16, store_schema_v16, NULL },
	{ 17, store_schema_v17, NULL },
	{ 18, store_schema_v18, NULL },
	{ 19, store_schema_v19, NULL },
	{ 20, store_schema_v20, NULL },
};

const size_t store_nmigrations = sizeof store_migrations / sizeof store_migrations[0];

/* Bring the file from its version up to STORE_SCHEMA_VERSION, all steps in
 * one transaction.  The version read before (at open) may be stale: two
 * processes opening an old project at once both saw it old.  BEGIN
 * IMMEDIATE makes them take turns, and the version read again inside the
 * transaction tells the second that the first has done the work. */
int store_migrate(struct store *st, struct anker_err *err)
{
	int64_t version;
	if (store_begin(st, err))
		return store_failed(err);
	if (store_query_int(st, "PRAGMA user_version", &version, err))
		goto fail;
	if (version > STORE_SCHEMA_VERSION) {
		anker_err_set(err, ANKER_INPUT, "%s: written by a newer anker (schema %lld; this "
		              "anker knows up to %d); nothing was changed", store_path(st),
		              (long long)version, STORE_SCHEMA_VERSION);
		goto fail;
	}
	for (size_t i = 0; i < store_nmigrations; i++) {
		const struct store_migration *m = &store_migrations[i];
		if (m->version <= version)
			continue;
		for (const char *const *q = m->sql; *q; q++)
			if (store_exec(st, *q, err)) {
				anker_err_prefix(err, "migrating to schema %d", m->version);
				goto fail;
			}
		if (m->fn && m->fn(st, err)) {
			anker_err_prefix(err, "migrating to schema %d", m->version);
			goto fail;
		}
	}
	if (version < STORE_SCHEMA_VERSION) {
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", STORE_SCHEMA_VERSION);
		if (store_exec(st, pragma, err))
			goto fail;
	}
	return store_commit(st, err);
fail:
	store_rollback(st);
	return store_failed(err);
}

/* A new project: the file-level settings SQLite takes only while the file
 * is empty, the schema, and the project row. */
int store_init_project(struct store *st, struct anker_err *err)
{
	char pragma[64], guid[37], now[32];
	snprintf(pragma, sizeof pragma, "PRAGMA application_id = %d", STORE_APPLICATION_ID);
	/* 16 KiB pages: documents are long rows, and fewer overflow pages make
	 * reading them (search, the TUI) markedly faster. */
	if (store_exec(st, "PRAGMA page_size = 16384", err) || store_exec(st, pragma, err) ||
	    store_exec(st, "PRAGMA journal_mode = WAL", err) || store_migrate(st, err))
		return store_failed(err);
	store_guid(guid);
	store_now(now);
	if (store_begin(st, err))
		return store_failed(err);
	if (store_run(st, err, "INSERT INTO project(id, guid, created) VALUES (1, :guid, :now)",
	              STORE_TEXT(":guid", guid), STORE_TEXT(":now", now))) {
		store_rollback(st);
		return store_failed(err);
	}
	return store_commit(st, err);
}
