#!/bin/sh
# tests/checks/check_the_checks.sh - tests of the tests (make
# check-the-checks): each case is a deliberately broken test program,
# build, screen or environment that the suite must now fail, the way a
# real defect would slip through otherwise. Every hole closed by issue 18
# has one here. Fast: a few seconds, and a couple of shell tests re-run
# with a broken pbl.
. tests/lib.sh
plan 32
ABS_BUILD=$ROOT/${BUILD:-build}
case ${BUILD:-build} in /*) ABS_BUILD=$BUILD ;; esac

# runner_fails DESC PROGRAM... [-- PATTERN]: tests/run.sh on the programs
# exits non-zero, and its output has PATTERN (a fixed string) when given
runner_fails() {
    _d=$1; shift
    _pat=""
    _args=""
    while [ $# -gt 0 ]; do
        if [ "$1" = "--" ]; then _pat=$2; break; fi
        _args="$_args $1"; shift
    done
    # shellcheck disable=SC2086
    sh tests/run.sh $_args >"$T/runner.out" 2>&1
    _rc=$?
    if [ $_rc != 0 ] && { [ -z "$_pat" ] || grep -qF -- "$_pat" "$T/runner.out"; }; then
        ok "$_d"
    else
        fail "$_d (tests/run.sh exited $_rc)"
        sed 's/^/#   /' "$T/runner.out" | tail -n 12
    fi
}
# case_script NAME BODY: a test script $T/NAME.sh sourcing tests/lib.sh
case_script() {
    { echo ". tests/lib.sh"; echo "$2"; } >"$T/$1.sh"
}

# --- 1. skips are not passes --------------------------------------------------
case_script skip 'plan 2
ok "a check"
skip "a tool is missing"'
CI=true runner_fails "a skip fails the run in CI" "$T/skip.sh" -- "this skip is not allowed in the 'ci' environment"
CI= PBL_TEST_ENV=local sh tests/run.sh "$T/skip.sh" >"$T/r.out" 2>&1
expect_grep "every skip is printed with its reason" "$T/r.out" "SKIP $T/skip.sh (1): a tool is missing"
echo "local $T/skip.sh a tool is" >"$T/allowed"
CI= PBL_TEST_ENV=local PBL_ALLOWED_SKIPS=$T/allowed sh tests/run.sh "$T/skip.sh" >"$T/r.out" 2>&1
rc=$?
expect_rc "a skip listed in the allowed skips passes locally" 0
expect_grep "the closing line counts skips apart" "$T/r.out" "1 passed, 0 failed, 1 skipped"
PBL_ALLOWED_SKIPS=$T/allowed CI=true runner_fails "the local list does not apply in CI" "$T/skip.sh"

# --- 2. a failed probe is a failure --------------------------------------------
printf '#!/bin/sh\nexit 1\n' >"$T/nodb-pbl"
chmod +x "$T/nodb-pbl"
PBL=$T/nodb-pbl runner_fails "store_db.sh fails when pbl has no db command" tests/cli/store_db.sh -- "not ok 1 - pbl has a db command"
PBL=$T/nodb-pbl sh tests/cli/robust_terminal.sh >"$T/rt.out" 2>&1
expect_grep "robust_terminal.sh still checks study without a terminal" "$T/rt.out" "not ok 22 - pbl study without a terminal"

# --- 3. plans and the fixed list ---------------------------------------------
case_script noplan 'ok "a check"'
runner_fails "a script without a plan fails" "$T/noplan.sh" -- "no plan"
case_script early 'plan 3
ok "one"
exit 0
ok "two"
ok "three"'
runner_fails "a script that stops early with exit 0 fails" "$T/early.sh" -- "planned 3 checks, ran 1"
case_script extra 'plan 1
ok "one"
ok "two"'
runner_fails "a script that makes more checks than planned fails" "$T/extra.sh" -- "planned 1 checks, ran 2"
runner_fails "a listed unit binary that is missing fails" "$T/build/tests/test_gone" -- "missing or not executable"
mkdir -p "$T/build/tests"
cp "$ABS_BUILD/tests/test_text" "$T/build/tests/test_noexec"
chmod -x "$T/build/tests/test_noexec"
runner_fails "a unit binary without its execute bit fails" "$T/build/tests/test_noexec" -- "missing or not executable"
UNLISTED=tests/unit/test_new.c runner_fails "a test source missing from TESTS fails" -- "test_new.c is not in the Makefile's TESTS"
case_script notodo 'plan 1
fail "see the TODO list"'
runner_fails "TODO in a description is no TODO directive" "$T/notodo.sh" -- "0 passed, 1 failed"
case_script todo 'plan 1
fail "a known bug # TODO fixed on another branch"'
sh tests/run.sh "$T/todo.sh" >"$T/r.out" 2>&1
rc=$?
expect_rc "a # TODO directive is a known bug, not a failure" 0
printf '#!/bin/sh\necho "ok 1 - one"\necho "ok 2 - two"\n' >"$T/build/tests/test_tap"
chmod +x "$T/build/tests/test_tap"
runner_fails "a unit binary without a plan fails" "$T/build/tests/test_tap" -- "no plan"
sh tests/run.sh tests/cli/robust_fuzz_replay.sh >"$T/r.out" 2>&1
expect_grep "paths, not base names, name the programs" "$T/r.out" "tests/cli/robust_fuzz_replay.sh "

# --- 4. sanitizers --------------------------------------------------------------
cat >"$T/leak.c" <<'EOF'
#include <stdlib.h>
#include <string.h>
int main(int argc, char **argv)
{
    char *p = malloc(8);
    strcpy(p, "leaked");
    if (argc > 1) /* "overflow": one byte past the end */
        p[8 + (argv[1][0] - 'o')] = 1;
    return 1; /* the status a CLI check expects for an error */
}
EOF
if ${CC:-cc} -fsanitize=address,undefined -g -o "$T/leak" "$T/leak.c" 2>"$T/cc.err"; then
    case_script san_rc "plan 1
run \"$T/leak\" overflow
expect_rc \"the program fails as expected (exit 1)\" 1"
    SAN_ASAN=exitcode=86:halt_on_error=1:abort_on_error=0:detect_leaks=1
    SAN_UBSAN=exitcode=87:halt_on_error=1:print_stacktrace=1
    ASAN_OPTIONS=$SAN_ASAN UBSAN_OPTIONS=$SAN_UBSAN runner_fails \
        "an overflow under make asan's options is no expected exit 1" "$T/san_rc.sh" -- "exit 86, wanted 1"
    case_script san_hidden "plan 1
\"$T/leak\" >/dev/null 2>&1
ok \"its standard error went nowhere\""
    ASAN_OPTIONS=$SAN_ASAN UBSAN_OPTIONS=$SAN_UBSAN runner_fails \
        "a leak reported where no check looks still fails the run" "$T/san_hidden.sh" -- "a sanitizer reported a problem"
    case_script san_err "plan 1
run sh -c '\"$T/leak\"; exit 1'
expect_rc \"exit 1\" 1"
    ASAN_OPTIONS=detect_leaks=1 sh "$T/san_err.sh" >"$T/r.out" 2>&1
    expect_grep "lib.sh's run finds a report on standard error" "$T/r.out" "not ok 1 - a sanitizer reported a problem"
else
    fail "the sanitizer cases compile"; fail "(sanitizers)"; fail "(sanitizers)"
    sed 's/^/#   /' "$T/cc.err" | head -n 5
fi
grep -q 'exitcode=86' Makefile && grep -q 'exitcode=87' Makefile &&
    ok "make asan sets exit codes no check expects" ||
    fail "make asan sets exit codes no check expects"

# --- 5. root hides checks ---------------------------------------------------------
mkdir -p "$T/u/ro"
user_owns "$T/u"
chmod 555 "$T/u/ro"
if as_user touch "$T/u/ro/x" 2>/dev/null; then
    fail "as_user runs where permissions apply (a read-only folder refuses it)"
else
    ok "as_user runs where permissions apply (a read-only folder refuses it)"
fi

# --- 6. frozen defects in goldens ---------------------------------------------------
L="python3 tests/screens/layout.py --labels src --words src --words modules"
G=tests/screens/expected/study-picker-after
sed 's/1 got, 1 gave…/1 got, 1 gave u/' "$G" >"$T/cut"
$L "$T/cut" >"$T/l.out" 2>&1 && fail "a word cut at the margin fails the layout check" ||
    expect_grep "a word cut at the margin fails the layout check" "$T/l.out" "a word is cut at the right margin"
sed '4s/.*/     skills named: reliability, responsivenmissed: responsiveness/' tests/screens/expected/session-summary >"$T/overlap"
$L "$T/overlap" >"$T/l.out" 2>&1 && fail "overlapping text fails the layout check" ||
    expect_grep "overlapping text fails the layout check" "$T/l.out" "two runs of text overlap"
{ cat "$G"; echo "one row too many"; } >"$T/tall"
sed '1s/$/                                                                      wide/' "$G" >"$T/wide"
$L "$T/tall" "$T/wide" >"$T/l.out" 2>&1
expect_grep "a screen taller than 24 rows fails" "$T/l.out" "25 rows, more than 24"
expect_grep "a screen wider than 80 columns fails" "$T/l.out" "wider than 80"

# --- 7. benchmarks: a failing or differing reference fails its row ----------------
# (the export rows of make bench on small databases, from a copy of the
# tree whose report.sql counts each key point twice, then with a pbl whose
# report exits 3)
mkdir -p "$T/bench/repo" "$T/bench/build"
cp -r tests modules include "$T/bench/repo/"
sed -i 's/sum(b.cnt) AS discussed/sum(b.cnt) * 2 AS discussed/' "$T/bench/repo/tests/bench/report.sql"
bench() { # BUILD: the export rows of make bench, in the copy of the tree
    (cd "$T/bench/repo" && BUILD=$1 BENCH_QUICK=1 BENCH_ROWS=export \
        BENCH_DBS=1000 BENCH_RUNS=1 BENCH_DATA=$T/bench/data \
        sh tests/bench/run.sh >"$T/bench/out" 2>&1)
}
bench "$ABS_BUILD"
rc=$?
expect_rc "a reference that counts key points twice fails make bench" 1
expect_grep "and its row says why" "$T/bench/out" "failed: the reference's rows differ from pbl's"
cp tests/bench/report.sql "$T/bench/repo/tests/bench/report.sql"
ln -s "$ABS_BUILD/bench" "$T/bench/build/bench"
printf '#!/bin/sh\ncase "$*" in *"report --format"*) exit 3 ;; esac\nexec %s "$@"\n' \
    "$ABS_BUILD/pbl" >"$T/bench/build/pbl"
chmod +x "$T/bench/build/pbl"
bench "$T/bench/build"
rc=$?
expect_rc "a pbl report that exits 3 fails make bench" 1
expect_grep "and its row says so" "$T/bench/out" "failed: pbl report exited 3"

# --- 8. goldens rewritten only by exactly 1 ------------------------------------------
mkdir -p "$T/repo"
cp -r tests modules src "$T/repo/"
echo "a stale golden" >"$T/repo/tests/export/golden/report.txt"
(cd "$T/repo" && BUILD=$ABS_BUILD UPDATE_GOLDEN=0 sh tests/cli/export.sh >"$T/g.out" 2>&1)
expect_grep "UPDATE_GOLDEN=0 rewrites nothing: the stale golden fails" "$T/g.out" "not ok 6 - golden report.txt"
(cd "$T/repo" && BUILD=$ABS_BUILD UPDATE_GOLDEN=1 sh tests/run.sh tests/cli/export.sh >"$T/g.out" 2>&1)
expect_grep "UPDATE_GOLDEN=1 left in a whole run's environment rewrites nothing" "$T/repo/tests/export/golden/report.txt" "a stale golden"
