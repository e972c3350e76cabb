/* test_text.c - UTF-8 width, wrapping and reflow, as `pbl show` and the
 * console display module text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
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

static void reflow_joins_soft_breaks(void **state)
{
    char *s = text_reflow(
        "one\ntwo\n\nthree\n- item\n- item\n1. first\n  indented\n");
    assert_string_equal(
        s, "one two\n\nthree\n- item\n- item\n1. first\n  indented\n");
    free(s);
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
        cmocka_unit_test(fold_is_unicode),
        cmocka_unit_test(names_are_trimmed_and_collapsed),
    };
    return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
