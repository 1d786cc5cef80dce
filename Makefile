# anker — hand-written Makefile (see STYLE: tig, htop, nnn).
#   make            build ./anker
#   make deps       install missing Debian packages (root), else print the command
#                   (make deps-build: only what building anker needs)
#   make check      build and run every test (unit, command line, TUI, man lint)
#   make demo       build the demo project and open it
#   make bench      benchmarks on generated corpora (figures, not tests)
#   make asan       ASan + UBSan build in build-asan/
#   make fuzz       libFuzzer runs, FUZZ_SECONDS each (tests/fuzz/fuzz.mk)
#   make install    PREFIX=/usr/local (binary, man page, bash and zsh completion)
#   make uninstall  remove what make install installed

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  ?= $(PREFIX)/share/zsh/vendor-completions
VERSION := $(shell cat VERSION)
CC      ?= cc
PKG_CONFIG ?= pkg-config
BUILD   ?= build

LIBS_PC := ncursesw sqlite3 libutf8proc libpcre2-8
# Not linked either: libxml2, libzip and libxlsxwriter (and ICU, libstdc++,
# libcrypto behind them, 3 ms at every start) are loaded by the first import
# or export that needs them (lazy/lazy.c), by SONAME; Debian's package for
# each is the one that holds the library the .so names.
LAZY_PC := libxml-2.0 libzip xlsxwriter
lazy_so = $(shell $(CC) -print-file-name=$(1) 2>/dev/null)
lazy_soname = $(shell objdump -p $(1) 2>/dev/null | sed -n 's/^ *SONAME *//p')
lazy_package = $(shell dpkg -S "$$(readlink -f $(1))" 2>/dev/null | sed -n '1s/:.*//p')
XML_SO   = $(call lazy_so,libxml2.so)
ZIP_SO   = $(call lazy_so,libzip.so)
XLSX_SO  = $(call lazy_so,libxlsxwriter.so)
LAZY_DEFS = -DXML_LIB='"$(or $(call lazy_soname,$(XML_SO)),libxml2.so.2)"' \
	-DXML_PACKAGE='"$(or $(call lazy_package,$(XML_SO)),libxml2)"' \
	-DZIP_LIB='"$(or $(call lazy_soname,$(ZIP_SO)),libzip.so.4)"' \
	-DZIP_PACKAGE='"$(or $(call lazy_package,$(ZIP_SO)),libzip4)"' \
	-DXLSX_LIB='"$(or $(call lazy_soname,$(XLSX_SO)),libxlsxwriter.so.4)"' \
	-DXLSX_PACKAGE='"$(or $(call lazy_package,$(XLSX_SO)),libxlsxwriter4)"'
# poppler-glib is not linked: corpus/format_pdf.c loads it on the first PDF
# (it and its ~65 libraries cost every command 7 ms), by its SONAME.
PDF_SO  := $(shell $(PKG_CONFIG) --variable=libdir poppler-glib 2>/dev/null)/libpoppler-glib.so
PDF_LIB := $(or $(shell objdump -p $(PDF_SO) 2>/dev/null | sed -n 's/^ *SONAME *//p'),libpoppler-glib.so.8)
WARN    := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wformat=2
CFLAGS  ?= -O2 -g
ALL_CFLAGS = $(CPPFLAGS) -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) $(CFLAGS) \
             $(shell $(PKG_CONFIG) --cflags $(LIBS_PC) $(LAZY_PC) poppler-glib 2>/dev/null) -MMD -MP
ALL_LDFLAGS = $(LDFLAGS)
# libstemmer (Snowball stemmers, anker suggest) has no pkg-config file.
ALL_LDLIBS = $(shell $(PKG_CONFIG) --libs $(LIBS_PC) 2>/dev/null) -lstemmer -lm $(LDLIBS)

ifeq ($(V),1)
Q :=
else
Q := @
endif

MODULES := lazy store corpus codebook coding anchor report analysis team refi tui
LIB_SRC := $(sort $(foreach m,$(MODULES),$(wildcard $(m)/*.c))) \
           $(filter-out cli/main.c,$(wildcard cli/*.c))
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/demo_data.o
DEMO_FILES := $(sort $(wildcard demo/*.txt demo/*.tsv))
MAIN_OBJ := $(BUILD)/cli/main.o
UNIT_SRC := $(wildcard tests/unit/*.c)
UNIT_OBJ := $(UNIT_SRC:%.c=$(BUILD)/%.o)
BENCH_SRC := $(wildcard bench/*.c)

all: anker anker.1

anker: $(BUILD)/anker
	$(Q)cp $< $@

# One version, in the file VERSION: --version and the man page take it.
$(MAIN_OBJ): ALL_CFLAGS += -DANKER_VERSION='"$(VERSION)"'
$(MAIN_OBJ): VERSION

anker.1: man/anker.1 VERSION
	@echo "  GEN   $@"
	$(Q)sed 's/@VERSION@/$(VERSION)/g' man/anker.1 > $@.tmp && mv $@.tmp $@

$(BUILD)/anker: $(MAIN_OBJ) $(BUILD)/libanker.a
	@echo "  LINK  $@"
	$(Q)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $^ $(ALL_LDLIBS)

$(BUILD)/libanker.a: $(LIB_OBJ)
	@echo "  AR    $@"
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

# Debian names a library's package after its SONAME: libpoppler-glib8.
$(BUILD)/corpus/format_pdf.o: ALL_CFLAGS += -DPDF_LIB='"$(PDF_LIB)"' \
	-DPDF_PACKAGE='"$(subst .so.,,$(PDF_LIB))"'
$(BUILD)/corpus/format_pdf.o: Makefile
$(BUILD)/lazy/lazy.o: ALL_CFLAGS += $(LAZY_DEFS)
$(BUILD)/lazy/lazy.o: Makefile

# The demo transcripts and codebook, compiled in for `anker demo`.
$(BUILD)/gen/demo_data.c: $(DEMO_FILES) tests/embed.sh Makefile
	@mkdir -p $(dir $@)
	@echo "  GEN   $@"
	$(Q)sh tests/embed.sh $(DEMO_FILES) > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/demo_data.o: $(BUILD)/gen/demo_data.c
	@echo "  CC    $<"
	$(Q)$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes -c -o $@ $<

# Unit tests: one Criterion binary over tests/unit/*.c.
$(BUILD)/unit: $(UNIT_OBJ) $(BUILD)/libanker.a
	@echo "  LINK  $@"
	$(Q)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $^ $(shell $(PKG_CONFIG) --libs criterion) $(ALL_LDLIBS)

$(BUILD)/bench-gen: bench/gen.c $(BUILD)/libanker.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $^ $(ALL_LDLIBS)

$(BUILD)/bench-suggest-eval: bench/suggest_eval.c $(BUILD)/libanker.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $^ $(ALL_LDLIBS)

# ---------------------------------------------------------------------------
# Dependencies from Debian packages.  Each pair: a command or pkg-config name
# that tells whether it is there, and the package that brings it.
# DEPS_BUILD builds anker (make demo needs no more); DEPS adds the tests.
DEPS_BUILD := bin/cc:gcc pkg-config:pkg-config ncursesw:libncurses-dev \
        sqlite3:libsqlite3-dev libutf8proc:libutf8proc-dev libpcre2-8:libpcre2-dev \
        libxml-2.0:libxml2-dev libzip:libzip-dev poppler-glib:libpoppler-glib-dev \
        xlsxwriter:libxlsxwriter-dev file/usr/include/libstemmer.h:libstemmer-dev
DEPS := $(DEPS_BUILD) bin/sqlite3:sqlite3 criterion:libcriterion-dev bin/tmux:tmux \
        bin/mandoc:mandoc bin/valgrind:valgrind bin/clang:clang \
        bin/xmllint:libxml2-utils bin/zsh:zsh fuzzer:libclang-rt-14-dev \
        file/usr/share/i18n/locales/de_DE:locales bin/unzip:unzip \
        bin/pdflatex:texlive-latex-base bin/python3:python3 \
        file/usr/share/texlive/texmf-dist/tex/latex/booktabs/booktabs.sty:texlive-latex-recommended \
        file/usr/bin/time:time

deps:
	@sh tests/deps.sh $(DEPS)

deps-build:
	@sh tests/deps.sh $(DEPS_BUILD)

deps-bench:
	@sh tests/deps.sh $(DEPS_BUILD) bin/zip:zip bin/time:time bin/unzip:unzip bin/xmllint:libxml2-utils

# ---------------------------------------------------------------------------
check: deps
	@$(MAKE) --no-print-directory anker $(BUILD)/unit
	@$(MAKE) --no-print-directory check-run

check-run:
	@echo "== unit tests (Criterion)"
	$(Q)$(BUILD)/unit --jobs=2
	@$(MAKE) --no-print-directory fuzz-replay
	@echo "== man page"
	$(Q)$(MAKE) --no-print-directory -s anker.1
	$(Q)mandoc -T lint -W warning anker.1
	@echo "== install"
	$(Q)rm -rf $(BUILD)/inst && $(MAKE) --no-print-directory -s install DESTDIR=$(BUILD)/inst PREFIX=/usr >/dev/null
	$(Q)sh tests/install.sh $(BUILD)/inst $(VERSION)
	$(Q)$(MAKE) --no-print-directory -s uninstall DESTDIR=$(BUILD)/inst PREFIX=/usr >/dev/null
	$(Q)test -z "$$(find $(BUILD)/inst -type f)" || { echo "make uninstall left:"; find $(BUILD)/inst -type f; exit 1; }
	@echo "== make demo (off a terminal)"
	$(Q)rm -rf $(BUILD)/demo && mkdir -p $(BUILD)/demo && $(MAKE) --no-print-directory -s demo DEMO_DIR=$(BUILD)/demo </dev/null >$(BUILD)/demo.out
	$(Q)grep -q "Interview 05" $(BUILD)/demo.out || { echo "make demo did not list the documents:"; cat $(BUILD)/demo.out; exit 1; }
	@echo "== command-line tests"
	$(Q)ANKER=$(CURDIR)/anker bash tests/cli/run.sh
	@$(MAKE) --no-print-directory check-tui

# The TUI: headless screen tests and tmux end-to-end tests (tests/tui/).
check-tui:
	@echo "== TUI tests (headless and tmux)"
	$(Q)ANKER=$(CURDIR)/anker bash tests/tui/run.sh

ASAN_CFLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
ASAN_LIBS := -fsanitize=address,undefined

asan:
	@$(MAKE) --no-print-directory BUILD=build-asan CFLAGS="$(ASAN_CFLAGS)" \
		LDLIBS="$(ASAN_LIBS)" build-asan/anker build-asan/unit

check-asan: deps asan
	@echo "== unit tests under ASan+UBSan"
	@# Criterion runs each test in a child and passes it when its assertions
	@# pass, whatever LeakSanitizer says at the child's exit: the report
	@# is looked for.
	$(Q)ASAN_OPTIONS=detect_leaks=1 build-asan/unit --jobs=2 2> build-asan/unit.err; \
		rc=$$?; cat build-asan/unit.err >&2; \
		if grep -q 'ERROR: LeakSanitizer' build-asan/unit.err; then \
			echo "unit tests under ASan: memory leaked (above)" >&2; exit 1; fi; exit $$rc
	@ASAN_OPTIONS=detect_leaks=1 $(MAKE) --no-print-directory BUILD=build-asan \
		CFLAGS="$(ASAN_CFLAGS)" LDLIBS="$(ASAN_LIBS)" fuzz-replay
	@echo "== command-line tests under ASan+UBSan"
	$(Q)ASAN_OPTIONS=detect_leaks=1 ANKER=$(CURDIR)/build-asan/anker bash tests/cli/run.sh
	@echo "== TUI tests under ASan+UBSan"
	$(Q)ASAN_OPTIONS=detect_leaks=1 ANKER=$(CURDIR)/build-asan/anker bash tests/tui/run.sh

# The command-line tests with every anker run under valgrind (slow).
check-valgrind: deps anker
	@echo "== command-line tests under valgrind"
	$(Q)ANKER_REAL=$(CURDIR)/anker ANKER=$(CURDIR)/tests/valgrind.sh bash tests/cli/run.sh

# DEMO_DIR: where demo.anker goes (default: here).  On a terminal the coder
# opens; elsewhere the documents are listed with how to open them.
DEMO_DIR ?= .
demo: deps-build
	@$(MAKE) --no-print-directory anker anker.1
	@./anker demo $(DEMO_DIR)
	@if [ -t 0 ] && [ -t 1 ]; then \
		./anker -p $(DEMO_DIR)/demo.anker tui; \
	else \
		./anker -p $(DEMO_DIR)/demo.anker docs && \
		echo && echo "Open it in the coder with: ./anker -p $(DEMO_DIR)/demo.anker   (? lists the keys)"; \
	fi

bench: deps-bench
	@$(MAKE) --no-print-directory bench-run

bench-run: anker $(BUILD)/bench-gen $(BUILD)/bench-suggest-eval
	$(Q)ANKER=$(CURDIR)/anker GEN=$(CURDIR)/$(BUILD)/bench-gen bash bench/run.sh
	$(Q)if [ -f bench/coding.sh ]; then ANKER=$(CURDIR)/anker GEN=$(CURDIR)/$(BUILD)/bench-gen bash bench/coding.sh; fi
	$(Q)ANKER=$(CURDIR)/anker GEN=$(CURDIR)/$(BUILD)/bench-gen bash bench/tui.sh
	$(Q)ANKER=$(CURDIR)/anker bash bench/refi.sh
	$(Q)ANKER=$(CURDIR)/anker BENCH_REFI_NOTES=600000 BENCH_RUNS=1 bash bench/refi.sh   # 200 000 selections
	$(Q)ANKER=$(CURDIR)/anker GEN=$(CURDIR)/$(BUILD)/bench-gen bash bench/merge.sh
	$(Q)ANKER=$(CURDIR)/anker bash bench/hostile.sh
	$(Q)ANKER=$(CURDIR)/anker GEN=$(CURDIR)/$(BUILD)/bench-gen bash bench/anchor.sh
	$(Q)ANKER=$(CURDIR)/anker GEN=$(CURDIR)/$(BUILD)/bench-gen \
		EVAL=$(CURDIR)/$(BUILD)/bench-suggest-eval bash bench/suggest.sh

install: anker anker.1
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 755 anker $(DESTDIR)$(BINDIR)/anker
	install -m 644 anker.1 $(DESTDIR)$(MANDIR)/man1/anker.1
	install -m 644 cli/completion/anker.bash $(DESTDIR)$(BASHCOMPDIR)/anker
	install -m 644 cli/completion/_anker $(DESTDIR)$(ZSHCOMPDIR)/_anker

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/anker $(DESTDIR)$(MANDIR)/man1/anker.1 \
		$(DESTDIR)$(BASHCOMPDIR)/anker $(DESTDIR)$(ZSHCOMPDIR)/_anker

clean:
	rm -rf build build-asan build-fuzz anker anker.1

.PHONY: all deps deps-build deps-bench bench-run check check-run check-tui fuzz fuzz-replay asan check-asan check-valgrind demo bench install uninstall clean

-include tests/fuzz/fuzz.mk
-include $(LIB_OBJ:.o=.d) $(MAIN_OBJ:.o=.d) $(UNIT_OBJ:.o=.d)
