# Search across the documents (issue 13): S asks for a pattern, the hits
# of every document in a list (document, Pos., the hit in context), Enter
# opens the document at the hit; A codes every hit of every document,
# each hit or its sentence, paragraph or turn (one undo step); :export
# writes what anker search writes; a pattern with more hits than the list
# keeps says so.  Headless at 80x24 and 200x60; the project checked with
# anker segments, anker log and sqlite3.

# Two documents: a has turns (B's turn runs over two paragraphs), b none.
# "portal" is at a 7-13 (paragraph 1), a 48-54 (paragraph 2) and b 8-14.
sproj() {
	P=$T/p.anker
	printf 'I: Das Portal ist neu. Es läuft gut.\nB: Ja, das Portal.\nUnd mehr dazu.\nI: Noch etwas.\n' > "$T/a.txt"
	printf 'Nur ein portal hier. Zweiter Satz.\n\nLetzter Absatz.\n' > "$T/b.txt"
	anker -p "$P" init >/dev/null 2>&1
	anker -p "$P" import "$T/a.txt" "$T/b.txt" >/dev/null 2>&1
	anker -p "$P" codes add Portal >/dev/null
}

# The segments as "doc start-end", in order.
ranges() {
	anker -p "$P" segments | awk -F'\t' 'NR > 1 { print $2, $4 "-" $5 }'
}

test_search_all_list_and_jump() {
	sproj
	screen -s 80x24 'Sportal<Enter>'
	expect_line 1 "Search /portal/ in all documents: 3 hits"
	expect_line 2 "Document"
	expect_line 2 "Pos."
	expect_line 2 "Hit in context"
	expect_line 3 ">a"
	expect_line 3 "I: Das Portal ist neu. Es läuft gut."
	expect_line 4 "B: Ja, das Portal."
	expect_line 5 "Nur ein portal hier. Zweiter Satz."
	expect_width 80
	# the hits line up in one column
	local c3 c4
	c3=$(line 3 | awk '{ print index($0, "Portal") }')
	c4=$(line 4 | awk '{ print index($0, "Portal") }')
	expect_eq "$c3" "$c4" "the column of the hits"
	screen -s 200x60 'Sportal<Enter>'
	expect_line 1 "Search /portal/ in all documents: 3 hits  (Enter: go to, A: autocode all, q: close)"
	expect_width 200
	# capitals: the case counts (as /)
	screen -s 80x24 'SPortal<Enter>'
	expect_line 1 "2 hits"
	# Enter: the document at the hit, its hits highlighted for n/N
	screen -s 80x24 'Sportal<Enter>jj<Enter>'
	expect_out "b | Pos. 1 (8)"
	expect_out "/portal: 1 hit in b (n/N: the next, the previous)"
	screen -s 200x60 'Sportal<Enter>j<Enter>n'
	expect_out "a | Pos. 1 (7)"
	expect_out "/portal: hit 1 of 2 (wrapped to the start)"
	# :search does the same; a bad pattern says why and opens nothing
	screen -s 80x24 ':search ein portal<Enter>'
	expect_line 1 "Search /ein portal/ in all documents: 1 hit"
	screen -s 80x24 'S(portal<Enter>'
	expect_out "S (portal:"
	expect_no_out "in all documents"
}

test_search_all_no_hits_and_export() {
	sproj
	screen -s 80x24 'Sgibtsnicht<Enter>'
	expect_line 1 "0 hits"
	expect_out "(no hits)"
	screen -s 80x24 "Sportal<Enter>:export tsv $T/hits.tsv<Enter>"
	expect_out "Wrote hits.tsv"
	run anker -p "$P" search -i portal
	expect_eq "$OUT" "$(cat "$T/hits.tsv")" ":export of the search view"
}

test_search_all_caps_the_list() {
	P=$T/p.anker
	python3 -c 'print(" ".join(["wort"] * 2100))' > "$T/many.txt"
	anker -p "$P" init >/dev/null 2>&1
	anker -p "$P" import "$T/many.txt" >/dev/null 2>&1
	screen -s 200x60 'Swort<Enter>G'
	expect_line 1 "more than 2000 hits (the first 2000 shown; :export writes all)"
	screen -s 80x24 "Swort<Enter>:export csv $T/all.csv<Enter>"
	expect_eq 2101 "$(wc -l < "$T/all.csv")" "every hit exported (and the header)"
}

# A: every hit of every document with the current code, by the unit
# asked for; one step each time.
test_search_all_autocode_units() {
	sproj
	cp "$P" "$T/empty.anker"
	screen -s 200x60 'Sportal<Enter>A'
	expect_out "Code /portal/ in all documents with 1 Portal by h(it) s(entence) p(aragraph) t(urn)?"
	screen -s 80x24 'Sportal<Enter>A'
	expect_out "Code /portal/ in all"
	expect_out "h(it) s(entence) p(aragraph) t(urn)?"
	expect_width 80
	local u want
	for u in h s p t; do
		cp "$T/empty.anker" "$P"
		screen -s 200x60 "Sportal<Enter>A$u"
		expect_out "Autocoded 3 hits in all documents"
		case $u in
		h) want="a 7-13
a 48-54
b 8-14" ;;
		s) want="a 0-22
a 37-55
b 0-20" ;;
		p) want="a 0-36
a 37-55
b 0-34" ;;
		t) want="a 0-36
a 37-70
b 0-34" ;;
		esac
		expect_eq "$want" "$(ranges)" "autocode by $u"
		expect_eq 1 "$(sql "$P" "SELECT COUNT(DISTINCT step) FROM log WHERE action = 'autocode'")" \
			"one step by $u"
	done
	# by turn says so; Esc codes nothing
	expect_out "by turn with 1 Portal: 3 added"
	cp "$T/empty.anker" "$P"
	screen -s 80x24 'Sportal<Enter>A<Esc>'
	expect_out "Nothing coded"
	expect_eq "" "$(ranges)" "after Esc"
	# :autocode UNIT in the list codes every document too
	screen -s 80x24 'Sportal<Enter>:autocode paragraph<Enter>'
	expect_out "Autocoded 3 hits in all documents by paragraph"
	run anker -p "$P" log
	expect_out "autocode"
	run anker -p "$P" undo --coder tester --yes
	expect_eq "" "$(ranges)" "one undo"
}

# In the document: A asks the same, codes only that document's hits.
test_search_doc_autocode_units() {
	sproj
	screen -s 80x24 '<Enter>/portal<Enter>As'
	expect_out "Autocoded 2 hits by sentence with 1 Portal: 2 added"
	expect_eq "a 0-22
a 37-55" "$(ranges)" "sentences of a"
	screen -s 80x24 '<Enter>/portal<Enter>:autocode turn<Enter>'
	expect_out "Autocoded 2 hits by turn with 1 Portal: 2 added"
	expect_eq "a 0-22
a 0-36
a 37-55
a 37-70" "$(ranges)" "turns of a too"
	screen -s 80x24 '<Enter>:autocode sentence<Enter>'
	expect_out "No search: / searches the document, S all documents"
	screen -s 80x24 '<Enter>/portal<Enter>:autocode word<Enter>'
	expect_out "Usage: :autocode hit|sentence|paragraph|turn"
}

# Each jump from a list parks one layer: q goes back through them in
# turn, as a browser's back does (S, Enter, r, Enter: q to r, q closes
# r, q to S, q closes S).
test_back_through_two_lists() {
	demo_copy
	screen -s 100x24 'SPortal<Enter><Enter>r<Enter>'
	expect_out "q: back to segments"
	screen -s 100x24 'SPortal<Enter><Enter>r<Enter>q'
	expect_line 1 "Segments (3) of 1 Verflechtungsdichte"
	screen -s 100x24 'SPortal<Enter><Enter>r<Enter>qq'
	expect_out "q: back to search"
	screen -s 100x24 'SPortal<Enter><Enter>r<Enter>qqq'
	expect_line 1 "Search /Portal/ in all documents: 29 hits"
	screen -s 100x24 'SPortal<Enter><Enter>r<Enter>qqqq'
	expect_out "Documents (5)"
	expect_no_out "q: back to"
	expect_no_out "in all documents"
}

# At most 16 parked views: after 20 jumps the 16 newest ways back are
# kept (the oldest lists closed), no more.
test_back_keeps_the_newest_sixteen() {
	demo_copy
	local jumps="" i
	for i in $(seq 20); do jumps="${jumps}SPortal<Enter><Enter>"; done
	screen -s 100x24 "$jumps$(printf 'q%.0s' $(seq 30))"
	expect_out "q: back to search"
	screen -s 100x24 "$jumps$(printf 'q%.0s' $(seq 31))"
	expect_line 1 "Search /Portal/ in all documents: 29 hits"
	screen -s 100x24 "$jumps$(printf 'q%.0s' $(seq 32))"
	expect_out "Documents (5)"
	expect_no_out "q: back to"
}

# Enter opens the document at the hit and parks the list: q in the
# document goes back to it, the cursor on the same hit; q in the list then
# closes it, and q once more quits.
test_search_all_back_to_list() {
	sproj
	screen -s 100x24 'Sportal<Enter>jj<Enter>'
	expect_out "b | Pos. 1 (8)"
	expect_out "q: back to search"
	expect_no_out "in all documents"
	screen -s 100x24 'Sportal<Enter>jj<Enter>jq'
	expect_line 1 "Search /portal/ in all documents: 3 hits"
	expect_line 5 ">b"
	expect_line 5 "Nur ein portal hier."
	expect_no_out "q: back to"
	# the list goes on from there: k, Enter opens the hit above
	screen -s 100x24 'Sportal<Enter>jj<Enter>qk<Enter>'
	expect_out "a | Pos. 2 (48)"
	# q closes the list, then quits (the keys after it are not read)
	screen -s 100x24 'Sportal<Enter>j<Enter>qq'
	expect_out "Documents (2)"
	expect_no_out "in all documents"
	screen -s 100x24 'Sportal<Enter>j<Enter>qqq?'
	expect_no_out "Show this help"
	# coded in the document meanwhile: the list is loaded again, its
	# cursor kept (after a window resize too)
	screen -s 100x24 'Sportal<Enter>j<Enter>vwc<Resize 90x20>q'
	expect_line 1 "Search /portal/ in all documents: 3 hits"
	expect_line 4 ">a"
	expect_width 90
	expect_eq 1 "$(anker -p "$P" segments | awk 'NR > 1' | wc -l)" "coded from the document"
}

# :export of the list writes in parts, as anker search does: every format
# that streams is byte for byte what the command writes, over several
# parts (1,000 rows each), and the TUI never holds the whole table (it
# did: 2 KB a hit, 312 MB for 218,043 hits).
test_search_all_export_streams() {
	P=$T/p.anker
	anker -p "$P" init >/dev/null 2>&1
	python3 -c 'import sys
w = ["Verwaltung", "Portal", "Kommune", "Antrag", "Bürger", "digital"]
sys.stdout.write("".join("B: " + " ".join(w[(i + j) % 6] for j in range(12)) + ".\n" for i in range(25000)))' > "$T/long.txt"
	printf 'Das Portal, "zitiert"; mit Komma.\n' > "$T/short.txt"
	anker -p "$P" import "$T/long.txt" "$T/short.txt" >/dev/null 2>&1
	local f
	for f in tsv csv json md; do
		screen -s 100x24 "SPortal<Enter>:export $f $T/hits.$f<Enter>"
		expect_out "Wrote hits.$f"
		anker -p "$P" search Portal --format "$f" > "$T/cli.$f"
		expect_eq "$(md5sum < "$T/cli.$f")" "$(md5sum < "$T/hits.$f")" ":export $f against anker search"
	done
	expect_eq 50002 "$(wc -l < "$T/hits.tsv")" "every hit, two a line (and the header)"
	# the aligned table: every hit too (the command caps its columns at 60)
	screen -s 100x24 "SPortal<Enter>:export table $T/hits.txt<Enter>"
	expect_eq 50002 "$(wc -l < "$T/hits.txt")" "every hit in the table (and its header)"
	# memory: the export holds a part, not the 300,000 hits of [a-z]+
	/usr/bin/time -f %M -o "$T/rss-list.txt" env ANKER_TUI_HEADLESS=100x24 \
		ANKER_TUI_KEYS='S[a-z]+<Enter>' "$ANKER" -p "$P" tui >/dev/null
	/usr/bin/time -f %M -o "$T/rss-export.txt" env ANKER_TUI_HEADLESS=100x24 \
		ANKER_TUI_KEYS="S[a-z]+<Enter>:export tsv $T/all.tsv<Enter>" "$ANKER" -p "$P" tui >/dev/null
	local size rss base
	size=$(stat -c %s "$T/all.tsv")
	base=$(tail -n 1 "$T/rss-list.txt")
	rss=$(tail -n 1 "$T/rss-export.txt")
	[ "$size" -gt 20000000 ] || fail "expected an export over 20 MB, got $size bytes"
	expect_eq "$(anker -p "$P" search -i '[a-z]+' --format tsv | md5sum)" "$(md5sum < "$T/all.tsv")" \
		"every hit of [a-z]+, as anker search writes them"
	[ -z "$(ls "$T" | grep '\.tmp\.')" ] || fail "left behind: $(ls "$T")"
	# Under ASan freed memory stays in its quarantine: RSS measures the tool.
	[ -n "${ASAN_OPTIONS:-}" ] && return
	[ "$rss" -lt $((base + 8192)) ] ||
		fail "peak RSS ${rss} kB with :export, ${base} kB for the list alone, for $((size / 1024)) kB"
	echo "    :export of $((size / 1024)) kB: peak RSS ${rss} kB, the list alone ${base} kB" >&2
}
