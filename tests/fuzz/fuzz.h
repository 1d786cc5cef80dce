/* tests/fuzz/fuzz.h — what every harness shares.
 *
 * A harness defines LLVMFuzzerTestOneInput; libFuzzer (make fuzz) or
 * tests/fuzz/replay.c (make fuzz-replay) calls it.  A harness never
 * prints: modules return their errors, and the harness frees them.  A
 * property that does not hold is a bug, reported with FUZZ_CHECK, which
 * names what was expected and aborts so that the fuzzer keeps the input.
 */
#ifndef ANKER_FUZZ_H
#define ANKER_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond, ...)                                                   \
	do {                                                                    \
		if (!(cond)) {                                                  \
			fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__,  \
			        __LINE__, #cond);                               \
			fprintf(stderr, __VA_ARGS__);                           \
			fputc('\n', stderr);                                    \
			abort();                                                \
		}                                                               \
	} while (0)

#endif
