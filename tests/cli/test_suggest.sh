# Names people mistype (issue 15): codes, documents, coders, variables,
# groups, commands, subcommands and options get "did you mean" (the edit
# distance of corpus/names.c); documents, coders and variables match
# without case when that is unambiguous, as codes did already.

demo() {
	anker demo d >/dev/null 2>&1
	P=d/demo.anker
}

test_mistyped_code_document_coder_variable() {
	demo
	run_unchanged $P anker -p $P segments --code "Zentrales Protal"
	expect_rc 1
	expect_eq "anker: no code 'Zentrales Protal'; did you mean 'Zentrales Portal'?" "$ERR" "code"
	run anker -p $P segments --code "2.12.22"
	expect_err "no code '2.12.22'; did you mean '2.12.2'?"
	run anker -p $P segments --code "Verflechtungsorganisation >> Optimirung >> Zentrales Portal"
	expect_err "did you mean 'Verflechtungsorganisation >> Optimierung >> Zentrales Portal'?"
	run anker -p $P segments --code "Gibt es nicht"
	expect_err "no code 'Gibt es nicht' (see 'anker codes')"
	run anker -p $P show "Intervew 03"
	expect_rc 1
	expect_err "no document 'Intervew 03'; did you mean 'Interview 03'?"
	run anker -p $P segments --coder bne
	expect_rc 1
	expect_err "no coder 'bne'; did you mean 'ben'?"
	run anker -p $P agree --coders anna,bne
	expect_err "no coder 'bne'; did you mean 'ben'?"
	run anker -p $P freq --coder anan
	expect_err "no coder 'anan'; did you mean 'anna'?"
	run anker -p $P segments --var Organisaton=x
	expect_rc 1
	expect_err "no document has a variable 'Organisaton'; did you mean 'Organisation'?"
	run anker -p $P freq --by var:Datun
	expect_err "no document has a variable 'Datun'; did you mean 'Datum'?"
	run anker -p $P review list --reviewer ban
	expect_err "no coder 'ban'; did you mean 'ben'?"
}

test_names_without_case_when_unambiguous() {
	demo
	local want
	want=$(anker -p $P segments --doc "Interview 01" --coder ben --format tsv)
	run anker -p $P segments --doc "INTERVIEW 01" --coder BEN --format tsv
	expect_rc 0
	expect_eq "$want" "$OUT" "segments of INTERVIEW 01 by BEN"
	run anker -p $P show -n --lines 1 "interview 02"
	expect_rc 0
	expect_out "1  "
	run anker -p $P freq --by var:datum --format tsv
	expect_rc 0
	expect_eq "Code	Path	Datum	Segments	Documents	%" "$(printf '%s\n' "$OUT" | head -1)" \
		"the variable's own name in the header"
	run anker -p $P agree --coders Anna,BEN --unit document --format tsv
	expect_rc 0
	expect_out "Units	anna	ben	Agree"
	run anker -p $P agree --coders anna,ANNA
	expect_rc 1
	expect_err "coder 'anna' given twice"
	run anker -p $P segments --code "zentrales portal" --format tsv
	expect_rc 0
	expect_out "Zentrales Portal"
	# Unicode case: Ä and ä, ß and SS.
	anker -p p.anker init 2>/dev/null
	printf 'x\n' > s.txt
	anker -p p.anker import -q --name "Straße Äußere" s.txt
	run anker -p p.anker show "STRASSE äussere"
	expect_rc 0
	expect_eq "x" "$OUT" "found without case"
	# Two names alike but for case: neither is guessed.
	anker -p p.anker import -q --name "straße äußere" s.txt
	run anker -p p.anker show "STRASSE ÄUSSERE"
	expect_rc 1
	expect_err "document 'STRASSE ÄUSSERE' is ambiguous: 'Straße Äußere', 'straße äußere'"
	run anker -p p.anker show "Straße Äußere"
	expect_rc 0
}

test_mistyped_command_subcommand_option() {
	run anker segmnets
	expect_rc 2
	expect_err "anker: unknown command 'segmnets'; did you mean 'segments'?"
	run anker help agre
	expect_rc 2
	expect_err "anker: unknown command 'agre'; did you mean 'agree'?"
	run anker frobnicate
	expect_rc 2
	expect_eq "anker: unknown command 'frobnicate'" "$(printf '%s\n' "$ERR" | head -1)" \
		"no suggestion when nothing is near"
	run anker codes renam X Y
	expect_rc 2
	expect_err "anker codes: unknown subcommand 'renam'; did you mean 'rename'?"
	run anker codes bogus
	expect_err "unknown subcommand 'bogus' (use add, rename,"
	run anker agree --codrs anna,ben
	expect_rc 2
	expect_err "anker agree: unrecognized option '--codrs'; did you mean '--coders' or '--codes'?"
	run anker segments --cdoe 1
	expect_rc 2
	expect_err "unrecognized option '--cdoe'; did you mean '--code'?"
	run anker segments --zzzzzz
	expect_rc 2
	expect_err "unrecognized option '--zzzzzz'"
	case $ERR in *"did you mean"*) fail "a suggestion for --zzzzzz: $ERR" ;; esac
}
