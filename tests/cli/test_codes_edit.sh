# codes add|rename|renumber|move|merge|delete|color, and codebook export
# --format md --examples N: on the demo project and on a small codebook.

demo() { anker demo --uncoded d >/dev/null 2>&1; D=d/demo.anker; }

# A project with a small codebook and one short interview, "Gespräch":
#   1 "I: Wie viele Portale?"            code points  0..21
#   2 "B: Drei Portale, ähm, mindestens." code points 22..55
#   3 ""                                              56
#   4 "B: Und Papier."                    code points 57..71
small() {
	anker -p p.anker init 2>/dev/null
	cat > cb.txt <<'EOF'
Kleines Codebuch

Codesystem

1 Portale
1.1 Viele Portale
1.2 Ein Portal
1.2.1 Landesportal
2 Schnittstellen
2.1 Papier
2.13 Dreizehn

1 Portale

Codedefinition: Alles zu Portalen

Ankerbeispiel: „Wir haben drei Portale.“

1.1 Portale >> Viele Portale

Codedefinition: Mehr als eins

Kritik: unscharf

1.2 Portale >> Ein Portal

Codedefinition: Genau eins
EOF
	anker -p p.anker codebook import cb.txt 2>/dev/null
	printf 'I: Wie viele Portale?\nB: Drei Portale, ähm, mindestens.\n\nB: Und Papier.\n' > g.txt
	anker -p p.anker import --name Gespräch g.txt 2>/dev/null
	P=p.anker
}

# seg PROJECT GUID DOC CODE CODER START END [WEIGHT]: a segment, by SQL.
seg() {
	sql "$1" "INSERT OR IGNORE INTO coder(guid, name) VALUES ('coder-$5', '$5');
	  INSERT INTO segment(guid, doc_id, code_id, coder_id, start, \"end\", weight, created, modified)
	  SELECT '$2', d.id, c.id, (SELECT id FROM coder WHERE name = '$5'), $6, $7, ${8:-0}, 'x', 'x'
	  FROM document d, code c WHERE d.name = '$3' AND c.number = '$4'"
}

# The row counts of snapshot and every code's identity, number, name,
# parent and color.
state() {
	echo "$(snapshot "$1") $(sql "$1" "SELECT group_concat(guid || number || name || COALESCE(parent_id, '') || color, '|') FROM code")"
}

# refused PROJECT STATUS MESSAGE CMD...: CMD fails with STATUS and MESSAGE
# on stderr, and the project is unchanged.
refused() {
	local p=$1 rc=$2 msg=$3 before
	shift 3
	before=$(state "$p")
	run "$@"
	expect_rc "$rc"
	expect_err "$msg"
	expect_eq "$before" "$(state "$p")" "project after refused '$*'"
}

name_of() { sql "$1" "SELECT name FROM code WHERE number = '$2'"; }
parent_of() { sql "$1" "SELECT COALESCE(p.number, '(top)') FROM code c LEFT JOIN code p ON p.id = c.parent_id WHERE c.number = '$2'"; }

# ---------------------------------------------------------------------------

test_codes_add_on_demo() {
	demo
	run anker -p $D codes add "2.12 >> Neue Idee" --definition "Eine Definition"
	expect_rc 0
	grep -qE '^2\.12\.9	[0-9a-f-]{36}$' <<<"$OUT" || fail "expected '2.12.9<TAB>GUID', got '$OUT'"
	guid=${OUT#*	}
	expect_eq "Neue Idee" "$(sql $D "SELECT name FROM code WHERE guid = '$guid'")" "name by printed GUID"
	expect_eq "2.12" "$(parent_of $D 2.12.9)" "parent"
	expect_eq "Eine Definition" "$(sql $D "SELECT definition FROM code WHERE number = '2.12.9'")" "definition"
	expect_eq 0 "$(sql $D "SELECT c.color = p.color FROM code c JOIN code p ON p.id = c.parent_id WHERE c.number = '2.12.9'")" "a color of its own, not its parent's"
	expect_eq "codes add|code|1" "$(sql $D "SELECT action || '|' || entity || '|' || (before IS NULL AND after LIKE '%Neue Idee%') FROM log ORDER BY id DESC LIMIT 1")" "log entry"
	# Top level: the next free number, a palette color; a path as parent.
	run anker -p $D codes add "Neues Feld"
	expect_rc 0
	expect_out "5	"
	expect_eq "(top)" "$(parent_of $D 5)" "parent of 5"
	run anker -p $D codes add "Verflechtungsorganisation >> OZG-Entwicklung >> Pilot" --color '#FFaa00'
	expect_rc 0
	expect_out "2.9.6	"
	expect_eq "#ffaa00" "$(sql $D "SELECT color FROM code WHERE number = '2.9.6'")" "color, lowercase"
	run anker -p $D codes add "2 >> Später" --number 2.20
	expect_rc 0
	expect_out "2.20	"
	# Unnumbered on request; its children stay unnumbered.
	run anker -p $D codes add "Ohne Nummer" --number ''
	expect_rc 0
	case $OUT in "	"*) ;; *) fail "expected an empty number, got '$OUT'" ;; esac
	run anker -p $D codes add "Ohne Nummer >> Kind"
	expect_rc 0
	case $OUT in "	"*) ;; *) fail "expected an empty number under an unnumbered parent, got '$OUT'" ;; esac
	expect_eq 60 "$(sql $D 'SELECT COUNT(*) FROM code')" "codes after 6 adds"
}

test_codes_add_errors() {
	small
	refused $P 1 "no code 'Fehlt'" anker -p $P codes add "Fehlt >> X"
	refused $P 1 "number 1.1 is in use by 1.1 Viele Portale" anker -p $P codes add "1 >> X" --number 1.1
	refused $P 1 "number 2.3 does not fit under 1 Portale (expected 1.N)" anker -p $P codes add "1 >> X" --number 2.3
	refused $P 1 "does not fit the top level" anker -p $P codes add X --number 3.1
	refused $P 1 "'1.01' is not a code number" anker -p $P codes add "1 >> X" --number 1.01
	refused $P 1 "color 'blau': expected #RRGGBB" anker -p $P codes add X --color blau
	refused $P 1 "1 Portale has a code named 'Ein Portal' already" anker -p $P codes add "Portale >> Ein Portal"
	refused $P 1 "may not be empty" anker -p $P codes add "1 >> "
	refused $P 2 "expected one NAME" anker -p $P codes add
	refused $P 2 "expected one NAME" anker -p $P codes add A B
	refused $P 2 "unrecognized option" anker -p $P codes add X --bogus
	run anker codes add X
	expect_rc 2
	expect_err "no project"
	run anker -p missing.anker codes add X
	[ "$RC" -ne 0 ] || fail "expected a failure on a missing project"
	expect_err "missing.anker"
	[ ! -e missing.anker ] || fail "a missing project was created"
}

test_codes_rename() {
	small
	run anker -p $P codes rename 1.2 "Ein einziges Portal"
	expect_rc 0
	expect_err "renamed 1.2 Ein Portal to 'Ein einziges Portal'"
	expect_eq "Ein einziges Portal" "$(name_of $P 1.2)" "new name"
	expect_eq "codes rename" "$(sql $P "SELECT action FROM log WHERE before LIKE '%\"Ein Portal\"%' AND after LIKE '%Ein einziges Portal%'")" "logged with before and after"
	run anker -p $P codes rename "Portale >> Ein einziges Portal" "Ein einziges Portal"
	expect_rc 0
	expect_err "unchanged"
	refused $P 1 "already" anker -p $P codes rename 1.2 "Viele Portale"
	refused $P 1 "'>>'" anker -p $P codes rename 1.2 "A >> B"
	refused $P 1 "no code '7'" anker -p $P codes rename 7 X
	anker -p $P codes add "2 >> Landesportal" >/dev/null
	refused $P 1 "code 'Landesportal' is ambiguous" anker -p $P codes rename Landesportal X
	refused $P 2 "expected CODE NEWNAME" anker -p $P codes rename 1.2
}

test_codes_renumber_subtree_on_demo() {
	demo
	run anker -p $D codes renumber 2.9 2.15
	expect_rc 0
	expect_err "renumbered 2.9 OZG-Entwicklung to 2.15 (6 codes)"
	expect_eq "OZG-Entwicklung" "$(name_of $D 2.15)" "2.15"
	expect_eq "EfA-Nachnutzung" "$(name_of $D 2.15.1)" "2.15.1"
	expect_eq "Harmonisierung" "$(name_of $D 2.15.5)" "2.15.5"
	expect_eq 0 "$(sql $D "SELECT COUNT(*) FROM code WHERE number = '2.9' OR number LIKE '2.9.%'")" "old numbers left"
	expect_eq 1 "$(sql $D "SELECT COUNT(DISTINCT step) FROM log WHERE action = 'codes renumber'")" "one step"
	# The listing sorts it after 2.13.
	order=$(anker -p $D codes --format tsv | awk -F'\t' 'NR > 1 { print $1 }' | grep -n -x -e 2.13 -e 2.15 | tr '\n' ' ')
	case $order in *"2.13 "*"2.15 "*) ;; *) fail "2.15 not after 2.13: $order" ;; esac
	refused $D 1 "number 2.10 is in use by 2.10 IT-Unterflechtung" anker -p $D codes renumber 2.15 2.10
	refused $D 1 "does not fit under 2 Verflechtungsorganisation" anker -p $D codes renumber 2.15 3.9
	refused $D 1 "is not a code number" anker -p $D codes renumber 2.15 zwei
	refused $D 2 "expected CODE NEWNUMBER" anker -p $D codes renumber 2.15
}

test_codes_move_on_demo() {
	demo
	run anker -p $D codes move 2.9 --under 3
	expect_rc 0
	expect_err "moved 2.9 OZG-Entwicklung under '3', now 3.5 (6 codes changed)"
	expect_eq "3" "$(parent_of $D 3.5)" "new parent"
	expect_eq "Harmonisierung" "$(name_of $D 3.5.5)" "subtree renumbered"
	run anker -p $D codes move 3.5.2 --top
	expect_rc 0
	expect_err "now 5"
	expect_eq "Digitalisierungslabore" "$(name_of $D 5)" "at the top"
	run anker -p $D codes move 5 --under "Output-Probleme" --number 4.7
	expect_rc 0
	expect_eq "4" "$(parent_of $D 4.7)" "with --number"
	run anker -p $D codes move 4.7 --under 4
	expect_rc 0
	expect_err "nothing changed"
	refused $D 1 "cannot move 3.5 OZG-Entwicklung under itself" anker -p $D codes move 3.5 --under 3.5
	refused $D 1 "cannot move 3 Schnittstellenbearbeitung under its own subcode 3.5.1 EfA-Nachnutzung" anker -p $D codes move 3 --under 3.5.1
	refused $D 1 "no code 'Nirgendwo'" anker -p $D codes move 3.5 --under Nirgendwo
	refused $D 1 "number 2.1 is in use" anker -p $D codes move 3.5 --under 2 --number 2.1
	refused $D 2 "either --under PARENT or --top" anker -p $D codes move 3.5
	refused $D 2 "either --under PARENT or --top" anker -p $D codes move 3.5 --top --under 2
}

test_codes_merge() {
	small
	seg $P s1 Gespräch 1.1 anna 25 37 10
	seg $P s2 Gespräch 1.2 anna 25 37
	seg $P s3 Gespräch 1.1 ben 25 37
	seg $P s4 Gespräch 1.1 anna 60 71
	anker -p $P codes add "1.1 >> Unterpunkt" >/dev/null
	run anker -p $P codes merge "Viele Portale" 1.2
	expect_rc 0
	expect_err "merged 1.1 Viele Portale into 1.2 Ein Portal: 2 segments moved, 1 duplicate dropped, 1 subcode moved, 0 anchors and 2 notes appended, 0 memos moved"
	expect_eq "" "$(name_of $P 1.1)" "source deleted"
	expect_eq "s2 s3 s4" "$(sql $P "SELECT group_concat(guid, ' ') FROM (SELECT s.guid FROM segment s JOIN code c ON c.id = s.code_id WHERE c.number = '1.2' ORDER BY s.guid)")" "segments of the target"
	expect_eq "Unterpunkt" "$(name_of $P 1.2.2)" "subcode moved and renumbered"
	expect_eq "Kritik|Merged definition" "$(sql $P "SELECT group_concat(label, '|') FROM (SELECT label FROM code_note n JOIN code c ON c.id = n.code_id WHERE c.number = '1.2' ORDER BY n.position)")" "notes"
	expect_eq "segment segment segment code code code" "$(sql $P "SELECT group_concat(entity, ' ') FROM (SELECT entity FROM log WHERE action = 'codes merge' ORDER BY id)")" "log: segments first, source deleted last"
	refused $P 1 "cannot merge 1.2 Ein Portal into itself" anker -p $P codes merge 1.2 "Ein Portal"
	refused $P 1 "cannot merge 1 Portale into its own subcode 1.2.1 Landesportal" anker -p $P codes merge 1 1.2.1
	refused $P 1 "no code 'X'" anker -p $P codes merge X 1
	anker -p $P codes add "2 >> Landesportal" >/dev/null
	refused $P 1 "both have a subcode named 'Landesportal'" anker -p $P codes merge 1.2 2
	refused $P 2 "expected SOURCE TARGET" anker -p $P codes merge 1.2
}

test_codes_delete() {
	small
	seg $P s1 Gespräch 1.2.1 anna 25 37
	seg $P s2 Gespräch 1.1 anna 60 71
	refused $P 1 "1.2.1 Landesportal has 1 coded segment; --force deletes them with it" anker -p $P codes delete 1.2.1
	refused $P 1 "1.2 Ein Portal has 1 coded segment (with its subcodes)" anker -p $P codes delete 1.2
	refused $P 1 "2 Schnittstellen has 2 subcodes; --force deletes them with it" anker -p $P codes delete 2
	refused $P 1 "no code 'Fehlt'" anker -p $P codes delete Fehlt
	refused $P 2 "expected one CODE" anker -p $P codes delete
	run anker -p $P codes delete 2.13
	expect_rc 0
	expect_err "deleted 2.13 Dreizehn: 1 code, 0 segments"
	run anker -p $P codes delete 1.2 --force
	expect_rc 0
	expect_err "deleted 1.2 Ein Portal: 2 codes, 1 segment"
	expect_eq "s2" "$(sql $P 'SELECT group_concat(guid) FROM segment')" "segments left"
	expect_eq 4 "$(sql $P 'SELECT COUNT(*) FROM code')" "codes left"
	expect_eq "segment code code" "$(sql $P "SELECT group_concat(entity, ' ') FROM (SELECT entity FROM log WHERE step = (SELECT MAX(step) FROM log) ORDER BY id)")" "log of delete --force"
}

test_codes_color() {
	small
	run anker -p $P codes color 2.1 '#12AB9f'
	expect_rc 0
	expect_err "2.1 Papier: color #12AB9f"
	expect_eq "#12ab9f" "$(sql $P "SELECT color FROM code WHERE number = '2.1'")" "stored lowercase"
	run anker -p $P codes color 2.1 '#000000' --coder carla
	expect_rc 0
	expect_eq "carla|codes color|code" "$(sql $P "SELECT coder || '|' || action || '|' || entity FROM log ORDER BY id DESC LIMIT 1")" "log entry names the --coder"
	refused $P 1 "color 'rot': expected #RRGGBB" anker -p $P codes color 2.1 rot
	refused $P 1 "expected #RRGGBB" anker -p $P codes color 2.1 '#12345'
	refused $P 1 "no code '9'" anker -p $P codes color 9 '#123456'
	refused $P 2 "expected CODE #RRGGBB" anker -p $P codes color 2.1
}

# Every code its own color (issue 13): imported subcodes, added ones and
# those of an older project (schema 4, subcodes in their branch's color)
# get shades of their parent's, siblings apart; codes color still sets one.
test_codes_colors_derived() {
	demo
	expect_eq 13 "$(sql $D "SELECT COUNT(DISTINCT c.color) FROM code c JOIN code p ON
	    p.id = c.parent_id WHERE p.number = '2'")" "colors of the 13 subcodes of 2"
	expect_eq 0 "$(sql $D "SELECT COUNT(*) FROM code c JOIN code p ON p.id = c.parent_id
	    WHERE c.color = p.color")" "subcodes in their parent's color"
	run anker -p $D codes add '2.9 >> Neu'
	expect_rc 0
	expect_eq 6 "$(sql $D "SELECT COUNT(DISTINCT c.color) FROM code c JOIN code p ON
	    p.id = c.parent_id WHERE p.number = '2.9'")" "a new sibling's color"
	run anker -p $D codes color 2.9.6 '#123456'
	expect_rc 0
	# An older project: its subcodes had their branch's color.
	sql $D "UPDATE code SET color = '#3cb44b' WHERE number LIKE '2.%' AND number <> '2.9.6';
	  PRAGMA user_version = 4"
	run anker -p $D codes --format tsv
	expect_rc 0
	expect_eq 20 "$(sql $D 'PRAGMA user_version')" "schema after opening"
	expect_eq 0 "$(sql $D "SELECT COUNT(*) FROM code c JOIN code p ON p.id = c.parent_id
	    WHERE c.color = p.color")" "inherited colors after migration"
	expect_eq "#123456" "$(sql $D "SELECT color FROM code WHERE number = '2.9.6'")" \
	  "a color chosen with codes color (not its parent's) stays"
}

test_codes_subcommand_errors_and_listing() {
	small
	refused $P 2 "unknown subcommand 'frobnicate'" anker -p $P codes frobnicate
	run anker -p $P codes --format tsv
	expect_rc 0
	expect_out "1.2.1	Landesportal	1.2"
	run anker codes --help
	expect_rc 0
	expect_out "codes merge SOURCE TARGET"
	expect_out "--force"
	run anker codes add --help
	expect_rc 0
	expect_out "--number N"
}

test_codes_edits_undo() {
	small
	anker help undo >/dev/null 2>&1 || return 0
	seg $P s1 Gespräch 1.1 anna 25 37
	seg $P s2 Gespräch 1.2 anna 25 37
	codes=$(sql $P "SELECT group_concat(guid || number || name || COALESCE(p, ''), '|') FROM (SELECT c.guid, c.number, c.name, p.guid AS p FROM code c LEFT JOIN code p ON p.id = c.parent_id ORDER BY c.guid)")
	q="SELECT group_concat(x, '|') FROM (SELECT s.guid || c.guid AS x FROM segment s JOIN code c ON c.id = s.code_id ORDER BY s.guid)"
	segs=$(sql $P "$q")
	anker -p $P codes merge 1.1 1.2 2>/dev/null
	anker -p $P codes delete 1 --force 2>/dev/null
	expect_eq 3 "$(sql $P 'SELECT COUNT(*) FROM code')" "codes after merge and delete"
	run anker -p $P undo
	expect_rc 0
	run anker -p $P undo
	expect_rc 0
	expect_eq "$segs" "$(sql $P "$q")" "segments after two undos"
	expect_eq "$codes" "$(sql $P "SELECT group_concat(guid || number || name || COALESCE(p, ''), '|') FROM (SELECT c.guid, c.number, c.name, p.guid AS p FROM code c LEFT JOIN code p ON p.id = c.parent_id ORDER BY c.guid)")" "codes after two undos"
}

test_codebook_export_examples() {
	small
	seg $P s1 Gespräch 1.1 anna 13 37        # Pos. 1–2
	seg $P s2 Gespräch 1.1 ben 13 37         # the same passage by another coder: once
	seg $P s3 Gespräch 1.1 anna 60 71 50     # higher weight: first
	seg $P s4 Gespräch 1.1 anna 57 59        # last in document order: left out with --examples 2
	run anker -p $P codebook export --format md --examples 2
	expect_rc 0
	# A German codebook: German labels (issue 14).
	expect_out "**Kodierte Segmente.**"
	expect_out "> Und Papier.
>
> — Gespräch, Pos. 4

> Portale?
>
> B: Drei Portale
>
> — Gespräch, Pos. 1–2"
	expect_eq 2 "$(printf '%s\n' "$OUT" | grep -c '^> — ')" "examples (cited) with --examples 2"
	expect_eq 1 "$(printf '%s\n' "$OUT" | grep -c 'Kodierte Segmente')" "codes with coded segments"
	# The anchor example stays beside them; -o writes the same.
	expect_out "> „Wir haben drei Portale.“"
	run anker -p $P codebook export --format md --examples 2 -o out.md
	expect_rc 0
	grep -q "— Gespräch, Pos. 1–2" out.md || fail "out.md lacks the citation"
	run anker -p $P codebook export --format md --examples 3
	expect_out "> B:
>
> — Gespräch, Pos. 4"
	# Without --examples: no coded segments.
	run anker -p $P codebook export --format md
	expect_no_out "Kodierte Segmente"
	before=$(state $P)
	run anker -p $P codebook export --format txt --examples 2
	expect_rc 2
	expect_err "--examples needs --format md"
	run anker -p $P codebook export --format md --examples -1
	expect_rc 2
	expect_err "expected 0 to 1000"
	run anker -p $P codebook export --format md --examples zwei
	expect_rc 2
	run anker -p $P codebook export --format md --examples 1001
	expect_rc 2
	expect_eq "$before" "$(state $P)" "project after export errors"
}

test_codebook_export_examples_on_demo() {
	demo
	# Every code's examples come from its own segments only.
	seg $D e1 "Interview 01" 2.12.2 anna 0 12
	run anker -p $D codebook export --format md --examples 5
	expect_rc 0
	expect_eq 1 "$(printf '%s\n' "$OUT" | grep -c '^\*\*Kodierte Segmente')" "codes with examples"
	section=$(printf '%s\n' "$OUT" | sed -n '/^#### 2.12.2 /,/^#### 2.12.3 /p')
	case $section in *"— Interview 01, Pos. 1"*) ;; *) fail "2.12.2's section lacks the example's citation: ${section:0:300}" ;; esac
}
