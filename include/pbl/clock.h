/* clock.h - wall-clock time as UTC ISO-8601 text, and a monotonic clock.
 *
 * Every timestamp pbl stores or prints is UTC ISO-8601 with seconds,
 * "2026-01-02T03:04:05Z" (20 characters). The environment variable PBL_NOW
 * (that same form, or a count of seconds since the epoch) freezes the wall
 * clock, so that tests and screen dumps come out the same on every run. */
#ifndef PBL_CLOCK_H
#define PBL_CLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* Characters in "2026-01-02T03:04:05Z", without the terminating NUL. */
#define CLOCK_ISO_LEN 20

/* The current time: PBL_NOW when it is set and valid, else the system
 * clock. An invalid PBL_NOW is ignored. */
time_t clock_now(void);

/* Writes t as "YYYY-MM-DDTHH:MM:SSZ" (UTC) into buf. Times before 1970 or
 * after 9999 are clamped to those years' ends, so buf always holds exactly
 * CLOCK_ISO_LEN characters and a NUL. */
void clock_iso(time_t t, char buf[static CLOCK_ISO_LEN + 1]);

/* clock_iso(clock_now(), buf). */
void clock_now_iso(char buf[static CLOCK_ISO_LEN + 1]);

/* Parses exactly "YYYY-MM-DDTHH:MM:SSZ" (a real calendar date and time)
 * into *out. Returns 0, or -1 when s is anything else. */
int clock_parse_iso(const char *s, time_t *out);

/* The instant local midnight begins the day `ymd` ("YYYY-MM-DD") plus
 * `add_days`, in the local time zone (TZ), as UTC ISO text in buf; 0, or
 * -1 when ymd is not such a date. */
int clock_local_day_start(const char *ymd, int add_days,
                          char buf[static CLOCK_ISO_LEN + 1]);

/* Writes the stored UTC time `iso` as people read it, "2026-03-04 09:15
 * NZDT" in the local time zone (TZ), or "2026-03-04 09:15 UTC" with `utc`;
 * "?" when iso is not a valid stored time (never the text itself: it may
 * be anything) and "" when it is NULL. */
void clock_when_text(const char *iso, bool utc, char *buf, size_t n);

/* Milliseconds on a monotonic clock with an arbitrary origin, for measuring
 * intervals (such as the seconds of typing between two draft saves); it
 * never goes back when the wall clock is changed, and ignores PBL_NOW. */
int64_t clock_mono_ms(void);

#endif
