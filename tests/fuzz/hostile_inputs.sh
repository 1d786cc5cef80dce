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

# wide_codebook N [reversed]: a MAXQDA codebook of N codes in three levels
# (top-level codes of 10 subcodes of 10 subcodes each), each with its
# section and definition; "reversed" lists them last to first, as a
# hand-edited list may be.  For the sizes a linear scan makes quadratic.
wide_codebook() {
	awk -v n="$1" -v rev="${2:-}" 'BEGIN {
		printf "Breit\n\nCodesystem\n\n"
		c = 0
		for (a = 1; c < n; a++) {
			num[c] = a; name[c] = "Code " a; path[c] = name[c]; top = c++
			for (b = 1; b <= 10 && c < n; b++) {
				num[c] = a "." b; name[c] = "Unter " a "." b
				path[c] = path[top] " >> " name[c]; mid = c++
				for (d = 1; d <= 10 && c < n; d++) {
					num[c] = a "." b "." d; name[c] = "Blatt " a "." b "." d
					path[c] = path[mid] " >> " name[c]; c++
				}
			}
		}
		for (i = 0; i < n; i++) {
			k = rev ? n - 1 - i : i
			printf "%s %s\n", num[k], name[k]
		}
		printf "\n"
		for (i = 0; i < n; i++)
			printf "%s %s\n\nCodedefinition: %s, erzeugt.\n\n", num[i], path[i], name[i]
	}'
}

# many_codes_sql N: SQL that adds N codes to an empty project's code table
# in two levels (N / 100 top-level codes of 99 subcodes), for the tests
# that need a large code system but not the import.
many_codes_sql() {
	cat <<SQL
WITH RECURSIVE i(id) AS (SELECT 1 UNION ALL SELECT id + 1 FROM i WHERE id < $1),
t(top) AS (SELECT MAX(1, $1 / 100))
INSERT INTO code(id, guid, number, name, parent_id, position, created, modified)
SELECT id, printf('%08x-0000-4000-8000-%012x', id, id),
       CASE WHEN id <= top THEN id ELSE ((id - top - 1) % top + 1) || '.' || ((id - top - 1) / top + 1) END,
       'Code ' || id, CASE WHEN id <= top THEN NULL ELSE (id - top - 1) % top + 1 END,
       id, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'
FROM i, t;
SQL
}

# An awk function guid() for the generators (big_qdpx, bench/refi.sh):
# GUIDs from a 32-bit LCG on the global seed, 16 bits at a time, so they
# look random and no two share a long prefix, as other tools' do.
GUID_AWK='
	function guid(   s, i) {
		s = ""
		for (i = 0; i < 8; i++) {
			seed = (seed * 1664525 + 1013904223) % 4294967296
			s = s sprintf("%04x", int(seed / 65536))
		}
		return substr(s, 1, 8) "-" substr(s, 9, 4) "-4" substr(s, 14, 3) "-8" \
		       substr(s, 18, 3) "-" substr(s, 21, 12)
	}'

# big_qdpx KIND N FILE: a generated .qdpx (awk writes project.qde and the
# source files, zip(1) packs them) that is large in one way, for the sizes
# a scan per element makes quadratic:
#   codes    N codes in three levels (as wide_codebook), one source coded
#            with the first of them
#   entries  N zip entries: project.qde and N - 1 sources of a line each
#   sources  N sources of a line each, one selection coded, in 3 sets
# GUIDs from GUID_AWK.
big_qdpx() {
	local kind=$1 n=$2 out=$3 dir
	dir=$(mktemp -d "${TMPDIR:-/tmp}/big_qdpx.XXXXXX") || return 1
	mkdir "$dir/sources"
	awk -v kind="$kind" -v n="$n" -v dir="$dir" "$GUID_AWK"'
	function code(i, name, close_) {
		printf "<Code guid=\"%s\" name=\"%s\" isCodable=\"true\">%s\n", cg[i], name,
		       close_ ? "</Code>" : "" > qde
	}
	BEGIN {
		seed = 19; qde = dir "/project.qde"
		ncodes = kind == "codes" ? n : 10
		nsrc = kind == "entries" ? n - 1 : kind == "sources" ? n : 1
		printf "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Project " \
		       "xmlns=\"urn:QDA-XML:project:1.0\" name=\"big\" origin=\"big_qdpx\" " \
		       "creationDateTime=\"2024-01-01T10:00:00Z\">\n" > qde
		user = guid()
		printf "<Users><User guid=\"%s\" name=\"coder\"/></Users>\n<CodeBook><Codes>\n",
		       user > qde
		# top-level codes of 10 subcodes of 10 subcodes each
		for (i = 0; i < ncodes; i++)
			cg[i] = guid()
		c = 0
		for (a = 1; c < ncodes; a++) {
			code(c++, "Code " a, 0)
			for (b = 1; b <= 10 && c < ncodes; b++) {
				code(c++, "Unter " a "." b, 0)
				for (d = 1; d <= 10 && c < ncodes; d++)
					code(c++, "Blatt " a "." b "." d, 1)
				printf "</Code>\n" > qde
			}
			printf "</Code>\n" > qde
		}
		printf "</Codes></CodeBook>\n<Sources>\n" > qde
		for (s = 0; s < nsrc; s++) {
			sg[s] = guid()
			f = dir "/sources/" sg[s] ".txt"
			printf "Quelle %d: eine Zeile Text.\n", s > f
			close(f)
			printf "<TextSource guid=\"%s\" name=\"source %05d\" " \
			       "plainTextPath=\"internal://%s.txt\">", sg[s], s, sg[s] > qde
			if (kind != "entries")
				printf "<PlainTextSelection guid=\"%s\" startPosition=\"0\" " \
				       "endPosition=\"6\" creatingUser=\"%s\"><Coding guid=\"%s\" " \
				       "creatingUser=\"%s\"><CodeRef targetGUID=\"%s\"/></Coding>" \
				       "</PlainTextSelection>", guid(), user, guid(), user,
				       cg[(s * 7) % ncodes] > qde
			printf "</TextSource>\n" > qde
		}
		printf "</Sources>\n" > qde
		if (kind == "sources") {
			printf "<Sets>\n" > qde
			for (t = 0; t < 3; t++) {
				printf "<Set guid=\"%s\" name=\"set %d\">\n", guid(), t > qde
				for (s = t; s < nsrc; s += 3)
					printf "<MemberSource targetGUID=\"%s\"/>\n", sg[s] > qde
				printf "</Set>\n" > qde
			}
			printf "</Sets>\n" > qde
		}
		printf "</Project>\n" > qde
	}' || { rm -rf "$dir"; return 1; }
	(cd "$dir" && rm -f z.qdpx && zip -qrD z.qdpx project.qde sources) &&
		mv "$dir/z.qdpx" "$out"
	local rc=$?
	rm -rf "$dir"
	return $rc
}
