/* tests/fuzz/fuzz_subtitles.c — the SubRip and WebVTT readers
 * (corpus/format_subtitles.c): cue timings, tags, voices, entities.  The
 * first byte picks the format (even: .srt, odd: .vtt), the rest is the
 * file; what it must give is in fuzz_convert.h. */
#include "fuzz_convert.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	fuzz_check_converted(data[0] % 2 ? "fuzz.vtt" : "fuzz.srt", data + 1, size - 1, "line ");
	return 0;
}
