#!/bin/sh
# tests/run.sh PROGRAM... - runs the listed test programs (the Makefile's
# TESTS: cmocka binaries, run in TAP mode, and shell scripts through
# tests/lib.sh) and prints one closing line:
#   "N passed, N failed, N skipped"
# A program fails the run when it is missing or not executable, exits
# non-zero, prints "not ok" (unless "# TODO" is its TAP directive), prints
# no plan ("1..N") or a different number of checks than planned, skips a
# check that tests/allowed_skips does not allow here, or (under make asan)
# leaves a sanitizer report. Every skip is printed with its reason.
# UNLISTED (set by the Makefile) names test sources that are not in TESTS
# (tests/unit/test_*.c, tests/cli/*.sh, tests/e2e/*.sh): each is a failure.
#
# Environment: BUILD (default build); CI=true selects the "ci" list of
# allowed skips (empty), otherwise PBL_TEST_ENV or "local".
BUILD=${BUILD:-build}
PBL_IN_RUN=1
export BUILD PBL_IN_RUN
unset UPDATE_GOLDEN PBL_UPDATE_SCREENS
if [ "${CI:-}" = true ]; then env=ci; else env=${PBL_TEST_ENV:-local}; fi
allowed=${PBL_ALLOWED_SKIPS:-tests/allowed_skips}
pass=0
failed=0
skipped=0
todo=0
log=$(mktemp)
san=$(mktemp -d)
trap 'rm -rf "$log" "$log.durations" "$san"' EXIT
# under make asan, every sanitized process writes its report to a file in
# $san/ (log_path), wherever its standard error went (tmux, /dev/null)
sanitized=${ASAN_OPTIONS:-}${UBSAN_OPTIONS:-}
base_asan=${ASAN_OPTIONS:-}
base_ubsan=${UBSAN_OPTIONS:-}

# problem NAME TEXT: one failure that is no check's line
problem() {
    echo "not ok - $1: $2"
    extra=$((extra + 1))
}

# skip_allowed NAME REASON: tests/allowed_skips has a line
# "ENV NAME REASON-PREFIX" for this environment
skip_allowed() {
    [ -f "$allowed" ] || return 1
    while read -r e n r; do
        case $e in '#'* | '') continue ;; esac
        [ "$e" = "$env" ] && [ "$n" = "$1" ] || continue
        case $2 in "$r"*) return 0 ;; esac
    done <"$allowed"
    return 1
}

# count NAME STATUS: adds up the TAP lines in $log
count() {
    p=0 f=0 s=0 td=0 planned="" extra=0
    # a TAP directive follows the first '#' of the line
    tests=$(grep -cE '^(not )?ok( |$)' "$log")
    s=$(grep -ciE '^ok[^#]*#[[:space:]]*skip' "$log")
    td=$(grep -ciE '^not ok[^#]*#[[:space:]]*todo' "$log")
    f=$(($(grep -cE '^not ok( |$)' "$log") - td))
    p=$((tests - f - td - s))
    plans=$(grep -E '^1\.\.[0-9]+' "$log" | sed 's/^1\.\.\([0-9]*\).*/\1/')
    for n in $plans; do planned=$((${planned:-0} + n)); done
    if [ -z "$planned" ]; then
        problem "$1" "no plan (1..N): add 'plan N' after sourcing tests/lib.sh"
    elif [ "$planned" != "$tests" ]; then
        problem "$1" "planned $planned checks, ran $tests"
    fi
    if [ "$2" != 0 ] && [ "$f" = 0 ]; then
        problem "$1" "exited with status $2"
    fi
    grep -iE '^ok[^#]*#[[:space:]]*skip' "$log" |
        sed 's/^ok[^#]*#[[:space:]]*[Ss][Kk][Ii][Pp][[:space:]]*//' >"$log.skips"
    sort "$log.skips" | uniq -c >"$log.reasons"
    while read -r times reason; do
        echo "SKIP $1 ($times): $reason"
        skip_allowed "$1" "$reason" ||
            problem "$1" "this skip is not allowed in the '$env' environment ($allowed)"
    done <"$log.reasons"
    rm -f "$log.reasons"
    rm -f "$log.skips"
    if [ -n "$sanitized" ] && [ -n "$(ls -A "$san")" ]; then
        problem "$1" "a sanitizer reported a problem:"
        cat "$san"/* | head -n 40 | sed 's/^/#   /'
        rm -f "$san"/*
    fi
    f=$((f + extra))
    pass=$((pass + p))
    failed=$((failed + f))
    skipped=$((skipped + s))
    todo=$((todo + td))
    line=$(printf '%-36s %4d passed, %d failed, %d skipped' "$1" "$p" "$f" "$s")
    [ "$td" = 0 ] || line="$line, $td TODO"
    echo "$line"
}

for t in ${UNLISTED:-}; do
    echo "not ok - $t is not in the Makefile's TESTS, so it would never run"
    failed=$((failed + 1))
done

# how long each program took ("SECONDS NAME" lines), for the slowest list
durations=$log.durations
: >"$durations"
for t in "$@"; do
    started=$(date +%s)
    if [ -n "$sanitized" ]; then
        ASAN_OPTIONS="$base_asan:log_path=$san/asan"
        UBSAN_OPTIONS="$base_ubsan:log_path=$san/ubsan"
        export ASAN_OPTIONS UBSAN_OPTIONS
    fi
    case $t in
    *.sh)
        if [ ! -f "$t" ]; then
            echo "not ok - $t: no such test script"
            failed=$((failed + 1))
            continue
        fi
        sh "$t" >"$log" 2>&1
        rc=$?
        grep -A12 '^not ok' "$log" | head -n 60
        ;;
    *)
        if [ ! -f "$t" ] || [ ! -x "$t" ]; then
            echo "not ok - $t: missing or not executable"
            failed=$((failed + 1))
            continue
        fi
        CMOCKA_MESSAGE_OUTPUT=TAP "$t" >"$log" 2>&1
        rc=$?
        grep '^not ok\|^#' "$log" | head -n 40
        ;;
    esac
    count "$t" "$rc"
    echo "$(($(date +%s) - started)) $t" >>"$durations"
done
# where the suite's minutes go (CI must stay under 15 of them)
[ "$#" -gt 1 ] && echo "slowest: $(sort -rn "$durations" | head -n 5 |
    awk '{ printf "%s%s %d s", (NR > 1 ? ", " : ""), $2, $1 }')"
rm -f "$durations"
[ "$todo" = 0 ] || echo "$todo TODO: known bugs awaiting a fix (not ok ... # TODO above)"
echo "$pass passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
