# docs, show, search.

setup() {
	anker -p p.anker init 2>/dev/null
	anker -p p.anker import -q "$FIXTURES/corpus/umlaute.txt" "$FIXTURES/corpus/unicode.txt"
}

test_search_positions_in_code_points() {
	setup
	run anker -p p.anker search --format json 'Schnittstelle'
	expect_rc 0
	expect_out '"document": "umlaute"'
	expect_out '"pos": 3'
	# Independent count: code points before the match, by wc -m.
	before=$(LC_ALL=C.UTF-8 awk 'NR < 3 { print } NR == 3 { i = index($0, "Schnittstelle"); printf "%s", substr($0, 1, i - 1) }' \
		"$FIXTURES/corpus/umlaute.txt" | LC_ALL=C.UTF-8 wc -m)
	expect_out "\"start\": $before, \"end\": $((before + 13))"
	expect_out '"match": "Schnittstelle"'
	expect_out '"line": "B: Ähm, also „eigentlich gut“'
}

test_search_unicode_classes_and_case() {
	setup
	run anker -p p.anker search --format tsv '\bÜ\w+'
	expect_rc 0
	expect_out "Übermäßig"
	run anker -p p.anker search -i --count 'übermäßig'
	expect_out 1
	run anker -p p.anker search --count 'ÜBERMÄSSIG'
	expect_out 0
	run anker -p p.anker search --format tsv '東京'
	expect_out "unicode	1	"
}

test_search_doc_filter_and_context() {
	setup
	run anker -p p.anker search --doc unicode --count 'I:'
	expect_out 2
	run anker -p p.anker search --format json --context 1 'Bürger\?'
	expect_out '"line": "B: Ähm'
}

test_search_bad_pattern() {
	setup
	run anker -p p.anker search '(unclosed'
	expect_rc 1
	expect_err "bad pattern"
}

test_search_catastrophic_pattern_fails_fast() {
	setup
	printf 'B: %s!\n' "$(printf 'a%.0s' $(seq 1 40))" > aaa.txt
	anker -p p.anker import -q aaa.txt
	local t0 ms
	cpu_mark t0
	run anker -p p.anker search '(a+)+$'
	cpu_took_ms ms "$t0"
	expect_rc 1
	expect_err "match limit"
	[ "$ms" -lt 20000 ] || fail "pathological pattern took ${ms} ms of CPU"
}

test_show_lines_and_numbers() {
	setup
	run anker -p p.anker show umlaute --lines 2-3 --numbers
	expect_rc 0
	expect_out "2  I: Wie läuft"
	expect_out "3  B: Ähm"
	expect_no_out "Interview Müller"
	run anker -p p.anker show umlaute --lines 9-12
	expect_rc 1
	expect_err "5 paragraphs"
	run anker -p p.anker show umlaute --lines 3-2
	expect_rc 2
	run anker -p p.anker show nosuchdoc
	expect_rc 1
	expect_err "no document 'nosuchdoc'"
}

test_show_by_guid_prefix() {
	setup
	guid=$(sql p.anker "SELECT guid FROM document WHERE name='unicode'")
	run anker -p p.anker show "${guid:0:8}" --lines 1
	expect_rc 0
	expect_out "日本語"
}

test_docs_formats() {
	setup
	run anker -p p.anker docs --format csv
	expect_rc 0
	expect_out "Document,Group,Chars,Paragraphs,Speakers,Variables,Segments,GUID"
	expect_out 'umlaute,,'
	expect_out '"I, B"'
	run anker -p p.anker docs --format md
	expect_out "| Document | Group |"
	run anker -p p.anker docs --format latex
	expect_out '\toprule'
	run anker -p p.anker docs --format nope
	expect_rc 2
	expect_err "unknown format"
}

test_escape_sequences_inert_on_terminal() {
	anker -p p.anker init 2>/dev/null
	printf 'I: rot \033[31mROT\033[0m und bell \007 ende\n' > esc.txt
	anker -p p.anker import -q esc.txt
	# script(1) gives anker a terminal; the output must carry no raw ESC.
	script -qec "$ANKER -p p.anker show esc" /dev/null > shown.txt
	grep -q $'\033\\[31m' shown.txt && fail "raw escape sequence reached the terminal"
	grep -q '\^\[\[31mROT' shown.txt || fail "escape not shown as ^[: $(cat -v shown.txt)"
	script -qec "$ANKER -p p.anker search --format table ROT" /dev/null > found.txt
	grep -q $'\033\\[31m' found.txt && fail "raw escape in table output"
	grep -q '\^G' found.txt || fail "BEL not shown as ^G: $(cat -v found.txt)"
}

test_search_usage_errors() {
	setup
	run anker -p p.anker search --doc nosuchdoc 'x'
	expect_rc 1
	expect_err "no document 'nosuchdoc'"
	run anker -p p.anker search --context -3 'x'
	expect_rc 2
	expect_err "--context"
	run anker -p p.anker search
	expect_rc 2
	expect_err "expected one REGEX"
}

# A hit on a very long line gets the match with about 1,000 bytes each
# side, "…" where cut, not the whole line: a search with many hits on one
# long line would otherwise copy the line once per hit.
test_search_long_line_window() {
	anker -p p.anker init >/dev/null 2>&1
	awk 'BEGIN { for (i = 0; i < 3000; i++) printf "abä "; printf "\n" }' > long.txt
	anker -p p.anker import -q long.txt
	run anker -p p.anker search 'abä' --format tsv
	expect_rc 0
	expect_eq 3001 "$(printf '%s\n' "$OUT" | wc -l)" "lines (header + hits)"
	local widest
	widest=$(printf '%s\n' "$OUT" | awk '{ if (length($0) > m) m = length($0) } END { print m }')
	[ "$widest" -le 2100 ] || fail "expected hit lines of at most ~2,100 bytes, widest: $widest"
	# The first hit starts the line: cut only after it.
	case $(printf '%s\n' "$OUT" | sed -n 2p | cut -f6) in
	abä*…) ;; *) fail "first hit's line: expected 'abä …' cut at the end" ;; esac
	case $(printf '%s\n' "$OUT" | sed -n 1500p | cut -f6) in
	…*abä*…) ;; *) fail "a middle hit's line: expected '…' at both ends" ;; esac
	# A match that runs past its line (over a line feed): the window ends
	# with the line.
	{ awk 'BEGIN { for (i = 0; i < 3000; i++) printf "x" }'; printf 'ENDE\nANFANG\n'; } > cross.txt
	anker -p p.anker import -q cross.txt
	run anker -p p.anker search 'ENDE\nANF' --doc cross --format tsv
	expect_rc 0
	case $(printf '%s\n' "$OUT" | sed -n 2p | cut -f6) in
	…xxx*xENDE) ;; *) fail "a match over the line's end: expected '…xxx…ENDE', got: $(printf '%s\n' "$OUT" | sed -n 2p | cut -f6 | tail -c 40)" ;; esac
	# Short lines stay whole.
	printf 'kurz abä da\n' > short.txt
	anker -p p.anker import -q short.txt
	run anker -p p.anker search 'abä' --doc short --format tsv
	expect_eq "kurz abä da" "$(printf '%s\n' "$OUT" | sed -n 2p | cut -f6)" "a short line"
}

# Lines as grep reads them (issue 15): ^ and $ at every line start and
# end, so '^B:' finds the turn starts grep finds; no match takes a line
# end unless the pattern has \n.
test_search_lines_as_grep_reads_them() {
	setup
	local f=$FIXTURES/corpus/umlaute.txt
	run anker -p p.anker search --doc umlaute --count '^B:'
	expect_rc 0
	expect_out "$(grep -c '^B:' "$f")"
	run anker -p p.anker search --doc umlaute --count '#$'
	expect_out "$(grep -c '#$' "$f")"
	# \s could take the line feed: it does not; \n asks for it
	run anker -p p.anker search --doc umlaute --count '#\s+I:'
	expect_out 0
	run anker -p p.anker search --doc umlaute --count '#\nI:'
	expect_out "$(grep -c '^I:' "$f" | awk '{ print $1 - 1 }')"
	anker -p p.anker codes add Frage >/dev/null
	run anker -p p.anker autocode '^I:' Frage --unit paragraph --doc umlaute
	expect_rc 0
	expect_eq "$(grep -c '^I:' "$f")" "$(sql p.anker 'SELECT COUNT(*) FROM segment')" "autocode '^I:'"
}

# Rows are written a thousand at a time as they are found (issue 15: every
# hit was held first); the output is the same whole table: 2,500 hits in
# tsv, csv, json and the aligned table.
test_search_streams_rows() {
	anker -p p.anker init 2>/dev/null
	awk 'BEGIN { for (i = 1; i <= 1250; i++) printf "B: und %d und\n", i }' > und.txt
	anker -p p.anker import -q und.txt
	run anker -p p.anker search --count '\bund\b'
	expect_out 2500
	run anker -p p.anker search --format tsv '\bund\b'
	expect_rc 0
	expect_eq 2501 "$(printf '%s\n' "$OUT" | wc -l)" "tsv lines"
	expect_eq 1 "$(printf '%s\n' "$OUT" | grep -c '^Document')" "tsv headers"
	expect_eq $'und\t1\t3\t6\tund\tB: und 1 und' "$(printf '%s\n' "$OUT" | sed -n 2p)" "first row"
	expect_eq $'und\t1250\t18889\t18892\tund\tB: und 1250 und' "$(printf '%s\n' "$OUT" | tail -n 1)" "last row"
	run anker -p p.anker search --format csv '\bund\b'
	expect_eq 2501 "$(printf '%s\n' "$OUT" | wc -l)" "csv lines"
	run anker -p p.anker search --format json '\bund\b'
	expect_eq 2500 "$(printf '%s' "$OUT" | jq length)" "json rows"
	expect_eq 1250 "$(printf '%s' "$OUT" | jq '.[-1].pos')" "json last pos"
	run anker -p p.anker search --format table '\bund\b'
	expect_eq 2501 "$(printf '%s\n' "$OUT" | wc -l)" "table lines"
	# the widths of the first thousand rows: End is one wider from "18892" on
	expect_out "und          1      3     6  und    B: und 1 und"
	expect_out "und       1250  18889  18892  und    B: und 1250 und"
	run anker -p p.anker search --format latex '\bund\b'
	expect_eq 2500 "$(printf '%s\n' "$OUT" | grep -c 'B: und')" "latex rows (kept whole)"
}

# Only the first 32 MiB of the project are read through a memory map
# (store_map; issue 18): every page read through the map stays resident,
# and a search over a project mapped whole (2 GB at most) peaked at the
# size of its text, 1.1 GB over 1 GB.  Over 96 MB of text, the search's
# peak RSS stays within 64 MB of a `show` of one line from the same file
# (about 32 MB more, measured; mapped whole it was about 100 MB more).
test_search_peak_rss_is_bounded_on_a_big_project() {
	anker -p p.anker init 2>/dev/null
	python3 -c 'import sys
w = ["Verwaltung", "Portal", "Kommune", "Antrag", "Bürger", "digital", "schließlich", "Förderung"]
block = "".join("B: " + " ".join(w[(i * 7 + j * 3) % 8] for j in range(14)) + ".\n" for i in range(8192)).encode()
for f in range(96):
    with open("d%02d.txt" % f, "wb") as o:
        o.write(block[:1 << 20])'
	anker -p p.anker import -q d*.txt
	local size base rss
	size=$(stat -c %s p.anker)
	[ "$size" -gt 100000000 ] || fail "expected a project over 100 MB, got $size bytes"
	run /usr/bin/time -f %M -o show-rss.txt "$ANKER" -p p.anker show d00 --lines 1-1
	expect_rc 0
	run /usr/bin/time -f %M -o rss.txt "$ANKER" -p p.anker search --count Kommune
	expect_rc 0
	# Peak RSS under valgrind or ASan measures the tool (shadow memory).
	[ -n "${ANKER_REAL:-}${ASAN_OPTIONS:-}" ] && return
	base=$(tail -n 1 show-rss.txt)
	rss=$(tail -n 1 rss.txt)
	[ "$rss" -lt $((base + 65536)) ] ||
		fail "search over $((size >> 20)) MiB: peak RSS ${rss} kB, show ${base} kB"
}
