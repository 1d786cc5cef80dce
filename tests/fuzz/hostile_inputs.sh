# tests/fuzz/hostile_inputs.sh — generators of hostile parser inputs,
# shared by tests/cli/test_hostile_parse.sh and tests/tui/test_hostile_parse.sh.

# deep_codebook N: a MAXQDA codebook whose codes go 1, 1.1, 1.1.1, ... N
# levels deep, each with its section and definition.
deep_codebook() {
	local i num="" path=""
	printf 'Tief\n\nCodesystem\n\n'
	for ((i = 1; i <= $1; i++)); do
		num=${num:+$num.}1
		printf '%s Ebene %d\n' "$num" "$i"
	done
	printf '\n'
	num=""
	for ((i = 1; i <= $1; i++)); do
		num=${num:+$num.}1
		path=${path:+$path >> }"Ebene $i"
		printf '%s %s\n\nCodedefinition: Stufe %d\n\n' "$num" "$path" "$i"
	done
}

# deep_number N: "1.1.…" with N components.
deep_number() {
	local i num=""
	for ((i = 1; i <= $1; i++)); do num=${num:+$num.}1; done
	printf '%s' "$num"
}

# A codebook whose names have a tab, quotes of both kinds and a colon.
odd_codebook() {
	printf 'Titel\n\nCodesystem\n\n1 Name\tmit Tab\n2 Name "mit" '"'"'Quotes'"'"'\n'
	printf '2.1 Unter, mit Komma\n3 Code system:\n\n'
	printf '1 Name\tmit Tab\n\nCodedefinition: Tab im Namen\n\n'
	printf '2 Name "mit" '"'"'Quotes'"'"'\n\nCodedefinition: "Anführung" und '"'"'so'"'"'\n\n'
	printf '2.1 Name "mit" '"'"'Quotes'"'"' >> Unter, mit Komma\n\nCodedefinition: x\n\n'
	printf '3 Code system:\n\nCodedefinition: y\n'
}

# The time a step that used to hang may take: well under 2 s, with room
# for the sanitizers and valgrind (make check-asan, check-valgrind).
limit_ms() {
	if [ -n "${ANKER_REAL:-}" ]; then echo 60000
	else case $ANKER in *asan*) echo 6000 ;; *) echo 2000 ;; esac
	fi
}
