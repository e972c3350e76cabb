# tests/lib.sh - shared by the shell tests; prints TAP lines that
# tests/run.sh counts. Source it, call `plan N` (the number of checks the
# script makes), then ok/fail/skip/check_*. tests/run.sh fails a script
# without a plan or whose count of checks differs from it.
#
# PBL is the binary under test, T a scratch folder removed on exit
# (tests/tmux.sh adds to the clean-up through at_exit).
case ${BUILD:-build} in
/*) PBL=${PBL:-$BUILD/pbl} ;;
*) PBL=${PBL:-$PWD/${BUILD:-build}/pbl} ;;
esac
ROOT=$PWD
T=$(mktemp -d "${TMPDIR:-/tmp}/pbl-test.XXXXXX")
at_exit=:
trap 'eval "$at_exit"; rm -rf "$T"' EXIT
export PBL_DB="$T/test.db"
unset PBL_MODULES NO_COLOR PBL_THEME
# goldens are rewritten only by a deliberate UPDATE_GOLDEN=1 or
# PBL_UPDATE_SCREENS=1 on the command line of one script, never by a value
# left in the environment of a whole run (tests/run.sh sets PBL_IN_RUN)
if [ -n "${PBL_IN_RUN:-}" ]; then unset UPDATE_GOLDEN PBL_UPDATE_SCREENS; fi
_n=0

# plan N: this script makes N checks (TAP's "1..N").
plan() { echo "1..$1"; }

ok() { _n=$((_n + 1)); echo "ok $_n - $*"; }
fail() { _n=$((_n + 1)); echo "not ok $_n - $*"; }
# skip REASON: a check that cannot run here; tests/run.sh prints the reason
# and fails the run unless tests/allowed_skips allows it.
skip() { _n=$((_n + 1)); echo "ok $_n # SKIP $*"; }

# sanitizer_report FILE: the file holds an AddressSanitizer, LeakSanitizer
# or UndefinedBehaviorSanitizer report
sanitizer_report() {
    grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error: |SUMMARY: (Address|Undefined|Leak)' "$1" 2>/dev/null
}

# check DESC CMD...: passes when the command exits 0.
check() {
    _d=$1; shift
    if "$@" >"$T/.out" 2>&1; then ok "$_d"; else
        fail "$_d"; sed 's/^/#   /' "$T/.out" | head -n 20; fi
}

# run CMD...: runs a command, keeping its exit code in $rc, its standard
# output in $T/out and its standard error in $T/err. A sanitizer report on
# standard error is a failed check of its own, whatever the exit code.
run() {
    "$@" >"$T/out" 2>"$T/err"
    rc=$?
    if sanitizer_report "$T/err"; then
        fail "a sanitizer reported a problem in: $*"
        sed 's/^/#   /' "$T/err" | head -n 30
    fi
}

# as_user CMD...: runs CMD without root's privileges, so that file
# permissions apply (as root, as nobody through setpriv: CI runs as root);
# user_owns DIR hands DIR and what is in it to that user, with $T open to it.
as_user() {
    if [ "$(id -u)" = 0 ]; then
        setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"
    else "$@"; fi
}
user_owns() {
    if [ "$(id -u)" = 0 ]; then chmod 711 "$T"; chown -R 65534:65534 "$1"; fi
}

# expect_layout DESC FILE [COLSxROWS [TODO]]: a screen capture passes
# tests/screens/layout.py (size, words cut at the margin, overlapping
# text); TODO, when given, makes a failure a known bug (TAP "# TODO").
expect_layout() {
    if python3 "$ROOT/tests/screens/layout.py" --size "${3:-80x24}" \
        --labels "$ROOT/src" --words "$ROOT/src" --words "$ROOT/modules" \
        --words "$ROOT/tests/fixtures/good" \
        --words "$ROOT/tests/screens/long-modules" "$2" >"$T/.layout" 2>&1; then
        ok "$1"
    else
        if [ -n "${4:-}" ]; then fail "$1 # TODO $4"; else fail "$1"; fi
        sed 's/^/#   /' "$T/.layout" | head -n 10
    fi
}

# expect_rc DESC N: the last run exited N.
expect_rc() {
    if [ "$rc" = "$2" ]; then ok "$1"; else
        fail "$1 (exit $rc, wanted $2)"
        sed 's/^/#   out: /' "$T/out" | head -n 10
        sed 's/^/#   err: /' "$T/err" | head -n 10
    fi
}

# expect_grep DESC FILE PATTERN: FILE has a line matching the fixed string.
expect_grep() {
    if grep -qF -- "$3" "$2"; then ok "$1"; else
        fail "$1 (no '$3' in $(basename "$2"))"
        sed 's/^/#   /' "$2" | head -n 15
    fi
}

# expect_no_grep DESC FILE PATTERN
expect_no_grep() {
    if grep -qF -- "$3" "$2"; then
        fail "$1 ('$3' found)"; grep -F -- "$3" "$2" | sed 's/^/#   /' | head -n 5
    else ok "$1"; fi
}

# expect_same DESC EXPECTED_FILE ACTUAL_FILE: compared with diff -u.
expect_same() {
    if diff -u "$2" "$3" >"$T/.diff"; then ok "$1"; else
        fail "$1"; sed 's/^/#   /' "$T/.diff" | head -n 40; fi
}
