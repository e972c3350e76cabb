/* fuzz_text.c - the UTF-8 and wrapping code on any bytes: utf8_decode(),
 * text_width(), text_wrap() and text_reflow().
 *
 * Input: the first byte chooses the wrap width (-2 to 117, so widths
 * below 1 are tried too), the rest is the text. Properties:
 *  - utf8_decode() always makes progress and yields a code point <=
 *    U+10FFFF; text_width() is the sum of text_cp_width() of those, each
 *    0, 1 or 2;
 *  - text_wrap() lines come in order, inside the text, never overlap,
 *    hold no '\n', start on a code point, and are no wider than the width
 *    (but for a lone character wider than a width of 1); no byte other
 *    than a blank or a line break is left out of every line;
 *  - text_reflow() only turns some '\n' into ' ': same length, same bytes
 *    elsewhere;
 *  - text_safe_dup() gives valid UTF-8 with no control character (but
 *    tab and line breaks when kept) and no bidi control, as wide as
 *    text_safe_width() says. */
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "pbl/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    int width = (int)(data[0] % 120) - 2;
    const char *s0 = (const char *)data + 1;
    size_t n = size - 1;
    char *s = malloc(n + 1); /* NUL-terminated for text_reflow() */
    if (!s)
        return 0;
    memcpy(s, s0, n);
    s[n] = '\0';

    /* decoding and width; boundary[i]: a code point starts at byte i
     * (a blank or a line break is never inside a sequence, so decoding
     * from any word's start finds the same boundaries) */
    char *boundary = calloc(n + 1, 1);
    if (!boundary) {
        free(s);
        return 0;
    }
    int w = 0;
    for (size_t i = 0; i < n;) {
        boundary[i] = 1;
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        CHECK(k >= 1 && k <= 4 && k <= n - i, "decode used %zu of %zu", k,
              n - i);
        CHECK(cp <= 0x10FFFF, "code point %#x", (unsigned)cp);
        int cw = text_cp_width(cp);
        CHECK(cw >= 0 && cw <= 2, "width %d of U+%04X", cw, (unsigned)cp);
        w += cw;
        i += k;
    }
    CHECK(text_width(s, n) == w, "text_width %d, sum %d", text_width(s, n), w);

    /* wrapping */
    struct text_line *lines = NULL;
    size_t nl = text_wrap(s, n, width, &lines);
    CHECK((nl == 0) == (lines == NULL), "%zu lines at %p", nl, (void *)lines);
    int eff = width < 1 ? 1 : width;
    char *covered = calloc(n + 1, 1);
    if (!covered) {
        free(boundary);
        free(lines);
        free(s);
        return 0;
    }
    size_t prev_end = 0;
    for (size_t i = 0; i < nl; i++) {
        struct text_line l = lines[i];
        CHECK(l.start <= n && l.len <= n - l.start,
              "line %zu [%zu, +%zu) outside %zu bytes", i, l.start, l.len, n);
        CHECK(l.start >= prev_end, "line %zu starts at %zu before %zu", i,
              l.start, prev_end);
        CHECK(memchr(s + l.start, '\n', l.len) == NULL,
              "line %zu holds a line break", i);
        CHECK(boundary[l.start] || l.len == 0,
              "line %zu starts inside a character", i);
        int lw = text_width(s + l.start, l.len);
        if (lw > eff) {
            /* only a lone character wider than a width of 1 overflows */
            uint32_t cp;
            size_t k = utf8_decode(s + l.start, l.len, &cp);
            if (!(eff == 1 && k == l.len))
                fuzz_show("line", s + l.start, l.len);
            CHECK(eff == 1 && k == l.len,
                  "line %zu is %d columns wide at width %d", i, lw, eff);
        }
        memset(covered + l.start, 1, l.len);
        prev_end = l.start + l.len;
    }
    for (size_t i = 0; i < n; i++)
        CHECK(covered[i] || s[i] == ' ' || s[i] == '\n',
              "byte %zu (0x%02x) is on no line", i, (unsigned char)s[i]);
    free(covered);
    free(boundary);
    free(lines);

    /* reflowing */
    char *r = text_reflow(s);
    if (r) {
        size_t len = strlen(s);
        CHECK(strlen(r) == len, "reflow changed the length %zu -> %zu", len,
              strlen(r));
        for (size_t i = 0; i < len; i++)
            CHECK(r[i] == s[i] || (s[i] == '\n' && r[i] == ' '),
                  "reflow changed byte %zu", i);
    }
    free(r);

    /* making safe: valid UTF-8 out, no control but the kept breaks, no
     * bidi control, and the width text_safe_width() says */
    unsigned flags = data[0] & 1 ? TEXT_SAFE_BREAKS : 0;
    char *safe = text_safe_dup(s, n, flags);
    if (safe) {
        size_t sn = strlen(safe);
        int sw = 0;
        for (size_t i = 0; i < sn;) {
            uint32_t cp;
            size_t k = utf8_decode(safe + i, sn - i, &cp);
            CHECK(cp != 0xFFFD || k == 3, "invalid UTF-8 at %zu of safe text",
                  i);
            bool brk = cp == '\t' || cp == '\n' || cp == '\r';
            CHECK(brk ? (flags & TEXT_SAFE_BREAKS) != 0
                      : !(cp < 0x20 || (cp >= 0x7F && cp < 0xA0)),
                  "control U+%04X at %zu of safe text", (unsigned)cp, i);
            CHECK(!((cp >= 0x202A && cp <= 0x202E) ||
                    (cp >= 0x2066 && cp <= 0x2069)),
                  "bidi control U+%04X at %zu of safe text", (unsigned)cp, i);
            sw += text_cp_width(cp);
            i += k;
        }
        CHECK(text_safe_width(s, n, flags) == sw, "safe width %d, drawn %d",
              text_safe_width(s, n, flags), sw);
    }
    free(safe);
    free(s);
    return 0;
}
