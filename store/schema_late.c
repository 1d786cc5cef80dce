/* store/schema_late.c — the migrations after version 13, each a list of
 * SQL statements run in order (store/schema.c's store_migrations names
 * them; the earlier ones are there). */
#include "store_int.h"

/* The kept units dropped, to be built again on first use (their layout
 * changed): the statements of one string, as the migrations run them. */
#define UNITS_DROP "DELETE FROM model_unit; DELETE FROM model_unit_data; " \
	"DELETE FROM model_df; DELETE FROM model_todo WHERE kind = 4; "       \
	"DELETE FROM meta WHERE key = 'suggest_units';"

/* Version 14: the kept units of version 8 after a document's head in
 * blocks of PK_BLOCK units (anchor/postings_int.h), a model_unit_data row
 * each (id: its document, kind and block), where one row held all the
 * rest: a dense code's ranking read nearly every document's units whole
 * (sentences of the bench corpus, codes 5 and 6: 50-60 ms).  The head's
 * terms move from model_unit (hterms, read with every document's head)
 * into the first block's row, read with it for the documents scored.  The
 * kept units go, to be built again on first use. */
const char *const store_schema_v14[] = {
	"DROP TABLE IF EXISTS model_unit;",
	"CREATE TABLE model_unit ("
	"  kind INTEGER NOT NULL,"
	"  doc_id INTEGER NOT NULL,"
	"  n INTEGER NOT NULL,"
	"  len INTEGER NOT NULL,"
	"  avg0 REAL NOT NULL,"
	"  head BLOB NOT NULL,"
	"  PRIMARY KEY (kind, doc_id)) WITHOUT ROWID;",
	UNITS_DROP,
	NULL
};

/* Version 15 (issue 18): kept results caught up after a small change by
 * counting again only the documents changed (both are sums over them).
 * kept_journal: while armed, each segment inserted (sign 1) or deleted (-1;
 * an update both) with the gen it made, every change after cooc_state.since
 * (set at arming, raised as kept results catch up); cooc_cache.gen.  Past
 * 4,096 changes (a merge) the writer would pay more than the reader saves:
 * disarmed, as other changes do. */
#define KEPT_ARMED "(SELECT armed FROM cooc_state WHERE id = 1) = 1"
#define KEPT_ROW(r, sign) " INSERT INTO kept_journal(gen, doc_id, sign, start, \"end\", " \
	"code_id, coder_id) SELECT gen + 1, " r ".doc_id, " sign ", " r ".start, " r ".\"end\", " \
	r ".code_id, " r ".coder_id FROM cooc_state WHERE id = 1;"
#define KEPT_GEN " UPDATE cooc_state SET gen = gen + 1 WHERE id = 1; END;"
const char *const store_schema_v15[] = {
	"CREATE TABLE IF NOT EXISTS kept_journal (id INTEGER PRIMARY KEY, gen INTEGER NOT NULL, "
	"doc_id INTEGER NOT NULL, sign INTEGER NOT NULL, start INTEGER NOT NULL, "
	"\"end\" INTEGER NOT NULL, code_id INTEGER NOT NULL, coder_id INTEGER NOT NULL);",
	"DROP TRIGGER IF EXISTS cooc_segment_insert; DROP TRIGGER IF EXISTS cooc_segment_delete; "
	"DROP TRIGGER IF EXISTS cooc_segment_update;",
	"CREATE TRIGGER cooc_segment_insert AFTER INSERT ON segment WHEN " KEPT_ARMED " BEGIN"
	KEPT_ROW("new", "1") KEPT_GEN,
	"CREATE TRIGGER cooc_segment_delete AFTER DELETE ON segment WHEN " KEPT_ARMED " BEGIN"
	KEPT_ROW("old", "-1") KEPT_GEN,
	"CREATE TRIGGER cooc_segment_update AFTER UPDATE OF doc_id, code_id, coder_id, start, \"end\" "
	"ON segment WHEN " KEPT_ARMED " BEGIN" KEPT_ROW("old", "-1") KEPT_ROW("new", "1") KEPT_GEN,
	"CREATE TRIGGER IF NOT EXISTS kept_journal_full AFTER UPDATE OF gen ON cooc_state WHEN "
	"new.armed = 1 AND new.gen - new.since > 4096 BEGIN"
	" UPDATE cooc_state SET gen = gen + 1, armed = 0 WHERE id = 1;"
	" DELETE FROM cooc_cache; DELETE FROM kept_journal; END;",
	"DELETE FROM cooc_cache;", "DELETE FROM kept;", "DELETE FROM kept_journal;",
	NULL
};
#undef KEPT_ARMED
#undef KEPT_ROW
#undef KEPT_GEN

/* Version 16: a block of kept units (anchor/postings_int.h) in two
 * model_unit_data rows, its units at PK_DATA_ID and its terms apart at
 * PK_TERMS_ID, where one row held both: a ranking reads the units of
 * every block it reaches and the terms of the few with a unit to score,
 * and the terms read along with the units were half of the pages read
 * (Z at 1 GB).  The kept units go, to be built again on first use. */
const char *const store_schema_v16[] = {
	UNITS_DROP,
	NULL
};

/* Version 17: nothing to change in a file, but the log may hold bulk
 * entries (store_log_bulk: guid NULL, after the JSON array of the rows'
 * GUIDs), which an older anker would take for a row and fail to undo. */
const char *const store_schema_v17[] = { NULL };

/* Version 18: a document's kept units in the order of a key whose
 * weights grow with the class as idf does (anchor/postings_int.h
 * pk_key_weights), where (c + PK_STEPS) made the bound of a document's
 * rest too loose to stop (1 GB, code 1.1.1: 1.41M of 3.2M paragraphs
 * passed it, 1,418 now).  The kept units go, to be built again on first
 * use. */
const char *const store_schema_v18[] = {
	UNITS_DROP,
	NULL
};

/* Version 19 (issue 18): each segment's newest verdicts counted per code,
 * reviewer, coder and document, kept by triggers as code_doc_coder keeps
 * the segments (version 11); and each code's passages per document
 * (code_passages, below).  B's counts walked every verdict of the
 * code (a code of 500k segments, all judged: 290 ms at each B, J/K onto
 * it and u); they are now a range of review_tally.
 *   review_tally: per code, reviewer, coder (the segment's) and document,
 *     how many segments have as their newest verdict of that reviewer
 *     (reviewer_id 0: of anyone) fits, misfit and borderline.  "Newest"
 *     as the review counts have always meant it: the highest review id.
 *     A key whose verdicts are all gone keeps its row of zeros (readers
 *     sum; looking for it would cost each verdict three lookups more).
 * Every write to review or segment moves them, whoever makes it: a
 * verdict, undo and redo (a segment's reviews deleted and put back), a
 * merge, an import, the sqlite3 shell (but for what no trigger sees, as
 * with every count kept: INSERT OR REPLACE, which deletes without delete
 * triggers, and ids changed with foreign keys off).  A review row counts
 * when it is (or stops being) the newest of its segment and reviewer, or
 * of its segment; its segment gives the key.  A segment deleted takes its
 * newest verdicts out BEFORE it goes: ON DELETE CASCADE deletes its
 * reviews after the segment row, when the review triggers find no
 * segment and count nothing.  Safe to run again (recounted). */
#define RT_UPSERT " ON CONFLICT DO UPDATE SET fits = fits + excluded.fits, "           \
	"misfit = misfit + excluded.misfit, borderline = borderline + excluded.borderline;"
/* Verdict V counted D (1 or -1) in the three columns. */
#define RT_COLS(v, d) d " * (" v " = 'fits'), " d " * (" v " = 'misfit'), " \
	d " * (" v " = 'borderline')"
/* Verdict V (of FROM's rows, joined to segment s) counted D under
 * reviewer key K for row R's segment, when COND holds. */
#define RT_ADD(k, r, from, v, d, cond)                                              \
	" INSERT INTO review_tally SELECT s.code_id, " k ", s.coder_id, s.doc_id, "     \
	RT_COLS(v, d) " FROM segment s" from " WHERE s.id = " r ".segment_id AND " cond \
	RT_UPSERT
/* The newest verdict of row R's segment (and reviewer: F), but MORE, as
 * a table p of one row or none. */
#define RT_NEWEST(r, f, more) ", (SELECT verdict FROM review WHERE segment_id = " r  \
	".segment_id" f more " ORDER BY id DESC LIMIT 1) p"
/* Row R is the newest of its segment (and reviewer: F), X left out. */
#define RT_TOP(r, f, x) "NOT EXISTS (SELECT 1 FROM review WHERE segment_id = " r       \
	".segment_id" f " AND id > " r ".id" x ")"
/* Row new came: when the newest, it takes the place of the one before. */
#define RT_CAME(k, f)                                                                 \
	RT_ADD(k, "new", RT_NEWEST("new", f, " AND id < new.id"), "p.verdict", "-1",    \
	       RT_TOP("new", f, ""))                                                    \
	RT_ADD(k, "new", "", "new.verdict", "1", RT_TOP("new", f, ""))
/* Row old went (X: a row to leave out, the new row of an update): when
 * the newest, the one before takes its place. */
#define RT_WENT(k, f, x)                                                              \
	RT_ADD(k, "old", "", "old.verdict", "-1", RT_TOP("old", f, x))                  \
	RT_ADD(k, "old", RT_NEWEST("old", f, x), "p.verdict", "1", RT_TOP("old", f, x))
#define RT_OWN(r) " AND reviewer_id = " r ".reviewer_id"
/* A segment's newest verdicts (each reviewer's, and anyone's), counted D
 * under row R's code, coder and document. */
#define RT_SEGMENT(r, d)                                                              \
	" INSERT INTO review_tally SELECT " r ".code_id, v.reviewer_id, " r ".coder_id, " \
	r ".doc_id, " RT_COLS("v.verdict", d) " FROM review v WHERE v.segment_id = "     \
	r ".id AND v.id = (SELECT MAX(id) FROM review WHERE segment_id = " r ".id AND "   \
	"reviewer_id = v.reviewer_id)" RT_UPSERT                                          \
	" INSERT INTO review_tally SELECT " r ".code_id, 0, " r ".coder_id, " r ".doc_id, " \
	RT_COLS("p.verdict", d) " FROM (SELECT verdict FROM review WHERE segment_id = "   \
	r ".id ORDER BY id DESC LIMIT 1) p WHERE 1" RT_UPSERT
/* The newest verdict of each segment and reviewer (k.reviewer_id), or of
 * each segment (0), counted. */
#define RT_RECOUNT(k, by)                                                             \
	"INSERT INTO review_tally SELECT s.code_id, " k ", s.coder_id, s.doc_id, "       \
	"SUM(v.verdict = 'fits'), SUM(v.verdict = 'misfit'), SUM(v.verdict = 'borderline') " \
	"FROM (SELECT segment_id, reviewer_id, MAX(id) AS rid FROM review GROUP BY "      \
	"segment_id" by ") k JOIN review v ON v.id = k.rid JOIN segment s ON s.id = "     \
	"k.segment_id GROUP BY 1, 2, 3, 4;"
/* No other segment of row R's code and document has its range. */
#define PASSAGE_ALONE(r) "NOT EXISTS (SELECT 1 FROM segment WHERE code_id = " r ".code_id AND " \
	"doc_id = " r ".doc_id AND start = " r ".start AND \"end\" = " r ".\"end\" AND id <> " r ".id)"
#define PASSAGE_ADD(r) " INSERT INTO code_passages VALUES (" r ".code_id, " r ".doc_id, 1) "  \
	"ON CONFLICT DO UPDATE SET n = n + 1;"
#define PASSAGE_SUB(r) " UPDATE code_passages SET n = n - 1 WHERE code_id = " r ".code_id AND " \
	"doc_id = " r ".doc_id; DELETE FROM code_passages WHERE code_id = " r ".code_id AND "       \
	"doc_id = " r ".doc_id AND n <= 0;"
/* The same when row R is alone with its range (an update moves one). */
#define PASSAGE_ADD_IF(r) " INSERT INTO code_passages SELECT " r ".code_id, " r ".doc_id, 1 " \
	"WHERE " PASSAGE_ALONE(r) " ON CONFLICT DO UPDATE SET n = n + 1;"
#define PASSAGE_SUB_IF(r) " UPDATE code_passages SET n = n - 1 WHERE code_id = " r ".code_id " \
	"AND doc_id = " r ".doc_id AND " PASSAGE_ALONE(r) "; DELETE FROM code_passages WHERE "    \
	"code_id = " r ".code_id AND doc_id = " r ".doc_id AND n <= 0;"
/* The model's triggers (versions 6, 8, 12) that an upsert fires: undo,
 * redo and merge write a segment or a document back with INSERT ... ON
 * CONFLICT DO UPDATE, and SQLite then applies the upsert's conflict
 * policy (abort) to the statements of the triggers it fires, not their
 * own OR IGNORE: model_segment_update noted its segment twice (old.id,
 * new.id), so that with the model built every undo of a verdict or of a
 * segment's change failed ("UNIQUE constraint failed: model_todo").  Now
 * each note is made only when missing, whatever the policy. */
#define TODO_NOTE(k, src) " INSERT INTO model_todo SELECT " k ", " src " WHERE NOT EXISTS " \
	"(SELECT 1 FROM model_todo WHERE kind = " k " AND src = " src ");"
#define TODO_ANCHORS(where) " INSERT INTO model_todo SELECT 2, a.id FROM anchor a WHERE " where \
	" AND NOT EXISTS (SELECT 1 FROM model_todo WHERE kind = 2 AND src = a.id);"
#define MODEL_BUILT19 "EXISTS (SELECT 1 FROM meta WHERE key = 'suggest_lang')"
#define UNITS_BUILT19 "EXISTS (SELECT 1 FROM meta WHERE key = 'suggest_units')"
#define MODEL_TODO_V19 \
	"DROP TRIGGER IF EXISTS model_segment_insert; DROP TRIGGER IF EXISTS model_segment_update; " \
	"DROP TRIGGER IF EXISTS model_document_insert; DROP TRIGGER IF EXISTS model_document_rename; " \
	"DROP TRIGGER IF EXISTS model_unit_doc_insert; DROP TRIGGER IF EXISTS model_unit_doc_text;", \
	"CREATE TRIGGER model_segment_insert AFTER INSERT ON segment WHEN " MODEL_BUILT19 " BEGIN" \
	TODO_NOTE("3", "new.id") TODO_ANCHORS("a.segment_guid = new.guid") " END;", \
	"CREATE TRIGGER model_segment_update AFTER UPDATE ON segment WHEN " MODEL_BUILT19 " BEGIN" \
	TODO_NOTE("3", "old.id") TODO_NOTE("3", "new.id") \
	TODO_ANCHORS("a.segment_guid = new.guid") " END;", \
	"CREATE TRIGGER model_document_insert AFTER INSERT ON document WHEN " MODEL_BUILT19 " BEGIN" \
	TODO_ANCHORS("a.citation <> ''") " END;", \
	"CREATE TRIGGER model_document_rename AFTER UPDATE OF name ON document WHEN " MODEL_BUILT19 \
	" BEGIN" TODO_ANCHORS("a.citation <> ''") " END;", \
	"CREATE TRIGGER model_unit_doc_insert AFTER INSERT ON document WHEN " UNITS_BUILT19 " BEGIN" \
	TODO_NOTE("4", "new.id") " END;", \
	"CREATE TRIGGER model_unit_doc_text AFTER UPDATE OF text ON document WHEN " UNITS_BUILT19 \
	" BEGIN" TODO_NOTE("4", "new.id") " END;"

const char *const store_schema_v19[] = {
	"CREATE TABLE IF NOT EXISTS review_tally ("
	"  code_id INTEGER NOT NULL,"
	"  reviewer_id INTEGER NOT NULL,"
	"  coder_id INTEGER NOT NULL,"
	"  doc_id INTEGER NOT NULL,"
	"  fits INTEGER NOT NULL,"
	"  misfit INTEGER NOT NULL,"
	"  borderline INTEGER NOT NULL,"
	"  PRIMARY KEY (code_id, reviewer_id, coder_id, doc_id)) WITHOUT ROWID;",
	"DELETE FROM review_tally;",
	RT_RECOUNT("k.reviewer_id", ", reviewer_id"),
	RT_RECOUNT("0", ""),
	"CREATE TRIGGER IF NOT EXISTS review_tally_insert AFTER INSERT ON review BEGIN"
	RT_CAME("new.reviewer_id", RT_OWN("new")) RT_CAME("0", "") " END;",
	"CREATE TRIGGER IF NOT EXISTS review_tally_delete AFTER DELETE ON review BEGIN"
	RT_WENT("old.reviewer_id", RT_OWN("old"), "") RT_WENT("0", "", "") " END;",
	/* An update: the old row went (the table without the new one), and
	 * the new one came.  Two triggers, in either order: each reads only
	 * review, and the sums add up alike. */
	"CREATE TRIGGER IF NOT EXISTS review_tally_update_old AFTER UPDATE ON review BEGIN"
	RT_WENT("old.reviewer_id", RT_OWN("old"), " AND id <> new.id")
	RT_WENT("0", "", " AND id <> new.id") " END;",
	"CREATE TRIGGER IF NOT EXISTS review_tally_update_new AFTER UPDATE ON review BEGIN"
	RT_CAME("new.reviewer_id", RT_OWN("new")) RT_CAME("0", "") " END;",
	"CREATE TRIGGER IF NOT EXISTS review_tally_segment_delete BEFORE DELETE ON segment "
	"WHEN EXISTS (SELECT 1 FROM review WHERE segment_id = old.id) BEGIN"
	RT_SEGMENT("old", "-1") " END;",
	"CREATE TRIGGER IF NOT EXISTS review_tally_segment_update AFTER UPDATE OF code_id, doc_id, "
	"coder_id ON segment WHEN (new.code_id <> old.code_id OR new.doc_id <> old.doc_id OR "
	"new.coder_id <> old.coder_id) AND EXISTS (SELECT 1 FROM review WHERE segment_id = "
	"new.id) BEGIN" RT_SEGMENT("old", "-1") RT_SEGMENT("new", "1") " END;",
	/* code_passages: per code and document, its passages (B's cards:
	 * the distinct ranges its segments cover; several coders' identical
	 * segments are one), kept as code_doc keeps the segments.  B counted
	 * them walking the code's segments (50 ms of 75 for a code of 500k).
	 * A range counts while a segment of the code in the document has it:
	 * one lookup in segment_code_cover per segment written. */
	"CREATE TABLE IF NOT EXISTS code_passages ("
	"  code_id INTEGER NOT NULL,"
	"  doc_id INTEGER NOT NULL,"
	"  n INTEGER NOT NULL,"
	"  PRIMARY KEY (code_id, doc_id)) WITHOUT ROWID;",
	"DELETE FROM code_passages;",
	"INSERT INTO code_passages SELECT code_id, doc_id, COUNT(*) FROM (SELECT DISTINCT code_id, "
	"doc_id, start, \"end\" FROM segment) GROUP BY code_id, doc_id;",
	"CREATE TRIGGER IF NOT EXISTS code_passages_insert AFTER INSERT ON segment WHEN "
	PASSAGE_ALONE("new") " BEGIN" PASSAGE_ADD("new") " END;",
	"CREATE TRIGGER IF NOT EXISTS code_passages_delete AFTER DELETE ON segment WHEN "
	PASSAGE_ALONE("old") " BEGIN" PASSAGE_SUB("old") " END;",
	"CREATE TRIGGER IF NOT EXISTS code_passages_update AFTER UPDATE OF code_id, doc_id, start, "
	"\"end\" ON segment WHEN new.code_id <> old.code_id OR new.doc_id <> old.doc_id OR "
	"new.start <> old.start OR new.\"end\" <> old.\"end\" BEGIN"
	PASSAGE_SUB_IF("old") PASSAGE_ADD_IF("new") " END;",
	MODEL_TODO_V19,
	NULL
};
#undef RT_UPSERT
#undef RT_COLS
#undef RT_ADD
#undef RT_NEWEST
#undef RT_TOP
#undef RT_CAME
#undef RT_WENT
#undef RT_OWN
#undef RT_SEGMENT
#undef RT_RECOUNT
#undef PASSAGE_ALONE
#undef PASSAGE_ADD
#undef PASSAGE_SUB
#undef PASSAGE_ADD_IF
#undef PASSAGE_SUB_IF
#undef MODEL_TODO_V19
#undef TODO_NOTE
#undef TODO_ANCHORS
#undef MODEL_BUILT19
#undef UNITS_BUILT19
/* Version 20 (issue 18): per document, a bound of its longest segment
 * (doc_longest.len), so that the segments overlapping a range are a window
 * of the index segment_span (start > a - len; anchor/boundaries_kept.c)
 * without reading the document's segments to find it (\ at 10M segments:
 * a third of its time).  Raised by the triggers as segments come or grow,
 * never lowered when they go or shrink (that would read the document's
 * segments again): only a bound, the window at worst wider; the row goes
 * with its document. */
#define LONGEST_ROW(r) " INSERT INTO doc_longest VALUES (" r ".doc_id, " r ".\"end\" - " r \
	".start) ON CONFLICT DO UPDATE SET len = MAX(len, excluded.len); END;"
const char *const store_schema_v20[] = {
	"CREATE TABLE IF NOT EXISTS doc_longest (doc_id INTEGER PRIMARY KEY, len INTEGER NOT NULL);",
	"DELETE FROM doc_longest;",
	"INSERT INTO doc_longest SELECT doc_id, MAX(\"end\" - start) FROM segment GROUP BY doc_id;",
	"CREATE TRIGGER IF NOT EXISTS doc_longest_insert AFTER INSERT ON segment BEGIN"
	LONGEST_ROW("new"),
	"CREATE TRIGGER IF NOT EXISTS doc_longest_update AFTER UPDATE OF doc_id, start, \"end\" "
	"ON segment BEGIN" LONGEST_ROW("new"),
	"CREATE TRIGGER IF NOT EXISTS doc_longest_gone AFTER DELETE ON document BEGIN"
	" DELETE FROM doc_longest WHERE doc_id = old.id; END;",
	NULL
};
#undef LONGEST_ROW
