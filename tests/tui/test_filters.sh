# Views that answer the next question (issue 13): the coder filter of F,
# O and r (C: all coders, each coder, each separately) and F's rolled-up
# share beside the rolled-up counts.  Headless screens at 80x24 and
# 200x60 on the demo project (anna 83 segments, ben 45).

test_freq_rollup_shows_rolled_up_share() {
	demo_copy
	screen -s 200x60 'FR'
	expect_line 1 "Frequencies (rolled up), all coders: 128 segments"
	# 79 of 128 segments are under 2: 61.72 %, not the code's own 0.00
	expect_sq " 2 Verflechtungsorganisation 79 5 61.72"
	expect_sq " 2.1 Sonstige Unterflechtung 2 1 1.56"
	screen -s 80x24 'FR'
	expect_sq " 79 5 61.72"
	expect_width 80
}

test_freq_coder_filter() {
	demo_copy
	screen -s 200x60 'FC'
	expect_line 1 "Frequencies, coder anna: 83 segments"
	expect_sq " 1 Verflechtungsdichte 2 2 2.41"
	screen -s 200x60 'FCC'
	expect_line 1 "Frequencies, coder ben: 45 segments"
	screen -s 200x60 'FCCC'
	expect_line 1 "Frequencies, each coder separately: 128 segments"
	expect_sq " 1 Verflechtungsdichte (anna) 2 2 2.41"
	expect_sq " 1 Verflechtungsdichte (ben) 1 1 2.22"
	screen -s 200x60 'FCCCC'
	expect_line 1 "Frequencies, all coders: 128 segments"
	screen -s 80x24 'FRC'
	expect_line 1 "Frequencies (rolled up), coder anna: 83 segments"
	expect_sq " 54 5 65.06"
	expect_width 80
	# Enter on a coder's row: that coder's segments of the code
	screen -s 80x24 'FCCCgjjjjj<Enter>'
	expect_line 1 "Segments (1) of 2.1"
	expect_out "| ben | weight 0"
	expect_no_out "| anna |"
}

# 1 Verflechtungsdichte (anna) and 2.2 Sonstige Überflechtung (ben) overlap
# at Interview 01, Pos. 28: a co-occurrence pooled, none per coder.
test_cooc_coder_filter_each_separately() {
	demo_copy
	screen -s 200x60 'O'
	expect_line 1 "Co-occurrence: overlap, count, all coders, 44 codes"
	expect_sq " 1 Verflechtungsdichte 3 0 1 0"
	screen -s 200x60 'OCCC'
	expect_line 1 "Co-occurrence: overlap, count, each coder separately, 44 codes"
	expect_sq " 1 Verflechtungsdichte 3 0 0 0"
	expect_sq " 2.2 Sonstige Überflechtung 0 0 3 0"
	screen -s 80x24 'OC'
	expect_line 1 "Co-occurrence: overlap, count, coder anna,"
	expect_width 80
	# the cell's pairs follow the filter
	screen -s 80x24 'Oll<Enter>'
	expect_line 1 "Segment pairs (1) of 1 x 2.2"
	screen -s 80x24 'OCCCll<Enter>'
	expect_line 1 "Segment pairs (0) of 1 x 2.2"
	screen -s 80x24 'OCll<Enter>'
	expect_line 1 "Segment pairs (0) of 1 x 2.2"
}

test_segments_coder_filter() {
	demo_copy
	screen -s 200x60 '<Tab>jjr'
	expect_line 1 "Segments (2) of 2.1 Verflechtungsorganisation >> Sonstige Unterflechtung, all coders"
	screen -s 200x60 '<Tab>jjrC'
	expect_line 1 "Segments (1) of 2.1 Verflechtungsorganisation >> Sonstige Unterflechtung, coder anna"
	expect_out "| anna | weight 0"
	expect_no_out "| ben |"
	screen -s 80x24 '<Tab>jjrCC'
	expect_line 1 "Segments (1) of 2.1"
	expect_out "| ben | weight 0"
	expect_width 80
	# no "each separately" for a list of segments: back to all
	screen -s 200x60 '<Tab>jjrCCC'
	expect_line 1 "Segments (2) of 2.1 Verflechtungsorganisation >> Sonstige Unterflechtung, all coders"
}

# :docs (MAXQDA's activation): Interview 01 has 33 segments, 01 and 03
# together 65; in Interview 01 twenty codes occur.
test_docs_filter_limits_freq_cooc_segments() {
	demo_copy
	screen -s 200x60 ':docs doc Interview 01, Interview 03<Enter>F'
	expect_line 1 "Frequencies, all coders, documents: Interview 01, Interview 03: 65 segments"
	expect_sq " 1 Verflechtungsdichte 3 2 4.62"
	screen -s 200x60 ':docs var Datum=2023-03-14<Enter>F'
	expect_line 1 "Frequencies, all coders, documents: var Datum=2023-03-14: 33 segments"
	screen -s 80x24 ':docs group Interviews<Enter>F'
	expect_line 1 "Frequencies, all coders, documents: group Interviews: 128"
	expect_width 80
	screen -s 200x60 ':docs doc Interview 01<Enter>O'
	expect_line 1 "Co-occurrence: overlap, count, all coders, documents: Interview 01, 20 codes"
	expect_sq " 1 Verflechtungsdichte 1 0 1 0"
	# 2.2 at Interview 03 is gone from the pairs of 1 x 2.2
	screen -s 80x24 ':docs doc Interview 01<Enter>Oll<Enter>'
	expect_line 1 "Segment pairs (1) of 1 x 2.2"
	screen -s 80x24 ':docs doc Interview 03<Enter><Tab>jjr'
	expect_line 1 "Segments (0) of 2.1"
	screen -s 200x60 ':docs doc Interview 01<Enter><Tab>jjr'
	expect_line 1 "Segments (2) of 2.1 Verflechtungsorganisation >> Sonstige Unterflechtung, all coders, documents: Interview 01"
	# :docs alone counts every document again
	screen -s 200x60 ':docs doc Interview 01<Enter>:docs<Enter>F'
	expect_line 1 "Frequencies, all coders: 128 segments"
	screen -s 200x60 ':docs doc Interview 01<Enter>:docs<Enter>'
	expect_out "Counting every document"
}

test_docs_filter_refuses_unknown_names() {
	demo_copy
	screen -s 200x60 ':docs doc Interview 09<Enter>'
	expect_out "Documents not limited: no document 'Interview 09'; did you mean 'Interview 01'"
	screen -s 200x60 ':docs group Nope<Enter>'
	expect_out "Documents not limited: no group 'Nope'"
	screen -s 200x60 ':docs group Nope<Enter>F'
	expect_line 1 "Frequencies, all coders: 128 segments"
	screen -s 200x60 ':docs var Datum<Enter>'
	expect_out "expected NAME=VALUE, got 'Datum'"
	screen -s 200x60 ':docs doc Interview 01<Enter>:docs doc Nope<Enter>F'
	expect_line 1 "documents: Interview 01: 33 segments"
}

# :export from every view in every format: the table as the view shows it
# (its coder and document filters too), "~/" as $HOME, the message naming
# the file by its absolute path.
test_export_every_view_every_format() {
	demo_copy
	local h=$T/home
	mkdir -p "$h"
	for fmt in csv tsv md latex json table xlsx; do
		HOME=$h screen -s 80x24 "F:export $fmt ~/f.$fmt<Enter>"
		expect_line 24 "Wrote f.$fmt"
		[ -s "$h/f.$fmt" ] || fail "no ~/f.$fmt"
	done
	expect_eq "$(anker -p "$P" freq --format csv)" "$(cat "$h/f.csv")" "F as freq writes it"
	HOME=$h screen -s 200x60 "F:export json ~/f.json<Enter>"
	expect_out "Wrote f.json ("
	expect_out "): $(realpath "$h")/f.json"
	# F rolled up, one coder: as freq --rollup --coder writes it
	HOME=$h screen -s 200x60 "FRC:export tsv ~/fa.tsv<Enter>"
	expect_eq "$(anker -p "$P" freq --rollup --coder anna --format tsv)" "$(cat "$h/fa.tsv")" \
		"F rolled up for anna"
	# O in its measure, per coder
	HOME=$h screen -s 200x60 "O%:export csv ~/o.csv<Enter>"
	expect_eq "$(anker -p "$P" cooc --measure rowpct --format csv)" "$(cat "$h/o.csv")" "O in row %"
	HOME=$h screen -s 200x60 "OCCC:export tsv ~/oe.tsv<Enter>"
	expect_eq "0" "$(awk -F'\t' '$1 == "1" { print $5 }' "$h/oe.tsv")" "1 x 2.2 each coder separately"
	# r with its filters: anna's segments of 2.1 in Interview 01
	HOME=$h screen -s 200x60 ":docs doc Interview 01<Enter><Tab>jjrC:export csv ~/r.csv<Enter>"
	expect_eq "$(anker -p "$P" segments --code 2.1 --coder anna --doc 'Interview 01' --format csv)" \
		"$(cat "$h/r.csv")" "r as segments writes it"
	# the agreement view's table
	HOME=$h screen -s 200x60 "I:export md ~/i.md<Enter>"
	grep -q "^| Code" "$h/i.md" || fail "no agreement table in i.md: $(head -2 "$h/i.md")"
	# by name: the matrix, limited by :docs
	HOME=$h screen -s 200x60 ":docs doc Interview 01, Interview 02<Enter>:export matrix csv ~/m.csv<Enter>"
	expect_eq "Code,Path,Interview 01,Interview 02,Total" "$(head -1 "$h/m.csv" | tr -d '\r')" "matrix of two documents"
	HOME=$h screen -s 200x60 ":export matrix csv ~/m2.csv<Enter>"
	expect_eq "$(anker -p "$P" matrix --format csv)" "$(cat "$h/m2.csv")" "matrix as matrix writes it"
	# what cannot be exported is said
	screen -s 200x60 ":export csv $T/x.csv<Enter>"
	expect_out "Not exported: this view has no table"
	screen -s 200x60 ":export cooc csv $T/x.csv<Enter>"
	expect_out "Not exported: open the cooc view first (O)"
	screen -s 200x60 "F:export pdf $T/x.pdf<Enter>"
	expect_out "Not exported: unknown format 'pdf'"
	[ ! -e "$T/x.csv" ] || fail "x.csv written"
}
