#!/bin/sh
# tests/cli/export.sh - `pbl export` and `pbl report` as a user runs them,
# on the fixed database of tests/tools/export_fixture (fixed clock, fixed
# UUIDs): golden files of every format, the selection options, exit codes
# and messages, -o (mode 0600, atomic: a kill or a full disk mid-way
# leaves the old file and no temporary file), and hostile text read back
# with Python's csv, json and html.parser (tests/export/check.py).
#
# UPDATE_GOLDEN=1 sh tests/cli/export.sh rewrites tests/export/golden/.
. tests/lib.sh
plan 100
G=tests/export/golden
case ${BUILD:-build} in
/*) FIXTURE=$BUILD/tools/export_fixture ;;
*) FIXTURE=$ROOT/${BUILD:-build}/tools/export_fixture ;;
esac
export PBL_NOW=2026-03-07T12:00:00Z
export TZ=UTC # the report shows local days; the goldens are UTC's
DB=$T/fixture.db

check "the fixture database builds" "$FIXTURE" "$DB"
export PBL_DB="$DB"

# golden FILE CMD...: the command's standard output is FILE (exit 0)
golden() {
    _g=$1; shift
    run "$@"
    if [ "${UPDATE_GOLDEN:-}" = 1 ]; then cp "$T/out" "$G/$_g"; fi # exactly 1
    if [ "$rc" != 0 ]; then
        fail "$_g (exit $rc)"; sed 's/^/#   /' "$T/err" | head -n 5
    else
        expect_same "golden $_g" "$G/$_g" "$T/out"
    fi
}

golden export.md "$PBL" export --all
golden export.csv "$PBL" export --all --format csv
golden export.json "$PBL" export --all --format json
golden export.html "$PBL" export --all -f html
golden report.txt "$PBL" report
golden report.csv "$PBL" report --format csv
golden report.json "$PBL" report --format json

# standard output on a full device: exit 1 and the reason, for both
if [ -w /dev/full ]; then
    for c in export report; do
        "$PBL" $c --all >/dev/full 2>"$T/err"
        rc=$?
        expect_rc "$c to /dev/full: exit 1" 1
        expect_grep "$c to /dev/full: says why" "$T/err" "cannot write the $c: No space left on device"
    done
fi
golden report.md "$PBL" report -f md

# --- selection -------------------------------------------------------
S1=00000000-0000-4000-8000-000000000001
S2=00000000-0000-4000-8000-000000000002
S3=00000000-0000-4000-8000-000000000003

run "$PBL" export
expect_rc "export with no selection exits 0" 0
expect_grep "no selection exports the most recent session" "$T/out" "$S3"
expect_no_grep "... and only that one" "$T/out" "$S1"

run "$PBL" export --session 00000000-0000-4000-8000-00000000000 -f csv
expect_rc "an ambiguous session prefix exits 1" 1
expect_grep "an ambiguous prefix is explained" "$T/err" \
    "pbl: '00000000-0000-4000-8000-00000000000' matches several sessions"

run "$PBL" export --session "$S2" --session "$S1" -f csv
expect_rc "--session is repeatable" 0
lines=$(grep -c '^0000' "$T/out")
[ "$lines" = 9 ] && ok "two sessions give their 9 answer rows" ||
    fail "two sessions give their 9 answer rows ($lines)"

run "$PBL" export --session ffff
expect_rc "an unknown session exits 1" 1
expect_grep "an unknown session is named" "$T/err" "pbl: no session matches 'ffff'"

run "$PBL" export --kind study --format csv
expect_grep "--kind study takes the self-study" "$T/out" "$S2"
expect_no_grep "--kind study leaves the groups out" "$T/out" "$S1"

run "$PBL" export --resident NOOR
expect_grep "--resident ignores ASCII case" "$T/out" "Self-study: Noor"

# --resident: the sessions the resident took part in, as the report's
# resident summary counts them: group sessions they attended (or, before
# the roster, whose free-text participants name them) and self-study,
# under a former name too
RDB=$T/roster.db
check "the fixture with its roster builds" "$FIXTURE" "$RDB" --roster
run "$PBL" --db "$RDB" export --resident ANA -f csv
expect_grep "--resident takes the group session they attended" "$T/out" "$S1"
expect_no_grep "--resident leaves out the sessions they were not in" \
    "$T/out" "$S3"
run "$PBL" --db "$RDB" export --resident 'noor haddad' -f csv
expect_grep "--resident finds self-study under a former name" "$T/out" "$S2"
sqlite3 "$RDB" "UPDATE sessions SET participants = 'Dee and ana'
    WHERE uuid = '$S3'"
run "$PBL" --db "$RDB" export --resident ana -f csv
expect_grep "--resident: an older session naming them in its participants" \
    "$T/out" "$S3"
run "$PBL" --db "$RDB" report --resident ana
expect_grep "report --resident counts the same sessions" "$T/out" \
    "Skill report: 2 sessions, 3 module discussions, 2026-03-03 to 2026-03-06"

# local time (TZ): session 1 began 2026-03-03T14:00Z, in Auckland (NZDT,
# +13) 03:00 on the 4th; --utc keeps UTC's days and times
TZ=Pacific/Auckland run "$PBL" export --from 2026-03-04 --to 2026-03-04
expect_rc "export --from/--to: local days (exit 0)" 0
expect_grep "the local day is the session's" "$T/out" \
    "## 1. Group session: Tuesday group, 2026-03-04"
expect_grep "times shown in the local zone" "$T/out" \
    "- **Started:** 2026-03-04 03:00 NZDT"
TZ=Pacific/Auckland run "$PBL" export --utc --from 2026-03-04 --to 2026-03-04
expect_rc "export --utc: UTC's days (none that day)" 1
TZ=Pacific/Auckland run "$PBL" export --utc --session "$S1" -f html
expect_grep "export --utc: times in UTC" "$T/out" "2026-03-03 14:00 UTC"
TZ=America/Chicago run "$PBL" export --session "$S1" -f html
expect_grep "html: local times" "$T/out" "2026-03-03 08:00 CST"
export TZ=UTC # a function's TZ= may stay in some shells

run "$PBL" export --module minimal
expect_grep "--module takes the sessions that used it" "$T/out" "$S2"
expect_grep "--module shows that module" "$T/out" "### Module 1: Minimal"
expect_no_grep "--module leaves the session's other modules out" \
    "$T/out" "A sample module"

run "$PBL" export --from 2026-03-05 --to 2026-03-05 -f json
expect_grep "--from/--to are inclusive days" "$T/out" "$S2"
expect_no_grep "--from leaves earlier sessions out" "$T/out" "$S1"
expect_no_grep "--to leaves later sessions out" "$T/out" "$S3"

run "$PBL" report --group "Tuesday group"
expect_grep "report takes the same selection" "$T/out" \
    "Skill report: 1 session, 2 module discussions, 2026-03-03"

# --- usage errors and clear messages ----------------------------------
run "$PBL" export --from 2026-13-01
expect_rc "a bad --from exits 2" 2
expect_grep "a bad date is explained" "$T/err" \
    "pbl: --from '2026-13-01' is not a date; write it YYYY-MM-DD"
expect_grep "a bad date prints the usage" "$T/err" "usage: pbl export"

run "$PBL" report --to 2026-02-30
expect_rc "report: a bad --to exits 2" 2

run "$PBL" export --from 2026-03-06 --to 2026-03-01
expect_rc "--from after --to exits 2" 2
expect_grep "--from after --to is explained" "$T/err" "is after --to"

run "$PBL" export --format pdf
expect_rc "an unknown export format exits 2" 2
expect_grep "an unknown format is named" "$T/err" \
    "pbl: unknown format 'pdf'; say md, csv, json, html or xlsx"
# the names in that message come from the format table: the help and the
# man page's export entry must name each of them
formats=$(sed -n "s/.*say \(.*\)$/\1/p" "$T/err" | sed 's/,//g; s/ or / /')
"$PBL" help export >"$T/help"
missing=
for f in $formats; do
    grep -q "^ *$f: " "$T/help" || missing="$missing help:$f"
    sed -n '/^\.B export/,/^\.TP/p' "$ROOT/src/pbl.1" | grep -qF "\\fB$f\\fR" ||
        missing="$missing man:$f"
done
[ -n "$formats" ] && [ -z "$missing" ] &&
    ok "the help and the man page name every export format" ||
    fail "formats not documented:$missing (formats: $formats)"

run "$PBL" report -f pdf
expect_rc "an unknown report format exits 2" 2

run "$PBL" export --kind solo
expect_rc "an unknown kind exits 2" 2

run "$PBL" export --bogus
expect_rc "an unknown option exits 2" 2

run "$PBL" export --group nobody
expect_rc "no matching session exits 1" 1
expect_grep "no matching session is said plainly" "$T/err" \
    "pbl: no sessions match the selection; nothing to export"
[ -s "$T/out" ] && fail "nothing is written when nothing matches" ||
    ok "nothing is written when nothing matches"

run "$PBL" --db "$T/none.db" export
expect_rc "no database exits 1" 1
expect_grep "no database is said plainly" "$T/err" "pbl: no sessions recorded yet"
[ -e "$T/none.db" ] && fail "export does not create a database" ||
    ok "export does not create a database"

run "$PBL" help export
expect_rc "help export exits 0" 0
expect_grep "help export lists the formats" "$T/out" "md (default), csv"

# --- -o: mode 0600, atomic ---------------------------------------------
mkdir "$T/o"
run "$PBL" export --all -f csv -o "$T/o/notes.csv"
expect_rc "-o exits 0" 0
expect_grep "-o says where" "$T/out" "exported to $T/o/notes.csv"
expect_same "-o writes the same as standard output" "$G/export.csv" \
    "$T/o/notes.csv"
mode=$(stat -c %a "$T/o/notes.csv")
[ "$mode" = 600 ] && ok "-o creates the file 0600" || fail "-o mode is $mode"

echo "old notes" >"$T/o/keep.md"
chmod 644 "$T/o/keep.md"
run "$PBL" export --all -o "$T/o/keep.md"
expect_same "-o replaces an existing file" "$G/export.md" "$T/o/keep.md"
mode=$(stat -c %a "$T/o/keep.md")
[ "$mode" = 600 ] && ok "the replaced file is 0600" || fail "mode is $mode"

run "$PBL" report -f json -o "$T/o/report.json"
expect_same "report -o writes the report" "$G/report.json" "$T/o/report.json"

run "$PBL" export -o "$T/missing/dir/notes.md"
expect_rc "-o into a missing folder exits 1" 1
expect_grep "a missing folder is named as missing" "$T/err" \
    "pbl: cannot write $T/missing/dir/notes.md: the folder $T/missing/dir does not exist"

run "$PBL" export -o "$T/o/keep.md/notes.md"
expect_rc "-o under a file exits 1" 1
expect_grep "a file as folder is a clear message" "$T/err" "keep.md is not a folder"

run "$PBL" export -o "$T/o"
expect_rc "-o naming a folder exits 1" 1
expect_grep "a folder as -o is a clear message" "$T/err" "it is a folder"

# permissions do not stop root (CI runs as root): as nobody (lib.sh as_user)
mkdir -p "$T/u/ro"
cp "$DB" "$T/u/fixture.db"
user_owns "$T/u"
chmod 555 "$T/u/ro"
run as_user "$PBL" --db "$T/u/fixture.db" export -o "$T/u/ro/notes.md"
expect_rc "-o into an unwritable folder exits 1" 1
expect_grep "an unwritable folder is a clear message" "$T/err" \
    "pbl: cannot write $T/u/ro/notes.md: Permission denied"
chmod 755 "$T/u/ro"

# A bigger database, so that the export is larger than the file-size
# limit while the database's own writes stay under it.
cp "$DB" "$T/big.db"
check "a bigger database builds" "$FIXTURE" "$T/big.db" --many 30
echo "the old notes" >"$T/o/old.md"
leftovers() { ls -A "$T/o" | grep -v -x -e notes.csv -e keep.md \
    -e report.json -e old.md; }

# Killed by SIGXFSZ in the middle of writing (in a shell of its own,
# whose report of the signal goes to $T/err).
sh -c 'ulimit -f 64; "$1" --db "$2" export --all -o "$3"' - \
    "$PBL" "$T/big.db" "$T/o/old.md" >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" -gt 128 ] && ok "the export is killed mid-way (status $rc)" ||
    fail "the export was not killed mid-way (status $rc)"
expect_grep "a kill mid-way leaves the old file" "$T/o/old.md" "the old notes"
[ -z "$(leftovers)" ] && ok "a kill mid-way leaves no temporary file" ||
    fail "a kill mid-way leaves $(leftovers)"

# The same limit with SIGXFSZ ignored: the write fails with EFBIG.
(trap '' XFSZ; ulimit -f 64; exec "$PBL" --db "$T/big.db" export --all \
    -o "$T/o/old.md") >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" = 1 ] && ok "a failed write exits 1" || fail "a failed write exits $rc"
expect_grep "a failed write says why" "$T/err" \
    "pbl: cannot write $T/o/old.md: File too large"
expect_grep "a failed write leaves the old file" "$T/o/old.md" "the old notes"
[ -z "$(leftovers)" ] && ok "a failed write leaves no temporary file" ||
    fail "a failed write leaves $(leftovers)"

run "$PBL" --db "$T/big.db" export --all -o "$T/o/old.md"
expect_rc "without the limit the big export succeeds" 0
n=$(grep -c '^## ' "$T/o/old.md")
[ "$n" = 33 ] && ok "the big export holds its 33 sessions" ||
    fail "the big export holds $n sessions"

# --- hostile text, read back by Python --------------------------------
if command -v python3 >/dev/null 2>&1; then
    for f in csv json html; do
        "$PBL" export --all -f "$f" >"$T/hostile.$f"
        check "hostile text round-trips through $f (Python's parser)" \
            python3 tests/export/check.py "$f" "$DB" "$T/hostile.$f"
    done
    check "the report's JSON parses" python3 -c \
        "import json,sys; json.load(open(sys.argv[1]))" "$G/report.json"
    check "the report's CSV parses" python3 -c \
        "import csv,sys; list(csv.reader(open(sys.argv[1], newline='')))" \
        "$G/report.csv"
else
    for f in csv json html report-json report-csv; do
        fail "hostile text through $f: python3 is not installed (make deps)"
    done
fi
expect_no_grep "the HTML holds no raw <script" "$G/export.html" "<script"
expect_grep "the HTML escapes the script tag" "$G/export.html" \
    "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp;amp; more"
expect_grep "the CSV guards a formula" "$G/export.csv" \
    "\"'=HYPERLINK(\"\"http://example.com/x\"\",\"\"Click me\"\")\""
expect_grep "the CSV guards @" "$G/export.csv" ",'@SUM(1),"
expect_grep "the CSV guards -2" "$G/export.csv" ",'-2,"
expect_grep "Markdown escapes raw HTML" "$G/export.md" \
    '\<script\>alert('"'"'x'"'"')\</script\> \&amp; more'
