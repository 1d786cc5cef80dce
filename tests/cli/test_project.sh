# Project file: init, refusing what is not ours, schema versions.

test_init_creates_project() {
	run anker -p p.anker init --title "Meine Studie"
	expect_rc 0
	expect_eq 2 "$(sql p.anker 'PRAGMA user_version')" "schema version"
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
