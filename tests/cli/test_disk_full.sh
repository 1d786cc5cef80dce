# A full disk or a file size limit reached while anker folds FILE-wal
# into the project at the close (the checkpoint).  The command's commit is
# safe in FILE-wal; the file may end inside a page.  The command says so
# in a warning, every later command opens the project (SQLite reads the
# rest from FILE-wal), and once there is room the next close folds it in:
# every acknowledged coding is there, the file whole.

# mark_until_full: marks with a 500-byte memo until one fails (at most
# 2000).  In the directory $L (where there is room): GUIDs printed to
# acks, the stderr of marks that succeeded to warns, the failing one's
# status and stderr to last.rc and last.err.
mark_until_full() {
	local i rc=0 memo
	memo=$(head -c 500 /dev/zero | tr '\0' m)
	: > "$L/acks"; : > "$L/warns"; : > "$L/last.err"
	for ((i = 1; i <= 2000; i++)); do
		rc=0
		"$ANKER" -p p.anker mark "Interview 02" 1 "$i" $((i + 2)) --memo "$memo" \
			>"$L/o" 2>"$L/e" || rc=$?
		cat "$L/o" >> "$L/acks"
		if [ "$rc" -ne 0 ]; then
			cp "$L/e" "$L/last.err"
			break
		fi
		cat "$L/e" >> "$L/warns"
	done
	echo "$rc" > "$L/last.rc"
}

SAFE="what was saved is safe in p.anker-wal beside it (keep the two together), and the next command folds it into the file once there is room"

# What every run of mark_until_full must leave: the loop ended on a
# refused commit (REASON), warnings saying REASON and where the data is,
# nothing called damaged.  Then, with room again, the project opens, is
# whole, holds every acknowledged coding and is folded back into one file.
expect_full_then_whole() {   # expect_full_then_whole REASON
	local n
	n=$(grep -c . "$L/acks" || true)
	echo "    $n codings acknowledged, $(grep -c . "$L/warns") warnings, then: $(head -1 "$L/last.err")"
	expect_eq 3 "$(cat "$L/last.rc")" "status of the mark that found no room"
	grep -q "^anker: p.anker: cannot write: $1" "$L/last.err" ||
		fail "the failing mark should say '$1': $(cat "$L/last.err")"
	[ "$n" -ge 10 ] || fail "only $n codings acknowledged: the limit came too soon"
	if [ -n "$(grep -v "^anker: warning: p.anker: cannot write: $1; $SAFE" "$L/warns")" ]; then
		fail "messages of marks that succeeded, other than the warning: $(head -3 "$L/warns")"
	fi
	if grep -qi "damaged\|truncated" "$L/warns" "$L/last.err"; then
		fail "a recoverable project was called damaged: $(cat "$L/warns" "$L/last.err" |
			grep -i 'damaged\|truncated' | head -2)"
	fi
	P=$PWD/p.anker
	expect_eq ok "$(sql p.anker 'PRAGMA integrity_check')" "integrity_check"
	expect_present segment "$L/acks" coding
	expect_eq "$n" "$(sql p.anker "SELECT COUNT(*) FROM segment WHERE memo LIKE 'mmm%'")" \
		"codings in the project and codings acknowledged"
	run anker -p p.anker mark "Interview 02" 1 0 3
	expect_rc 0
	expect_eq "" "$ERR" "stderr of a mark with room again"
	[ ! -e p.anker-wal ] || fail "p.anker-wal left after a close with room: $(ls -l p.anker*)"
}

test_file_size_limit_at_the_checkpoint() {
	anker demo . >/dev/null 2>&1 || fail "anker demo failed"
	mv demo.anker p.anker
	local page lim L=$PWD
	page=$(sql p.anker 'PRAGMA page_size')
	# (a subshell: the limit ends with it; 192 KB above the demo, which
	# grows with the schema's empty tables)
	lim=$(( $(stat -c %s p.anker) / 1024 + 192 ))
	(ulimit -f $lim; mark_until_full)
	[ -s warns ] || fail "no mark warned that its changes could not be folded into the file"
	[ $(( $(stat -c %s p.anker) % page )) -ne 0 ] ||
		echo "    (the file ends on a page boundary this time: $(stat -c %s p.anker) bytes)"
	# Still under the limit: the project opens, reads, says why it is not
	# folded in, and a failed write changes nothing.
	run bash -c 'ulimit -f $1; exec "$0" -p p.anker codes' "$ANKER" "$lim"
	expect_rc 0
	expect_out "Verflechtungsdichte"
	expect_err "anker: warning: p.anker: cannot write: file too large (the file size limit, ulimit -f, was reached); $SAFE"
	expect_full_then_whole "file too large (the file size limit, ulimit -f, was reached)"
}

# In a 4 MB file system (fs/ in $T: the logs go to $T, where there is
# room).  Whether the commit or the checkpoint finds the disk full first
# varies; after a failed commit the checkpoint has failed too, so the next
# command, a reader, must warn.
disk_full_at_the_checkpoint() {
	local L=..
	anker demo . >/dev/null 2>&1 || fail "anker demo failed"
	mv demo.anker p.anker
	# Room for a few dozen codings (about 465 KB left), given back
	# afterwards; from the demo's size, which grows with the schema.  The
	# largest commit's -wal must fit too: a coding writes a 16 KiB page of
	# each table and index it touches (schema 11's two count tables: 430
	# KB left room for 7 codings, 17 before).
	head -c $(( 4194304 - $(stat -c %s p.anker) - 465000 )) /dev/zero > filler
	mark_until_full
	run anker -p p.anker codes
	expect_rc 0
	expect_out "Verflechtungsdichte"
	# When the checkpoint found the disk full, its changes wait in -wal and
	# every command says so; when the commit found it first, the close
	# after it may still have folded -wal in (which one comes first depends
	# on the sizes of project and file system: both are right).  The
	# checkpoint case for certain: test_file_size_limit_at_the_checkpoint.
	if [ -s p.anker-wal ]; then
		expect_err "anker: warning: p.anker: cannot write: disk full; $SAFE"
	else
		expect_eq "" "$ERR" "a reader's stderr with nothing left in -wal"
	fi
	rm filler
	expect_full_then_whole "disk full"
}

test_disk_full_at_the_checkpoint() {
	in_small_fs disk_full_at_the_checkpoint
}
