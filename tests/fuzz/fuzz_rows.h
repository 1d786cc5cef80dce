/* tests/fuzz/fuzz_rows.h — what the importing harnesses (.qdc, .qdpx)
 * check of the rows an import left: every text is valid UTF-8 without
 * NUL, in NFC, as the imports promise; and the project as a list of rows
 * to compare after a round trip.  Include after fuzz_file.h.
 */
#ifndef ANKER_FUZZ_ROWS_H
#define ANKER_FUZZ_ROWS_H

#include "fuzz_file.h"
#include "../../corpus/corpus.h"

/* Every text column an import fills. */
static const char *const fuzz_text_columns[][2] = {
	{ "document", "name" }, { "document", "grp" }, { "document", "text" },
	{ "document", "source" }, { "doc_var", "name" }, { "doc_var", "value" },
	{ "turn", "speaker" }, { "code", "number" }, { "code", "name" },
	{ "code", "definition" }, { "anchor", "text" }, { "anchor", "citation" },
	{ "code_note", "label" }, { "code_note", "text" }, { "coder", "name" },
	{ "segment", "memo" }, { "review", "comment" }, { "memo", "text" },
};

static inline void fuzz_texts_valid(struct store *st)
{
	struct anker_err err = {0};
	char sql[128];
	for (size_t i = 0; i < sizeof fuzz_text_columns / sizeof *fuzz_text_columns; i++) {
		const char *t = fuzz_text_columns[i][0], *c = fuzz_text_columns[i][1];
		struct store_stmt *s;
		snprintf(sql, sizeof sql, "SELECT CAST(%s AS BLOB) FROM %s", c, t);
		FUZZ_CHECK(store_prepare(st, sql, &s, &err) == ANKER_OK, "%s: %s", sql, err.msg);
		int rc;
		while ((rc = store_step(s, &err)) == 1) {
			const char *v = store_col_text(s, 0);
			size_t len = store_col_bytes(s, 0);
			char *nfc;
			FUZZ_CHECK(corpus_text_given("", v, len, &nfc, &err) == ANKER_OK,
			           "%s.%s is not valid text: %s", t, c, err.msg);
			FUZZ_CHECK(strlen(nfc) == len && memcmp(nfc, v, len) == 0,
			           "%s.%s is not NFC: '%s'", t, c, v);
			free(nfc);
		}
		FUZZ_CHECK(rc == 0, "%s: %s", sql, err.msg);
		store_done(s);
	}
}

/* The project's rows as store_row_json gives them, by entity and GUID,
 * without what an import takes from the clock (a code's times) and the
 * coders nothing refers to (the scratch project's own). */
static inline void fuzz_rows(struct store *st, struct strbuf *out)
{
	static const char *const q[][2] = {
		{ "document", "SELECT guid FROM document ORDER BY guid" },
		{ "code", "SELECT guid FROM code ORDER BY guid" },
		{ "segment", "SELECT guid FROM segment ORDER BY guid" },
		{ "memo", "SELECT guid FROM memo ORDER BY guid" },
		{ "coder", "SELECT guid FROM coder WHERE id IN (SELECT coder_id FROM segment UNION "
		           "SELECT reviewer_id FROM review UNION SELECT author_id FROM memo) "
		           "ORDER BY guid" },
	};
	struct anker_err err = {0};
	struct strbuf row = {0}, kept = {0};
	sb_reset(out);
	for (size_t k = 0; k < sizeof q / sizeof *q; k++) {
		struct store_stmt *s;
		int rc;
		FUZZ_CHECK(store_prepare(st, q[k][1], &s, &err) == ANKER_OK, "%s", err.msg);
		while ((rc = store_step(s, &err)) == 1) {
			FUZZ_CHECK(store_row_json(st, q[k][0], store_col_text(s, 0), &row, &err) ==
			           ANKER_OK, "%s %s: %s", q[k][0], store_col_text(s, 0), err.msg);
			FUZZ_CHECK(store_get_text(st, &kept, &err, "SELECT json_remove(:j, "
			                          "'$.created', '$.modified')",
			                          STORE_TEXT(":j", sb_str(&row))) == ANKER_OK,
			           "%s", err.msg);
			sb_addf(out, "%s %s\n", q[k][0], strcmp(q[k][0], "code") ? sb_str(&row)
			                                                           : sb_str(&kept));
		}
		FUZZ_CHECK(rc == 0, "%s: %s", q[k][1], err.msg);
		store_done(s);
	}
	sb_free(&row);
	sb_free(&kept);
}

#endif
