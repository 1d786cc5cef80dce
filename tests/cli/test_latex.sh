# --format latex compiles in a paper (issue 15 item 3): every table
# command's LaTeX, on the demo project and on hostile text, compiled with
# pdflatex in a standard \documentclass{article} with the packages the
# table's first line names, in the OT1 (default) and T1 font encodings.
# A test fails on a LaTeX error, a character pdflatex dropped, or an
# overfull line more than 10 pt too wide.

# compile TEX NAME [bare]: \input TEX in an article, once per encoding;
# failures name NAME.  Two passes when longtable asks for them.  bare: TEX
# needs no package (a codebook), else its first line names them.
compile() {
	local tex=$1 name=$2 pk enc f log over
	pk=$(sed -n '1s/^% needs \\usepackage{\(.*\)}$/\1/p' "$tex")
	[ -n "$pk" ] || [ "${3:-}" = bare ] || { fail "$name: no '% needs \\usepackage{...}' first line: $(head -1 "$tex")"; return 0; }
	for enc in OT1 T1; do
		f=doc_${tex%.tex}_$enc
		{
			echo '\documentclass{article}'
			[ $enc = T1 ] && echo '\usepackage[T1]{fontenc}'
			[ -z "$pk" ] || echo "\\usepackage{$pk}"
			echo '\begin{document}'
			echo "\\input{$tex}"
			echo '\end{document}'
		} > "$f.tex"
		pdflatex -interaction=nonstopmode -halt-on-error "$f.tex" >/dev/null 2>&1
		if grep -a -q 'Rerun LaTeX' "$f.log" 2>/dev/null; then
			pdflatex -interaction=nonstopmode -halt-on-error "$f.tex" >/dev/null 2>&1
		fi
		log=$f.log
		if grep -a -q '^!' "$log"; then
			fail "$name ($enc): pdflatex: $(grep -a -m1 -A3 '^!' "$log" | tr '\n' ' ')"
			continue
		fi
		[ -f "$f.pdf" ] || { fail "$name ($enc): no PDF"; continue; }
		over=$(grep -a -o 'Overfull \\hbox ([0-9.]*pt too wide)' "$log" | grep -o '[0-9.]*pt' |
		       sort -rn | head -1) || true
		if [ -n "$over" ] && awk -v o="${over%pt}" 'BEGIN { exit !(o > 10) }'; then
			fail "$name ($enc): a line ${over} too wide: $(grep -a -m1 -A1 "Overfull \\\\hbox (${over}" "$log" | tr '\n' ' ')"
		fi
		if grep -a -q 'Missing character' "$log"; then
			fail "$name ($enc): $(grep -a -m1 'Missing character' "$log")"
		fi
	done
}

# latex_each: every command in the heredoc on stdin, on the project $P.
latex_each() {
	local cmd i=0
	while IFS= read -r cmd; do
		i=$((i + 1))
		# shellcheck disable=SC2086
		if ! eval "\"\$ANKER\" -p $P $cmd --format latex" > "t$i.tex" 2> "t$i.err"; then
			fail "anker $cmd --format latex: $(cat "t$i.err")"
			continue
		fi
		compile "t$i.tex" "anker $cmd"
	done
}

test_latex_every_table_compiles() {
	command -v pdflatex >/dev/null || { fail "pdflatex is missing (make deps)"; return 0; }
	anker demo . >/dev/null 2>&1
	P=demo.anker
	printf '1,1,1,1,1,2\n1,1,1,2,2,2\n' > r.csv
	anker -p $P freq --save t1 >/dev/null 2>&1
	anker -p $P review 2.9 "$(anker -p $P segments --code 2.9 --format tsv | sed -n '2s/\t.*//p')" \
		misfit --comment 'eher 2.10 – „so“' >/dev/null 2>&1 || true
	latex_each <<'CMDS'
freq
freq --rollup
freq --by doc
freq --leaf
matrix
matrix --cols group
cooc
cooc --mode paragraph --measure jaccard
cooc --measure rowpct --leaf
segments
segments --leaf
segments --split-path
agree --coders anna,ben
agree --coders anna,ben --unit paragraph
agree --segments --coders anna,ben
agree --segments --coders anna,ben --disagreements
alpha r.csv
search 'Portal\w*'
docs
codes
review counts
review list
memo list
anchors list 2.9
log
results
results t1
CMDS
}

test_latex_hostile_text_compiles() {
	command -v pdflatex >/dev/null || { fail "pdflatex is missing (make deps)"; return 0; }
	P=h.anker
	anker -p $P init 2>/dev/null
	{
		printf '[Pause] *betont* „Zitat“ und ‚halb‘ «guillemets» ‹x› "gerade" a|b <x> >> $5 & 100%% #1 _a {b} ~c ^d \\e\n'
		printf -- '-- und --- und `` und '"''"' und ,, und !` und ?` κ α Ω ≤ ≥ − → ∞ … € § ° ± × ½ ß Łódź ąę ðþ Œ\n'
		printf 'Москва 東京 😀 ĸ ſ \u200b\u202e\u2066 \x01 tab\there\n'
		printf '%s\n' "$(printf 'Überlänge%.0s' $(seq 1 30))"
	} > h.txt
	anker -p $P import -q h.txt
	anker -p $P codes add 'Wurzel' >/dev/null 2>&1
	anker -p $P codes add 'Wurzel >> „Zitate“ & <Tags> | κ' >/dev/null 2>&1
	anker -p $P codes add '[eckig] *stern*' >/dev/null 2>&1
	local l
	for l in 1 2 3 4; do
		anker -p $P mark h 'Wurzel >> „Zitate“ & <Tags> | κ' --lines $l >/dev/null
		anker -p $P mark h '[eckig] *stern*' --lines $l >/dev/null
	done
	latex_each <<'CMDS'
segments
segments --leaf
freq
cooc
codes
search 'Zitat|Москва'
docs
CMDS
	# what the escapes look like
	anker -p $P segments --format latex > s.tex
	grep -q '\\ankerTone{„}Zitat“' s.tex || fail "„ not set in T1: $(grep -m1 Zitat s.tex)"
	grep -q '\$\\kappa\$ \$\\alpha\$ \$\\Omega\$ \$\\leq\$' s.tex || fail "Greek and math: $(grep -m1 kappa s.tex)"
	grep -q '\\textless{}U+6771\\textgreater{}' s.tex || fail "CJK placeholder: $(grep -m1 U+ s.tex)"
	grep -q -- '-{}- und -{}-{}- und `{}` und' s.tex || fail "ligatures: $(grep -m1 ' und ' s.tex)"
	grep -q '~\\ankerpathsep{} ' s.tex || fail "path separator: $(grep -m1 Wurzel s.tex)"
	head -3 s.tex > s.head
	grep -q '^\\providecommand\*{\\ankerpathsep}{\\textgreater}$' s.head ||
		fail "no \\ankerpathsep definition: $(head -3 s.tex)"
}

test_latex_numbers_and_headers() {
	anker demo . >/dev/null 2>&1
	# a negative kappa with a minus sign; Greek headers as math
	run anker -p demo.anker agree --segments --coders anna,ben --format latex
	expect_rc 0
	expect_out '$\kappa$'
	run anker -p demo.anker agree --coders anna,ben --format latex
	expect_out 'Cohen\\$\kappa$\end{tabular}'
	# a long header over a number column is stacked
	run anker -p demo.anker freq --rollup --format latex
	expect_out '\begin{tabular}[b]{@{}r@{}}'
	# long tables are longtables and say so
	run anker -p demo.anker segments --format latex
	expect_out '% needs \usepackage{booktabs,array,longtable}'
	expect_out '\begin{longtable}'
	expect_out '\endhead'
	# the decimal comma where asked for
	run anker -p demo.anker freq --format latex --decimal-comma
	expect_out " & 2,34 \\\\"
}

# citations_in SECTION FILE: the sources of the quotes in code SECTION's
# part of an md ("> — X") or LaTeX ("\hfill---~X") codebook, joined by '|'.
citations_in() {
	case "$2" in
	*.md) sed -n "/^#* $1 /,/^#* [0-9]/p" "$2" | sed -n 's/^> — //p' ;;
	*) sed -n "/^\\\\subsection\\*{$1 /,/^\\\\subsection/p" "$2" | sed -n 's/.*\\hfill---~//p' ;;
	esac | tr '\n' '|'
}

# codebook export --format latex (issue 14): one \subsection* per code,
# definition, anchor examples and coded segments as quotes with their
# citations (a misfit left out, as in md), labels in German with --lang
# de; compiles with pdflatex in OT1 and T1, hostile text too.
test_codebook_latex_appendix_compiles() {
	command -v pdflatex >/dev/null || { fail "pdflatex is missing (make deps)"; return 0; }
	anker demo . >/dev/null 2>&1
	P=demo.anker
	seg=$(sql $P "SELECT s.guid FROM segment s JOIN code c ON c.id = s.code_id
	  WHERE c.number = '2.9.1' ORDER BY s.doc_id, s.start LIMIT 1")
	anker -p $P review "$seg" misfit --comment "eher 2.4" >/dev/null 2>&1
	anker -p $P anchors add 2.9.1 --from "$(sql $P "SELECT s.guid FROM segment s JOIN code c
	  ON c.id = s.code_id WHERE c.number = '2.9.1' ORDER BY s.doc_id DESC, s.start LIMIT 1")" \
		>/dev/null 2>&1
	sql $P "UPDATE code SET definition = '50 % & \$x_1\$ #1 {a} ~ ^ \\ | <b> \"q\" „Zitat“ « » 😀 ' ||
	  char(10) || char(10) || 'Zweiter Absatz: Zuständigkeitsverteilungsverordnungsbegründung'
	  WHERE number = '1'"
	run anker -p $P codebook export --format latex --examples 50 --lang de -o cb.tex
	expect_rc 0
	anker -p $P codebook export --format md --examples 50 --lang de -o cb.md
	grep -qF '\subsection*{2.9.1 EfA-Nachnutzung}' cb.tex || fail "no subsection for 2.9.1"
	grep -qF '\emph{Verflechtungsorganisation' cb.tex || fail "no path under a subcode"
	grep -qF '\textbf{Codedefinition.}' cb.tex || fail "no German definition label"
	grep -qF '\textbf{Kodierte Segmente.}' cb.tex || fail "no German label for the coded segments"
	grep -qF 'Zweiter Absatz' cb.tex || fail "the definition's second paragraph is missing"
	md=$(citations_in 2.9.1 cb.md)
	[ -n "$md" ] || fail "no citations in 2.9.1's md section"
	expect_eq "$md" "$(citations_in 2.9.1 cb.tex)" "2.9.1's cited quotes: LaTeX as md (no misfit)"
	compile cb.tex "codebook export --format latex" bare
	run anker -p $P codebook export --format latex --lang en
	expect_out '\textbf{Definition.}'
	run anker help codebook
	expect_out "latex"
}
