#!/bin/sh
# tests/fuzz/run.sh - runs each libFuzzer target of build/fuzz for
# FUZZ_SECONDS (default 60), one after the other; used by `make fuzz`.
#
#   sh tests/fuzz/run.sh TARGET...      (module text editor export)
#
# Each target first replays its saved findings (tests/fuzz/regressions/
# TARGET/ and known-bugs/TARGET/; see tests/fuzz/README.md), then fuzzes, starting
# from its seed corpora: the shipped modules and the test fixtures, plus
# what earlier runs found (build/fuzz/corpus/TARGET, kept between runs).
# A crash, a leak, a hang (over 10 s for one input) or a broken property
# leaves the input in build/fuzz/findings/ and fails the run; turn it into
# a regression by copying it to tests/fuzz/regressions/TARGET/.
set -u
F=${FUZZ_BUILD:-build/fuzz}
SECONDS_EACH=${FUZZ_SECONDS:-60}
mkdir -p "$F/findings"
failed=""
for t in "$@"; do
    bin=$F/fuzz_$t
    if [ ! -x "$bin" ]; then
        echo "fuzz_$t: not built"
        failed="$failed $t"
        continue
    fi
    corpus=$F/corpus/$t
    mkdir -p "$corpus"
    seeds="modules tests/fixtures/good tests/fixtures/bad"
    dict=""
    [ -f "tests/fuzz/$t.dict" ] && dict="-dict=tests/fuzz/$t.dict"
    saved=$(ls tests/fuzz/regressions/$t/* tests/fuzz/known-bugs/$t/* 2>/dev/null)
    if [ -n "$saved" ]; then
        # shellcheck disable=SC2086
        if ! ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
            UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:suppressions=tests/fuzz/ubsan.supp \
            "$bin" -runs=0 $dict $saved >"$F/$t.replay.log" 2>&1; then
            echo "fuzz_$t: a saved regression fails again:"
            grep -E 'ERROR|property broken|Running:' "$F/$t.replay.log" | tail -n 5
            failed="$failed $t"
            continue
        fi
    fi
    echo "fuzz_$t: ${SECONDS_EACH} s from $(ls "$corpus" | wc -l) saved inputs and the seeds"
    # -use_value_profile helps through the parsers' comparisons;
    # ASAN_OPTIONS: leaks are errors too
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:suppressions=tests/fuzz/ubsan.supp \
        "$bin" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
        -use_value_profile=1 -print_final_stats=1 $dict \
        -artifact_prefix="$F/findings/$t-" "$corpus" $seeds \
        >"$F/$t.log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$F/$t.log")
    cov=$(grep -o 'cov: [0-9]*' "$F/$t.log" | tail -n 1)
    if [ $rc = 0 ]; then
        echo "fuzz_$t: ok, ${runs:-?} inputs run, ${cov:-cov ?}"
    else
        echo "fuzz_$t: FOUND A PROBLEM (exit $rc); the input is in $F/findings/:"
        grep -E 'ERROR|SUMMARY|property broken|Test unit written' "$F/$t.log" | head -n 8
        failed="$failed $t"
    fi
done
if [ -n "$failed" ]; then
    echo "fuzz: problems in:$failed (logs in $F/*.log)"
    exit 1
fi
echo "fuzz: no problem found"
