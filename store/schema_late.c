/* store/schema_late.c — the migrations after version 14 (store/schema.c
 * holds the earlier ones and runs them all, store_migrations). */
#include "store_int.h"

/* Version 15: a block of kept units (anchor/postings_int.h) in two
 * model_unit_data rows, its units at PK_DATA_ID and its terms apart at
 * PK_TERMS_ID, where one row held both: a ranking reads the units of
 * every block it reaches and the terms of the few with a unit to score,
 * and the terms read along with the units were half of the pages read
 * (Z at 1 GB).  The kept units go, to be built again on first use. */
const char *const store_schema_v15[] = {
	"DELETE FROM model_unit;",
	"DELETE FROM model_unit_data;",
	"DELETE FROM model_df;",
	"DELETE FROM model_todo WHERE kind = 4;",
	"DELETE FROM meta WHERE key = 'suggest_units';",
	NULL
};
