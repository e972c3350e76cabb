#!/bin/sh
# tests/cli/report_xlsx.sh - `pbl report -f xlsx` read back with Python's
# zipfile and the sheets' XML (tests/export/xlsx_check.py), cell by cell
# against the CSV report of the same database: a sheet per part, frozen
# bold headers, numbers as numbers, days as dates, text never a formula
# (a group named "=1+1" stays a string), and a text past Excel's 32,767
# characters cut there, with a warning. Then the CSV for Excel (--excel:
# a byte-order mark, and a warning for such cells; export -f csv --excel
# too) and the long CSV
# (--long: every number of the wide one, a row each; tests/export/
# long_check.py). And `pbl export -f xlsx`: its answers sheet is the CSV
# export, cell by cell (the fixture's "=HYPERLINK(...)" answer a string).
# A workbook to a terminal (script(1) gives a pty) is refused, exit 2.
. tests/lib.sh
plan 30
case ${BUILD:-build} in
/*) FIXTURE=$BUILD/tools/export_fixture ;;
*) FIXTURE=$ROOT/${BUILD:-build}/tools/export_fixture ;;
esac
export PBL_NOW=2026-03-07T12:00:00Z
export TZ=UTC
export PBL_DB=$T/fixture.db
CHECK="python3 $ROOT/tests/export/xlsx_check.py"
check "the fixture database builds" "$FIXTURE" "$PBL_DB"

run "$PBL" report -f xlsx --by month -o "$T/r.xlsx"
expect_rc "report -f xlsx -o exits 0" 0
head -c 2 "$T/r.xlsx" | grep -q PK && ok "the file is a zip" ||
    fail "the file is a zip"
"$PBL" report -f csv --by month >"$T/r.csv"
check "every cell as the CSV has it, typed" $CHECK "$T/r.xlsx" "$T/r.csv"

run "$PBL" report -f xlsx
expect_rc "report -f xlsx to standard output exits 0" 0
"$PBL" report -f csv >"$T/all.csv"
check "standard output holds the same workbook" $CHECK "$T/out" "$T/all.csv"

run "$PBL" export --all -f xlsx -o "$T/e.xlsx"
expect_rc "export -f xlsx exits 0" 0
"$PBL" export --all -f csv >"$T/e.csv"
check "the export's answers sheet is the CSV, typed, no formula" \
    $CHECK --export "$T/e.xlsx" "$T/e.csv"

# text that looks like a formula stays text
sqlite3 "$PBL_DB" "UPDATE sessions SET group_name = '=1+1'
    WHERE uuid = '00000000-0000-4000-8000-000000000001';
    UPDATE parking SET text = '@SUM(A1:A9)' WHERE id = 2"
"$PBL" report -f xlsx -o "$T/h.xlsx" >/dev/null
"$PBL" report -f csv >"$T/h.csv"
check "formula-looking text is a string, no cell a formula" \
    $CHECK "$T/h.xlsx" "$T/h.csv"
python3 -c 'import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); s="".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/")); assert "<is><t>=1+1</t></is>" in s, s[:300]' \
    "$T/h.xlsx" && ok "the group '=1+1' is a string cell" ||
    fail "the group '=1+1' is a string cell"

# past a cell's limit: cut, and said
sqlite3 "$PBL_DB" "UPDATE parking SET text = 'x' || printf('%.40000c', 'y')
    WHERE id = 2 OR id = 1; UPDATE parking SET resolved_at = NULL"
run "$PBL" report -f xlsx -o "$T/long.xlsx"
expect_rc "a long text: exit 0" 0
expect_grep "a long text is said to be cut" "$T/err" \
    "pbl: warning: 2 texts cut to a cell's 32767 characters"
python3 -c '
import zipfile, sys, re
z = zipfile.ZipFile(sys.argv[1])
s = "".join(z.read(n).decode() for n in z.namelist()
            if n.startswith("xl/worksheets/"))
n = max(len(t) for t in re.findall(r"<t[^>]*>([^<]*)</t>", s))
assert n == 32767, n' "$T/long.xlsx" && ok "it is cut at 32,767 characters" ||
    fail "it is cut at 32,767 characters"
run "$PBL" report -f csv
expect_no_grep "plain CSV keeps the whole text, unsaid" "$T/err" "warning"
cp "$T/out" "$T/plain.csv"
# excel_csv WHAT PLAIN WARNING: the --excel output just run ($T/out, $T/err)
# warns WARNING and is a byte-order mark then PLAIN (3 tests)
excel_csv() {
    expect_grep "$1 --excel says which cells Excel would cut" "$T/err" "$3"
    [ "$(head -c 3 "$T/out" | od -An -tx1 | tr -d ' ')" = efbbbf ] &&
        ok "$1 --excel starts with a UTF-8 byte-order mark" ||
        fail "$1 --excel starts with a UTF-8 byte-order mark"
    tail -c +4 "$T/out" >"$T/nobom.csv"
    expect_same "$1 --excel: the CSV after it" "$2" "$T/nobom.csv"
}
run "$PBL" report -f csv --excel
excel_csv report "$T/plain.csv" \
    "pbl: warning: 2 cells longer than Excel's 32767 characters"

"$PBL" report -f csv --by month >"$T/wide.csv"
run "$PBL" report -f csv --long --by month
expect_rc "--long exits 0" 0
check "--long holds every number of the wide CSV, one a row" \
    python3 "$ROOT/tests/export/long_check.py" "$T/out" "$T/wide.csv"
run "$PBL" report --long
expect_rc "--long without -f csv is a usage error" 2

# export -f csv --excel: the same byte-order mark and warning
sqlite3 "$PBL_DB" "UPDATE responses SET text = 'x' || printf('%.40000c', 'y')
    WHERE uuid = (SELECT min(uuid) FROM responses WHERE text <> '')"
"$PBL" export --all -f csv >"$T/eplain.csv" 2>"$T/eplain.err"
expect_no_grep "export: plain CSV says nothing of Excel" "$T/eplain.err" \
    "warning: 1 cell"
run "$PBL" export --all -f csv --excel
expect_rc "export -f csv --excel exits 0" 0
excel_csv export "$T/eplain.csv" \
    "pbl: warning: 1 cell longer than Excel's 32767 characters"
run "$PBL" export --all -f md --excel
expect_rc "export --excel without -f csv is a usage error" 2

# a workbook to a terminal is refused (exit 2): script(1) gives pbl a pty
for cmd in "export --all" report; do
    script -qec "'$PBL' $cmd -f xlsx; echo \"exit \$?\"" /dev/null \
        >"$T/tty" 2>&1 </dev/null
    tr -d '\r' <"$T/tty" >"$T/tty.txt"
    expect_grep "pbl $cmd -f xlsx to a terminal: exit 2" "$T/tty.txt" "exit 2"
    expect_grep "pbl $cmd -f xlsx to a terminal says why" "$T/tty.txt" \
        "-f xlsx writes a binary workbook, not for a terminal; give -o FILE or redirect the output to a file"
done
