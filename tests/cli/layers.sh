#!/bin/sh
# tests/cli/layers.sh - each layer calls only the layers below it: the
# core (libpbl.a: src/*.c, include/pbl/) knows neither the screens
# (libpbltui.a: src/tui/), the command line (src/cli/) nor curses, and the
# screens do not call the command line. Read from the built objects with
# nm, and from the sources' #include lines. (tests/unit/test_core_alone
# links the core alone; this names what would break that link.)
. tests/lib.sh
plan 5

B=${BUILD:-build}
core=$B/libpbl.a
tui=$B/libpbltui.a
# the command line's objects (src/cli/*.c), as the Makefile builds them
cli_objs=$(for f in "$ROOT"/src/cli/*.c; do
    n=${f##*/}
    echo "$B/src/cli/${n%.c}.o"
done)

# defined FILE...: the global symbols the files define, one a line
defined() { nm -g --defined-only "$@" 2>/dev/null | awk 'NF == 3 { print $3 }' | sort -u; }
# undefined FILE...: the symbols the files use but do not define
undefined() {
    nm -g --undefined-only "$@" 2>/dev/null | awk 'NF >= 2 { print $NF }' | sort -u >"$T/u"
    defined "$@" >"$T/d"
    comm -23 "$T/u" "$T/d"
}
# expect_none DESC FILE: FILE is empty, else the check fails listing it
expect_none() {
    if [ -s "$2" ]; then
        fail "$1"
        sed 's/^/#   /' "$2" | head -n 20
    else
        ok "$1"
    fi
}

missing=""
for f in $core $tui $cli_objs; do [ -f "$f" ] || missing="$missing $f"; done
[ -z "$missing" ] && ok "the three layers are built ($core, $tui, src/cli)" ||
    fail "the three layers are built: missing$missing"

undefined "$core" >"$T/core.u"
defined "$tui" $cli_objs >"$T/up.d"
comm -12 "$T/core.u" "$T/up.d" >"$T/core_up"
expect_none "the core calls nothing of the screens or the command line" "$T/core_up"

# curses' symbols, from the libraries the console is linked with
libs=$(ldd "$PBL" 2>/dev/null | awk '/ncurses|tinfo/ { print $3 }')
if [ -n "$libs" ]; then
    nm -D --defined-only $libs 2>/dev/null | awk 'NF == 3 { print $3 }' |
        sed 's/@.*//' | sort -u >"$T/curses.d"
    comm -12 "$T/core.u" "$T/curses.d" >"$T/core_curses"
    if [ -s "$T/curses.d" ]; then
        expect_none "the core calls nothing of curses" "$T/core_curses"
    else
        fail "the core calls nothing of curses: no symbols read from $libs"
    fi
else
    fail "the core calls nothing of curses: pbl is linked with no curses library"
fi

undefined "$tui" >"$T/tui.u"
defined $cli_objs >"$T/cli.d"
comm -12 "$T/tui.u" "$T/cli.d" >"$T/tui_up"
expect_none "the screens call nothing of the command line" "$T/tui_up"

# the headers a layer may not include: the core neither curses nor the
# upper layers' headers (pbl/cli.h, pbl/console.h), the screens not the
# command line's
cd "$ROOT" || exit 1
{
    grep -HnE '#[[:space:]]*include[[:space:]]*[<"]((n?curses|ncursesw/).*|pbl/(cli|console)\.h|.*tui.*)[>"]' \
        src/*.c src/*.h $(ls include/pbl/*.h | grep -vE '/(cli|console)\.h$')
    grep -HnE '#[[:space:]]*include[[:space:]]*"pbl/cli\.h"' src/tui/*.c src/tui/*.h
} >"$T/includes" 2>/dev/null
expect_none "no core file includes curses or an upper layer's header" "$T/includes"
