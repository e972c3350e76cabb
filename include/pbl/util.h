/* util.h - small generic helpers with no knowledge of pbl: arrays that
 * grow by doubling, durations written as clocks, and a message kept as a
 * malloc'd string.
 *
 * Plain C and the standard library only: nothing here includes another
 * pbl header, so any layer may use it. */
#ifndef PBL_UTIL_H
#define PBL_UTIL_H

#include <stdarg.h>
#include <stddef.h>

/* The reallocation behind util_grow(), when p is too small. */
void *util_grow_block(void *p, size_t *cap, size_t need, size_t size);

/* Makes room for `need` elements of `size` bytes in the block p, which
 * holds *cap of them now: returns p itself when it is big enough, else
 * the block reallocated to the first power-of-two multiple of 16 (or of
 * *cap) that holds them, with *cap updated. NULL when memory runs out or
 * the size would overflow; p and *cap are then left as they were (free p
 * as usual). The cost of n appends is O(n). Inline, since the editor asks
 * several times a key and the answer is nearly always "big enough". */
static inline void *util_grow(void *p, size_t *cap, size_t need, size_t size)
{
    return need <= *cap ? p : util_grow_block(p, cap, need, size);
}

/* How util_format_duration writes a number of seconds. */
enum {
    /* "1:02:05" from an hour up, not "62:05" */
    UTIL_DURATION_HOURS = 1 << 0,
    /* minutes below an hour with two digits: "02:05", not "2:05" */
    UTIL_DURATION_PAD_MINUTES = 1 << 1,
};

/* Writes secs as a clock into buf (n bytes, cut to fit): minutes and
 * seconds ("2:05", "75:00"), with the UTIL_DURATION_* flags; "-" for a
 * negative value. */
void util_format_duration(long long secs, unsigned flags, char *buf, size_t n);

/* Replaces the message *msg (freeing the one it held) with a malloc'd copy
 * of the formatted text, cut at 1023 bytes; *msg is NULL when memory runs
 * out. Does nothing when msg is NULL. For functions that report a
 * failure as `char **err`. */
void util_vset_message(char **msg, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

#endif
