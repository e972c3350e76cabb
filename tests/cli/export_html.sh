#!/bin/sh
# tests/cli/export_html.sh - the HTML export in a real browser: headless
# Chromium (Debian's chromium package; .ci/run installs it) loads the page
# from a file, and
#  - the DOM it builds holds the expected text, hostile text as text;
#  - a screenshot is taken (PBL_EXPORT_SCREENSHOT=FILE keeps a copy);
#  - printed to PDF, two sessions take exactly the pages of each alone,
#    so every session starts on a new page.
# Without Chromium every check is a TAP "# SKIP" line: allowed on a
# developer's machine (tests/allowed_skips), a failure in CI.
. tests/lib.sh
case ${BUILD:-build} in
/*) FIXTURE=$BUILD/tools/export_fixture ;;
*) FIXTURE=$ROOT/${BUILD:-build}/tools/export_fixture ;;
esac
export PBL_NOW=2026-03-07T12:00:00Z
export PBL_DB="$T/fixture.db"
S=00000000-0000-4000-8000-00000000000
NCHECKS=13
plan $NCHECKS

CHROMIUM=
for c in chromium chromium-browser; do
    command -v "$c" >/dev/null 2>&1 && { CHROMIUM=$(command -v "$c"); break; }
done
if [ -z "$CHROMIUM" ]; then
    i=0
    while [ $i -lt $NCHECKS ]; do
        skip "Chromium is not installed (apt-get install chromium)"
        i=$((i + 1))
    done
    exit 0
fi

# chrome ARGS... FILE: headless Chromium, as root-safe as it gets, with a
# fresh profile; standard output in $T/chrome.out.
chrome() {
    _ud=$(mktemp -d "$T/profile.XXXXXX")
    timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
        --disable-quic --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync --user-data-dir="$_ud" \
        "$@" >"$T/chrome.out" 2>"$T/chrome.err"
}

# pages PDF: the page count (the largest /Count of the page tree).
pages() {
    grep -a -o '/Count [0-9]*' "$1" | sed 's/.* //' | sort -n | tail -n 1
}

check "the fixture database builds" "$FIXTURE" "$PBL_DB"
check "the HTML export is written" "$PBL" export --all -f html \
    -o "$T/notes.html"

chrome --dump-dom "file://$T/notes.html"
D=$T/chrome.out
[ -s "$D" ] && ok "Chromium dumps the DOM" ||
    { fail "Chromium dumps the DOM"; sed 's/^/#   /' "$T/chrome.err" | tail -5; }
expect_grep "the DOM has the title" "$D" "<h1>Session notes</h1>"
n=$(grep -c '<section class="session">' "$D")
[ "$n" = 3 ] && ok "the DOM has the three sessions" ||
    fail "the DOM has $n sessions, not 3"
expect_grep "the DOM has a group's name with quotes" "$D" 'Thursday "B" group'
expect_grep "the DOM has the answer with <script> as text" "$D" \
    "&lt;script&gt;alert('x')&lt;/script&gt; &amp;amp; more"
expect_grep "the DOM has right-to-left text and emoji" "$D" \
    "Call back within 15 minutes 🙂 — שלום, مرحبا"
expect_grep "the DOM has a guarded-looking formula as plain text" "$D" \
    '=HYPERLINK("http://example.com/x","Click me")'
expect_no_grep "the DOM has no script element" "$D" "<script"

chrome --window-size=1000,2600 --screenshot="$T/notes.png" \
    "file://$T/notes.html"
if [ -s "$T/notes.png" ] && head -c 8 "$T/notes.png" | grep -q PNG; then
    ok "Chromium takes a screenshot"
else
    fail "Chromium takes a screenshot"; sed 's/^/#   /' "$T/chrome.err" | tail -5
fi
[ -n "${PBL_EXPORT_SCREENSHOT:-}" ] && cp "$T/notes.png" "$PBL_EXPORT_SCREENSHOT"

# Page breaks: sessions 2 and 3 together print on as many pages as each
# one alone, added.
for which in 2 3 23; do
    case $which in
    23) "$PBL" export -f html --session ${S}2 --session ${S}3 >"$T/p.html" ;;
    *) "$PBL" export -f html --session $S$which >"$T/p.html" ;;
    esac
    chrome --no-pdf-header-footer --print-to-pdf="$T/p$which.pdf" \
        "file://$T/p.html"
done
p2=$(pages "$T/p2.pdf")
p3=$(pages "$T/p3.pdf")
p23=$(pages "$T/p23.pdf")
[ -n "$p2" ] && [ -n "$p3" ] && ok "Chromium prints to PDF ($p2 and $p3 pages)" ||
    fail "Chromium prints to PDF"
[ -n "$p23" ] && [ "$p23" = $((p2 + p3)) ] &&
    ok "each session starts on a new printed page ($p23 = $p2 + $p3)" ||
    fail "each session starts on a new printed page ($p23 != $p2 + $p3)"
