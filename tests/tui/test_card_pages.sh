# Card lists read what comes on the screen (issue 18: any key at 10M
# segments): the segments view lists the code's segments without their
# text and reads Pos. and text for the cards it draws.  Every card, wherever
# the cursor goes, shows what `anker segments` gives; :export still writes
# every text.  Headless screens on the demo project (2 with its subcodes:
# 79 segments in five documents).

# card_of N: the Nth segment (1-based) of 2 with subcodes as the view shows
# its head: "DOCUMENT, Pos. P" (a range with an en dash) and the first 30
# characters of its text (the screen wraps the rest).
card_of() {
	anker -p "$P" segments --code 2 --subcodes --format tsv | python3 -c '
import sys
rows = [l.rstrip("\n").split("\t") for l in sys.stdin][1:]
r = rows[int(sys.argv[1]) - 1]
print(r[1] + ", Pos. " + r[2].replace("-", "\u2013"))
print(r[10][:30])' "$1"
}

test_segments_cards_read_on_the_screen_match_the_list() {
	demo_copy
	local want
	# The last card (G), cards on the way up from it, and back at the top.
	for step in "G:79" "Gkkkk:75" "G<C-u><C-u>:$((79 - 2 * 7))" "Gg:1" "j:2"; do
		local keys=${step%:*} n=${step#*:}
		screen -s 100x30 "<Tab>jR$keys"
		expect_line 1 "Segments (79) of 2 Verflechtungsorganisation with subcodes"
		want=$(card_of "$n")
		expect_out "> ${want%%$'\n'*}"
		expect_out "${want#*$'\n'}"
	done
}

test_segments_cards_export_every_text() {
	demo_copy
	local h=$T/home
	mkdir -p "$h"
	HOME=$h screen -s 100x30 "<Tab>jR:export segments tsv ~/s.tsv<Enter>"
	anker -p "$P" segments --code 2 --subcodes --format tsv >"$T/cli.tsv"
	expect_rc 0
	cmp -s "$h/s.tsv" "$T/cli.tsv" || fail "the view's export differs from anker segments: $(diff "$h/s.tsv" "$T/cli.tsv" | head -5)"
}

# review_card_of N: the Nth passage of 2.1 as B's card heads it (one card
# for the coders of the same passage): "DOCUMENT, Pos. P | START-END" and
# the first 30 characters of the text.  N 0: how many passages.
review_card_of() {
	anker -p "$P" segments --code 2.1 --format tsv | python3 -c '
import sys
rows = [l.rstrip("\n").split("\t") for l in sys.stdin][1:]
cards = []
for r in rows:
    if not cards or cards[-1][1:5] != r[1:5]:
        cards.append(r)
if sys.argv[1] == "0":
    print(len(cards)); sys.exit(0)
r = cards[int(sys.argv[1]) - 1]
print(r[1] + ", Pos. " + r[2].replace("-", "\u2013") + " | " + r[3] + "-" + r[4])
print(r[10].replace("\\n", "\n").strip().split("\n")[0][:30])' "$1"
}

test_review_cards_read_on_the_screen_match_the_list() {
	demo_copy
	# 2.1 gets more segments, a paragraph each, in Interview 02 (empty
	# lines are refused: an empty range).
	for i in $(seq 3 80); do
		"$ANKER" -p "$P" mark "Interview 02" 2.1 --lines "$i-$i" --coder anna >/dev/null 2>&1 || true
	done
	local n segs
	segs=$(anker -p "$P" segments --code 2.1 --format tsv | tail -n +2 | wc -l)
	n=$(review_card_of 0)
	[ "$n" -ge 20 ] || fail "expected 20 passages of 2.1 or more, got $n"
	local want
	for step in "G:$n" "Gkkk:$((n - 3))" "Gg:1" "jjj:4"; do
		local keys=${step%:*} k=${step#*:}
		screen -s 100x30 "<Tab>jjB$keys"
		expect_line 1 "Codebook and review: $segs segments"
		want=$(review_card_of "$k")
		expect_out "> ${want%%$'\n'*}"
		expect_out "${want#*$'\n'}"
	done
	# z: the context of the card under the cursor, which need not have
	# been drawn before (G then z in one go).
	want=$(review_card_of "$n")
	screen -s 100x30 "<Tab>jjBGz"
	expect_out "> ${want%%$'\n'*}"
	expect_out "Context"
}

# A list longer than the cards the view holds (issue 18: it reads a window
# of them around the cursor): 3,600 more segments of 2.1 at deterministic
# places in every document, by anna and ben, beside the demo's.
long_list() {
	sql "$P" "CREATE TEMP TABLE d(n INTEGER PRIMARY KEY, id INTEGER, chars INTEGER);
INSERT INTO d SELECT row_number() OVER (ORDER BY id) - 1, id, chars FROM document;
WITH RECURSIVE i(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM i WHERE i < 3599)
INSERT OR IGNORE INTO segment(guid, doc_id, code_id, coder_id, start, \"end\", created, modified)
SELECT printf('00000000-0000-4000-8000-%012d', i), d.id, (SELECT id FROM code WHERE number = '2.1'),
  (SELECT id FROM coder WHERE name = CASE i % 2 WHEN 0 THEN 'anna' ELSE 'ben' END),
  (i * 7919) % (d.chars - 50), (i * 7919) % (d.chars - 50) + 10 + i % 30,
  '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'
FROM i JOIN d ON d.n = i % (SELECT COUNT(*) FROM d);" || fail "could not add the segments"
}

# long_card_of N [OPTIONS]: the Nth segment (1-based) of 2 with subcodes
# (and OPTIONS) as card_of gives it, then its document and first
# paragraph ("| DOC | Pos. P (" as the text pane's status line says where
# Enter went); N 0: how many segments.
long_card_of() {
	local n=$1
	shift
	anker -p "$P" segments --code 2 --subcodes "$@" --format tsv | python3 -c '
import sys
rows = [l.rstrip("\n").split("\t") for l in sys.stdin][1:]
if sys.argv[1] == "0":
    print(len(rows)); sys.exit(0)
r = rows[int(sys.argv[1]) - 1]
print(r[1] + ", Pos. " + r[2].replace("-", "\u2013"))
print(r[10].replace("\\n", "\n").strip().split("\n")[0][:30])
print("| " + r[1] + " | Pos. " + r[2].split("-")[0] + " (")' "$n"
}

# page_steps N: "KEYS:CARD" steps through a list of N cards at 100x30,
# where a half page (Ctrl-D, Ctrl-U) moves 7 cards: 80 of them go past the
# window around the first card, and from the end past the last's.
D80=$(printf '<C-d>%.0s' $(seq 80))
U80=$(printf '<C-u>%.0s' $(seq 80))
page_steps() {
	local n=$1
	echo ":1" "G:$n" "$D80:561" "${D80}j:562" "${D80}k:560" "G$U80:$((n - 560))" \
		"G${U80}g:1" "${D80}G:$n" "Gg$D80:561"
}

# expect_card N: the screen's current card is the Nth of the list.
expect_card() {
	local want
	want=$(long_card_of "$@")
	expect_out "> ${want%%$'\n'*}"
	want=${want#*$'\n'}
	expect_out "${want%%$'\n'*}"
}

test_segments_long_list_pages_as_the_list() {
	demo_copy
	long_list
	local n
	n=$(long_card_of 0)
	[ "$n" -gt 3000 ] || fail "expected more than 3,000 segments of 2 with subcodes, got $n"
	for step in $(page_steps "$n"); do
		local keys=${step%:*} k=${step#*:}
		screen -s 100x30 "<Tab>jR$keys"
		expect_line 1 "Segments ($n) of 2 Verflechtungsorganisation with subcodes"
		expect_card "$k"
	done
	# Enter opens the passage of the card under the cursor.
	local want
	for step in "G:$n" "$D80:561" "G$U80:$((n - 560))"; do
		local keys=${step%:*} k=${step#*:}
		want=$(long_card_of "$k" | tail -n 1)
		screen -s 100x30 "<Tab>jR$keys<Enter>"
		expect_line 30 "$want"
	done
}

test_segments_long_list_filters_as_the_list() {
	demo_copy
	long_list
	local n
	# C: one coder's (anna comes first)
	n=$(long_card_of 0 --coder anna)
	[ "$n" -gt 1500 ] || fail "expected more than 1,500 of anna's segments, got $n"
	screen -s 100x30 "<Tab>jRCG"
	expect_line 1 "Segments ($n) of 2 Verflechtungsorganisation with subcodes, coder anna"
	expect_card "$n" --coder anna
	screen -s 100x30 "<Tab>jRC$(printf '<C-d>%.0s' $(seq 80))"
	expect_card 561 --coder anna
	# :docs: one document's
	n=$(long_card_of 0 --doc 'Interview 02')
	screen -s 100x30 ":docs doc Interview 02<Enter><Tab>jRG"
	expect_line 1 "Segments ($n) of 2 Verflechtungsorganisation with subcodes"
	expect_card "$n" --doc 'Interview 02'
	# The cursor stays on its segment when the list changes under it: C
	# from all coders on anna's first segment from the 561st on.
	local k ka
	read -r k ka < <(anker -p "$P" segments --code 2 --subcodes --format tsv | awk -F'\t' '
		NR > 1 { i++; if ($8 == "anna") a++ }
		NR > 1 && i >= 561 && $8 == "anna" { print i, a; exit }')
	screen -s 100x30 "<Tab>jR$(printf '<C-d>%.0s' $(seq 80))$(printf 'j%.0s' $(seq 561 "$k"))kC"
	expect_line 1 "coder anna"
	expect_card "$ka" --coder anna
}

# B on a list longer than the cards it holds: long_list's segments of 2.1,
# and ben's copies of every fifth of anna's (identical passages: one card
# naming both coders).
long_review_list() {
	long_list
	sql "$P" "INSERT OR IGNORE INTO segment(guid, doc_id, code_id, coder_id, start, \"end\", created, modified)
SELECT printf('00000000-0000-4000-9000-%012d', s.id), s.doc_id, s.code_id,
  (SELECT id FROM coder WHERE name = 'ben'), s.start, s.\"end\", s.created, s.modified
FROM segment s WHERE s.guid LIKE '00000000-0000-4000-8000-%' AND s.coder_id =
  (SELECT id FROM coder WHERE name = 'anna') AND s.id % 5 = 0" || fail "could not add the copies"
}

# expect_review_card N: the screen's current card is B's Nth of 2.1.
expect_review_card() {
	local want
	want=$(review_card_of "$1")
	expect_out "> ${want%%$'\n'*}"
	expect_out "${want#*$'\n'}"
}

test_review_long_list_pages_as_the_list() {
	demo_copy
	long_review_list
	local n segs
	n=$(review_card_of 0)
	segs=$(anker -p "$P" segments --code 2.1 --format tsv | tail -n +2 | wc -l)
	[ "$n" -gt 3000 ] && [ "$segs" -gt "$n" ] ||
		fail "expected more than 3,000 passages of 2.1, some of two coders: $n passages, $segs segments"
	for step in $(page_steps "$n"); do
		local keys=${step%:*} k=${step#*:}
		screen -s 100x30 "<Tab>jjB$keys"
		expect_line 1 "Codebook and review: $segs segments, 0 judged by tester"
		expect_review_card "$k"
	done
}

# review_guids K: the GUIDs of the segments of B's first K passages of 2.1.
review_guids() {
	anker -p "$P" segments --code 2.1 --format tsv | python3 -c '
import sys
rows = [l.rstrip("\n").split("\t") for l in sys.stdin][1:]
cards = []
for r in rows:
    if not cards or cards[-1][0][1:5] != r[1:5]:
        cards.append([r])
    else:
        cards[-1].append(r)
print(",".join("\x27" + r[0] + "\x27" for c in cards[:int(sys.argv[1])] for r in c))' "$1"
}

test_review_long_list_to_judge_across_windows() {
	demo_copy
	long_review_list
	# The reviewer judged the first 300 passages: J, K and T put the cursor
	# on the 301st, past the window around the first card.
	sql "$P" "INSERT OR IGNORE INTO coder(guid, name) VALUES ('00000000-0000-4000-8000-00000000ee01', 'tester');
INSERT INTO review(segment_id, verdict, comment, reviewer_id, created)
SELECT id, 'fits', '', (SELECT id FROM coder WHERE name = 'tester'), '2025-01-01T00:00:00Z'
FROM segment WHERE guid IN ($(review_guids 300))" || fail "could not add the verdicts"
	local judged segs
	judged=$(sql "$P" "SELECT COUNT(*) FROM review")
	segs=$(anker -p "$P" segments --code 2.1 --format tsv | tail -n +2 | wc -l)
	for keys in "<Tab>jBT" "<Tab>jBJ" "<Tab>jjBJK"; do
		screen -s 100x30 "$keys"
		expect_line 1 "Codebook and review: $segs segments, $judged judged by tester"
		expect_line 2 "2.1 Verflechtungsorganisation"
		expect_review_card 301
	done
	# A verdict there moves on to the next passage (each run goes on from
	# what the one before left in the project); u takes it back.
	screen -s 100x30 "<Tab>jBTy<Enter>u"
	expect_line 1 "$judged judged by tester"
	expect_review_card 302
	screen -s 100x30 "<Tab>jBTy<Enter>"
	expect_line 1 "$((judged + 1)) judged by tester"
	expect_review_card 302
	screen -s 100x30 "<Tab>jBT"
	expect_review_card 302
	screen -s 100x30 "<Tab>jBTu"
	expect_line 1 "$judged judged by tester"
	expect_review_card 302
	screen -s 100x30 "<Tab>jBT"
	expect_review_card 301
}

test_review_long_list_verdict_at_the_end_wraps_and_undoes() {
	demo_copy
	long_review_list
	local n segs
	n=$(review_card_of 0)
	segs=$(anker -p "$P" segments --code 2.1 --format tsv | tail -n +2 | wc -l)
	# The last card judged (one coder's segment): the cursor wraps round
	# to the first card not judged, the first.  Each run goes on from what
	# the one before left in the project.
	screen -s 100x30 "<Tab>jjBGy<Enter>"
	expect_line 1 "$segs segments, 1 judged by tester"
	expect_review_card 1
	screen -s 100x30 "<Tab>jjBG"
	expect_review_card "$n"
	expect_out "Verdict: fits by tester"
	# u in the view: the verdict is gone.
	screen -s 100x30 "<Tab>jjBGu"
	expect_line 1 "$segs segments, 0 judged by tester"
	expect_review_card "$n"
	expect_no_out "fits by tester"
}
