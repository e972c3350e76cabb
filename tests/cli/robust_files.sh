#!/bin/sh
# tests/cli/robust_files.sh - the files pbl writes and opens, attacked:
# output streams that fail, -o aimed at special files, backups named like
# URIs or interrupted, databases with loose permissions, existing files
# that are not pbl databases, dangling links, read-only folders, and odd
# global options and environments.
. tests/lib.sh
case ${BUILD:-build} in
/*) W=$BUILD/tools/store_crash_writer ;;
*) W=$ROOT/${BUILD:-build}/tools/store_crash_writer ;;
esac
MODS="--modules $ROOT/tests/fixtures/good"

# --- write errors on standard output (item 6) ------------------------------
if [ -w /dev/full ]; then
    for c in "list --json" "list" "db path" "--help" "resume --list"; do
        # shellcheck disable=SC2086
        "$PBL" $MODS $c >/dev/full 2>"$T/err"
        rc=$?
        expect_rc "$c >/dev/full: exit 1" 1
        expect_grep "$c >/dev/full: names standard output" "$T/err" \
            "cannot write to standard output"
    done
else
    ok "# SKIP no writable /dev/full"
fi

# --- -o never replaces what is not a regular file (item 2) -----------------
"$W" "$T/test.db" 3 >/dev/null 2>&1
mkdir "$T/o"
mkfifo "$T/o/fifo"
# a character device of our own (as root), never the real /dev/null: an
# old pbl would replace it for the whole machine
if mknod "$T/o/null" c 1 3 2>/dev/null; then :; else
    mkfifo "$T/o/null" # not root: a second FIFO stands in
fi
ln -s fifo "$T/o/to-fifo"
for target in fifo null to-fifo; do
    for c in export report; do
        run "$PBL" $c --all -o "$T/o/$target"
        expect_rc "$c -o $target: exit 1" 1
        expect_grep "$c -o $target: says it is not a regular file" "$T/err" \
            "not a regular file"
    done
done
[ -p "$T/o/fifo" ] && ok "the FIFO is still a FIFO" || fail "the FIFO was replaced"
[ -c "$T/o/null" ] || [ -p "$T/o/null" ] &&
    ok "the device is still a character device" ||
    fail "the device was replaced"
[ -L "$T/o/to-fifo" ] && ok "the link is still a link" || fail "the link was replaced"
echo "old" >"$T/o/real.md"
ln -s real.md "$T/o/to-real"
run "$PBL" export --all -o "$T/o/to-real"
expect_rc "-o through a link to a regular file: exit 0" 0
[ -L "$T/o/to-real" ] && ok "the link stays a link" || fail "the link was replaced"
expect_grep "the file the link points to is written" "$T/o/real.md" "# Session notes"
run "$PBL" export --all -o "$T/o/no/such/notes.md"
expect_rc "-o into a missing folder: exit 1" 1
expect_grep "the missing folder is named as missing" "$T/err" \
    "the folder $T/o/no/such does not exist"
