/* test_keyin.c - the keyboard decoder: no key is lost after an invalid
 * byte, an escape sequence is one key or ignored (never Esc plus letters),
 * and a bracketed paste is one piece of text however it arrives. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pbl/keyin.h"

/* Appends the events that are complete to out, one word each: C(x) or
 * C+hex for a character, K<n> for a key, B<hex> for a bad byte, I for an
 * ignored sequence, P[text] for a paste. */
static void drain(struct keyin *k, bool timed_out, char *out, size_t cap)
{
    struct keyin_event ev;
    while (keyin_next(k, &ev, timed_out)) {
        char w[256];
        switch (ev.kind) {
        case KEYIN_CHAR:
            if (ev.cp > 32 && ev.cp < 127)
                snprintf(w, sizeof w, "C(%c) ", (char)ev.cp);
            else
                snprintf(w, sizeof w, "C+%X ", (unsigned)ev.cp);
            break;
        case KEYIN_KEY:
            snprintf(w, sizeof w, "K%d ", (int)ev.key);
            break;
        case KEYIN_BAD_BYTE:
            snprintf(w, sizeof w, "B%X ", (unsigned)ev.cp);
            break;
        case KEYIN_IGNORED:
            snprintf(w, sizeof w, "I ");
            break;
        case KEYIN_PASTE:
            snprintf(w, sizeof w, "P[%.*s] ", (int)ev.len, ev.text);
            break;
        }
        strncat(out, w, cap - strlen(out) - 1);
    }
}

/* Feeds s in one piece, then says the keyboard paused; the events. */
static char *decode(const char *s)
{
    static char out[2048];
    struct keyin *k = keyin_new();
    out[0] = '\0';
    assert_int_equal(keyin_feed(k, s, strlen(s)), 0);
    drain(k, false, out, sizeof out);
    drain(k, true, out, sizeof out);
    assert_false(keyin_pending(k));
    keyin_free(k);
    return out;
}

static void characters_and_bad_bytes(void **state)
{
    (void)state;
    assert_string_equal(decode("a\xc3\xa9z"), "C(a) C+E9 C(z) ");
    /* a Latin-1 é, then typing: nothing after it is lost */
    assert_string_equal(decode("\xe9t\xe9 ok"), "BE9 C(t) BE9 C+20 C(o) C(k) ");
    /* a character cut short by an ASCII byte, a stray continuation byte,
     * an overlong form and a surrogate */
    assert_string_equal(decode("\xe2\x82x\x80y"), "BE2 B82 C(x) B80 C(y) ");
    assert_string_equal(decode("\xc0\xafq"), "BC0 BAF C(q) ");
    assert_string_equal(decode("\xed\xa0\x80q"), "BED BA0 B80 C(q) ");
    assert_string_equal(decode("\r\t\x7f"), "C+D C+9 C+7F ");
}

static void a_character_split_between_reads_waits(void **state)
{
    (void)state;
    char out[256] = "";
    struct keyin *k = keyin_new();
    keyin_feed(k, "x\xe2\x82", 3);
    drain(k, false, out, sizeof out);
    assert_string_equal(out, "C(x) ");
    assert_true(keyin_pending(k));
    keyin_feed(k, "\xac", 1);
    drain(k, false, out, sizeof out);
    assert_string_equal(out, "C(x) C+20AC ");
    /* cut for good: the keyboard paused */
    keyin_feed(k, "\xe2", 1);
    drain(k, false, out, sizeof out);
    drain(k, true, out, sizeof out);
    assert_string_equal(out, "C(x) C+20AC BE2 ");
    keyin_free(k);
}

static void function_keys(void **state)
{
    (void)state;
    char want[256];
    snprintf(want, sizeof want, "K%d K%d K%d K%d K%d K%d K%d K%d K%d K%d ",
             KEYIN_UP, KEYIN_DOWN, KEYIN_CTRL_RIGHT, KEYIN_DELETE,
             KEYIN_PAGE_UP, KEYIN_BACK_TAB, KEYIN_F1, KEYIN_F1, KEYIN_HOME,
             KEYIN_END);
    assert_string_equal(decode("\033[A\033OB\033[1;5C\033[3~\033[5~\033[Z"
                               "\033OP\033[[A\033[1~\033[F"),
                        want);
    snprintf(want, sizeof want, "K%d K%d K%d C(r) K%d K%d ", KEYIN_ESC,
             KEYIN_ESC, KEYIN_ESC, KEYIN_ESC, KEYIN_LEFT);
    /* Esc Esc, Esc then a letter (sent together), Esc then an arrow */
    assert_string_equal(decode("\033\033\033r\033\033[D"), want);
}

static void unknown_sequences_are_ignored_whole(void **state)
{
    (void)state;
    /* a colour, a window title, a private mode, a cut CSI and a string */
    assert_string_equal(decode("\033[31mx\033]0;title\007y\033[?25hz"),
                        "I C(x) I C(y) I C(z) ");
    assert_string_equal(decode("\033P1$r\033\\a\033[1;2;3;4;5;6;7X"),
                        "I C(a) I ");
    assert_string_equal(decode("\033[12\nq"), "I C+A C(q) ");
    /* cut short by the pause: ignored, never Esc plus "[1" */
    assert_string_equal(decode("\033[1"), "I ");
}

static void lone_esc_waits_for_the_pause(void **state)
{
    (void)state;
    char out[64] = "", want[64];
    struct keyin *k = keyin_new();
    keyin_feed(k, "\033", 1);
    drain(k, false, out, sizeof out);
    assert_string_equal(out, "");
    assert_true(keyin_pending(k));
    drain(k, true, out, sizeof out);
    snprintf(want, sizeof want, "K%d ", KEYIN_ESC);
    assert_string_equal(out, want);
    keyin_free(k);
}

static void bracketed_paste_is_one_text(void **state)
{
    (void)state;
    assert_string_equal(decode("\033[200~a\tb\033[Ar\n\033[201~q"),
                        "P[a\tb\033[Ar\n] C(q) ");
    assert_string_equal(decode("\033[200~\033[201~"), "P[] ");
}

static void a_paste_split_anywhere_is_whole(void **state)
{
    (void)state;
    const char *s = "\033[200~one \xc3\xa9 two\033[201~!";
    size_t n = strlen(s);
    for (size_t cut = 1; cut < n; cut++) {
        char out[256] = "";
        struct keyin *k = keyin_new();
        keyin_feed(k, s, cut);
        drain(k, false, out, sizeof out);
        keyin_feed(k, s + cut, n - cut);
        drain(k, false, out, sizeof out);
        assert_string_equal(out, "P[one \xc3\xa9 two] C(!) ");
        keyin_free(k);
    }
}

static void a_paste_without_end_is_handed_over_on_pause(void **state)
{
    (void)state;
    char out[256] = "";
    struct keyin *k = keyin_new();
    /* the pause falls inside the end marker and inside a character */
    keyin_feed(k, "\033[200~abc\xc3", 10);
    drain(k, true, out, sizeof out);
    assert_string_equal(out, "P[abc] ");
    assert_true(keyin_in_paste(k));
    keyin_feed(k, "\xa9\033[20", 5);
    drain(k, true, out, sizeof out);
    assert_string_equal(out, "P[abc] P[\xc3\xa9] ");
    keyin_feed(k, "1~x", 3);
    drain(k, false, out, sizeof out);
    assert_string_equal(out, "P[abc] P[\xc3\xa9] P[] C(x) ");
    assert_false(keyin_in_paste(k));
    keyin_free(k);
}

static void a_megabyte_paste_is_one_event(void **state)
{
    (void)state;
    size_t n = 1 << 20;
    char *text = malloc(n);
    for (size_t i = 0; i < n; i++)
        text[i] = i % 61 == 60 ? '\n' : (char)('a' + i % 26);
    struct keyin *k = keyin_new();
    keyin_feed(k, "\033[200~", 6);
    struct keyin_event ev;
    for (size_t off = 0; off < n; off += 4096) { /* as a terminal sends it */
        keyin_feed(k, text + off, 4096);
        assert_false(keyin_next(k, &ev, false));
    }
    keyin_feed(k, "\033[201~", 6);
    assert_true(keyin_next(k, &ev, false));
    assert_int_equal(ev.kind, KEYIN_PASTE);
    assert_int_equal(ev.len, n);
    assert_memory_equal(ev.text, text, n);
    assert_false(keyin_next(k, &ev, true));
    keyin_free(k);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(characters_and_bad_bytes),
        cmocka_unit_test(a_character_split_between_reads_waits),
        cmocka_unit_test(function_keys),
        cmocka_unit_test(unknown_sequences_are_ignored_whole),
        cmocka_unit_test(lone_esc_waits_for_the_pause),
        cmocka_unit_test(bracketed_paste_is_one_text),
        cmocka_unit_test(a_paste_split_anywhere_is_whole),
        cmocka_unit_test(a_paste_without_end_is_handed_over_on_pause),
        cmocka_unit_test(a_megabyte_paste_is_one_event),
    };
    return cmocka_run_group_tests_name("keyin", tests, NULL, NULL);
}
