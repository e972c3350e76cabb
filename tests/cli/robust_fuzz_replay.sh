#!/bin/sh
# tests/cli/robust_fuzz_replay.sh - the fuzz targets of tests/fuzz/ on every
# build, without libFuzzer: each target's saved regressions (every input
# that once broke something, tests/fuzz/regressions/TARGET/), the seed
# corpora (the shipped modules, the test fixtures) and a few thousand
# seeded mutations of them, with every property the target checks. Under
# `make asan` the sanitizers watch too. `make fuzz` is the real search.
. tests/lib.sh
plan 6
case ${BUILD:-build} in
/*) TOOLS=$BUILD/tools ;;
*) TOOLS=$ROOT/${BUILD:-build}/tools ;;
esac
N=${PBL_REPLAY_MUTATIONS:-3000}
for t in module text editor export keyin; do
    bin=$TOOLS/robust_replay_$t
    [ -x "$bin" ] || { fail "robust_replay_$t is built"; continue; }
    mkdir -p "$T/empty"
    reg=tests/fuzz/regressions/$t
    [ -d "$reg" ] || reg=$T/empty
    if "$bin" "$N" "$reg" modules tests/fixtures/good tests/fixtures/bad >"$T/out" 2>"$T/err"; then
        ok "fuzz_$t: $(cat "$T/out") hold every property"
    else
        fail "fuzz_$t: a property broke or it crashed"
        sed 's/^/#   /' "$T/err" | head -n 10
    fi
done

# fuzz_db: a damaged field of the export fixture under every reader;
# each input builds a database, so fewer mutations
bin=$TOOLS/robust_replay_db
if [ ! -x "$bin" ]; then
    fail "robust_replay_db is built"
elif "$bin" "${PBL_REPLAY_DB_MUTATIONS:-300}" tests/fuzz/regressions/db >"$T/out" 2>"$T/err"; then
    ok "fuzz_db: $(cat "$T/out") hold every property"
else
    fail "fuzz_db: a property broke or it crashed"
    sed 's/^/#   /' "$T/err" | tail -n 10
fi
