# bash completion for anker(1).
#
# The candidates come from the program itself: `anker __complete WORD...`
# (cli/complete.c) reads the command table and, for documents and codes,
# the project of -p FILE or $ANKER_PROJECT; this script only passes it the
# words and hands its answer to bash, quoted.  It needs no other package:
# installed in /usr/share/bash-completion/completions/anker, or sourced.

# _anker_dequote WORD: WORD as the program would get it, its quotes and
# backslashes taken off (nothing in it is expanded or run).
_anker_dequote() {
	local w=$1 out= q= c i
	for ((i = 0; i < ${#w}; i++)); do
		c=${w:i:1}
		if [[ $q == "'" ]]; then
			if [[ $c == "'" ]]; then q=; else out+=$c; fi
		elif [[ $c == "\\" ]]; then
			i=$((i + 1))
			c=${w:i:1}
			# inside "...", a backslash escapes only " \ $ and `
			[[ $q == '"' && $c != [\"\\\$\`] ]] && out+="\\"
			out+=$c
		elif [[ -n $q ]]; then
			if [[ $c == '"' ]]; then q=; else out+=$c; fi
		elif [[ $c == [\"\'] ]]; then
			q=$c
		else
			out+=$c
		fi
	done
	printf '%s' "$out"
}

_anker() {
	local IFS=$'\n' line=${COMP_LINE:0:COMP_POINT} i w= raw=() pre= out= mode= cand= q=
	[[ $COMP_CWORD -gt 0 ]] || return 0
	# bash splits a word at = and : ("--code=2.9" is three words); the
	# program wants it whole: glue what no blank separates in the line.
	[[ -z ${COMP_LINE-} ]] && raw=("${COMP_WORDS[@]:0:COMP_CWORD+1}")
	for ((i = 0; ${#line} && i <= COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		[[ $i -eq $COMP_CWORD ]] && w=${line#"${line%%[![:space:]]*}"}
		if [[ $i -gt 0 && $line != [[:space:]]* ]]; then
			raw[${#raw[@]} - 1]+=$w
		else
			raw+=("$w")
		fi
		line=${line#"${line%%[![:space:]]*}"}
		line=${line#"$w"}
	done
	local words=()
	for w in "${raw[@]:1}"; do
		words+=("$(_anker_dequote "$w")")
	done
	local bin=${COMP_WORDS[0]/#\~/$HOME}
	out=$("$bin" __complete "${words[@]}" 2>/dev/null) || return 0
	mode=${out%%$'\n'*}
	[[ $out == *$'\n'* ]] && out=${out#*$'\n'} || out=
	# The part of the word bash replaces is what follows its last = or :.
	local cur=${raw[-1]##*[=:]}
	if [[ $mode == files ]]; then
		compopt -o filenames 2>/dev/null || true
		COMPREPLY=($(compgen -f -- "$(_anker_dequote "$cur")"))
		return 0
	fi
	# The candidates complete the whole word (a value, for --opt=value):
	# take off what comes before the part bash replaces.
	pre=$(_anker_dequote "${raw[-1]%"$cur"}")
	[[ ${words[-1]} == --*=* ]] && pre=${pre#--*=}
	[[ $cur == [\"\']* ]] && q=${cur:0:1}
	COMPREPLY=()
	[[ -n $out ]] && while IFS= read -r cand; do
		cand=${cand%%$'\t'*}
		cand=${cand#"$pre"}
		# Inside an open quote readline adds nothing to quote; else the
		# characters the shell would take for its own get a backslash.
		if [[ -n $q || $cand != *[^[:alnum:]._/,:=+@%-]* ]]; then
			COMPREPLY+=("$cand")
		else
			COMPREPLY+=("$(printf '%q' "$cand")")
		fi
	done <<<"$out"
	# "var:", "near:": the word goes on, no space after it
	[[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *: ]] && { compopt -o nospace 2>/dev/null || true; }
	return 0
}

complete -F _anker anker
