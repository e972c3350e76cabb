/* util.c - small generic helpers (util.h): doubling growth, durations,
 * messages. */
#include "pbl/util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *util_grow_block(void *p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return p;
    if (size == 0 || need > SIZE_MAX / 2 / size)
        return NULL;
    size_t grown = *cap ? *cap : 16;
    while (grown < need)
        grown *= 2;
    void *block = realloc(p, grown * size);
    if (block)
        *cap = grown;
    return block;
}

void util_format_duration(long long secs, unsigned flags, char *buf, size_t n)
{
    if (secs < 0)
        snprintf(buf, n, "-");
    else if ((flags & UTIL_DURATION_HOURS) && secs >= 3600)
        snprintf(buf, n, "%lld:%02lld:%02lld", secs / 3600, secs / 60 % 60,
                 secs % 60);
    else if (flags & UTIL_DURATION_PAD_MINUTES)
        snprintf(buf, n, "%02lld:%02lld", secs / 60, secs % 60);
    else
        snprintf(buf, n, "%lld:%02lld", secs / 60, secs % 60);
}

void util_vset_message(char **msg, const char *fmt, va_list ap)
{
    if (!msg)
        return;
    char buf[1024];
    vsnprintf(buf, sizeof buf, fmt, ap);
    free(*msg);
    *msg = strdup(buf);
}
