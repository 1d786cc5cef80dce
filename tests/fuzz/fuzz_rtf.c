/* tests/fuzz/fuzz_rtf.c — the RTF reader (corpus/format_rtf.c): code pages,
 * \u and its fallback, groups and destinations, notes, comments.  The
 * input is the file; what it must give is in fuzz_convert.h. */
#include "fuzz_convert.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_check_converted("fuzz.rtf", data, size, "byte ");
	return 0;
}
