/* clock.c - UTC ISO-8601 timestamps, PBL_NOW, and a monotonic clock. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/clock.h"

/* 0000-01-01T00:00:00Z .. 9999-12-31T23:59:59Z is what fits in 20
 * characters; clock_iso clamps to 1970 .. 9999. */
#define CLOCK_MAX ((time_t)253402300799LL)

/* PBL_NOW as a time: the ISO form, or a plain count of seconds since the
 * epoch (digits only). -1 when unset or not valid. */
static int env_now(time_t *out)
{
    const char *s = getenv("PBL_NOW");
    if (!s || !*s)
        return -1;
    if (clock_parse_iso(s, out) == 0)
        return 0;
    long long v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9' || v > (long long)CLOCK_MAX)
            return -1;
        v = v * 10 + (*p - '0');
    }
    if (v > (long long)CLOCK_MAX)
        return -1;
    *out = (time_t)v;
    return 0;
}

/* Tests set PBL_NOW so that stored timestamps and screens repeat. */
time_t clock_now(void)
{
    time_t t;
    if (env_now(&t) == 0)
        return t;
    return time(NULL);
}

/* The one timestamp format of pbl; clamped so it always fits. */
void clock_iso(time_t t, char buf[static CLOCK_ISO_LEN + 1])
{
    struct tm tm;
    if (t < 0)
        t = 0;
    if (t > CLOCK_MAX)
        t = CLOCK_MAX;
    if (!gmtime_r(&t, &tm)) {
        memcpy(buf, "1970-01-01T00:00:00Z", CLOCK_ISO_LEN + 1);
        return;
    }
    /* written by hand: every answer saved is stamped, and strftime costs
     * more than the rest of building the record */
    int v[6] = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour,        tm.tm_min,     tm.tm_sec};
    static const char form[] = "0000-00-00T00:00:00Z";
    static const int at[6] = {3, 6, 9, 12, 15, 18}; /* last digit of each */
    memcpy(buf, form, sizeof form);
    for (int i = 0; i < 6; i++)
        for (int p = at[i], n = v[i]; n > 0; n /= 10, p--)
            buf[p] = (char)('0' + n % 10);
}

/* The current time (PBL_NOW aware) as a timestamp. */
void clock_now_iso(char buf[static CLOCK_ISO_LEN + 1])
{
    clock_iso(clock_now(), buf);
}

/* Reads exactly n digits from s; -1 when one is not a digit. */
static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* Strict: the 20-character form only, and a date that exists (the parts
 * must survive a round trip through timegm and gmtime_r). */
int clock_parse_iso(const char *s, time_t *out)
{
    if (!s || strlen(s) != CLOCK_ISO_LEN || s[4] != '-' || s[7] != '-' ||
        s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z')
        return -1;
    int y = digits(s, 4), mo = digits(s + 5, 2), d = digits(s + 8, 2);
    int h = digits(s + 11, 2), mi = digits(s + 14, 2), sec = digits(s + 17, 2);
    if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 ||
        mi < 0 || mi > 59 || sec < 0 || sec > 59)
        return -1;
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = sec;
    time_t t = timegm(&tm);
    struct tm back;
    if (!gmtime_r(&t, &back) || back.tm_year != y - 1900 ||
        back.tm_mon != mo - 1 || back.tm_mday != d)
        return -1;
    *out = t;
    return 0;
}

int clock_local_day_start(const char *ymd, int add_days,
                          char buf[static CLOCK_ISO_LEN + 1])
{
    if (!ymd || strlen(ymd) != 10 || ymd[4] != '-' || ymd[7] != '-')
        return -1;
    int y = digits(ymd, 4), mo = digits(ymd + 5, 2), d = digits(ymd + 8, 2);
    if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31)
        return -1;
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d + add_days;
    tm.tm_isdst = -1; /* whatever the zone's rule is that day */
    time_t t = mktime(&tm);
    if (t == (time_t)-1)
        return -1;
    clock_iso(t, buf);
    return 0;
}

/* See clock.h: a local time with its zone's abbreviation, or UTC. */
void clock_when_text(const char *iso, bool utc, char *buf, size_t n)
{
    time_t t;
    struct tm tm;
    if (iso && clock_parse_iso(iso, &t) == 0 && utc)
        snprintf(buf, n, "%.10s %.5s UTC", iso, iso + 11);
    else if (iso && clock_parse_iso(iso, &t) == 0 && localtime_r(&t, &tm) &&
             strftime(buf, n, "%Y-%m-%d %H:%M %Z", &tm) > 0)
        ;
    else
        snprintf(buf, n, "%s", iso ? "?" : "");
}

/* CLOCK_MONOTONIC in milliseconds: for intervals, never for
 * timestamps. */
int64_t clock_mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
