#!/bin/sh
# tests/cli/modules.sh - the module author's commands, as a user runs them:
# exit codes and output of --help, validate, list, show and new.
. tests/lib.sh
plan 85
E=tests/cli/expected

run "$PBL" --help
expect_rc "--help exits 0" 0
expect_grep "--help lists validate" "$T/out" "validate [PATH...]"
expect_grep "--help names PBL_MODULES" "$T/out" "PBL_MODULES"

run "$PBL" --version
expect_rc "--version exits 0" 0
expect_grep "--version prints the version" "$T/out" "pbl 0."

run "$PBL" help show
expect_rc "help show exits 0" 0
expect_grep "help show gives the synopsis" "$T/out" "usage: pbl show ID"

run "$PBL" validate --help
expect_rc "validate --help exits 0" 0
expect_grep "validate --help describes the output" "$T/out" "FILE:LINE:COLUMN"

run "$PBL" frobnicate
expect_rc "an unknown command exits 2" 2
expect_grep "an unknown command is named" "$T/err" "pbl: unknown command 'frobnicate'"
expect_grep "an unknown command prints usage" "$T/err" "usage: pbl"

run "$PBL" list --bogus
expect_rc "an unknown option exits 2" 2
expect_grep "an unknown option is named" "$T/err" "unknown option '--bogus'"
# a cluster of short options names the word typed, not the one before
for cmd in list validate show db; do
    run "$PBL" $cmd -json
    expect_rc "$cmd -json exits 2" 2
    expect_grep "$cmd -json names '-json'" "$T/err" "pbl: unknown option '-json'"
done
run "$PBL" export -json
expect_grep "export -json names '-json'" "$T/err" "pbl: unknown option '-json'"
run "$PBL" facilitate -xq
expect_grep "facilitate -xq names '-xq'" "$T/err" "pbl: unknown option '-xq'"
run "$PBL" list -j -json
expect_grep "list -j -json names '-j' first" "$T/err" "pbl: unknown option '-j'"
run "$PBL" facilitate --group
expect_rc "--group without a value exits 2" 2
expect_grep "--group without a value says so" "$T/err" "pbl: option '--group' needs a value"

run "$PBL" </dev/null
expect_rc "no command without a terminal exits 1" 1
expect_grep "the console asks for a terminal" "$T/err" "the console needs a terminal"

run "$PBL" --db
expect_rc "an option without its value exits 2" 2

# validate
run "$PBL" validate modules
expect_rc "the shipped modules validate" 0
expect_grep "validate says all good" "$T/out" "files checked: all good"

run "$PBL" validate
expect_rc "validate defaults to the search path (./modules)" 0

run "$PBL" validate tests/fixtures/bad/unknown-key.yaml
expect_rc "a bad module exits 1" 1
expect_grep "the problem is located" "$T/out" \
    "tests/fixtures/bad/unknown-key.yaml:5:1: error: unknown key 'sumary' in a module; did you mean 'summary'?"
expect_grep "the summary counts it" "$T/out" "1 file checked: 0 good, 1 with problems (1 error)"

run "$PBL" validate tests/fixtures/bad/scenario-minutes-zero.yaml
expect_grep "a bad scenario_minutes is located" "$T/out" \
    "tests/fixtures/bad/scenario-minutes-zero.yaml:6:19: error: 'scenario_minutes' must be between 1 and 600, not 0"
expect_grep "a bad video minutes is located" "$T/out" \
    "tests/fixtures/bad/scenario-minutes-zero.yaml:7:46: error: 'minutes' must be between 0 and 600, not 601"

# a local video file: found beside the module, or reported at its key
run "$PBL" validate tests/screens/video-modules
expect_rc "a module with its video file validates" 0
cp tests/screens/video-modules/local-video.yaml "$T/local-video.yaml"
run "$PBL" validate "$T/local-video.yaml"
expect_rc "a missing video file fails validation" 1
expect_grep "the missing video file is located" "$T/out" \
    "$T/local-video.yaml:13:9: error: video file 'videos/offline-room.mp4' not found (looked for $T/videos/offline-room.mp4)"
run "$PBL" --modules "$T" list
expect_grep "the console still loads it (the link is enough)" "$T/out" "local-video"

run "$PBL" validate tests/fixtures/bad/many-problems.yaml
lines=$(grep -c ': error: ' "$T/out")
[ "$lines" = 3 ] && ok "every problem of a file is printed" ||
    fail "every problem of a file is printed ($lines)"

run "$PBL" validate tests/fixtures/good tests/fixtures/bad/alias.yaml
expect_rc "good and bad together exit 1" 1
expect_grep "good files are counted good" "$T/out" "4 files checked: 3 good, 1 with problems"

run "$PBL" validate tests/fixtures/bad
expect_rc "the bad fixtures all fail" 1
bad=$(ls tests/fixtures/bad/*.yaml | wc -l)
expect_grep "every bad fixture is reported" "$T/out" "$bad files checked: 0 good, $bad with problems"
if grep -v '^[^:]*:[0-9]*:[0-9]*: error: ' "$T/out" | grep -qv 'files checked'; then
    fail "every line has the form FILE:LINE:COLUMN: error: MESSAGE"
    grep -v '^[^:]*:[0-9]*:[0-9]*: error: ' "$T/out" | sed 's/^/#   /' | head
else ok "every line has the form FILE:LINE:COLUMN: error: MESSAGE"; fi

run "$PBL" validate "$T/nothing-here"
expect_rc "a missing path exits 1" 1
expect_grep "a missing path is named" "$T/out" "$T/nothing-here: error: cannot read"

# list
run "$PBL" --modules tests/fixtures/good list
expect_rc "list exits 0" 0
expect_same "list prints the expected table" "$E/list-good.txt" "$T/out"

run "$PBL" list --modules tests/fixtures/good
expect_same "--modules also works after the command" "$E/list-good.txt" "$T/out"

PBL_MODULES=tests/fixtures/good:modules run "$PBL" list
expect_grep "PBL_MODULES is a colon-separated path" "$T/out" "promised-read"
expect_grep "PBL_MODULES reads every folder" "$T/out" "bom-module"

run "$PBL" list --json
expect_rc "list --json exits 0" 0
if python3 -c '
import json, sys
mods = json.load(open(sys.argv[1]))
ids = [m["id"] for m in mods]
assert "promised-read" in ids and len(ids) >= 12, ids
m = mods[ids.index("promised-read")]
assert m["skills"] == ["reliability", "responsiveness", "assurance"], m
assert m["questions"] == 4 and m["video"].startswith("https://"), m
' "$T/out"; then ok "list --json is valid JSON with the modules"; else
    fail "list --json is valid JSON with the modules"; fi

mkdir "$T/lib"
cp tests/fixtures/good/minimal.yaml tests/fixtures/bad/alias.yaml "$T/lib/"
run "$PBL" --modules "$T/lib" list
expect_rc "list goes on when a module is bad" 0
expect_grep "the good module is listed" "$T/out" "minimal"
expect_grep "the bad module is reported" "$T/err" "alias.yaml:5:10: error: aliases"
expect_grep "the user is told what was skipped" "$T/err" "1 module file with problems skipped"

# show
run "$PBL" show promised-read
expect_rc "show exits 0" 0
expect_grep "show prints the title" "$T/out" "The promised read"
expect_grep "show prints the video link" "$T/out" "https://youtu.be/r0wWDJvIgVM"
expect_grep "show prints the questions" "$T/out" "QUESTION 4 OF 4"
expect_grep "show prints model answers" "$T/out" "Model answer:"
expect_grep "show prints facilitator notes" "$T/out" "Facilitator notes:"
wide=$(python3 -c '
import sys
print(max(len(l.rstrip("\n")) for l in open(sys.argv[1], encoding="utf-8")))' "$T/out")
[ "$wide" -le 80 ] && ok "show wraps to 80 columns off a terminal" ||
    fail "show wraps to 80 columns off a terminal ($wide)"

run "$PBL" --modules tests/fixtures/good show sample-module
expect_same "show prints the expected text" "$E/show-sample.txt" "$T/out"

run "$PBL" show no-such-module
expect_rc "show of an unknown id exits 1" 1
expect_grep "show names the unknown id" "$T/err" "no module with id 'no-such-module'"

run "$PBL" show
expect_rc "show without an id exits 2" 2

# new
(cd "$T" && "$PBL" new my-scenario >out 2>err)
rc=$?
expect_rc "new exits 0" 0
[ -f "$T/my-scenario.yaml" ] && ok "new writes ID.yaml" || fail "new writes ID.yaml"
run "$PBL" validate "$T/my-scenario.yaml"
expect_rc "the template validates" 0
cksum "$T/my-scenario.yaml" >"$T/sum1"
(cd "$T" && "$PBL" new my-scenario >out 2>err)
rc=$?
expect_rc "new refuses to overwrite" 1
cksum "$T/my-scenario.yaml" >"$T/sum2"
expect_same "the existing file is untouched" "$T/sum1" "$T/sum2"
run "$PBL" new Bad_Id
expect_rc "new refuses a bad id" 2
# an option is not an id: no -a.yaml, no template that does not validate
(cd "$T" && "$PBL" new -a >out 2>err)
rc=$?
expect_rc "new -a exits 2" 2
expect_grep "new -a is an unknown option" "$T/err" "pbl: unknown option '-a'"
[ ! -e "$T/-a.yaml" ] && ok "new -a writes no file" || fail "new -a wrote -a.yaml"
(cd "$T" && "$PBL" new - >out 2>err)
rc=$?
expect_rc "new - exits 2" 2
expect_grep "new - says why" "$T/err" "pbl: id '-' must start with a-z or 0-9"
[ ! -e "$T/-.yaml" ] && ok "new - writes no file" || fail "new - wrote -.yaml"
printf 'id: -x\ntitle: T\nversion: 1\nscenario: S\nquestions:\n  - prompt: Q\n    answer: A\n' >"$T/dash.yaml"
run "$PBL" validate "$T/dash.yaml"
expect_grep "a module id starting with '-' is refused" "$T/out" "id '-x' must start with a-z or 0-9"
