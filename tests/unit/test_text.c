/* test_text.c - UTF-8 width, wrapping and reflow, as `pbl show` and the
 * console display module text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

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
    text_pad(out, sizeof out, "a\x1b[2Jb", 6);
    assert_string_equal(out, "a?[2Jb");
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
        cmocka_unit_test(pads_and_cuts_by_columns),
    };
    return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
