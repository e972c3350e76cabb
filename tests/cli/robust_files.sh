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
