#!/bin/sh
# tests/e2e/typing_paste.sh - what reaches the answer when people paste and
# type in a real terminal (tmux): a bracketed paste is text, never keys (a
# Tab, an escape sequence, an `r` or a `q` in it do nothing); a paste where
# nothing is typed is ignored with a word; a paste into a one-line input
# keeps to one line; an invalid byte costs one U+FFFD and no key after it;
# an unknown escape sequence typed is ignored, not read as Esc; a 1 MB
# paste lands whole. Every check reads the screen and the database.
. tests/lib.sh
plan 26
DB="$T/paste.db"
. tests/tmux.sh
command -v sqlite3 >/dev/null || { echo "not ok - sqlite3 is not installed"; exit 1; }

answer() { # the stored answer (or draft) to question 1 of module 1
    sqlite3 "$DB" "select coalesce(draft, text, '') from responses where modpos = 0 and qidx = 0"
}
paste_file() { tm load-buffer "$1" && tm paste-buffer -p -t e2e; sleep 0.3; }

start 80 24 "$PBL facilitate promised-read --group Paste"
expect_screen "the session opens" "The promised read"
keys Right Right
expect_screen "question 1 is shown" "Who is/are the customer(s)?"

# --- a paste where nothing is typed -----------------------------------------
printf 'r\tq' >"$T/keys.txt"
paste_file "$T/keys.txt"
expect_screen "a paste outside typing is refused with a word" "the pasted text was not used"
if screen | grep -qF "Model answer"; then fail "the pasted r did not reveal"
else ok "the pasted r did not reveal"; fi
expect_screen "the pasted q did not quit" "Question 1 of 4"

# --- a paste of keys while typing -------------------------------------------
keys e
expect_screen "typing" "Esc when done"
printf 'one\ttwo \033[31mred\033[0m r q\nthird line\033[A end' >"$T/mixed.txt"
paste_file "$T/mixed.txt"
expect_screen "the pasted text is in the editor" "third line[A end"
expect_screen "still typing after a pasted Tab and Esc" "Esc when done"
if screen | grep -qF "Model answer"; then fail "the pasted r revealed nothing"
else ok "the pasted r revealed nothing"; fi
expect_screen "the tab became spaces, escapes lost only their Esc" "one    two [31mred[0m r q"
keys Escape
expect_screen "Esc still ends typing" "The group's answer:"
got=$(answer)
want=$(printf 'one    two [31mred[0m r q\nthird line[A end')
[ "$got" = "$want" ] && ok "the database holds the paste literally" ||
    fail "stored '$got', wanted '$want'"
[ "$(sqlite3 "$DB" "select count(*) from responses where revealed_at is not null and revealed_at != ''")" = 0 ] &&
    ok "nothing was revealed in the database" || fail "a reveal was recorded"

# --- an invalid byte, then typing at once -------------------------------------
keys e
tm send-keys -t e2e -l " x"
tm send-keys -t e2e -H e9 61 62 63
tm send-keys -t e2e -l "def"
sleep 0.3
expect_screen "the bad byte is one U+FFFD and nothing after it is lost" "x�abcdef"
# --- an unknown escape sequence typed: ignored, not Esc plus keys -------------
tm send-keys -t e2e -H 1b 5b 33 31 3b 34 7e 1b 5b 39 39 5a
tm send-keys -t e2e -l "zz"
sleep 0.3
expect_screen "the unknown sequence did not end typing" "Esc when done"
expect_screen "the keys after it are typed" "x�abcdefzz"
keys Escape
got=$(answer | tail -n 1)
[ "$got" = "third line[A end x�abcdefzz" ] && ok "the database holds U+FFFD and every key after it" ||
    fail "stored last line '$got'"

# --- a paste into a one-line input: the parking lot ---------------------------
keys p
expect_screen "the parking-lot input opens" "Parking lot (Enter adds"
printf 'first\nsecond\tthird' >"$T/line.txt"
paste_file "$T/line.txt"
keys Enter
expect_screen "the item was added" "added to the parking lot"
got=$(sqlite3 "$DB" "select text from parking")
[ "$got" = "first second third" ] && ok "newlines and tabs became spaces in a one-line input" ||
    fail "parking-lot item '$got'"

# --- 1 MB pasted lands whole --------------------------------------------------
keys Right
expect_screen "question 2 is shown" "Question 2 of 4"
keys e
python3 -c '
import sys
words = " ".join("w%d" % i for i in range(200000))
text = "\n".join(words[i:i + 900] for i in range(0, len(words), 900))
text = (text * 2)[:1048576 - 4] + " END"
open(sys.argv[1], "w").write(text)' "$T/big.txt"
paste_file "$T/big.txt"
i=0
while [ $i -lt 300 ] && ! screen | grep -q " END$"; do sleep 0.1; i=$((i + 1)); done
expect_screen "the end of the 1 MB paste is on screen" " END"
keys Escape
expect_screen "typing ends" "The group's answer:"
got=$(sqlite3 "$DB" "select length(coalesce(draft, text)) from responses where modpos = 0 and qidx = 1")
[ "$got" = 1048576 ] && ok "the database holds the whole 1 MB" || fail "stored $got characters of 1048576"
sqlite3 "$DB" "select coalesce(draft, text) from responses where modpos = 0 and qidx = 1" >"$T/big.out"
printf '\n' >>"$T/big.txt"
cmp -s "$T/big.txt" "$T/big.out" && ok "byte for byte" || fail "the stored text differs"
keys q y
expect_screen "the console quits" "EXITED 0"
