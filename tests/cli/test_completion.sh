# Shell completion: cli/completion/anker.bash and _anker, and the hidden
# `anker __complete` they ask.

COMPLETION="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/cli/completion"

# complete_bash WORD...: complete the last WORD of "anker WORD..." (as
# typed, quotes and backslashes included) the way bash calls the function,
# which splits "--code=2.9" into the words --code, = and 2.9; the replies,
# one a line, in $CANDS.
complete_bash() {
	local COMP_WORDS=("$ANKER" "$@") COMP_CWORD=$# COMP_LINE=$ANKER COMP_POINT COMPREPLY=() w prev= glue=
	for w in "$@"; do
		case $w in =|:) glue=1 ;; *) glue=$prev ;; esac
		if [ -n "$glue" ]; then COMP_LINE+=$w; else COMP_LINE+=" $w"; fi
		case $w in =|:) prev=1 ;; *) prev= ;; esac
	done
	COMP_POINT=${#COMP_LINE}
	source "$COMPLETION/anker.bash"
	_anker
	CANDS=$(printf '%s\n' "${COMPREPLY[@]}")
}

expect_cand() {    # expect_cand CANDIDATE: one of the replies is exactly it
	grep -qxF -- "$1" <<<"$CANDS" ||
		fail "expected the candidate '$1', got: $(printf '%s' "$CANDS" | head -12 | tr '\n' '|')"
}

expect_no_cand() {
	! grep -qxF -- "$1" <<<"$CANDS" || fail "expected no candidate '$1'"
}

demo_project() {
	anker demo d >/dev/null
	P=$T/d/demo.anker
}

test_bash_completes_commands_and_subcommands() {
	complete_bash fr
	expect_cand freq
	expect_no_cand show
	complete_bash ""
	expect_cand init
	expect_cand qdpx
	expect_no_cand __complete
	complete_bash qdpx ""
	expect_cand export
	expect_cand import
	complete_bash codes re
	expect_cand rename
	expect_cand renumber
	expect_no_cand add
	# review's placeholder (SEGMENT VERDICT) is not a word to offer
	complete_bash review ""
	expect_cand list
	expect_no_cand SEGMENT
}

test_bash_completes_options() {
	complete_bash freq --r
	expect_cand --rollup
	expect_cand --replace
	expect_no_cand --by
	complete_bash freq -
	expect_cand --by
	expect_cand --format
	expect_cand --help
	# a subcommand's own options
	complete_bash codes add --
	expect_cand --definition
	expect_no_cand --force
	# the values a usage line lists
	complete_bash freq --by ""
	expect_cand coder
	expect_cand var:
	complete_bash agree --unit p
	expect_cand paragraph
	complete_bash freq --format ""
	expect_cand json
	complete_bash codebook export --format ""
	expect_cand qdc
	expect_no_cand json
	complete_bash review abcd ""
	expect_cand borderline
}

test_bash_completes_codes_from_the_project() {
	demo_project
	complete_bash -p "$P" mark "Interview\\ 01" 2.9.
	expect_cand 2.9.1
	expect_cand 2.9.5
	expect_no_cand 2.10
	# the project from $ANKER_PROJECT, the option written --code=
	ANKER_PROJECT=$P complete_bash segments --code = 2.9.
	expect_cand 2.9.1
	complete_bash segments -p "$P" --code ""
	expect_cand 1
	expect_cand 2.9
	# a name, and a path a level at a time
	complete_bash -p "$P" autocode x OZG
	expect_cand OZG-Entwicklung
	complete_bash -p "$P" codes move 2.9 --under "Verflechtungsorganisation\\ \\>\\>\\ OZ"
	expect_cand 'Verflechtungsorganisation\ \>\>\ OZG-Entwicklung'
	# a list: the codes before the last comma stay
	complete_bash -p "$P" cooc --codes 2.1,2.9.
	expect_cand 2.1,2.9.1
	# coders: --coder, --reviewer, and the list of --coders
	complete_bash -p "$P" segments --coder ""
	expect_cand anna
	expect_cand ben
	complete_bash -p "$P" review counts --reviewer b
	expect_cand ben
	expect_no_cand anna
	complete_bash -p "$P" agree --coders anna,
	expect_cand anna,ben
	# --coder before the command, as -p (cli/main.c): its value a coder,
	# then the commands
	complete_bash -p "$P" --coder ""
	expect_cand anna
	expect_cand ben
	complete_bash -p "$P" --coder ben ma
	expect_cand mark
	complete_bash --co
	expect_cand --coder
}

test_bash_completes_document_names_with_spaces() {
	demo_project
	complete_bash -p "$P" show Inter
	expect_cand 'Interview\ 01'
	expect_cand 'Interview\ 05'
	complete_bash -p "$P" mark 'Interview\ 0'
	expect_cand 'Interview\ 03'
	# inside an open quote readline quotes nothing more: the name as it is
	complete_bash -p "$P" show '"Inter'
	expect_cand 'Interview 01'
	complete_bash -p "$P" segments --doc "'Interview 0"
	expect_cand 'Interview 02'
	# and the name completed really names the document
	run anker -p "$P" show "Interview 01" --lines 1
	expect_rc 0
}

test_bash_completes_file_names() {
	touch 'a file.qdpx'
	complete_bash qdpx import a
	expect_cand 'a file.qdpx'
	complete_bash -p a
	expect_cand 'a file.qdpx'
}

test_completion_never_writes_the_project() {
	demo_project
	local before after
	before=$(sha256sum "$P")
	run anker __complete -p "$P" show ""
	expect_rc 0
	expect_out "Interview 01"
	run anker __complete -p "$P" mark "Interview 01" ""
	expect_out "2.9"
	after=$(sha256sum "$P")
	expect_eq "$before" "$after" "the project after completing"
	[ ! -e "$P-wal" ] || fail "completion left $P-wal behind"
	# an older project is left as it is (opening it would migrate it)
	sql "$P" "PRAGMA user_version = 1"
	before=$(sha256sum "$P")
	run anker __complete -p "$P" show ""
	expect_rc 0
	expect_no_out "Interview"
	expect_eq "$before" "$(sha256sum "$P")" "an older project after completing"
	expect_eq 1 "$(sql "$P" "PRAGMA user_version")" "its schema version"
}

test_completion_quiet_without_a_project() {
	echo "not a project" > text.anker
	for p in missing.anker text.anker /; do
		run anker __complete -p "$p" show ""
		expect_rc 0
		expect_eq "words" "$OUT" "the answer for project $p"
		expect_eq "" "$ERR" "stderr for project $p"
	done
	[ ! -e missing.anker ] || fail "completion created missing.anker"
	ANKER_PROJECT=missing.anker complete_bash show ""
	expect_eq "" "$CANDS" "candidates without a project"
}

test_complete_protocol() {
	# first line: what to do; then candidates with a tab and a description
	run anker __complete fre
	expect_eq $'words\nfreq\tCode frequencies: segments and documents per code.' "$OUT" "anker __complete fre"
	run anker __complete import ""
	expect_eq "files" "$OUT" "anker __complete import ''"
	run anker __complete freq --by=va
	expect_eq $'words\nvar:' "$OUT" "anker __complete freq --by=va"
	run anker __complete nosuchcommand ""
	expect_eq "words" "$OUT" "an unknown command"
}

# zsh: the function loads with compinit, registers for anker, and hands
# zsh what __complete answers (_describe stubbed to print its candidates).
test_zsh_completion() {
	if ! command -v zsh >/dev/null; then
		echo "    (zsh not installed: zsh completion not tested)"
		return 0
	fi
	demo_project
	run zsh -f -c 'fpath=("$1" $fpath); autoload -U compinit; compinit -u -d "$2/zcompdump"
		print -r -- "comp=$_comps[anker]"' zsh "$COMPLETION" "$T"
	expect_rc 0
	expect_eq "comp=_anker" "$OUT" "what compinit registered for anker"
	expect_eq "" "$ERR" "zsh's stderr loading _anker"
	# complete LINE...: the words, the cursor after the last
	local zcomplete='fpath=("$1" $fpath); autoload -U compinit; compinit -u -d "$2/zcompdump"
		shift 2; autoload -Uz _anker
		_describe() { local a=${@[4]}; print -rl -- "${(@P)a}"; }
		_files() { print -r -- FILES; }
		compset() { PREFIX=${PREFIX#*=}; }
		words=("$ANKER" "$@"); CURRENT=$#words; PREFIX=$words[-1]
		_anker'
	run zsh -f -c "$zcomplete" zsh "$COMPLETION" "$T" fr
	expect_eq "freq:Code frequencies: segments and documents per code." "$OUT" "zsh: anker fr"
	run zsh -f -c "$zcomplete" zsh "$COMPLETION" "$T" -p "$P" show 'Interview\ 0'
	expect_out "Interview 01:Interviews"
	expect_out "Interview 05:Interviews"
	run zsh -f -c "$zcomplete" zsh "$COMPLETION" "$T" -p "$P" segments --code=2.9.
	expect_out "2.9.1:Verflechtungsorganisation >> OZG-Entwicklung >> EfA-Nachnutzung"
	run zsh -f -c "$zcomplete" zsh "$COMPLETION" "$T" freq --by va
	expect_eq 'var\:' "$OUT" "zsh: anker freq --by va"
	run zsh -f -c "$zcomplete" zsh "$COMPLETION" "$T" import ""
	expect_eq "FILES" "$OUT" "zsh: anker import"
}

test_completion_offers_no_hostile_names() {
	# A name that would not show as it is (an escape sequence, a bidi
	# override) is not offered: the shell would print it raw.
	anker -p p.anker init 2>/dev/null
	printf 'Text\n' > t.txt
	anker -p p.anker import -q --name $'Evil\e]0;PWNED\a' t.txt
	anker -p p.anker import -q --name $'Evil\u202Egnp.exe' t.txt
	anker -p p.anker import -q --name 'Evil plain' t.txt
	run anker __complete -p p.anker show Evil
	expect_eq $'words\nEvil plain' "$OUT" "the names offered"
}

test_bash_completes_docs_subcommands() {
	demo_project
	complete_bash docs ""
	expect_cand rename
	expect_cand delete
	expect_cand group
	expect_cand var
	complete_bash docs var ""
	expect_cand set
	expect_cand unset
	complete_bash docs delete --f
	expect_cand --force
	complete_bash -p "$P" docs rename Inter
	expect_cand 'Interview\ 01'
	complete_bash -p "$P" docs group G 'Interview\ 0'
	expect_cand 'Interview\ 02'
	complete_bash -p "$P" docs var set Jahr=2020 Inter
	expect_cand 'Interview\ 05'
}

test_bash_completes_groups_and_variables() {
	demo_project
	complete_bash -p "$P" docs group Int
	expect_cand Interviews
	complete_bash -p "$P" import --group ""
	expect_cand Interviews
	complete_bash -p "$P" docs var unset ""
	expect_cand Datum
	expect_cand Organisation
	complete_bash -p "$P" docs var set Da
	expect_cand Datum=
	complete_bash -p "$P" segments --var Org
	expect_cand Organisation=
	# bash splits at '=': the value is the word after it
	complete_bash -p "$P" segments --var Datum = 2023-03-1
	expect_cand 2023-03-14
	complete_bash -p "$P" docs var set Datum = 2023-04
	expect_cand 2023-04-05
}
