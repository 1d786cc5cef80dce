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
print(r[10][:30])' "$1"
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
