/* fuzz_keyin.c - the keyboard decoder on any bytes, split into reads of
 * any size.
 *
 * Input: the first byte chooses the size of the reads (1 to 64 bytes),
 * the rest is what the terminal sent; the keyboard pauses only at the
 * end. Properties:
 *  - the events do not depend on how the bytes were split into reads;
 *  - a character is a Unicode scalar value (no surrogate, <= U+10FFFF);
 *    a bad byte is one that UTF-8 never allows alone (0x80 or above);
 *  - pasted text is never longer than the input, and after the final
 *    pause nothing is held but an unended paste. */
#include <string.h>

#include "fuzz.h"
#include "pbl/keyin.h"

struct log {
    char *buf;
    size_t len, cap;
};

static void log_put(struct log *l, const void *p, size_t n)
{
    if (l->len + n > l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 1024;
        while (cap < l->len + n)
            cap *= 2;
        char *b = realloc(l->buf, cap);
        if (!b)
            abort();
        l->buf = b;
        l->cap = cap;
    }
    memcpy(l->buf + l->len, p, n);
    l->len += n;
}

/* Takes every complete event, checks it, and logs it. */
static void drain(struct keyin *k, bool timed_out, size_t size, struct log *l)
{
    struct keyin_event ev;
    while (keyin_next(k, &ev, timed_out)) {
        if (ev.kind == KEYIN_CHAR)
            CHECK(ev.cp <= 0x10FFFF && !(ev.cp >= 0xD800 && ev.cp <= 0xDFFF),
                  "U+%X", (unsigned)ev.cp);
        if (ev.kind == KEYIN_BAD_BYTE)
            CHECK(ev.cp >= 0x80 && ev.cp <= 0xFF, "byte %X", (unsigned)ev.cp);
        if (ev.kind == KEYIN_PASTE)
            CHECK(ev.len <= size, "a paste of %zu from %zu bytes", ev.len,
                  size);
        unsigned char kind = (unsigned char)ev.kind;
        log_put(l, &kind, 1);
        log_put(l, &ev.cp, sizeof ev.cp);
        log_put(l, &ev.key, sizeof ev.key);
        if (ev.kind == KEYIN_PASTE) {
            log_put(l, &ev.len, sizeof ev.len);
            log_put(l, ev.text, ev.len);
        }
    }
}

/* Feeds s in reads of `step` bytes, then pauses; the log of events. */
static struct log decode(const char *s, size_t n, size_t step)
{
    struct log l = {0};
    struct keyin *k = keyin_new();
    if (!k)
        abort();
    for (size_t off = 0; off < n; off += step) {
        size_t m = n - off < step ? n - off : step;
        if (keyin_feed(k, s + off, m) < 0)
            abort();
        drain(k, false, n, &l);
    }
    drain(k, true, n, &l);
    CHECK(!keyin_pending(k) || keyin_in_paste(k), "bytes held after a pause");
    keyin_free(k);
    return l;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    size_t step = data[0] % 64 + 1;
    const char *s = (const char *)data + 1;
    size_t n = size - 1;
    struct log whole = decode(s, n, n ? n : 1), split = decode(s, n, step);
    CHECK(whole.len == split.len &&
              (whole.len == 0 || memcmp(whole.buf, split.buf, whole.len) == 0),
          "reads of %zu bytes decode differently from one read", step);
    free(whole.buf);
    free(split.buf);
    return 0;
}
