/* corpus/search_table.c — the table of search hits, one definition for
 * `anker search` and the TUI's S list (:export), so that the two write the
 * same columns. */
#include "corpus.h"
#include "../report/report.h"

void corpus_search_table_cols(struct report_table *t)
{
	report_table_col(t, "Document", "document", REPORT_COL_TEXT);
	report_table_col(t, "Pos.", "pos", REPORT_COL_INT);
	report_table_col(t, "Start", "start", REPORT_COL_INT);
	report_table_col(t, "End", "end", REPORT_COL_INT);
	report_table_col(t, "Match", "match", REPORT_COL_TEXT);
	report_table_col(t, "Line", "line", REPORT_COL_TEXT);
}

void corpus_search_table_row(struct report_table *t, const struct corpus_hit *h)
{
	report_table_row(t);
	report_table_text(t, h->doc);
	report_table_int(t, (int64_t)h->pos);
	report_table_int(t, (int64_t)h->start);
	report_table_int(t, (int64_t)h->end);
	report_table_text(t, h->match);
	report_table_text(t, h->line);
}
