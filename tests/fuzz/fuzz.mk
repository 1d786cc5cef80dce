# tests/fuzz/fuzz.mk — fuzzing (included by the Makefile).
#
#   make fuzz-replay   build $(BUILD)/fuzz-replay-NAME for each harness with
#                      $(CC) and $(ALL_CFLAGS) (BUILD=build-asan: under the
#                      sanitizers) and replay tests/fuzz/corpus/NAME/ through
#                      it: one line per harness, fails on any crash or failed
#                      check.  No libFuzzer needed; `make check` runs it.
#   make fuzz          build every harness with clang -fsanitize=fuzzer,
#                      address,undefined in build-fuzz/ and run each for
#                      FUZZ_SECONDS (default 60).  FUZZ=NAME runs one.  New
#                      inputs go to build-fuzz/new/NAME (the seed corpus in
#                      the repository is only read), findings to
#                      build-fuzz/crashes/NAME/; a summary gives each
#                      harness's executions and whether it found anything.
#
# Harnesses (tests/fuzz/fuzz_NAME.c, corpus in tests/fuzz/corpus/NAME/,
# optional dictionary tests/fuzz/NAME.dict):
#   codebook  MAXQDA codebook text: parser, tree, writer round trip
#   import    transcript import: UTF-8, NFC, positions, turns, timestamps
#   regex     pattern (first line) over text (the rest), and corpus_search
#   qdc       REFI-QDA codebook import (and export round trip)
#   qdpx      REFI-QDA project import (and export round trip)
#   rtf       the RTF reader: code pages, \u fallback, destinations, notes
#   subtitles the .srt and .vtt readers: timings, tags, voices, entities
#   anchor    anchors locate: tokens, forms, and the matcher
# A finding becomes a fixed bug and a file in the harness's corpus, named
# for its cause (tests/fuzz/corpus/codebook/crash-empty-heading).

FUZZ_HARNESSES := codebook import regex qdc qdpx rtf subtitles anchor
FUZZ_SECONDS ?= 60
FUZZ ?= $(FUZZ_HARNESSES)
FUZZ_BUILD := build-fuzz
# Per input: a slow input is a finding (the regex harness caps its subject
# so that even the match limit fits well inside this).
FUZZ_TIMEOUT ?= 10
FUZZ_RSS_MB ?= 2048
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all

FUZZ_REPLAY := $(FUZZ_HARNESSES:%=$(BUILD)/fuzz-replay-%)

$(BUILD)/fuzz-replay-%: $(BUILD)/tests/fuzz/fuzz_%.o $(BUILD)/tests/fuzz/replay.o \
		$(BUILD)/libanker.a
	@echo "  LINK  $@"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $^ $(ALL_LDLIBS)

fuzz-replay: $(FUZZ_REPLAY)
	@echo "== fuzz corpora replayed ($(BUILD))"
	$(Q)for h in $(FUZZ_HARNESSES); do \
		$(BUILD)/fuzz-replay-$$h tests/fuzz/corpus/$$h || \
			{ echo "fuzz-replay: $$h failed"; exit 1; }; \
	done

# The fuzzers: the library once more, instrumented for libFuzzer, in its
# own build directory (a recursive make with BUILD=build-fuzz).
fuzz:
	$(Q)$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang \
		CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link $(FUZZ_SAN)" \
		LDLIBS="$(FUZZ_SAN)" \
		$(FUZZ:%=$(FUZZ_BUILD)/fuzz-%)
	$(Q)FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_TIMEOUT=$(FUZZ_TIMEOUT) FUZZ_RSS_MB=$(FUZZ_RSS_MB) \
		sh tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ)

$(FUZZ_BUILD)/fuzz-%: $(FUZZ_BUILD)/tests/fuzz/fuzz_%.o $(FUZZ_BUILD)/libanker.a
	@echo "  LINK  $@"
	$(Q)$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $^ $(ALL_LDLIBS)

.PHONY: fuzz fuzz-replay
.SECONDARY: $(FUZZ_HARNESSES:%=$(BUILD)/tests/fuzz/fuzz_%.o) $(BUILD)/tests/fuzz/replay.o

-include $(FUZZ_HARNESSES:%=$(BUILD)/tests/fuzz/fuzz_%.d) $(BUILD)/tests/fuzz/replay.d
