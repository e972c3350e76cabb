/* test_clock.c - UTC ISO-8601 timestamps, PBL_NOW and the monotonic
 * clock. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "pbl/clock.h"

static void formats_utc(void **state)
{
    (void)state;
    char buf[CLOCK_ISO_LEN + 1];
    clock_iso(0, buf);
    assert_string_equal(buf, "1970-01-01T00:00:00Z");
    clock_iso(1767323045, buf);
    assert_string_equal(buf, "2026-01-02T03:04:05Z");
    clock_iso(-5, buf); /* clamped */
    assert_string_equal(buf, "1970-01-01T00:00:00Z");
    clock_iso((time_t)400000000000LL, buf);
    assert_string_equal(buf, "9999-12-31T23:59:59Z");
}

static void parses_strictly(void **state)
{
    (void)state;
    time_t t = 0;
    assert_int_equal(clock_parse_iso("2026-01-02T03:04:05Z", &t), 0);
    assert_int_equal(t, 1767323045);
    assert_int_equal(clock_parse_iso("2024-02-29T23:59:59Z", &t), 0);
    char buf[CLOCK_ISO_LEN + 1];
    clock_iso(t, buf);
    assert_string_equal(buf, "2024-02-29T23:59:59Z");
    static const char *const bad[] = {
        "",
        "2026-01-02",
        "2026-01-02 03:04:05Z",
        "2026-01-02T03:04:05",
        "2026-01-02T03:04:05+00:00",
        "2026-13-02T03:04:05Z",
        "2026-02-30T03:04:05Z",
        "2025-02-29T03:04:05Z",
        "2026-01-02T24:00:00Z",
        "2026-01-02T03:60:05Z",
        "2026-01-02T03:04:60Z",
        "2026-1-02T03:04:05Z ",
        "2026-01-0xT03:04:05Z",
        "+026-01-02T03:04:05Z",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        t = 42;
        if (clock_parse_iso(bad[i], &t) != -1 || t != 42)
            fail_msg("accepted '%s'", bad[i]);
    }
    assert_int_equal(clock_parse_iso(NULL, &t), -1);
}

static void pbl_now_freezes_the_clock(void **state)
{
    (void)state;
    char buf[CLOCK_ISO_LEN + 1];
    setenv("PBL_NOW", "2026-01-02T03:04:05Z", 1);
    assert_int_equal(clock_now(), 1767323045);
    clock_now_iso(buf);
    assert_string_equal(buf, "2026-01-02T03:04:05Z");
    setenv("PBL_NOW", "86400", 1);
    assert_int_equal(clock_now(), 86400);
    /* invalid values are ignored: the real clock */
    static const char *const bad[] = {"yesterday", "12x", "-5",
                                      "99999999999999999999"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        setenv("PBL_NOW", bad[i], 1);
        time_t before = time(NULL);
        time_t t = clock_now();
        assert_true(t >= before && t <= time(NULL));
    }
    unsetenv("PBL_NOW");
    time_t before = time(NULL);
    assert_true(clock_now() >= before);
}

/* The test run's TZ, to give back with tz_restore (NULL: unset). */
static char *tz_saved(void)
{
    return getenv("TZ") ? strdup(getenv("TZ")) : NULL;
}

/* Sets TZ back to what tz_saved returned, and frees that. */
static void tz_restore(char *old)
{
    if (old)
        setenv("TZ", old, 1);
    else
        unsetenv("TZ");
    tzset();
    free(old);
}

/* A local day's start in UTC, under fixed TZ values. */
static void local_day_start(void **state)
{
    (void)state;
    char buf[CLOCK_ISO_LEN + 1];
    char *old = tz_saved();
    setenv("TZ", "HST10", 1);
    tzset();
    assert_int_equal(clock_local_day_start("2026-03-04", 0, buf), 0);
    assert_string_equal(buf, "2026-03-04T10:00:00Z");
    assert_int_equal(clock_local_day_start("2026-03-04", 1, buf), 0);
    assert_string_equal(buf, "2026-03-05T10:00:00Z");
    /* the day after the month's last */
    assert_int_equal(clock_local_day_start("2026-02-28", 1, buf), 0);
    assert_string_equal(buf, "2026-03-01T10:00:00Z");
    setenv("TZ", "NZT-13", 1);
    tzset();
    assert_int_equal(clock_local_day_start("2026-03-04", 0, buf), 0);
    assert_string_equal(buf, "2026-03-03T11:00:00Z");
    setenv("TZ", "UTC", 1);
    tzset();
    assert_int_equal(clock_local_day_start("2026-03-04", 0, buf), 0);
    assert_string_equal(buf, "2026-03-04T00:00:00Z");
    assert_int_equal(clock_local_day_start("2026-3-4", 0, buf), -1);
    assert_int_equal(clock_local_day_start("2026-13-01", 0, buf), -1);
    assert_int_equal(clock_local_day_start(NULL, 0, buf), -1);
    tz_restore(old);
}

/* Stored times as people read them: local with the zone's abbreviation,
 * or UTC when asked; never the stored text when it is not a time. */
static void when_text(void **state)
{
    (void)state;
    static const struct {
        const char *tz, *iso;
        bool utc;
        const char *want;
    } cases[] = {
        {"HST10", "2026-01-05T08:01:00Z", false, "2026-01-04 22:01 HST"},
        {"HST10", "2026-01-05T08:01:00Z", true, "2026-01-05 08:01 UTC"},
        {"NZT-13", "2026-01-05T12:30:00Z", false, "2026-01-06 01:30 NZT"},
        {"NZT-13", "\033[2J", false, "?"},
        {"NZT-13", NULL, false, ""},
    };
    char *old = tz_saved();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[64];
        setenv("TZ", cases[i].tz, 1);
        tzset();
        clock_when_text(cases[i].iso, cases[i].utc, buf, sizeof buf);
        assert_string_equal(buf, cases[i].want);
    }
    tz_restore(old);
}

static void monotonic_ms(void **state)
{
    (void)state;
    int64_t a = clock_mono_ms();
    struct timespec ts = {0, 20 * 1000 * 1000};
    nanosleep(&ts, NULL);
    int64_t b = clock_mono_ms();
    assert_true(b - a >= 19);
    assert_true(b - a < 5000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(formats_utc),
        cmocka_unit_test(parses_strictly),
        cmocka_unit_test(pbl_now_freezes_the_clock),
        cmocka_unit_test(monotonic_ms),
        cmocka_unit_test(local_day_start),
        cmocka_unit_test(when_text),
    };
    return cmocka_run_group_tests_name("clock", tests, NULL, NULL);
}
