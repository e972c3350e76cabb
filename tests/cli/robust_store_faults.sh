#!/bin/sh
# tests/cli/robust_store_faults.sh - the store when the disk refuses: writes
# failing with EFBIG (a file-size limit, SIGXFSZ ignored), a full disk
# (ENOSPC, on a small tmpfs mounted for the test) and a read-only database
# folder, at every step of recording a session; each gives a clear
# message, the program keeps running, nothing acknowledged is lost, and
# PRAGMA integrity_check says ok. Exports to a full disk fail clearly too.
#
# First through the session state machine (tests/tools/robust_store_faults,
# which prints its own TAP), then the real console (PBL_SCRIPT from a FIFO,
# so the limit can be set with prlimit while it runs): the error shows on
# its message line, typing goes on, and the answer is saved once the disk
# takes writes again.
. tests/lib.sh
case ${BUILD:-build} in
/*) W=$BUILD/tools/robust_store_faults FIXTURE=$BUILD/tools/export_fixture ;;
*) W=$ROOT/${BUILD:-build}/tools/robust_store_faults FIXTURE=$ROOT/${BUILD:-build}/tools/export_fixture ;;
esac
MOD=tests/fixtures/good/sample-module.yaml
# the tool prints its own TAP: FAULT_CHECKS lines for efbig and for
# enospc, 77 for rofolder; then this script's own 18 checks
FAULT_CHECKS=292
plan $((FAULT_CHECKS * 2 + 77 + 18))

if [ ! -x "$W" ]; then
    fail "robust_store_faults is built ($W)"
    exit 1
fi
for mode in efbig rofolder; do
    "$W" $mode "$MOD" 2>"$T/faults.err"
    rc=$?
    [ $rc = 0 ] || { echo "not ok - robust_store_faults $mode exited $rc"; sed 's/^/#   /' "$T/faults.err" | head -n 5; }
done

# --- a real full disk: a 4 MB tmpfs (root only; a skip says so) ------------
SMALL=$T/small
mkdir "$SMALL"
if mount -t tmpfs -o size=4m,mode=0700 pbl-test "$SMALL" 2>"$T/mount.err"; then
    "$W" enospc "$MOD" "$SMALL" 2>"$T/faults.err"
    rc=$?
    [ $rc = 0 ] || { echo "not ok - robust_store_faults enospc exited $rc"; sed 's/^/#   /' "$T/faults.err" | head -n 5; }
    # an export to the full disk: a clear message, no partial or temporary
    # file left, the earlier file untouched
    DB2=$T/export.db
    "$FIXTURE" "$DB2" >/dev/null 2>&1 || fail "the export fixture database builds"
    echo "earlier notes" >"$SMALL/notes.md"
    head -c 8000000 /dev/zero >"$SMALL/filler" 2>/dev/null
    run "$PBL" --db "$DB2" export --all -o "$SMALL/notes.md"
    expect_rc "export -o to a full disk: exit 1" 1
    expect_grep "export -o to a full disk: says the disk is full" "$T/err" "No space left on device"
    sed 's/^/# /' "$T/err"
    [ "$(cat "$SMALL/notes.md")" = "earlier notes" ] && ok "export -o to a full disk: the earlier file is untouched" ||
        fail "export -o to a full disk: the earlier file is untouched"
    left=$(ls -A "$SMALL" | grep -v -e '^filler$' -e '^notes.md$' -e '^pbl-faults' | head -n 3)
    [ -z "$left" ] && ok "export -o to a full disk: no temporary file is left" ||
        fail "export -o to a full disk: no temporary file is left ($left)"
    rm -f "$SMALL/filler"
    umount "$SMALL" || echo "# could not unmount $SMALL"
else
    # not root: each of the section's checks is a skip with the reason
    i=0
    while [ $i -lt $((FAULT_CHECKS + 4)) ]; do
        skip "a full disk needs a small tmpfs; mounting one failed: $(head -n 1 "$T/mount.err")"
        i=$((i + 1))
    done
fi
# standard output on a full device (/dev/full: every write fails ENOSPC)
"$PBL" --modules tests/fixtures/good list >/dev/full 2>"$T/err"
rc=$?
[ $rc != 0 ] && ok "pbl list to /dev/full: a non-zero exit ($rc)" ||
    fail "pbl list to /dev/full: a non-zero exit ($rc)"
expect_grep "pbl list to /dev/full: says the disk is full" "$T/err" "No space left on device"
sed 's/^/# /' "$T/err"

# --- the real console, with the limit set while it runs ---------------------
if ! command -v prlimit >/dev/null 2>&1 || ! command -v sqlite3 >/dev/null 2>&1; then
    fail "prlimit (util-linux) and sqlite3 are installed (make deps)"
    exit 1
fi
export PBL_NO_DISPLAY=1 LINES=24 COLUMNS=80 LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color
DB=$T/console.db
mkfifo "$T/keys"
mkdir "$T/dumps"
(
    trap '' XFSZ # ignored, so writes past the limit fail with EFBIG
    PBL_SCRIPT="$T/keys" PBL_DUMP_DIR="$T/dumps" exec "$PBL" --db "$DB" \
        --modules tests/fixtures/good facilitate sample-module --group Faults \
        >"$T/console.out" 2>"$T/console.err"
) &
pid=$!
exec 3>"$T/keys"
# keys LINE...: sends script lines; sync NAME: waits until the console has
# read everything sent (it has written the dump NAME)
keys() { for k in "$@"; do echo "$k" >&3; done; }
sync_on() {
    keys ":dump $1"
    i=0
    while [ ! -s "$T/dumps/$1" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
    [ -s "$T/dumps/$1" ]
}
keys Right Right
if ! sync_on ready; then
    fail "the console runs from a FIFO script"
    kill -9 $pid 2>/dev/null
    exit 1
fi
wal=$(stat -c %s "$DB-wal" 2>/dev/null || echo 0)
if [ "$wal" -lt 8192 ]; then
    fail "the write-ahead log is big enough ($wal bytes) to set a limit below it"
    keys q; exec 3>&-; wait $pid
    exit 1
fi
# every write past the log's current end now fails (screen dumps are small
# enough to go on being written)
prlimit --pid $pid --fsize="$wal:unlimited" || fail "prlimit works on the console"
keys e ":type Typed while the disk refuses" Esc
sync_on refused
expect_grep "the console says the answer was not saved" "$T/dumps/refused" "not saved:"
grep -F "not saved:" "$T/dumps/refused" | sed 's/^ */# message line: /'
keys 1
sync_on tagged
expect_grep "tagging a skill says it was not saved" "$T/dumps/tagged" "cannot save the skills"
kill -0 $pid 2>/dev/null && ok "the console keeps running" || fail "the console keeps running"
prlimit --pid $pid --fsize=unlimited:unlimited
keys e Esc 1
sync_on saved
expect_no_grep "once the disk takes writes, no error shows" "$T/dumps/saved" "not saved"
keys q
exec 3>&-
wait $pid
rc=$?
[ $rc = 0 ] && ok "the console quits normally (exit 0)" || fail "the console quits normally (exit $rc)"
expect_grep "it says how to resume" "$T/console.out" "pbl resume"
t=$(sqlite3 "$DB" "select text from responses where qidx = 0")
[ "$t" = "Typed while the disk refuses" ] && ok "the answer typed during the fault is saved after it" ||
    fail "the answer typed during the fault is saved after it (got '$t')"
s=$(sqlite3 "$DB" "select skills from responses where qidx = 0")
[ "$s" = 1 ] && ok "the skill tagged after the fault is saved" || fail "skills: $s"
i=$(sqlite3 "$DB" "pragma integrity_check")
[ "$i" = ok ] && ok "integrity_check says ok" || fail "integrity_check: $i"

# --- no usable database folder: a clear refusal at start-up ------------------
RO=$(mktemp -d "${TMPDIR:-/tmp}/pbl-ro.XXXXXX")
chmod 0555 "$RO"
[ "$(id -u)" = 0 ] && chown 65534:65534 "$RO"
run as_user "$PBL" --db "$RO/pbl.db" --modules tests/fixtures/good facilitate sample-module --group X
expect_rc "a database in a read-only folder: exit 1" 1
expect_grep "a database in a read-only folder: the message names the file" "$T/err" "$RO/pbl.db"
expect_grep "a database in a read-only folder: and the reason" "$T/err" "Permission denied"
sed 's/^/# /' "$T/err"
chmod 0700 "$RO"
rm -rf "$RO"
