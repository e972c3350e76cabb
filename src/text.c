/* text.c - UTF-8 decoding, display width and word wrapping. */
#include "pbl/text.h"

#include <ctype.h>
#include <stdarg.h>
#include <locale.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "pbl/util.h"

size_t utf8_decode(const char *str, size_t n, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    if (n == 0) {
        *cp = 0;
        return 0;
    }
    unsigned c = s[0];
    size_t need;
    uint32_t v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if ((c & 0xE0) == 0xC0) {
        need = 1, v = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        need = 2, v = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        need = 3, v = c & 0x07, min = 0x10000;
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    if (n <= need) {
        *cp = 0xFFFD;
        return 1;
    }
    for (size_t k = 1; k <= need; k++) {
        if ((s[k] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (s[k] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = v;
    return need + 1;
}

/* The ranges of East Asian Wide/Fullwidth and emoji presentation
 * characters that matter in practice; everything else is one column. */
int text_cp_width(uint32_t cp)
{
    static const uint32_t wide[][2] = {
        {0x1100, 0x115F},   {0x231A, 0x231B},   {0x23E9, 0x23EC},
        {0x2614, 0x2615},   {0x2648, 0x2653},   {0x26A1, 0x26A1},
        {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},
        {0x2705, 0x2705},   {0x270A, 0x270B},   {0x2728, 0x2728},
        {0x274C, 0x274C},   {0x2753, 0x2755},   {0x2757, 0x2757},
        {0x2795, 0x2797},   {0x2E80, 0x303E},   {0x3041, 0x33FF},
        {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},
        {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE30, 0xFE4F},
        {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x1F300, 0x1F64F},
        {0x1F680, 0x1F6FF}, {0x1F900, 0x1F9FF}, {0x20000, 0x3FFFD},
    };
    if (cp < 0x300)
        return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) ? 0 : 1;
    if ((cp >= 0x300 && cp <= 0x36F) || (cp >= 0x200B && cp <= 0x200F) ||
        (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
        (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0x200D ||
        (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x20D0 && cp <= 0x20FF))
        return 0;
    size_t lo = 0, hi = sizeof wide / sizeof wide[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cp < wide[mid][0])
            hi = mid;
        else if (cp > wide[mid][1])
            lo = mid + 1;
        else
            return 2;
    }
    return 1;
}

int text_width(const char *s, size_t n)
{
    int w = 0;
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        i += utf8_decode(s + i, n - i, &cp);
        w += text_cp_width(cp);
    }
    return w;
}

size_t text_cut(const char *s, size_t n, int cols)
{
    size_t i = 0;
    int w = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        int cw = text_cp_width(cp);
        if (w + cw > cols)
            break;
        w += cw;
        i += k;
    }
    return i;
}

static bool is_control(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7f && cp < 0xa0);
}

/* Columns a character takes in text_pad, where a control shows as '?'. */
static int pad_width(uint32_t cp)
{
    return is_control(cp) ? 1 : text_cp_width(cp);
}

/* Bytes of the start of s (n bytes) that fit in `cols` columns as text_pad
 * shows them; *width gets the columns they take. */
static size_t pad_cut(const char *s, size_t n, int cols, int *width)
{
    size_t i = 0;
    int w = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (w + pad_width(cp) > cols)
            break;
        w += pad_width(cp);
        i += k;
    }
    *width = w;
    return i;
}

/* text_pad on text already made safe (a control left, only if memory ran
 * out for the safe copy, still shows as '?'). */
static size_t pad_safe(char *out, size_t size, const char *s, int cols)
{
    size_t at = 0, n = s ? strlen(s) : 0;
    int w = 0;
    if (!size)
        return 0;
    cols = cols < 0 ? 0 : cols;
    size_t keep = pad_cut(s, n, cols, &w);
    bool cut = keep < n;
    if (cut && cols > 0)
        keep = pad_cut(s, n, cols - 1, &w);
    w = 0;
    for (size_t i = 0; i < keep;) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, keep - i, &cp);
        const char *c = is_control(cp) ? "?" : s + i;
        size_t ck = is_control(cp) ? 1 : k;
        if (at + ck + 1 > size)
            break;
        memcpy(out + at, c, ck);
        at += ck;
        w += pad_width(cp);
        i += k;
    }
    if (cut && cols > 0 && at + 4 <= size) {
        memcpy(out + at, "…", 3);
        at += 3;
        w++;
    }
    for (; w < cols && at + 2 <= size; w++)
        out[at++] = ' ';
    out[at] = '\0';
    return at;
}

/* Made safe as every writer of record text does (text_safe_step: bad
 * bytes and controls shown as U+FFFD, bidi controls dropped, line breaks
 * as spaces), then cut or padded to `cols` columns. */
size_t text_pad(char *out, size_t size, const char *s, int cols)
{
    char *safe = s ? text_safe_dup(s, strlen(s), 0) : NULL;
    size_t at = pad_safe(out, size, safe ? safe : s, cols);
    free(safe);
    return at;
}

struct wrap {
    struct text_line *v;
    size_t n, cap;
};

static int emit(struct wrap *w, size_t start, size_t len)
{
    struct text_line *v = util_grow(w->v, &w->cap, w->n + 1, sizeof *v);
    if (!v)
        return -1;
    w->v = v;
    w->v[w->n++] = (struct text_line){start, len};
    return 0;
}

/* Wraps one paragraph s[a..b) greedily. Leading spaces stay on the first
 * line (indentation); the spaces at a break are dropped. */
static int wrap_paragraph(struct wrap *w, const char *s, size_t a, size_t b,
                          int width)
{
    size_t line = a, end = a, i = a; /* current line: [line, end) */
    int col = 0;
    while (i < b) {
        size_t ws = i;
        while (i < b && s[i] == ' ')
            i++;
        size_t word = i;
        while (i < b && s[i] != ' ')
            i++;
        if (word == i)
            break; /* trailing spaces */
        int gap = (int)(word - ws), ww = text_width(s + word, i - word);
        if (end > line && col + gap + ww > width) {
            if (emit(w, line, end - line) < 0)
                return -1;
            line = word, col = 0;
        } else {
            col += gap;
        }
        size_t k = word; /* a word wider than the line is cut */
        while (col + text_width(s + k, i - k) > width) {
            size_t cut = k;
            int cw = 0;
            while (cut < i) {
                uint32_t cp;
                size_t len = utf8_decode(s + cut, i - cut, &cp);
                if (col + cw + text_cp_width(cp) > width) {
                    if (cut == k && col == 0)
                        cut += len; /* always make progress */
                    break;
                }
                cw += text_cp_width(cp), cut += len;
            }
            if (cut >= i)
                break; /* the rest is one character too wide for the line */
            /* indentation wider than the line is shown only as wide as
             * the line (as the editor draws it) */
            size_t len = cut - line;
            if (cut == word && len > (size_t)width)
                len = (size_t)width;
            if (emit(w, line, len) < 0)
                return -1;
            line = k = cut, col = 0;
        }
        col += text_width(s + k, i - k);
        end = i;
    }
    return emit(w, line, end - line);
}

size_t text_wrap(const char *s, size_t n, int width, struct text_line **lines)
{
    struct wrap w = {0};
    *lines = NULL;
    if (width < 1)
        width = 1;
    if (n > 0 && s[n - 1] == '\n')
        n--;
    size_t a = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || s[i] == '\n') {
            if (wrap_paragraph(&w, s, a, i, width) < 0) {
                free(w.v);
                return 0;
            }
            a = i + 1;
        }
    }
    *lines = w.v;
    return w.n;
}

/* Whether the line starting at s must stay on a line of its own. */
static int keeps_break(const char *s)
{
    if (*s == '\n' || *s == ' ' || *s == '\t' || *s == '\0')
        return 1;
    if ((s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ')
        return 1;
    const char *p = s;
    while (isdigit((unsigned char)*p))
        p++;
    return p > s && (*p == '.' || *p == ')') && p[1] == ' ';
}

char *text_reflow(const char *s)
{
    if (!s)
        s = ""; /* a damaged record: nothing to join */
    size_t n = strlen(s);
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n' && i > 0 && s[i - 1] != '\n' && i + 1 < n &&
            !keeps_break(s + i + 1)) {
            out[o++] = ' ';
            continue;
        }
        out[o++] = s[i];
    }
    out[o] = '\0';
    return out;
}

/* The bidi embeddings, overrides and isolates: they reorder what follows
 * them, up to the end of the line, and so can make a text read as
 * something it is not. */
static int is_bidi_control(uint32_t cp)
{
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

uint32_t text_safe_step(const char *s, size_t n, size_t *i, unsigned flags,
                        const char **out, size_t *outlen)
{
    static const char fffd[] = "\xEF\xBF\xBD";
    uint32_t cp;
    size_t len = utf8_decode(s + *i, n - *i, &cp);
    *out = s + *i;
    *outlen = len;
    *i += len;
    if (cp == '\t' || cp == '\n' || cp == '\r') {
        if (!(flags & TEXT_SAFE_BREAKS)) {
            *out = " ";
            cp = ' ';
        }
    } else if (is_control(cp) || (cp == 0xFFFD && len == 1)) {
        *out = fffd;
        *outlen = 3;
        cp = 0xFFFD;
    } else if (is_bidi_control(cp)) {
        *outlen = 0;
        cp = 0;
    }
    return cp;
}

void text_safe_write(FILE *out, const char *s, size_t n, unsigned flags)
{
    if (!s)
        return;
    size_t i = 0, run = 0; /* s[run..i) is written as it is */
    while (i < n) {
        size_t at = i, len;
        const char *bytes;
        text_safe_step(s, n, &i, flags, &bytes, &len);
        if (bytes == s + at && len == i - at)
            continue;
        fwrite(s + run, 1, at - run, out);
        fwrite(bytes, 1, len, out);
        run = i;
    }
    fwrite(s + run, 1, n - run, out);
}

char *text_safe_dup(const char *s, size_t n, unsigned flags)
{
    /* a replacement is at most three bytes for one byte */
    if (n > (SIZE_MAX - 1) / 3)
        return NULL;
    char *d = malloc(3 * n + 1);
    if (!d)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        const char *bytes;
        size_t len;
        text_safe_step(s, n, &i, flags, &bytes, &len);
        memcpy(d + o, bytes, len);
        o += len;
    }
    d[o] = '\0';
    return d;
}

int text_safe_width(const char *s, size_t n, unsigned flags)
{
    int w = 0;
    for (size_t i = 0; i < n;) {
        const char *bytes;
        size_t len;
        w += text_cp_width(text_safe_step(s, n, &i, flags, &bytes, &len));
    }
    return w;
}

int text_cp_typable(uint32_t cp)
{
    return !is_control(cp) && !is_bidi_control(cp) &&
           !(cp >= 0xD800 && cp <= 0xDFFF) && cp <= 0x10FFFF;
}

long text_find_untypable(const char *s, uint32_t *cp, unsigned char *byte)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        size_t len = utf8_decode(s + i, n - i, cp);
        if (!text_cp_typable(*cp) || (*cp == 0xFFFD && len == 1)) {
            *byte = (unsigned char)s[i];
            return (long)i;
        }
        i += len;
    }
    return -1;
}

char *text_vformat(const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    char *msg = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (msg)
        vsnprintf(msg, (size_t)n + 1, fmt, ap);
    return msg;
}

void text_safe_vprintf(FILE *out, const char *fmt, va_list ap)
{
    char *msg = text_vformat(fmt, ap);
    if (msg) {
        text_safe_write(out, msg, strlen(msg), 0);
    } else {
        fputs("out of memory", out);
    }
    free(msg);
}

void text_safe_pad(FILE *out, const char *s, int width)
{
    size_t n = s ? strlen(s) : 0;
    text_safe_write(out, s, n, 0);
    for (int w = text_safe_width(s, n, 0); w < width; w++)
        putc(' ', out);
}

size_t text_utf8_encode(uint32_t c, char out[4])
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (c >> 18));
    out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

/* The C.UTF-8 character classes, opened once; (locale_t)0 when the
 * system has no such locale (then only ASCII is folded). */
static locale_t utf8_loc;

/* Gives the cached locale back at exit, so a leak checker sees none. */
static void free_utf8_ctype(void)
{
    if (utf8_loc)
        freelocale(utf8_loc);
    utf8_loc = (locale_t)0;
}

static locale_t utf8_ctype(void)
{
    static bool tried;
    if (!tried) {
        tried = true;
        utf8_loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
        if (utf8_loc)
            atexit(free_utf8_ctype);
    }
    return utf8_loc;
}

/* One code point folded: lower case of the upper case, so that the
 * variants of a letter meet (final sigma, long s, the Kelvin sign). */
static uint32_t fold_cp(uint32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    locale_t loc = utf8_ctype();
    if (!loc)
        return c;
    return (uint32_t)towlower_l(towupper_l((wint_t)c, loc), loc);
}

char *text_fold(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s), len = 0;
    /* a folded letter takes at most one byte more than its original
     * (U+023A..U+023E and a few others grow from 2 to 3 bytes) */
    char *out = malloc(n * 2 + 1);
    if (!out)
        return NULL;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (cp == 0xFFFD && k == 1 && (unsigned char)s[i] >= 0x80)
            out[len++] = s[i]; /* a stray byte stays as it was */
        else
            len += text_utf8_encode(fold_cp(cp), out + len);
        i += k;
    }
    out[len] = '\0';
    return out;
}

/* Whether the code point is a space between words of a name. */
static bool is_space_cp(uint32_t c)
{
    return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xA0 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F ||
           c == 0x3000;
}

char *text_name(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s), len = 0;
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    bool gap = false;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (is_space_cp(cp)) {
            gap = len > 0;
        } else {
            if (gap)
                out[len++] = ' ';
            gap = false;
            memcpy(out + len, s + i, k);
            len += k;
        }
        i += k;
    }
    out[len] = '\0';
    return out;
}

char *text_name_key(const char *s)
{
    char *name = text_name(s);
    char *key = text_fold(name);
    free(name);
    return key;
}

bool text_contains_folded(const char *hay, const char *needle)
{
    if (!hay || !needle)
        return false;
    if (!*needle)
        return true;
    char *h = text_fold(hay);
    bool found = h && strstr(h, needle) != NULL;
    free(h);
    return found;
}

bool text_contains_any_case(const char *hay, const char *needle)
{
    char *folded = text_fold(needle);
    bool found = folded && text_contains_folded(hay, folded);
    free(folded);
    return found;
}
