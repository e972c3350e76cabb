#!/bin/sh
# tests/cli/report_html.sh - `pbl report -f html` and the resident summary
# (`--resident NAME -f html`): golden pages on the fixture database, then
# in headless Chromium (as tests/cli/export_html.sh):
#  - the DOM has no script and holds every number of every table of the
#    CSV report, row by row (tests/export/report_html_check.py dom);
#  - a screenshot shows the charts (pixels of their bar fill; a page
#    with its <svg> charts removed has a fifth of them);
#  - the resident summary prints on one or two pages.
# PBL_REPORT_SCREENSHOT=FILE keeps a copy of the report's screenshot.
# Without Chromium the browser checks are TAP "# SKIP" lines.
. tests/lib.sh
case ${BUILD:-build} in
/*) FIXTURE=$BUILD/tools/export_fixture ;;
*) FIXTURE=$ROOT/${BUILD:-build}/tools/export_fixture ;;
esac
export PBL_NOW=2026-03-07T12:00:00Z
export TZ=UTC
export PBL_DB="$T/fixture.db"
G=tests/export/golden
NBROWSER=8
plan $((12 + NBROWSER))

check "the fixture database (with its roster) builds" "$FIXTURE" "$PBL_DB" --roster

# golden FILE CMD...: the command's standard output is FILE (exit 0)
golden() {
    _g=$1; shift
    run "$@"
    if [ "${UPDATE_GOLDEN:-}" = 1 ]; then cp "$T/out" "$G/$_g"; fi
    if [ "$rc" != 0 ]; then
        fail "$_g (exit $rc)"; sed 's/^/#   /' "$T/err" | head -n 5
    else
        expect_same "golden $_g" "$G/$_g" "$T/out"
    fi
}
golden report.html "$PBL" report -f html --by month
cp "$T/out" "$T/report.html"
golden report-resident.html "$PBL" report --resident ana -f html
cp "$T/out" "$T/ana.html"
expect_no_grep "the report has no script" "$T/report.html" "<script"
expect_grep "a resident's summary names them" "$T/ana.html" \
    "<h1>Resident summary: ana</h1>"
"$PBL" report -f csv --by month >"$T/report.csv"
expect_grep "the resident's page sets them against the cohort" "$T/ana.html" \
    "<tr><td>reliability</td><td class=\"num\">2</td><td class=\"num\">1</td><td class=\"num\">50%</td><td class=\"num\">50%</td></tr>"
run "$PBL" report --resident Zed -f html
expect_rc "a resident with no discussion: exit 1" 1
expect_grep "and says so" "$T/err" "no module discussion names the resident 'Zed'"
# the summary's review comments: on the sessions the resident took part in,
# escaped
expect_grep "the summary shows the comments on the resident's sessions" \
    "$T/ana.html" '<td dir="auto">Good discussion; +assurance next time.</td>'
run "$PBL" report --resident 'noor haddad' -f html
expect_no_grep "and not those on sessions they were not in" "$T/out" \
    "Good discussion"
cp "$PBL_DB" "$T/comment.db"
sqlite3 "$T/comment.db" "UPDATE review_comments SET text = '<b>bold</b> & <script>x</script>'"
run "$PBL" --db "$T/comment.db" report --resident ana -f html
expect_grep "a comment is escaped" "$T/out" \
    '&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;x&lt;/script&gt;'
expect_no_grep "no markup of a comment reaches the page" "$T/out" "<b>bold"

CHROMIUM=
for c in chromium chromium-browser; do
    command -v "$c" >/dev/null 2>&1 && { CHROMIUM=$(command -v "$c"); break; }
done
if [ -z "$CHROMIUM" ]; then
    i=0
    while [ $i -lt $NBROWSER ]; do
        skip "Chromium is not installed (apt-get install chromium)"
        i=$((i + 1))
    done
    exit 0
fi

chrome() {
    _ud=$(mktemp -d "$T/profile.XXXXXX")
    timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
        --disable-quic --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync --user-data-dir="$_ud" \
        "$@" >"$T/chrome.out" 2>"$T/chrome.err"
}
CHECK="python3 $ROOT/tests/export/report_html_check.py"

chrome --dump-dom "file://$T/report.html"
cp "$T/chrome.out" "$T/dom.html"
[ -s "$T/dom.html" ] && ok "Chromium dumps the report's DOM" ||
    fail "Chromium dumps the report's DOM"
check "the DOM has no script and every number of the tables" \
    $CHECK dom "$T/dom.html" "$T/report.csv"

chrome --window-size=1000,2600 --screenshot="$T/report.png" \
    "file://$T/report.html"
[ -s "$T/report.png" ] && ok "Chromium takes a screenshot" ||
    fail "Chromium takes a screenshot"
[ -n "${PBL_REPORT_SCREENSHOT:-}" ] && cp "$T/report.png" "$PBL_REPORT_SCREENSHOT"
check "the screenshot shows the charts" $CHECK ink "$T/report.png" 3000
# the same page without its charts: the check tells them apart
python3 -c 'import re,sys; s=open(sys.argv[1]).read(); open(sys.argv[2],"w").write(re.sub(r"<svg.*?</svg>", "", s, flags=re.S))' \
    "$T/report.html" "$T/bare.html"
chrome --window-size=1000,2600 --screenshot="$T/bare.png" "file://$T/bare.html"
if $CHECK ink "$T/bare.png" 3000 >"$T/ink" 2>&1; then
    fail "a page without charts is told apart"; sed 's/^/#   /' "$T/ink"
else ok "a page without charts is told apart"; fi

chrome --dump-dom "file://$T/ana.html"
expect_no_grep "the resident's DOM has no script" "$T/chrome.out" "<script"
chrome --window-size=900,1300 --screenshot="$T/ana.png" "file://$T/ana.html"
check "the resident's screenshot shows the charts" $CHECK ink "$T/ana.png" 1500
chrome --no-pdf-header-footer --print-to-pdf="$T/ana.pdf" "file://$T/ana.html"
p=$(grep -a -o '/Count [0-9]*' "$T/ana.pdf" | sed 's/.* //' | sort -n | tail -n 1)
[ -n "$p" ] && [ "$p" -ge 1 ] && [ "$p" -le 2 ] &&
    ok "the resident's summary prints on one or two pages ($p)" ||
    fail "the resident's summary prints on one or two pages (${p:-none})"
