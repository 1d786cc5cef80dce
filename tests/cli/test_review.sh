# memo, review and anchors on the demo project, with segments inserted by SQL
# (known GUIDs, so that prefixes and ambiguity can be tested).

S1=aaaa1111-0000-4000-8000-000000000001   # Interview 01, 2.9,   alice, Pos. 12
S2=aaaa2222-0000-4000-8000-000000000002   # Interview 01, 2.9.1, alice, Pos. 8–10
S3=bbbb3333-0000-4000-8000-000000000003   # Interview 02, 2.10,  bob,   Pos. 12
S4=cccc4444-0000-4000-8000-000000000004   # Interview 02, 2.9,   bob,   Pos. 8

P=demo.anker

setup() {
	anker demo --uncoded . >/dev/null 2>&1
	sql $P "INSERT INTO coder(guid, name) VALUES ('c0000000-0000-4000-8000-00000000000a', 'alice'),
	                                             ('c0000000-0000-4000-8000-00000000000b', 'bob');
	  INSERT INTO segment(guid, doc_id, code_id, coder_id, start, \"end\", created, modified)
	  SELECT g, (SELECT id FROM document WHERE name = d), (SELECT id FROM code WHERE number = k),
	         (SELECT id FROM coder WHERE name = w), s, e, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
	  FROM (SELECT '$S1' g, 'Interview 01' d, '2.9' k, 'alice' w, 726 s, 855 e
	        UNION ALL SELECT '$S2', 'Interview 01', '2.9.1', 'alice', 307, 724
	        UNION ALL SELECT '$S3', 'Interview 02', '2.10', 'bob', 747, 1094
	        UNION ALL SELECT '$S4', 'Interview 02', '2.9', 'bob', 319, 684);"
}

# snapshot plus what it does not count: reviews, memos, coders.
state() {
	echo "$(snapshot "$1") $(sql "$1" "SELECT 'reviews', COUNT(*) FROM review;
	  SELECT 'memos', COUNT(*) FROM memo; SELECT 'coders', COUNT(*) FROM coder;
	  SELECT 'anchortext', group_concat(text, '|') FROM anchor;" | tr '\n' ' ')"
}

# expect_fail STATUS MESSAGE CMD...: fails with STATUS and MESSAGE, project unchanged.
expect_fail() {
	local status=$1 msg=$2 before
	shift 2
	before=$(state $P)
	run "$@"
	expect_rc "$status"
	expect_err "$msg"
	expect_eq "$before" "$(state $P)" "project after '$*'"
}

# ---------------------------------------------------------------------------
# review

test_review_verdict_and_list() {
	setup
	run anker -p $P review aaaa1 fits --comment "passt genau"
	expect_rc 0
	expect_err "fits"
	expect_eq "1" "$(sql $P "SELECT COUNT(*) FROM review r JOIN coder c ON c.id = r.reviewer_id
	  WHERE c.name = 'tester' AND r.verdict = 'fits' AND r.comment = 'passt genau'")" "review row"
	run anker -p $P review list --format tsv
	expect_rc 0
	expect_eq "Segment	Document	Pos.	Code	Coder	Verdict	Comment	Reviewer	Time	Text" \
		"$(printf '%s\n' "$OUT" | head -1)" "header"
	row=$(printf '%s\n' "$OUT" | sed -n 2p | cut -f1-8)
	expect_eq "$S1	Interview 01	12	2.9	alice	fits	passt genau	tester" "$row" "row"
	expect_out "B: Na ja, es hat sich sonst keiner gemeldet. (lacht)"
	run anker -p $P review list --format json
	expect_out "\"segment\": \"$S1\", \"document\": \"Interview 01\", \"pos\": \"12\", \"code\": \"2.9\", \"coder\": \"alice\", \"verdict\": \"fits\", \"comment\": \"passt genau\", \"reviewer\": \"tester\", \"time\": \"20"
	expect_out '"text": "B: Na ja'
	for f in table csv md latex; do
		run anker -p $P review list --format $f
		expect_rc 0
		expect_out "passt genau"
	done
}

test_review_later_verdict_supersedes() {
	setup
	anker -p $P review $S2 fits 2>/dev/null
	anker -p $P review $S2 does-not-fit --comment "zu breit" 2>/dev/null
	anker -p $P review $S2 borderline --coder boss 2>/dev/null
	anker -p $P review $S2 fits --reviewer chef 2>/dev/null
	expect_eq 4 "$(sql $P 'SELECT COUNT(*) FROM review')" "history rows kept"
	run anker -p $P review list --format tsv
	expect_eq 4 "$(printf '%s\n' "$OUT" | wc -l)" "lines: header and one per reviewer"
	expect_out "misfit	zu breit	tester"
	expect_out "borderline		boss"
	expect_out "fits		chef"
	run anker -p $P review list --all --format tsv
	expect_eq 5 "$(printf '%s\n' "$OUT" | wc -l)" "lines with --all"
	expect_out "	Latest	Text"
	expect_out "fits		tester	"
	run anker -p $P review list --all --format json
	expect_out '"latest": false'
	expect_out '"latest": true'
	expect_eq 4 "$(printf '%s\n' "$OUT" | grep -c '"pos": "8-10"')" "rows with pos 8-10"
}

test_review_list_filters() {
	setup
	for s in $S1 $S2 $S3 $S4; do anker -p $P review $s fits 2>/dev/null; done
	anker -p $P review $S3 misfit --reviewer boss 2>/dev/null
	segs() { printf '%s\n' "$OUT" | awk -F'\t' 'NR > 1 { print substr($1, 1, 4) }' | tr '\n' ' '; }
	run anker -p $P review list --format tsv
	expect_eq "aaaa aaaa cccc bbbb bbbb " "$(segs)" "document order (Interview 01 before 02, by start), then reviews"
	run anker -p $P review list --code 2.9 --format tsv
	expect_eq "aaaa cccc " "$(segs)" "--code 2.9"
	run anker -p $P review list --code "Verflechtungsorganisation >> OZG-Entwicklung" --subcodes --format tsv
	expect_eq "aaaa aaaa cccc " "$(segs)" "--code 2.9 --subcodes"
	run anker -p $P review list --verdict misfit --format tsv
	expect_eq "bbbb " "$(segs)" "--verdict misfit"
	run anker -p $P review list --verdict does-not-fit --reviewer boss --format tsv
	expect_eq "bbbb " "$(segs)" "--verdict does-not-fit --reviewer boss"
	run anker -p $P review list --segment bbbb --format tsv
	expect_eq "bbbb bbbb " "$(segs)" "--segment bbbb"
	run anker -p $P review list --reviewer tester --verdict borderline --format tsv
	expect_rc 0
	expect_eq "" "$(segs)" "no borderline verdicts"
}

test_review_counts() {
	setup
	anker -p $P review $S1 fits 2>/dev/null
	anker -p $P review $S4 fits 2>/dev/null
	anker -p $P review $S4 borderline --reviewer boss 2>/dev/null
	anker -p $P review $S2 misfit 2>/dev/null
	run anker -p $P review counts --format tsv
	expect_rc 0
	expect_eq "Code	Path	Segments	Reviewed	Fits	Misfit	Borderline" \
		"$(printf '%s\n' "$OUT" | head -1)" "header"
	expect_eq 55 "$(printf '%s\n' "$OUT" | wc -l)" "a row per code (54) and the header"
	expect_out "2.9	Verflechtungsorganisation >> OZG-Entwicklung	2	2	1	0	1"
	expect_out "2.9.1	Verflechtungsorganisation >> OZG-Entwicklung >> EfA-Nachnutzung	1	1	0	1	0"
	expect_out "2.10	Verflechtungsorganisation >> IT-Unterflechtung	1	0	0	0	0"
	run anker -p $P review counts --reviewer tester --format tsv
	expect_out "2.9	Verflechtungsorganisation >> OZG-Entwicklung	2	2	2	0	0"
	run anker -p $P review counts --format json
	expect_out '{"code": "2.9", "path": "Verflechtungsorganisation >> OZG-Entwicklung", "segments": 2, "reviewed": 2, "fits": 1, "misfit": 0, "borderline": 1}'
	run anker -p $P review counts --format table
	expect_out "Name"
	expect_out "    EfA-Nachnutzung"
}

test_review_is_logged_and_undoable() {
	setup
	anker -p $P review $S3 fits --reviewer boss 2>/dev/null
	expect_eq "review|segment|boss|$S3" "$(sql $P "SELECT action, entity, coder, guid FROM log ORDER BY id DESC LIMIT 1")" "log entry"
	expect_eq 1 "$(sql $P "SELECT COUNT(*) FROM log WHERE action = 'review' AND before NOT LIKE '%\"fits\"%' AND after LIKE '%\"fits\"%'")" "before/after"
	anker help undo >/dev/null 2>&1 || return 0   # undo is another command's
	# Undo is per coder: the review is boss's step.
	run anker -p $P undo --coder boss
	expect_rc 0
	expect_eq 0 "$(sql $P 'SELECT COUNT(*) FROM review')" "reviews after undo"
	run anker -p $P redo --coder boss
	expect_eq 1 "$(sql $P 'SELECT COUNT(*) FROM review')" "reviews after redo"
}

test_review_errors_leave_project_unchanged() {
	setup
	anker -p $P review $S1 fits 2>/dev/null
	expect_fail 1 "no segment 'dddd'" anker -p $P review dddd fits
	expect_fail 1 "segment 'aaaa' is ambiguous: $S1 (Interview 01, 2.9), $S2 (Interview 01, 2.9.1)" \
		anker -p $P review aaaa fits
	expect_fail 1 "at least 4 characters" anker -p $P review aaa fits
	expect_fail 2 "unknown verdict 'good'" anker -p $P review $S1 good
	expect_fail 2 "expected SEGMENT and a verdict" anker -p $P review $S1
	expect_fail 2 "expected SEGMENT and a verdict" anker -p $P review $S1 fits extra
	expect_fail 2 "--reviewer needs a name" anker -p $P review $S1 fits --reviewer ""
	expect_fail 2 "unrecognized option" anker -p $P review $S1 fits --bogus
	expect_fail 2 "--subcodes needs --code" anker -p $P review list --subcodes
	expect_fail 2 "unknown verdict 'ok'" anker -p $P review list --verdict ok
	expect_fail 1 "no code '9.9'" anker -p $P review list --code 9.9
	expect_fail 1 "no coder 'niemand'" anker -p $P review list --reviewer niemand
	expect_fail 1 "no coder 'niemand'" anker -p $P review counts --reviewer niemand
	expect_fail 1 "is ambiguous" anker -p $P review list --segment aaaa
	expect_fail 2 "unexpected argument" anker -p $P review counts extra
	expect_fail 2 "unknown format" anker -p $P review list --format pdf
	expect_fail 2 "expected SEGMENT VERDICT, list, counts, report or boundaries" anker -p $P review
	expect_fail 1 "missing.anker" anker -p missing.anker review $S1 fits
}

# ---------------------------------------------------------------------------
# memo

test_memo_add_every_target_and_list() {
	setup
	run anker -p $P memo add --on project --type method "Vorgehen: offenes Kodieren"
	expect_rc 0
	m1=$OUT
	[[ $m1 =~ ^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$ ]] || fail "memo add printed '$m1', expected a GUID"
	anker -p $P memo add --on doc "Interview 02" --type theory "Landkreis" >/dev/null
	anker -p $P memo add "Definition schärfen" --type definition --on code:2.9 >/dev/null
	anker -p $P memo add --on segment aaaa2 "Grenzfall" >/dev/null
	anker -p $P memo add --on "doc:Interview 01" "Kurz" --coder alice >/dev/null
	expect_eq 5 "$(sql $P 'SELECT COUNT(*) FROM memo')" "memos"
	run anker -p $P memo list --format tsv
	expect_rc 0
	expect_eq "GUID	Type	On	Author	Created	Text" "$(printf '%s\n' "$OUT" | head -1)" "header"
	expect_eq "project|Interview 02|2.9 OZG-Entwicklung|aaaa2222 (2.9.1, Interview 01, Pos. 8–10)|Interview 01|" \
		"$(printf '%s\n' "$OUT" | awk -F'\t' 'NR > 1 { printf "%s|", $3 }')" "On column"
	expect_out "$m1	method	project	tester	"
	expect_out "free	Interview 01	alice	"
	run anker -p $P memo list --format json
	expect_out "{\"guid\": \"$m1\", \"type\": \"method\", \"target\": \"project\", \"on\": \"project\", \"author\": \"tester\", \"created\": \"20"
	expect_out '"modified": "20'
	expect_out '"target": "segment", "on": "aaaa2222 (2.9.1, Interview 01, Pos. 8–10)"'
	expect_out '"text": "Definition schärfen"'
	run anker -p $P memo list --on code 2.9 --format tsv
	expect_eq 2 "$(printf '%s\n' "$OUT" | wc -l)" "--on code 2.9: one memo"
	run anker -p $P memo list --on doc "Interview 01" --format tsv
	expect_out "Kurz"
	expect_no_out "Landkreis"
	run anker -p $P memo list --type theory --format tsv
	expect_eq 2 "$(printf '%s\n' "$OUT" | wc -l)" "--type theory: one memo"
	run anker -p $P memo list --on project --format csv
	expect_out "Vorgehen: offenes Kodieren"
	for f in table md latex; do
		run anker -p $P memo list --format $f
		expect_rc 0
	done
}

test_memo_edit_delete_and_stdin() {
	setup
	m=$(printf 'Erster Absatz.\n\nZweiter Absatz.\n' | anker -p $P memo add --on code 2.10 --type theory -)
	expect_eq "Erster Absatz.

Zweiter Absatz." "$(sql $P "SELECT text FROM memo WHERE guid = '$m'")" "memo from stdin"
	run anker -p $P memo edit "${m:0:6}" "Neu" --type free
	expect_rc 0
	expect_eq "free|Neu|tester" "$(sql $P "SELECT type, text, (SELECT name FROM coder WHERE id = author_id) FROM memo")" "edited"
	run anker -p $P memo edit "$m" --type method
	expect_eq "method|Neu" "$(sql $P "SELECT type, text FROM memo")" "type only"
	expect_eq "memo add memo edit memo edit " "$(sql $P "SELECT action FROM log WHERE entity = 'memo' ORDER BY id" | tr '\n' ' ')" "log"
	run anker -p $P memo delete "${m:0:8}"
	expect_rc 0
	expect_eq 0 "$(sql $P 'SELECT COUNT(*) FROM memo')" "memos after delete"
	expect_eq "memo delete|1|1" "$(sql $P "SELECT action, before IS NOT NULL, after IS NULL FROM log ORDER BY id DESC LIMIT 1")" "delete logged"
	anker help undo >/dev/null 2>&1 || return 0
	anker -p $P undo 2>/dev/null
	expect_eq "method|Neu" "$(sql $P "SELECT type, text FROM memo")" "undo of delete"
}

# A memo typed on a terminal that writes NFD (macOS) is kept NFC, as the
# documents are: "Bürger" in it matches a search for "Bürger".
test_memo_text_kept_nfc() {
	setup
	local nfd nfc
	nfd=$(printf 'Bu\314\210rger')
	nfc=$(printf 'B\303\274rger')
	m=$(anker -p $P memo add --on code 2.10 "$nfd im Amt")
	expect_eq "$nfc im Amt" "$(sql $P "SELECT text FROM memo WHERE guid = '$m'")" "memo add NFD"
	anker -p $P memo edit "$m" "Die $nfd" 2>/dev/null
	expect_eq "Die $nfc" "$(sql $P "SELECT text FROM memo WHERE guid = '$m'")" "memo edit NFD"
}

test_memo_errors_leave_project_unchanged() {
	setup
	m=$(anker -p $P memo add --on project "Eins")
	expect_fail 2 "unknown memo type 'poem'" anker -p $P memo add --on project --type poem "x"
	expect_fail 2 "--on 'person'" anker -p $P memo add --on person "x"
	expect_fail 2 "--on doc needs a key" anker -p $P memo add "x" --on doc
	expect_fail 2 "--on project takes no key" anker -p $P memo add --on project:x "x"
	expect_fail 2 "needs --on" anker -p $P memo add "x"
	expect_fail 2 "takes one TEXT" anker -p $P memo add --on project
	expect_fail 2 "takes one TEXT" anker -p $P memo add --on project a b
	expect_fail 1 "no document 'Interview 99'" anker -p $P memo add --on doc "Interview 99" "x"
	expect_fail 1 "no code 'Nirgends'" anker -p $P memo add --on code Nirgends "x"
	expect_fail 1 "segment 'aaaa' is ambiguous" anker -p $P memo add --on segment aaaa "x"
	expect_fail 1 "no segment 'dddd'" anker -p $P memo add --on segment dddd "x"
	expect_fail 1 "empty" anker -p $P memo add --on project "  "
	expect_fail 1 "no memo 'ffff'" anker -p $P memo delete ffff
	expect_fail 1 "at least 4" anker -p $P memo edit ab "x"
	expect_fail 2 "give a new TEXT or --type" anker -p $P memo edit "$m"
	expect_fail 2 "cannot move" anker -p $P memo edit "$m" --on project "x"
	expect_fail 2 "takes one MEMO" anker -p $P memo delete
	expect_fail 2 "unknown subcommand 'show'" anker -p $P memo show
	expect_fail 2 "unknown memo type" anker -p $P memo list --type poem
	expect_fail 1 "no document" anker -p $P memo list --on doc Nirgends
	expect_fail 2 "expected a subcommand: add, list, edit or delete" anker -p $P memo
}

# ---------------------------------------------------------------------------
# anchors

test_anchors_add_from_segment() {
	setup
	run anker -p $P anchors add 2.9 --from aaaa1
	expect_rc 0
	expect_err "anchor example 2 of 2.9"
	run anker -p $P anchors add 2.9.1 --from $S2
	expect_rc 0
	expect_eq "„B: Na ja, es hat sich sonst keiner gemeldet. (lacht) Nein, im Ernst, das Thema ist wichtig, aber es kam halt on top. #00:00:51-4#“|Interview 01, Pos. 12|$S1" \
		"$(sql $P "SELECT a.text, a.citation, a.segment_guid FROM anchor a JOIN code c ON c.id = a.code_id WHERE c.number = '2.9' AND a.segment_guid IS NOT NULL")" "anchor row"
	expect_eq "Interview 01, Pos. 8–10" "$(sql $P "SELECT citation FROM anchor WHERE segment_guid = '$S2'")" "range citation (en dash)"
	run anker -p $P anchors list 2.9 --format tsv
	expect_rc 0
	expect_eq "#	Text	Citation	Segment" "$(printf '%s\n' "$OUT" | head -1)" "header"
	expect_out "2	„B: Na ja, es hat sich"
	expect_out "	Interview 01, Pos. 12	$S1"
	run anker -p $P anchors list 2.9 --format json
	expect_out '"position": 2, "text": "„B: Na ja'
	expect_out "\"citation\": \"Interview 01, Pos. 12\", \"segment\": \"$S1\"}"
	expect_out '"citation": "", "segment": null}'
	expect_eq "anchors add|code|tester" "$(sql $P "SELECT action, entity, coder FROM log ORDER BY id DESC LIMIT 1")" "log"
	# The promoted example survives a text export and import as one example.
	anker -p $P codebook export --format txt -o cb.txt
	anker -p q.anker init 2>/dev/null
	anker -p q.anker codebook import cb.txt 2>/dev/null
	expect_eq "$(sql $P "SELECT group_concat(a.text, '|') FROM anchor a JOIN code c ON c.id = a.code_id WHERE c.number = '2.9'")" \
		"$(sql q.anker "SELECT group_concat(a.text, '|') FROM anchor a JOIN code c ON c.id = a.code_id WHERE c.number = '2.9'")" \
		"2.9's examples after export and import"
}

test_anchors_delete_and_other_code() {
	setup
	run anker -p $P anchors add 2.10 --from cccc
	expect_rc 0
	expect_err "warning: segment cccc is coded with another code than 2.10"
	expect_err "anchor example 3 of 2.10"
	run anker -p $P anchors delete 2.10 1
	expect_rc 0
	run anker -p $P anchors list 2.10 --format tsv
	expect_eq "1 2 " "$(printf '%s\n' "$OUT" | awk -F'\t' 'NR > 1 { printf "%s ", $1 }')" "renumbered"
	expect_out "2	„B: Ja, also wir sind die Zulassungsstelle"
	expect_eq "anchors delete|code" "$(sql $P "SELECT action, entity FROM log ORDER BY id DESC LIMIT 1")" "log"
	anker help undo >/dev/null 2>&1 || return 0
	anker -p $P undo 2>/dev/null
	expect_eq 3 "$(sql $P "SELECT COUNT(*) FROM anchor a JOIN code c ON c.id = a.code_id WHERE c.number = '2.10'")" "undo of delete"
}

test_anchors_errors_leave_project_unchanged() {
	setup
	anker -p $P anchors add 2.9 --from $S1 2>/dev/null
	expect_fail 1 "segment $S1 (Interview 01, Pos. 12) is already an anchor example of 2.9 OZG-Entwicklung" \
		anker -p $P anchors add OZG-Entwicklung --from aaaa1
	expect_fail 1 "no code '7.7'" anker -p $P anchors add 7.7 --from $S1
	expect_fail 1 "no segment 'dddd'" anker -p $P anchors add 2.9 --from dddd
	expect_fail 1 "is ambiguous" anker -p $P anchors add 2.9 --from aaaa
	expect_fail 2 "needs --from" anker -p $P anchors add 2.9
	expect_fail 2 "takes one CODE" anker -p $P anchors add --from $S1
	expect_fail 1 "2.9 OZG-Entwicklung has 2 anchor examples; there is no number 3" \
		anker -p $P anchors delete 2.9 3
	expect_fail 2 "not an anchor example's number" anker -p $P anchors delete 2.9 zwei
	expect_fail 2 "not an anchor example's number" anker -p $P anchors delete 2.9 0
	expect_fail 2 "takes a CODE and a number" anker -p $P anchors delete 2.9
	expect_fail 1 "no code '7.7'" anker -p $P anchors list 7.7
	expect_fail 2 "unknown subcommand 'move'" anker -p $P anchors move 2.9
	expect_fail 2 "expected a subcommand: add, list, delete or locate" anker -p $P anchors
}

test_review_memo_anchors_help() {
	for c in memo review anchors; do
		run anker $c --help
		expect_rc 0
		expect_out "usage: anker -p FILE $c"
	done
	run anker help review
	for o in --comment --reviewer --code --subcodes --verdict --segment --all; do
		expect_out "$o"
	done
	run anker help memo
	expect_out "--on TARGET"
	expect_out "--type T"
	run anker help anchors
	expect_out "--from SEGMENT"
}

# ---------------------------------------------------------------------------
# the appendix: codebook export --examples after a review

# seg2 GUID DOC CODER START END WEIGHT: one more segment of 2.9, by SQL.
seg2() {
	sql $P "INSERT INTO segment(guid, doc_id, code_id, coder_id, start, \"end\", weight, created, modified)
	  SELECT '$1', (SELECT id FROM document WHERE name = '$2'), (SELECT id FROM code WHERE number = '2.9'),
	         (SELECT id FROM coder WHERE name = '$3'), $4, $5, $6, 'x', 'x'"
}

# The citations of 2.9's coded segments in an md export, in order (the
# demo's codebook is German: so are the export's labels).
cited_2_9() {
	printf '%s\n' "$OUT" | sed -n '/^### 2.9 /,/^#### 2.9.1 /p' |
		sed -n '/^\*\*Kodierte Segmente/,$p' | sed -n 's/^> — //p' | tr '\n' '|'
}

test_codebook_appendix_leaves_misfits_out() {
	setup
	S5=eeee5555-0000-4000-8000-000000000005; S6=ffff6666-0000-4000-8000-000000000006
	S7=abab7777-0000-4000-8000-000000000007
	seg2 $S5 "Interview 02" alice 747 1094 0     # Pos. 12
	seg2 $S6 "Interview 01" bob 726 855 0        # S1's passage, another coder
	seg2 $S7 "Interview 01" bob 307 724 50       # Pos. 8–10, the highest weight
	anker -p $P review $S1 misfit --comment "eher 2.4" 2>/dev/null
	anker -p $P review $S4 borderline 2>/dev/null
	anker -p $P review $S5 fits --reviewer boss 2>/dev/null
	run anker -p $P codebook export --format md --examples 5
	expect_rc 0
	# The fitting one first, then the unreviewed one; neither the misfit
	# (nor its passage through bob's segment) nor the borderline one.
	expect_eq "Interview 02, Pos. 12|Interview 01, Pos. 8–10|" "$(cited_2_9)" "2.9's examples"
	run anker -p $P codebook export --format md --examples 5 --borderline
	expect_rc 0
	expect_eq "Interview 02, Pos. 12|Interview 01, Pos. 8–10|Interview 02, Pos. 8|" "$(cited_2_9)" \
		"2.9's examples with --borderline"
	run anker -p $P codebook export --format md --examples 1
	expect_eq "Interview 02, Pos. 12|" "$(cited_2_9)" "--examples 1: the fitting one"
	# The reviewer's later verdict counts; another reviewer's misfit keeps
	# the passage out.
	anker -p $P review $S1 fits 2>/dev/null
	run anker -p $P codebook export --format md --examples 5
	expect_eq "Interview 01, Pos. 12|Interview 02, Pos. 12|Interview 01, Pos. 8–10|" "$(cited_2_9)" \
		"after tester's fits on S1"
	anker -p $P review $S6 misfit --reviewer boss 2>/dev/null
	run anker -p $P codebook export --format md --examples 5
	expect_eq "Interview 02, Pos. 12|Interview 01, Pos. 8–10|" "$(cited_2_9)" "after boss's misfit on S6"
	run anker -p $P codebook export --format md --borderline
	expect_rc 2
	expect_err "--borderline needs --examples N"
	run anker help codebook
	expect_out "--borderline"
}

test_codebook_anchor_citation_in_every_format() {
	setup
	anker -p $P anchors add 2.9 --from $S1 2>/dev/null
	run anker -p $P codebook export --format md --examples 5
	expect_rc 0
	expect_out "> „B: Na ja, es hat sich sonst keiner gemeldet. (lacht) Nein, im Ernst, das Thema ist wichtig, aber es kam halt on top. #00:00:51-4#“
>
> — Interview 01, Pos. 12"
	expect_eq "Interview 02, Pos. 8|" "$(cited_2_9)" "2.9's coded segments without the promoted one"
	run anker -p $P codebook export --format qdc
	expect_out "== Anchor example | Interview 01, Pos. 12 | $S1 =="
	run anker -p $P codebook export --format txt -o cb.txt
	expect_rc 0
	grep -qF "on top. #00:00:51-4#“ (Interview 01, Pos. 12)" cb.txt || fail "cb.txt lacks the citation"
	# Read back: the quote is the example, the citation its citation; the
	# project it came from reads it as unchanged.
	anker -p q.anker init 2>/dev/null
	anker -p q.anker codebook import cb.txt 2>/dev/null
	expect_eq "$(sql $P "SELECT group_concat(a.text || '#' || a.citation, '|') FROM anchor a JOIN code c ON c.id = a.code_id WHERE c.number = '2.9'")" \
		"$(sql q.anker "SELECT group_concat(a.text || '#' || a.citation, '|') FROM anchor a JOIN code c ON c.id = a.code_id WHERE c.number = '2.9'")" \
		"2.9's examples and citations after export and import"
	before=$(state $P)
	run anker -p $P codebook import cb.txt
	expect_rc 0
	expect_err "0 added, 0 updated, 54 unchanged"
	expect_eq "$before" "$(state $P)" "project after importing its own export"
	# A project that read such an example whole (citation in the text)
	# does not get it twice.
	sql q.anker "UPDATE anchor SET text = text || ' (' || citation || ')', citation = '' WHERE citation <> ''"
	run anker -p q.anker codebook import cb.txt
	expect_err "0 added, 0 updated, 54 unchanged"
}

test_review_report_misfits_and_suggestions() {
	setup
	anker -p $P review $S1 misfit --comment "eher 2.4, vgl. 2.10." 2>/dev/null
	anker -p $P review $S4 fits 2>/dev/null
	anker -p $P review $S2 borderline --reviewer boss 2>/dev/null
	anker -p $P review $S3 misfit --comment "12.4 ist kein Code" --reviewer boss 2>/dev/null
	run anker -p $P review report --format tsv
	expect_rc 0
	expect_eq "Code	Path	Segments	Reviewed	Fits	Misfit	Borderline	Misfits	Suggested" \
		"$(printf '%s\n' "$OUT" | head -1)" "header"
	expect_eq 4 "$(printf '%s\n' "$OUT" | wc -l)" "a row per code with verdicts (3) and the header"
	expect_out "2.9	Verflechtungsorganisation >> OZG-Entwicklung	2	2	1	1	0	Interview 01, Pos. 12 (alice; tester: eher 2.4, vgl. 2.10.)	2.4 Koordination Bund - Länder, 2.10 IT-Unterflechtung"
	expect_out "2.9.1	Verflechtungsorganisation >> OZG-Entwicklung >> EfA-Nachnutzung	1	1	0	0	1		"
	expect_out "2.10	Verflechtungsorganisation >> IT-Unterflechtung	1	1	0	1	0	Interview 02, Pos. 12 (bob; boss: 12.4 ist kein Code)	"
	run anker -p $P review report --reviewer boss --format csv
	expect_rc 0
	expect_eq 3 "$(printf '%s\n' "$OUT" | wc -l)" "boss's codes and the header"
	expect_out '2.10,Verflechtungsorganisation >> IT-Unterflechtung,1,1,0,1,0,"Interview 02, Pos. 12 (bob; boss: 12.4 ist kein Code)",'
	run anker -p $P review report --format md -o report.md
	expect_rc 0
	grep -q "| 2.9 | Verflechtungsorganisation >> OZG-Entwicklung | 2 | 2 | 1 | 1 | 0 |" report.md ||
		fail "report.md lacks 2.9's row: $(cat report.md)"
	run anker -p $P review report --format latex
	expect_rc 0
	expect_out '\begin{tabularx}'
	expect_out 'Interview 01, Pos. 12 (alice; tester: eher 2.4, vgl. 2.10.)'
	expect_fail 1 "no coder 'nobody'" anker -p $P review report --reviewer nobody
}

test_codebook_export_lang_labels() {
	setup
	anker -p $P anchors add 2.9 --from $S1 2>/dev/null
	run anker -p $P codebook export --format md --examples 3 --lang de
	expect_rc 0
	section=$(printf '%s\n' "$OUT" | sed -n '/^### 2.9 /,/^#### 2.9.1 /p')
	for l in "**Codedefinition.**" "**Ankerbeispiele.**" "**Kodierte Segmente.**"; do
		case $section in *"$l"*) ;; *) fail "2.9 with --lang de lacks $l: ${section:0:400}" ;; esac
	done
	expect_out "**Ankerbeispiel.**"
	expect_no_out "**Anchor examples.**"
	run anker -p $P codebook export --format md --examples 3 --lang en
	expect_out "**Definition.**"
	expect_out "**Coded segments.**"
	# The text format in English reads back as it was.
	run anker -p $P codebook export --format txt --lang en -o en.txt
	expect_rc 0
	grep -q "^Code definition: " en.txt || fail "en.txt lacks 'Code definition:'"
	grep -q "^Anchor examples\?: " en.txt || fail "en.txt lacks 'Anchor example(s):'"
	anker -p $P codebook export --format txt -o de.txt
	anker -p q.anker init 2>/dev/null
	anker -p q.anker codebook import en.txt 2>/dev/null
	anker -p q.anker codebook export --format txt --lang de -o back.txt
	cmp -s de.txt back.txt || fail "en.txt did not read back as de.txt: $(diff de.txt back.txt | head -5)"
	# An English codebook imported: the default is English.
	run anker -p q.anker codebook export --format txt
	expect_out "Code definition: Anzahl der interdependenten Akteure"
	run anker -p $P codebook export --format md --lang fr
	expect_rc 2
	expect_err "--lang 'fr': use de or en"
	run anker -p $P codebook export --format qdc --lang de
	expect_rc 2
	expect_err "--lang is for --format txt, md or latex"
}
