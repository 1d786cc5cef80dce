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
