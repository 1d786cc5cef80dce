# Project file: init, refusing what is not ours, schema versions.

test_init_creates_project() {
	run anker -p p.anker init --title "Meine Studie"
	expect_rc 0
	expect_eq 20 "$(sql p.anker 'PRAGMA user_version')" "schema version"
	expect_eq 1 "$(sql p.anker 'SELECT COUNT(*) FROM project')" "project row"
	expect_eq wal "$(sql p.anker 'PRAGMA journal_mode')" "journal mode"
	guid=$(sql p.anker 'SELECT guid FROM project')
	[[ $guid =~ ^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$ ]] ||
		fail "project GUID is not a v4 GUID: $guid"
	expect_eq "Meine Studie" "$(sql p.anker "SELECT value FROM meta WHERE key='title'")" "title"
}

test_init_refuses_existing_file() {
	anker -p p.anker init 2>/dev/null
	before=$(snapshot p.anker)
	run anker -p p.anker init
	expect_rc 1
	expect_err "already exists"
	expect_eq "$before" "$(snapshot p.anker)" "project after refused init"
}

test_no_project_is_usage_error() {
	run anker docs
	expect_rc 2
	expect_err "no project"
}

test_missing_project_file() {
	run anker -p nothere.anker docs
	expect_rc 1
	expect_err "nothere.anker"
	[ ! -e nothere.anker ] || fail "opening a missing project created it"
}

test_refuses_text_file() {
	echo "just text" > notes.txt
	cp notes.txt orig.txt
	run anker -p notes.txt docs
	expect_rc 1
	expect_err "not an anker project"
	cmp -s notes.txt orig.txt || fail "the text file was changed"
	run anker -p notes.txt import "$FIXTURES/corpus/umlaute.txt"
	expect_rc 1
	cmp -s notes.txt orig.txt || fail "the text file was changed by import"
	[ ! -e notes.txt-wal ] || fail "a WAL file was created beside a non-project"
}

test_refuses_other_sqlite_database() {
	sqlite3 other.db "CREATE TABLE t(x); INSERT INTO t VALUES (1);"
	sum=$(md5sum < other.db)
	run anker -p other.db import "$FIXTURES/corpus/umlaute.txt"
	expect_rc 1
	expect_err "not an anker project"
	expect_eq "$sum" "$(md5sum < other.db)" "other database bytes"
}

test_refuses_newer_schema() {
	anker -p p.anker init 2>/dev/null
	sqlite3 p.anker "PRAGMA user_version = 99"
	sum=$(md5sum < p.anker)
	run anker -p p.anker import "$FIXTURES/corpus/umlaute.txt"
	expect_rc 1
	expect_err "newer anker"
	expect_err "schema 99"
	expect_eq "$sum" "$(md5sum < p.anker)" "newer project bytes"
}

test_refuses_truncated_project() {
	anker -p p.anker init 2>/dev/null
	anker -p p.anker import -q "$FIXTURES/corpus/umlaute.txt"
	sqlite3 p.anker "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
	head -c 3000 p.anker > cut.anker
	run anker -p cut.anker docs
	expect_rc 1
	expect_err "truncated"
}

test_foreign_keys_and_integrity() {
	anker -p p.anker init 2>/dev/null
	anker -p p.anker import -q "$FIXTURES/corpus/umlaute.txt"
	expect_eq ok "$(sql p.anker 'PRAGMA integrity_check')" "integrity"
	expect_eq "" "$(sql p.anker 'PRAGMA foreign_key_check')" "foreign keys"
}

test_version_and_help() {
	run anker --version
	expect_rc 0
	expect_out "anker "
	run anker help
	expect_rc 0
	for c in init import docs show search codebook codes demo; do
		expect_out "  $c"
	done
	run anker nosuchcommand
	expect_rc 2
	expect_err "unknown command"
}

# --- Hostile project files -------------------------------------------
# Each refused with a message naming the file and what is wrong, the exit
# status, the file unchanged and nothing left beside it that would confuse
# the next run.

small_project() {
	anker -p p.anker init 2>/dev/null
	anker -p p.anker import -q "$FIXTURES/corpus/umlaute.txt"
	anker -p p.anker codes add Alpha >/dev/null
	anker -p p.anker mark umlaute Alpha 0 5 >/dev/null
}

expect_no_side_files() {   # expect_no_side_files FILE
	local f
	for f in "$1-wal" "$1-shm" "$1-journal"; do
		[ ! -e "$f" ] || fail "$f was left beside the project"
	done
	return 0
}

# crashed_writer FILE: a process wrote to FILE and was killed before it
# closed: the change is in FILE-wal only (with FILE-shm beside it).
crashed_writer() {
	{ sqlite3 "$1" "PRAGMA wal_autocheckpoint = 0; INSERT OR REPLACE INTO meta VALUES ('crash', 'in the wal');" \
		".shell kill -9 \$PPID"; } 2>/dev/null || true
	[ -s "$1-wal" ] || fail "setup: no -wal with the change beside $1"
}

test_refuses_empty_zip_and_random_files() {
	local f
	: > empty.anker
	small_project
	anker -p p.anker qdpx export p.qdpx 2>/dev/null
	head -c 70000 /dev/urandom > random.anker
	for f in empty.anker p.qdpx random.anker; do
		cp "$f" orig
		run anker -p "$f" docs
		expect_rc 1
		expect_err "$f: "
		expect_err "not an anker project"
		run anker -p "$f" mark umlaute Alpha 0 5
		expect_rc 1
		cmp -s "$f" orig || fail "$f was changed"
		expect_no_side_files "$f"
	done
	run anker -p empty.anker docs
	expect_err "empty file"
}

test_refuses_truncated_at_any_size() {
	small_project
	sqlite3 p.anker "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
	local size n page
	size=$(stat -c %s p.anker)
	page=$(sql p.anker 'PRAGMA page_size')
	# 50 and 100 bytes (a header at most), half, the last page missing,
	# and one byte missing.
	for n in 50 100 $((size / 2 / page * page)) $((size - page)) $((size - 1)); do
		head -c "$n" p.anker > cut.anker
		cp cut.anker orig
		run anker -p cut.anker segments
		expect_rc 1
		expect_err "cut.anker: project file is truncated"
		run anker -p cut.anker mark umlaute Alpha 5 9
		expect_rc 1
		expect_err "truncated"
		cmp -s cut.anker orig || fail "the file cut to $n bytes was changed"
		expect_no_side_files cut.anker
	done
}

# Cut short while its newest changes are in the -wal: SQLite reads the
# pages the file lacks and finds the damage.
test_refuses_truncated_project_with_wal() {
	small_project
	crashed_writer p.anker
	# Half the pages (a whole number of them: a cut inside a page is
	# refused before SQLite looks, with another message).
	truncate -s "$(( $(stat -c %s p.anker) / 16384 / 2 * 16384 ))" p.anker
	cp p.anker orig
	run anker -p p.anker segments
	expect_rc 1
	expect_err "p.anker: the project file is damaged"
	run anker -p p.anker mark umlaute Alpha 5 9
	expect_rc 1
	expect_err "damaged"
	cmp -s p.anker orig || fail "the truncated project was changed"
}

# A -wal of random bytes is no log of this file: SQLite ignores it, the
# project reads and writes as before, and the garbage is gone after.
test_garbage_wal_is_ignored() {
	small_project
	local before
	before=$(snapshot p.anker)
	head -c 50000 /dev/urandom > p.anker-wal
	run anker -p p.anker segments
	expect_rc 0
	expect_out "umlaute"
	run anker -p p.anker mark umlaute Alpha 5 9
	expect_rc 0
	expect_eq ok "$(sql p.anker 'PRAGMA integrity_check')" "integrity"
	expect_eq 2 "$(sql p.anker 'SELECT COUNT(*) FROM segment')" "segments"
	expect_no_side_files p.anker
}

test_refuses_newer_schema_for_reading_too() {
	small_project
	sqlite3 p.anker "PRAGMA user_version = 1000"
	cp p.anker orig
	run anker -p p.anker segments
	expect_rc 1
	expect_err "p.anker: written by a newer anker (schema 1000"
	cmp -s p.anker orig || fail "the newer project was changed"
	expect_no_side_files p.anker
}

# --- Read-only projects ----------------------------------------------
# Root ignores mode bits, and tests run as root in CI.  There, anker runs
# without the capabilities that override them (setpriv drops them from
# the bounding set, so the exec'd anker never has them): a 0444 file is
# then read-only to it as to any user.

unprivileged() {
	if [ "$(id -u)" -ne 0 ]; then
		"$@"
	else
		setpriv --bounding-set=-dac_override,-dac_read_search,-fowner,-linux_immutable "$@"
	fi
}

# Can this machine make a file read-only for us?  Else say why and skip.
can_make_read_only() {
	echo x > probe
	chmod 444 probe
	if unprivileged sh -c 'echo y >> probe' 2>/dev/null; then
		echo "    SKIP: cannot make a file read-only here (root, and setpriv cannot drop" \
		     "CAP_DAC_OVERRIDE)" >&2
		return 1
	fi
	return 0
}

# reads_and_refuses_writes WHAT: reading commands work on p.anker, writing
# ones fail (exit 3, "read-only", the file named), nothing changes and
# nothing is left beside it.
reads_and_refuses_writes() {
	local sum args
	sum=$(md5sum < p.anker)
	run unprivileged "$ANKER" -p p.anker docs
	expect_rc 0
	expect_out "umlaute"
	run unprivileged "$ANKER" -p p.anker segments
	expect_rc 0
	expect_out "Alpha"
	run unprivileged "$ANKER" -p p.anker freq
	expect_rc 0
	expect_out "Alpha"
	while IFS='|' read -r -a args; do
		run unprivileged "$ANKER" -p p.anker "${args[@]}"
		expect_rc 3
		expect_err "p.anker: read-only ($1"
		expect_err "nothing was changed"
	done <<-'LIST'
	mark|umlaute|Alpha|5|9
	import|-q|/dev/null
	codes|add|Beta
	memo|add|--on|project|x
	undo
	LIST
	expect_eq "$sum" "$(md5sum < p.anker)" "read-only project bytes"
	expect_no_side_files p.anker
}

test_read_only_project_file() {
	can_make_read_only || return 0
	small_project
	chmod 444 p.anker
	reads_and_refuses_writes "Permission denied"
}

test_read_only_directory() {
	can_make_read_only || return 0
	mkdir d
	(cd d && small_project)
	chmod 555 d
	cd d
	reads_and_refuses_writes "its directory"
	cd ..
	chmod 755 d
}

# A read-only -shm left beside the project (by another user's reading)
# must not turn into "attempt to write a readonly database".
test_read_only_shm_beside_project() {
	can_make_read_only || return 0
	small_project
	local before
	before=$(snapshot p.anker)
	: > p.anker-wal
	: > p.anker-shm
	chmod 444 p.anker-shm
	run unprivileged "$ANKER" -p p.anker mark umlaute Alpha 5 9
	expect_rc 3
	expect_err "p.anker: read-only (p.anker-shm beside it: Permission denied)"
	expect_eq "$before" "$(snapshot p.anker)" "project after the refused write"
}

# Read-only, with changes of a crashed writer in -wal: read through it
# when -shm is there; else refuse, since the file alone is out of date.
test_read_only_project_with_wal() {
	can_make_read_only || return 0
	small_project
	crashed_writer p.anker
	chmod 444 p.anker
	run unprivileged "$ANKER" -p p.anker segments
	expect_rc 0
	expect_out "Alpha"
	expect_eq "in the wal" "$(sql p.anker "SELECT value FROM meta WHERE key = 'crash'")" \
		"the change in the -wal"
	chmod 644 p.anker
	crashed_writer p.anker
	rm p.anker-shm
	chmod 444 p.anker
	cp p.anker-wal wal.orig
	run unprivileged "$ANKER" -p p.anker segments
	expect_rc 3
	expect_err "p.anker-wal beside it holds changes not yet in the file"
	cmp -s p.anker-wal wal.orig || fail "the -wal was changed"
}

test_read_only_old_schema() {
	can_make_read_only || return 0
	small_project
	sqlite3 p.anker "PRAGMA user_version = 1"
	chmod 444 p.anker
	run unprivileged "$ANKER" -p p.anker segments
	expect_rc 3
	expect_err "written by an older anker (schema 1): open it once with write access"
	expect_no_side_files p.anker
}

# --- A full disk -----------------------------------------------------
# ulimit -f stands in for it: a write past the limit fails with EFBIG
# (anker ignores SIGXFSZ, which would kill it), and SQLite rolls back.

test_file_size_limit_during_import() {
	small_project
	local before
	before=$(snapshot p.anker)
	head -c 1500000 /dev/urandom | base64 -w 76 > big.txt
	run bash -c 'ulimit -f 1000; exec "$0" -p p.anker import big.txt' "$ANKER"
	expect_rc 3
	expect_err "p.anker: cannot write: file too large (the file size limit, ulimit -f, was reached)"
	expect_err "0 files imported, 1 failed"
	expect_eq "$before" "$(snapshot p.anker)" "project after the failed import"
	expect_eq 0 "$(sql p.anker "SELECT COUNT(*) FROM document WHERE name = 'big'")" "the big document"
	run anker -p p.anker import -q big.txt
	expect_rc 0
}

test_file_size_limit_during_coding() {
	small_project
	local before
	before=$(snapshot p.anker)
	run bash -c 'ulimit -f 16; exec "$0" -p p.anker mark umlaute Alpha 5 9' "$ANKER"
	expect_rc 3
	expect_err "file too large"
	expect_eq "$before" "$(snapshot p.anker)" "project after the failed coding"
	run anker -p p.anker mark umlaute Alpha 5 9
	expect_rc 0
	expect_no_side_files p.anker
}

test_file_size_limit_during_init() {
	run bash -c 'ulimit -f 8; exec "$0" -p new.anker init' "$ANKER"
	expect_rc 3
	expect_err "new.anker: cannot write"
	[ ! -e new.anker ] || fail "a half-made project was left: $(ls -la new.anker*)"
	[ -z "$(ls -A | grep -v '^\.stderr$')" ] || fail "files left behind: $(ls -A)"
}

# A really full disk: in_small_fs (lib.sh).
disk_full_body() {
	small_project
	local before
	before=$(snapshot p.anker)
	run anker -p p.anker import ../big.txt
	expect_rc 3
	expect_err "p.anker: cannot write: disk full"
	expect_eq "$before" "$(snapshot p.anker)" "project after the import that filled the disk"
	dd if=/dev/zero of=filler bs=64k 2>/dev/null || true
	run anker -p p.anker mark umlaute Alpha 5 9
	expect_rc 3
	expect_err "p.anker: cannot write: disk full"
	rm filler
	expect_eq "$before" "$(snapshot p.anker)" "project after the coding on a full disk"
	run anker -p p.anker mark umlaute Alpha 5 9
	expect_rc 0
	expect_no_side_files p.anker
}

test_disk_full() {
	head -c 4000000 /dev/urandom | base64 -w 76 > big.txt
	in_small_fs disk_full_body
}
