#!/bin/sh
# tests/cli/curriculum.sh - the curriculum keys as a module author and a
# facilitator meet them on the command line: `pbl new` writes every key and
# validates, `pbl show` prints focus, objectives, milestones, prework and
# role cards, and `pbl validate` refuses an unknown milestone at its line
# and column, finding milestones.yaml beside a file given alone.
. tests/lib.sh
plan 29

# pbl new: the standard questions and every new key, valid as written
(cd "$T" && "$PBL" new sample-keys >out 2>err)
rc=$?
expect_rc "new exits 0" 0
for key in "focus:" "objectives:" "# milestones:" "# prework:" "# roles:" \
    "aliases:" "# judge_skills:" \
    "prompt: What is/are the relevant customer service skill(s)?" \
    "prompt: How could the resident improve?"; do
    expect_grep "the template has '$key'" "$T/sample-keys.yaml" "$key"
done
run "$PBL" validate "$T/sample-keys.yaml"
expect_rc "the new template validates" 0
# uncommenting every optional key still validates next to a milestone list
cp modules/milestones.yaml "$T/"
sed 's/^# \(milestones\|prework\|roles\|  \)/\1/; s/^#\(   \)/\1/; s/^    # judge_skills/    judge_skills/' \
    "$T/sample-keys.yaml" >"$T/all-keys.yaml"
sed -i 's/^id: sample-keys/id: all-keys/' "$T/all-keys.yaml"
run "$PBL" validate "$T/all-keys.yaml"
expect_rc "with every key uncommented it still validates" 0
expect_no_grep "no problem reported" "$T/out" "error:"

# pbl show: what a facilitator sends ahead and hands out
run "$PBL" --modules modules show error-disclosure
expect_rc "show exits 0" 0
expect_grep "show names the focus" "$T/out" "Focus: assurance"
expect_grep "show lists the milestones" "$T/out" "Milestones: ICS1; PROF1; SBP1"
expect_grep "show lists the objectives" "$T/out" "OBJECTIVES"
expect_grep "show prints the prework" "$T/out" "PREWORK"
expect_grep "show prints the role cards" "$T/out" "Mr. Hollis, the patient"
expect_grep "show prints what a role knows" "$T/out" "You compared the scans this morning"

# an unknown milestone, at its line and column, in a file given alone
mkdir "$T/lib"
cp modules/milestones.yaml "$T/lib/"
cat >"$T/lib/typo.yaml" <<'YAML'
schema: 1
id: typo
title: A typo in a milestone
version: 1
milestones: [ICS1, ISC2]
scenario: Something happens.
questions:
  - {prompt: Who is the customer?, answer: The patient.}
YAML
run "$PBL" validate "$T/lib/typo.yaml"
expect_rc "an unknown milestone fails validate" 1
expect_grep "the message is at the id" "$T/out" \
    "typo.yaml:5:20: error: unknown milestone 'ISC2'"
expect_grep "one file was checked" "$T/out" "1 file checked: 0 good, 1 with problems"
rm "$T/lib/milestones.yaml"
run "$PBL" validate "$T/lib/typo.yaml"
expect_rc "with no list the ids cannot be checked, and validate says so" 1
expect_grep "it names what is missing" "$T/out" "no milestones.yaml"

# the shipped library: clean, 25 modules
run "$PBL" validate modules
expect_rc "the shipped modules validate" 0
run "$PBL" --modules modules list
n=$(grep -c . "$T/out")
[ "$n" -ge 25 ] && ok "list shows the 25 shipped modules ($n lines)" ||
    fail "list shows $n lines"

# pbl list --json carries focus, objectives and milestones for tools
run "$PBL" --modules modules list --json
expect_rc "list --json exits 0" 0
if python3 -c '
import json, sys
mods = {m["id"]: m for m in json.load(open(sys.argv[1]))}
m = mods["error-disclosure"]
assert m["focus"] == "assurance", m["focus"]
assert m["milestones"] == ["ICS1", "PROF1", "SBP1"], m["milestones"]
assert len(m["objectives"]) == 3
assert all(x["focus"] and x["milestones"] for x in mods.values())
' "$T/out"; then ok "list --json has focus, objectives and milestones"
else fail "list --json has focus, objectives and milestones"; fi
