/* test_util.c - the generic helpers of util.h: doubling growth,
 * durations written as clocks and messages kept as malloc'd strings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pbl/util.h"

/* Appending one at a time keeps every element and reallocates only when
 * the count passes a power of two. */
static void grow_doubles_and_keeps_contents(void **state)
{
    (void)state;
    int *v = NULL;
    size_t cap = 0, reallocs = 0;
    for (int i = 0; i < 1000; i++) {
        size_t before = cap;
        int *nv = util_grow(v, &cap, (size_t)i + 1, sizeof *nv);
        assert_non_null(nv);
        v = nv;
        reallocs += cap != before;
        assert_true(cap >= (size_t)i + 1);
        v[i] = i * 3;
    }
    assert_int_equal(cap, 1024);
    assert_int_equal(reallocs, 7); /* 16, 32, ..., 1024 */
    for (int i = 0; i < 1000; i++)
        assert_int_equal(v[i], i * 3);
    /* big enough already: the same block */
    assert_ptr_equal(util_grow(v, &cap, 10, sizeof *v), v);
    free(v);
}

/* A size that would overflow fails and leaves the block and its
 * capacity as they were. */
static void grow_refuses_overflow(void **state)
{
    (void)state;
    size_t cap = 0;
    char *b = util_grow(NULL, &cap, 5, 1);
    assert_non_null(b);
    assert_int_equal(cap, 16);
    assert_null(util_grow(b, &cap, SIZE_MAX / 2, 4));
    assert_int_equal(cap, 16);
    b[15] = 'x'; /* still the caller's, still whole */
    free(b);
}

static void expect_duration(long long secs, unsigned flags, const char *want)
{
    char buf[32];
    util_format_duration(secs, flags, buf, sizeof buf);
    assert_string_equal(buf, want);
}

/* The three clocks pbl shows: exports (hours past an hour), the console's
 * status line (two-digit minutes too), review text (minutes only). */
static void durations_as_clocks(void **state)
{
    (void)state;
    const unsigned h = UTIL_DURATION_HOURS, pad = UTIL_DURATION_PAD_MINUTES;
    expect_duration(0, h, "0:00");
    expect_duration(125, h, "2:05");
    expect_duration(3599, h, "59:59");
    expect_duration(3725, h, "1:02:05");
    expect_duration(-1, h, "-");
    expect_duration(125, h | pad, "02:05");
    expect_duration(3725, h | pad, "1:02:05");
    expect_duration(4500, 0, "75:00");
    expect_duration(7, 0, "0:07");
    char small[4];
    util_format_duration(3725, h, small, sizeof small);
    assert_string_equal(small, "1:0"); /* cut to fit, terminated */
}

/* Sets the message through the va_list form, as a caller's own
 * printf-style failure function does. */
static void set_message(char **msg, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void set_message(char **msg, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    util_vset_message(msg, fmt, ap);
    va_end(ap);
}

/* A message replaces the one before it (freed), is cut at 1023 bytes, and
 * a NULL place is left alone. */
static void messages_replace_and_cut(void **state)
{
    (void)state;
    char *msg = NULL;
    set_message(&msg, "cannot read '%s': %d", "a.db", 5);
    assert_string_equal(msg, "cannot read 'a.db': 5");
    set_message(&msg, "%s", "second");
    assert_string_equal(msg, "second");
    char long_text[2000];
    memset(long_text, 'x', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    set_message(&msg, "%s", long_text);
    assert_int_equal(strlen(msg), 1023);
    free(msg);
    set_message(NULL, "%s", "nowhere"); /* no crash, nothing kept */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(grow_doubles_and_keeps_contents),
        cmocka_unit_test(grow_refuses_overflow),
        cmocka_unit_test(durations_as_clocks),
        cmocka_unit_test(messages_replace_and_cut),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
