/* refi/qdpx_conflict.c — what a .qdpx import would overwrite.
 *
 * An import matches rows by GUID and writes the file's version over the
 * project's.  A file whose rows are all new, or the same as the project's,
 * goes in as it is; one that would change a row the project has (an older
 * export after more coding, a colleague's copy) would silently revert
 * local work: ranges, weights, memos, and the reviews and memos the file
 * lacks.  Those rows are collected here while the import runs in its
 * transaction, and the import is refused naming them, unless the user
 * asked for --replace.
 */
#include <stdio.h>
#include <string.h>

#include "refi_int.h"

/* How many overwritten rows the message names; the rest are counted. */
#define QR_CONFLICTS_NAMED 3

/* The row, from before (the project's), and the fields after (the
 * file's) changes: "segment G in 'Interview 01' [12,40): range, memo".
 * start and end are one "range"; coder_guid goes with coder. */
static const char describe_sql[] =
	"SELECT CASE :e "
	"  WHEN 'segment' THEN printf('segment %s in ''%s'' [%d,%d)', json_extract(:b, '$.guid'), "
	"    IFNULL((SELECT name FROM document WHERE guid = json_extract(:b, '$.doc')), '?'), "
	"    json_extract(:b, '$.start'), json_extract(:b, '$.end')) "
	"  WHEN 'memo' THEN printf('memo %s on the %s', json_extract(:b, '$.guid'), "
	"    json_extract(:b, '$.target')) "
	"  ELSE printf('%s %s ''%s''', :e, json_extract(:b, '$.guid'), json_extract(:b, '$.name')) "
	"END || ': ' || IFNULL((SELECT group_concat(k, ', ') FROM ("
	"  SELECT CASE b.key WHEN 'start' THEN 'range' WHEN 'end' THEN 'range' "
	"    WHEN 'coder_guid' THEN 'coder' WHEN 'vars' THEN 'variables' WHEN 'grp' THEN 'group' "
	"    ELSE b.key END AS k "
	"  FROM json_each(:b) b LEFT JOIN json_each(:a) a ON a.key = b.key "
	"  WHERE a.type IS NOT b.type OR a.value IS NOT b.value "
	"  GROUP BY k ORDER BY min(b.id))), '?')";

int qr_conflict(struct qr *q, const char *entity, const char *before, const char *after)
{
	if (q->nconflicts++ >= QR_CONFLICTS_NAMED)
		return ANKER_OK;
	struct strbuf d = {0};
	if (store_get_text(q->st, &d, q->err, describe_sql, STORE_TEXT(":e", entity),
	                   STORE_TEXT(":b", before), STORE_TEXT(":a", after))) {
		sb_free(&d);
		return ANKER_DB;
	}
	sb_addf(&q->conflicts, "\n  %s %s", sb_str(&d), strchr(sb_str(&d), ',') ? "differ" : "differs");
	sb_free(&d);
	return ANKER_OK;
}

int qr_conflicts_refuse(struct qr *q)
{
	struct strbuf more = {0};
	if (q->nconflicts > QR_CONFLICTS_NAMED)
		sb_addf(&more, "\n  and %zu more", q->nconflicts - QR_CONFLICTS_NAMED);
	anker_err_set(q->err, ANKER_INPUT, "%s: importing would overwrite %zu %s this project "
	              "has (the file's differ, or lack reviews or memos added here):%s%s\n"
	              "Nothing imported.  'qdpx import --replace' writes the file's version over "
	              "them; to bring in the work of a coder on a copy, use 'anker merge'.",
	              q->path, q->nconflicts, q->nconflicts == 1 ? "row" : "rows",
	              sb_str(&q->conflicts), sb_str(&more));
	sb_free(&more);
	return ANKER_INPUT;
}
