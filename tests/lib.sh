# tests/lib.sh - shared by the shell tests; prints TAP lines that
# tests/run.sh counts. Source it, then call ok/fail/check_*.
#
# PBL is the binary under test, T a scratch folder removed on exit.
case ${BUILD:-build} in
/*) PBL=${PBL:-$BUILD/pbl} ;;
*) PBL=${PBL:-$PWD/${BUILD:-build}/pbl} ;;
esac
ROOT=$PWD
T=$(mktemp -d "${TMPDIR:-/tmp}/pbl-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
export PBL_DB="$T/test.db"
unset PBL_MODULES NO_COLOR PBL_THEME
_n=0

ok() { _n=$((_n + 1)); echo "ok $_n - $*"; }
fail() { _n=$((_n + 1)); echo "not ok $_n - $*"; }

# check DESC CMD...: passes when the command exits 0.
check() {
    _d=$1; shift
    if "$@" >"$T/.out" 2>&1; then ok "$_d"; else
        fail "$_d"; sed 's/^/#   /' "$T/.out" | head -n 20; fi
}

# run CMD...: runs a command, keeping its exit code in $rc, its standard
# output in $T/out and its standard error in $T/err.
run() {
    "$@" >"$T/out" 2>"$T/err"
    rc=$?
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
