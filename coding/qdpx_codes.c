/* coding/qdpx_codes.c — a REFI-QDA Code's Description and anker's fields.
 *
 * The format lives in codebook/refi_desc.c (the .qdc codebook shares it);
 * these wrappers keep the coding.h names.
 */
#include <stdlib.h>
#include <string.h>

#include "coding.h"
#include "../codebook/codebook.h"

void coding_qdpx_desc_parse(const char *d, struct coding_qdpx_desc *out)
{
	struct codebook_refi_desc r;
	codebook_refi_desc_parse(d, &r);
	out->number = r.number;
	out->position = r.position;
	out->definition = r.definition;
	out->anchors = r.anchors;
	out->notes = r.notes;
}

void coding_qdpx_desc_free(struct coding_qdpx_desc *d)
{
	free(d->number);
	free(d->definition);
	free(d->anchors);
	free(d->notes);
	memset(d, 0, sizeof *d);
}
