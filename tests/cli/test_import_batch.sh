# A batch import is one transaction: it says "imported NAME" only for files
# that the final commit really saved, so a full disk or a file size limit
# at that commit leaves no line claiming a file that is not there.  And its
# counts are English ("1 paragraph").

# files DIR: a.txt, b.txt, c.txt of 400 kB each in DIR (text of random
# base64: no NUL, valid UTF-8), small enough that SQLite keeps each in its
# cache until the commit, which then writes all three.
files() {   # files DIR [RANDOM_BYTES]: a.txt, b.txt, c.txt of base64 text
	local f
	for f in a b c; do head -c "${2:-300000}" /dev/urandom | base64 -w 76 > "$1/$f.txt"; done
}

# The batch failed at its commit: no "imported" line, every file counted
# as failed, nothing in the project.
expect_batch_lost() {   # expect_batch_lost REASON
	expect_rc 3
	expect_err "p.anker: cannot write: $1"
	expect_err "0 files imported, 3 failed"
	if grep -q '^imported' <<<"$ERR"; then
		fail "'imported' said of files the failed commit lost: $(printf '%s\n' "$ERR" | grep '^imported' | head -1)"
	fi
	expect_eq 0 "$(sql p.anker 'SELECT COUNT(*) FROM document')" "documents after the failed batch"
}

test_batch_import_file_size_limit_at_the_commit() {
	anker -p p.anker init 2>/dev/null
	files .
	run bash -c 'ulimit -f 700; exec "$0" -p p.anker import a.txt b.txt c.txt' "$ANKER"
	expect_batch_lost "file too large (the file size limit, ulimit -f, was reached)"
	# with room, the same batch says what it imported
	run anker -p p.anker import a.txt b.txt c.txt
	expect_rc 0
	expect_err "imported a: 405264 characters, 5264 paragraphs, 0 turns"
	expect_err "imported c:"
	expect_err "3 files imported, 0 failed"
}

# In a 4 MB file system (fs/ in $T; the files to import stay outside).
batch_import_disk_full() {
	anker -p p.anker init 2>/dev/null
	run anker -p p.anker import ../a.txt ../b.txt ../c.txt
	expect_batch_lost "disk full"
	run anker -p p.anker import ../a.txt
	expect_rc 0
	expect_err "imported a:"
}

test_batch_import_disk_full_at_the_commit() {
	# 3.6 MB of text: more than the file system holds beside the project
	files . 900000
	in_small_fs batch_import_disk_full
}

test_import_counts_in_the_singular() {
	anker -p p.anker init 2>/dev/null
	printf 'B: x' > one.txt
	printf 'x' > x.txt
	run anker -p p.anker import one.txt
	expect_rc 0
	expect_err "imported one: 4 characters, 1 paragraph, 1 turn"
	expect_err "1 file imported, 0 failed"
	run anker -p p.anker import x.txt
	expect_rc 0
	expect_err "imported x: 1 character, 1 paragraph, 0 turns"
	anker -p p.anker codes add K >/dev/null 2>&1
	run anker -p p.anker mark one K --lines 1-2
	expect_rc 1
	expect_err "one has 1 paragraph, not 1-2"
	run anker -p p.anker show one --lines 2
	expect_rc 1
	expect_err "one has 1 paragraph; --lines starts at 2"
}
