/* test_text.c - UTF-8 width, wrapping and reflow, as `pbl show` and the
 * console display module text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <stdbool.h>

#include "pbl/text.h"

/* Wraps s to width and joins the lines with '|' for easy comparison. */
static char *wrapped(const char *s, int width)
{
    struct text_line *lines;
    size_t n = text_wrap(s, strlen(s), width, &lines);
    char *out = calloc(strlen(s) + n + 2, 1);
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(out, "|");
        strncat(out, s + lines[i].start, lines[i].len);
    }
    free(lines);
    return out;
}

#define assert_wrap(s, w, expect)                                              \
    do {                                                                       \
        char *got = wrapped(s, w);                                             \
        assert_string_equal(got, expect);                                      \
        free(got);                                                             \
    } while (0)

static void widths(void **state)
{
    assert_int_equal(text_width("abc", 3), 3);
    assert_int_equal(text_width("héllo", strlen("héllo")), 5);
    assert_int_equal(text_width("日本語", strlen("日本語")), 6);
    assert_int_equal(text_width("👍", strlen("👍")), 2);
    assert_int_equal(text_width("e\xcc\x81", 3), 1); /* combining accent */
    assert_int_equal(text_width("\xff", 1), 1);      /* shown as U+FFFD */
}

static void decode_rejects_bad_sequences(void **state)
{
    uint32_t cp;
    assert_int_equal(utf8_decode("\xc3\xa9", 2, &cp), 2);
    assert_int_equal(cp, 0xE9);
    assert_int_equal(utf8_decode("\xc0\xaf", 2, &cp), 1); /* overlong */
    assert_int_equal(cp, 0xFFFD);
    assert_int_equal(utf8_decode("\xed\xa0\x80", 3, &cp), 1); /* surrogate */
    assert_int_equal(cp, 0xFFFD);
    assert_int_equal(utf8_decode("\xe6\x97", 2, &cp), 1); /* truncated */
}

static void wraps_at_word_boundaries(void **state)
{
    assert_wrap("the quick brown fox jumps", 10, "the quick|brown fox|jumps");
    assert_wrap("exactly ten", 11, "exactly ten");
    assert_wrap("one two", 3, "one|two");
    assert_wrap("a  b", 10, "a  b");
}

static void keeps_paragraphs(void **state)
{
    assert_wrap("first\n\nsecond\n", 20, "first||second");
    assert_wrap("line one\nline two", 20, "line one|line two");
}

static void cuts_long_words(void **state)
{
    assert_wrap("abcdefghij", 4, "abcd|efgh|ij");
    assert_wrap("go abcdefghij", 4, "go|abcd|efgh|ij");
}

static void wide_characters_count_double(void **state)
{
    assert_wrap("日本語 日本語", 7, "日本語|日本語");
    assert_wrap("日本語日本語", 5, "日本|語日|本語");
}

static void width_one_still_progresses(void **state)
{
    assert_wrap("日本", 1, "日|本");
    assert_wrap("ab", 0, "a|b");
}

/* text_pad gives exactly the columns asked for, whatever the bytes:
 * accents, CJK (two columns each), combining marks, controls. */
static void pads_and_cuts_by_columns(void **state)
{
    char out[64];
    text_pad(out, sizeof out, "Ana", 6);
    assert_string_equal(out, "Ana   ");
    text_pad(out, sizeof out, "Ángela Núñez", 8);
    assert_string_equal(out, "Ángela …");
    assert_int_equal(text_width(out, strlen(out)), 8);
    text_pad(out, sizeof out, "Équipe", 8);
    assert_string_equal(out, "Équipe  ");
    text_pad(out, sizeof out, "患者の会", 8);
    assert_string_equal(out, "患者の会");
    text_pad(out, sizeof out, "患者の会議", 8); /* 10 columns: cut */
    assert_string_equal(out, "患者の… ");
    assert_int_equal(text_width(out, strlen(out)), 8);
    text_pad(out, sizeof out, "e\xcc\x81te", 5); /* e + combining acute */
    assert_string_equal(out, "e\xcc\x81te  ");
    text_pad(out, sizeof out, "a\x1b[2Jb", 6); /* made safe, as every writer */
    assert_string_equal(out, "a\xEF\xBF\xBD[2Jb");
    text_pad(out, sizeof out,
             "a\xE2\x80\xAE"
             "b",
             3); /* U+202E dropped */
    assert_string_equal(out, "ab ");
    text_pad(out, sizeof out, "abc", 0);
    assert_string_equal(out, "");
    text_pad(out, sizeof out, NULL, 2);
    assert_string_equal(out, "  ");
    text_pad(out, 5, "abcdefgh", 8); /* a short buffer stays terminated */
    assert_string_equal(out, "abcd");
    assert_int_equal(text_cut("患者x", 7, 3), 3);
    assert_int_equal(text_cut("患者x", 7, 4), 6);
}

static void reflow_joins_soft_breaks(void **state)
{
    char *s = text_reflow(
        "one\ntwo\n\nthree\n- item\n- item\n1. first\n  indented\n");
    assert_string_equal(
        s, "one two\n\nthree\n- item\n- item\n1. first\n  indented\n");
    free(s);
}

/* text_safe_dup with the flags, compared with expect. */
#define assert_safe(s, flags, expect)                                          \
    do {                                                                       \
        char *got = text_safe_dup(s, strlen(s), flags);                        \
        assert_non_null(got);                                                  \
        assert_string_equal(got, expect);                                      \
        free(got);                                                             \
    } while (0)

#define FFFD "\xEF\xBF\xBD"

static void safe_keeps_plain_text(void **state)
{
    assert_safe("", 0, "");
    assert_safe("caf\xC3\xA9 \xE6\x97\xA5 \xF0\x9F\x99\x82", 0,
                "caf\xC3\xA9 \xE6\x97\xA5 \xF0\x9F\x99\x82");
    /* right-to-left script is text, not a control */
    assert_safe("\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D", 0,
                "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D");
    assert_safe(FFFD, 0, FFFD); /* a real U+FFFD stays one */
}

static void safe_shows_escape_sequences_as_text(void **state)
{
    /* OSC 52 (clipboard), ESC c (reset), OSC 0 (window title), CSI */
    assert_safe("a\x1b]52;c;aGk=\x07z", 0, "a" FFFD "]52;c;aGk=" FFFD "z");
    assert_safe("\x1b"
                "c",
                0, FFFD "c");
    assert_safe("\x1b]0;title\x1b\\", 0, FFFD "]0;title" FFFD "\\");
    assert_safe("\x7f\x01\x1f", 0, FFFD FFFD FFFD);
    /* C1 controls: U+009B (CSI), U+009D (OSC), U+0085 */
    assert_safe("x\xC2\x9B"
                "2J\xC2\x9D\xC2\x85",
                0, "x" FFFD "2J" FFFD FFFD);
}

static void safe_replaces_invalid_utf8(void **state)
{
    assert_safe("a\xFF"
                "b",
                0, "a" FFFD "b");
    assert_safe("\x9B"
                "2J",
                0, FFFD "2J");                      /* a raw 8-bit CSI byte */
    assert_safe("\xC3", 0, FFFD);                   /* truncated */
    assert_safe("\xC0\xAF", 0, FFFD FFFD);          /* overlong */
    assert_safe("\xED\xA0\x80", 0, FFFD FFFD FFFD); /* surrogate */
    assert_safe("\xC3\"", TEXT_SAFE_BREAKS, FFFD "\""); /* keeps the quote */
}

static void safe_drops_bidi_controls(void **state)
{
    /* U+202E (RLO), U+202A (LRE), U+2066 (LRI), U+2069 (PDI) */
    assert_safe("abc\xE2\x80\xAE"
                "fdp.exe",
                0, "abcfdp.exe");
    assert_safe("\xE2\x80\xAA"
                "a\xE2\x81\xA6"
                "b\xE2\x81\xA9",
                0, "ab");
    /* the marks U+200E/U+200F stay: they reorder nothing after them */
    assert_safe("a\xE2\x80\x8F", 0, "a\xE2\x80\x8F");
    assert_int_equal(text_safe_width("a\xE2\x80\xAE"
                                     "b",
                                     5, 0),
                     2);
}

static void safe_line_breaks_by_flag(void **state)
{
    assert_safe("a\tb\nc\rd", TEXT_SAFE_BREAKS, "a\tb\nc\rd");
    assert_safe("a\tb\nc\rd", 0, "a b c d");
    assert_int_equal(text_safe_width("a\x1b"
                                     "b",
                                     3, 0),
                     3);
}

static void safe_write_and_pad(void **state)
{
    char buf[64] = {0};
    FILE *f = fmemopen(buf, sizeof buf, "w");
    assert_non_null(f);
    text_safe_write(f, "a\x1b[2Jb", 6, 0);
    putc('|', f);
    text_safe_pad(f, "\xE6\x97\xA5\xE2\x80\xAE", 4);
    putc('|', f);
    text_safe_pad(f, NULL, 1);
    putc('|', f);
    fclose(f);
    assert_string_equal(buf, "a" FFFD "[2Jb|\xE6\x97\xA5  | |");
}

static void typable_refuses_controls(void **state)
{
    uint32_t cp;
    unsigned char byte;
    assert_int_equal(
        text_find_untypable("Team \xC3\xA9 \xE6\x97\xA5", &cp, &byte), -1);
    assert_int_equal(text_find_untypable("ab\x1b]52", &cp, &byte), 2);
    assert_int_equal(cp, 0x1B);
    assert_int_equal(text_find_untypable("a\tb", &cp, &byte), 1);
    assert_int_equal(text_find_untypable("a\nb", &cp, &byte), 1);
    assert_int_equal(text_find_untypable("x\xC2\x9B", &cp, &byte), 1);
    assert_int_equal(cp, 0x9B);
    assert_int_equal(text_find_untypable("xy\xFF", &cp, &byte), 2);
    assert_int_equal(cp, 0xFFFD);
    assert_int_equal(byte, 0xFF);
    assert_int_equal(text_find_untypable("\xE2\x80\xAE", &cp, &byte), 0);
    assert_int_equal(cp, 0x202E);
    assert_int_equal(text_find_untypable(FFFD, &cp, &byte), -1);
    assert_false(text_cp_typable(0x7F));
    assert_false(text_cp_typable(0x85));
    assert_false(text_cp_typable(0x2067));
    assert_false(text_cp_typable(0xD800));
    assert_true(text_cp_typable(0xE9));
    assert_true(text_cp_typable(0x1F642));
}

/* Checks one case of a malloc'd-string function. */
static void expect_str(char *(*fn)(const char *), const char *in,
                       const char *want)
{
    char *got = fn(in);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

/* Unicode case folding, whatever the user's locale; bytes that are not
 * UTF-8 stay as they were. */
static void fold_is_unicode(void **state)
{
    (void)state;
    expect_str(text_fold, "\u00c9quipe B", "\u00e9quipe b");
    expect_str(text_fold, "ANA Rivera", "ana rivera");
    expect_str(text_fold, "\u03a3\u039f\u03a6\u0399\u0391 \u03c2",
               "\u03c3\u03bf\u03c6\u03b9\u03b1 \u03c3");
    expect_str(text_fold, "\u00dcBER \u0130", "\u00fcber i");
    expect_str(text_fold, "\u60a3\u8005 1", "\u60a3\u8005 1");
    expect_str(text_fold,
               "A\xff\xe9"
               "B",
               "a\xff\xe9"
               "b");
    expect_str(text_fold, "", "");
    assert_null(text_fold(NULL));
}

/* Names: trimmed, runs of any space made one, nothing left is "". */
static void names_are_trimmed_and_collapsed(void **state)
{
    (void)state;
    expect_str(text_name, " Ana   Rivera ", "Ana Rivera");
    expect_str(text_name, "\tTuesday\n PGY2\u00a0\u3000", "Tuesday PGY2");
    expect_str(text_name, "   ", "");
    expect_str(text_name, "\u00c9quipe", "\u00c9quipe");
    expect_str(text_name_key, " ANA  rivera", "ana rivera");
    expect_str(text_name_key, "\u00c9QUIPE\u2003b ", "\u00e9quipe b");
    assert_null(text_name(NULL));
    assert_true(text_contains_folded("Tuesday PGY2", "pgy"));
    assert_true(text_contains_folded("\u00c9quipe", "\u00e9qui"));
    assert_false(text_contains_folded("Tuesday", "wed"));
    assert_false(text_contains_folded(NULL, "a"));
    assert_true(text_contains_folded("x", ""));
}

/* The picker's search: the needle as typed, folded like the text. */
static void search_ignores_case_of_both(void **state)
{
    (void)state;
    assert_true(text_contains_any_case("Promised read", "READ"));
    assert_true(text_contains_any_case("empathy", "Emp"));
    assert_true(text_contains_any_case("\u00e9quipe", "\u00c9QUI"));
    assert_false(text_contains_any_case("Tuesday", "wed"));
    assert_false(text_contains_any_case(NULL, "a"));
    assert_true(text_contains_any_case("x", ""));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(widths),
        cmocka_unit_test(decode_rejects_bad_sequences),
        cmocka_unit_test(wraps_at_word_boundaries),
        cmocka_unit_test(keeps_paragraphs),
        cmocka_unit_test(cuts_long_words),
        cmocka_unit_test(wide_characters_count_double),
        cmocka_unit_test(width_one_still_progresses),
        cmocka_unit_test(reflow_joins_soft_breaks),
        cmocka_unit_test(safe_keeps_plain_text),
        cmocka_unit_test(safe_shows_escape_sequences_as_text),
        cmocka_unit_test(safe_replaces_invalid_utf8),
        cmocka_unit_test(safe_drops_bidi_controls),
        cmocka_unit_test(safe_line_breaks_by_flag),
        cmocka_unit_test(safe_write_and_pad),
        cmocka_unit_test(typable_refuses_controls),
        cmocka_unit_test(pads_and_cuts_by_columns),
        cmocka_unit_test(fold_is_unicode),
        cmocka_unit_test(names_are_trimmed_and_collapsed),
        cmocka_unit_test(search_ignores_case_of_both),
    };
    return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
