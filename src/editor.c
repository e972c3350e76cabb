/* editor.c - the answer editor: a text buffer with an incremental layout.
 *
 * The text is one growable buffer (an edit moves the bytes after it, a
 * memmove of a few kilobytes per key). The layout is cached in two arrays:
 *
 *   paras   one record per paragraph (text between '\n'): its byte start
 *           and length, and the index and number of its display lines;
 *   lines   the start of every display line, relative to the start of its
 *           paragraph, so an edit shifts only the records of the later
 *           paragraphs, never their lines.
 *
 * An edit replaces the bytes [x, y) by m new bytes. The lines of the
 * paragraph that end well before x keep their place: whether a display line
 * breaks depends only on the text from its start to the first word of the
 * next line, and then on no more than `width` columns of that word (see
 * relayout()). From the first line that may change, lines are re-wrapped
 * one at a time until a new line start falls on an old line start after
 * the change, because the wrap from a line start on depends only on the
 * text after it; the old lines from there on are kept, shifted. So typing
 * in a long answer re-wraps one or two lines, whatever the length; a paste
 * costs O(its length).
 *
 * An edit reserves all memory it can foresee before it changes the text,
 * and puts the text back when the layout cannot get memory, so running out
 * of memory never loses or corrupts text. */
#include "pbl/editor.h"

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/text.h"
#include "pbl/util.h"

#define TAB_SPACES 4
#define MAX_WIDTH 100000
#define NO_BREAK SIZE_MAX

struct para {
    size_t start;  /* byte offset of the paragraph in the text */
    size_t len;    /* bytes, without the '\n' that ends it */
    size_t line;   /* index of its first display line in lines */
    size_t nlines; /* its display lines, at least 1 */
};

struct pbl_editor {
    char *buf; /* the text, NUL-terminated */
    size_t len, cap;
    struct para *paras;
    size_t npara, paracap;
    size_t *lines; /* display line starts, relative to their paragraph */
    size_t nlines, linecap;
    size_t *tmp; /* line starts made by relayout() before they go in */
    size_t ntmp, tmpcap;
    char *saved; /* the bytes an edit removes, to put back on failure */
    size_t savedcap;
    size_t cur; /* the cursor, a byte offset */
    int width;  /* wrap width in columns, 1..MAX_WIDTH */
    int page;   /* rows for page up/down */
    int goal;   /* column kept by vertical moves, or -1 */
    unsigned long gen;
    size_t work; /* bytes examined by next_break() */
};

/* ---- characters ---- */

static uint32_t cp_at(const struct pbl_editor *e, size_t pos, size_t *n)
{
    uint32_t cp;
    size_t k = utf8_decode(e->buf + pos, e->len - pos, &cp);
    if (n)
        *n = k;
    return cp;
}

/* The columns and bytes of the character (code point) at s, n > 0 bytes
 * available: text_cp_width() with a shortcut for printable ASCII. */
static int cp_cols(const char *s, size_t n, size_t *len)
{
    unsigned char c = (unsigned char)*s;
    if (c >= 0x20 && c < 0x7F) {
        *len = 1;
        return 1;
    }
    uint32_t cp;
    *len = utf8_decode(s, n, &cp);
    return text_cp_width(cp);
}

/* Columns the n bytes at s take, as text_width(). */
static int cols(const char *s, size_t n)
{
    int w = 0;
    for (size_t i = 0, k; i < n; i += k)
        w += cp_cols(s + i, n - i, &k);
    return w;
}

/* Whether cp joins the character before it (combining marks, joiners,
 * variation selectors: the zero-width code points that are not controls). */
static int is_extend(uint32_t cp)
{
    return cp >= 0x300 && text_cp_width(cp) == 0;
}

/* The start of the code point before pos (pos > 0). */
static size_t prev_cp(const struct pbl_editor *e, size_t pos)
{
    do
        pos--;
    while (pos > 0 && ((unsigned char)e->buf[pos] & 0xC0) == 0x80);
    return pos;
}

/* The start of the character (base and marks) holding the code point at
 * pos. A mark right after '\n' or at the start is a character of its own. */
static size_t char_start(const struct pbl_editor *e, size_t pos)
{
    while (pos > 0 && pos < e->len && is_extend(cp_at(e, pos, NULL))) {
        size_t r = prev_cp(e, pos);
        if (e->buf[r] == '\n')
            break;
        pos = r;
    }
    return pos;
}

/* The end of the character starting at pos (pos < len). */
static size_t next_char(const struct pbl_editor *e, size_t pos)
{
    size_t n;
    uint32_t cp = cp_at(e, pos, &n);
    pos += n;
    if (cp == '\n')
        return pos;
    while (pos < e->len && is_extend(cp_at(e, pos, &n)))
        pos += n;
    return pos;
}

/* The start of the character before pos (pos > 0). */
static size_t prev_char(const struct pbl_editor *e, size_t pos)
{
    return char_start(e, prev_cp(e, pos));
}

/* pos, or the end of the character it falls into. */
static size_t snap_forward(const struct pbl_editor *e, size_t pos)
{
    size_t s = char_start(e, pos);
    return s == pos ? pos : next_char(e, s);
}

/* Whether cp belongs to a word for the word moves. */
static int is_word_cp(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') ||
               (cp >= 'a' && cp <= 'z') || cp == '_';
    if (cp < 0xC0)
        return cp == 0xAA || cp == 0xB5 || cp == 0xBA;
    if (cp == 0xD7 || cp == 0xF7 || cp == 0xFFFD)
        return 0;
    if ((cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
        (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF01 && cp <= 0xFF0F) ||
        (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
        (cp >= 0xFF5B && cp <= 0xFF65))
        return 0; /* punctuation, symbols, arrows, CJK punctuation */
    return 1;
}

static int word_at(const struct pbl_editor *e, size_t pos)
{
    return is_word_cp(cp_at(e, pos, NULL));
}

/* ---- input clean-up ---- */

/* Cleans up s[0..n) as editor_insert() describes, into out unless it is
 * NULL; returns the length of the result and sets *nl to its newlines. */
static size_t clean(const char *s, size_t n, char *out, size_t *nl)
{
    size_t i = 0, o = 0, lines = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            i++;
            if (c == '\r') {
                if (i < n && s[i] == '\n')
                    i++;
                c = '\n';
            }
            if (c == '\t') {
                if (out)
                    memset(out + o, ' ', TAB_SPACES);
                o += TAB_SPACES;
            } else if (c == '\n' || (c >= 0x20 && c != 0x7F)) {
                if (out)
                    out[o] = (char)c;
                o++;
                lines += c == '\n';
            }
            continue;
        }
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (cp >= 0x80 && cp < 0xA0) { /* C1 controls */
            i += k;
            continue;
        }
        if (cp == 0xFFFD) { /* invalid bytes become U+FFFD */
            if (out)
                memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
        } else {
            if (out)
                memcpy(out + o, s + i, k);
            o += k;
        }
        i += k;
    }
    *nl = lines;
    return o;
}

/* ---- layout ---- */

/* The largest i in [0, n) with v[i] <= key (v sorted, v[0] <= key). */
static size_t last_le(const size_t *v, size_t n, size_t key)
{
    size_t lo = 0, hi = n;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] <= key)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* The last paragraph whose first byte (by_line 0) or first display line
 * (by_line 1) is at most key: the paragraph holding byte offset key (its
 * '\n' included), or display line key. */
static size_t para_find(const struct pbl_editor *e, int by_line, size_t key)
{
    size_t lo = 0, hi = e->npara;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        const struct para *p = &e->paras[mid];
        if ((by_line ? p->line : p->start) <= key)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

static size_t para_at(const struct pbl_editor *e, size_t pos)
{
    return para_find(e, 0, pos);
}

static size_t para_of_line(const struct pbl_editor *e, size_t row)
{
    return para_find(e, 1, row);
}

/* The line of paragraph p that holds offset rel (relative to p). */
static size_t line_in_para(const struct pbl_editor *e, const struct para *p,
                           size_t rel)
{
    return last_le(e->lines + p->line, p->nlines, rel);
}

/* Given a display line starting at p in the paragraph that ends at b,
 * returns where the next line starts, or NO_BREAK when this is the last.
 * The same greedy wrap as text_wrap(), one line at a time: a line start
 * depends only on what comes after it (apart from the first line of a
 * paragraph, where leading spaces are indentation; every later line starts
 * on a word). Each word is examined only until it no longer fits, so a
 * line costs O(its length + width). */
static size_t next_break(struct pbl_editor *e, size_t p, size_t b)
{
    const char *s = e->buf;
    const int width = e->width;
    int col = 0, placed = 0;
    size_t i = p, ret = NO_BREAK;
    for (;;) {
        size_t ws = i;
        while (i < b && s[i] == ' ')
            i++;
        if (i == b)
            break; /* trailing spaces end the last line */
        size_t word = i;
        /* a gap wider than the line acts as any such gap */
        int gap = word - ws > (size_t)width ? width + 1 : (int)(word - ws);
        int w = 0;
        if (placed) { /* the next word must fit whole */
            int room = width - col - gap;
            if (room < 0) {
                ret = word;
                break;
            }
            while (i < b && s[i] != ' ') {
                size_t n;
                w += cp_cols(s + i, b - i, &n);
                if (w > room)
                    break;
                i += n;
            }
            if (w > room) {
                ret = word;
                break;
            }
            col += gap + w;
            continue;
        }
        col += gap; /* the first word of the line: cut it if too wide */
        while (i < b && s[i] != ' ') {
            size_t n;
            int cw = cp_cols(s + i, b - i, &n);
            if (col + w + cw > width) {
                if (i > word || col > 0) {
                    ret = i;
                    goto done;
                }
                /* a character wider than the whole line goes alone */
                if (i + n < b && s[i + n] != ' ') {
                    ret = i + n;
                    goto done;
                }
            }
            w += cw;
            i += n;
        }
        col += w;
        placed = 1;
    }
done:
    e->work += i - p;
    return ret;
}

/* The first '\n' in [from, to), which holds one. */
static size_t next_newline(const struct pbl_editor *e, size_t from, size_t to)
{
    const char *nl = memchr(e->buf + from, '\n', to - from);
    return (size_t)(nl - e->buf);
}

static int push(struct pbl_editor *e, size_t v)
{
    size_t *t = util_grow(e->tmp, &e->tmpcap, e->ntmp + 1, sizeof *t);
    if (!t)
        return -1;
    e->tmp = t;
    e->tmp[e->ntmp++] = v;
    return 0;
}

/* ---- the incremental layout ----
 *
 * Why it exists: wrapping the whole answer again with text_wrap() on every
 * key would be simpler, but its cost grows with the answer, and the
 * developers' guide wants a key's cost to grow only with what was typed.
 * Measured (gcc -O2, 76 columns, a key in the middle of the answer, this
 * machine): a full text_wrap() costs 23 us per key on a 5,000-character
 * answer and 4,600 us on a 1,000,000-character one (at least 4.6 ms on
 * every key, before drawing), while this layout costs 0.4 us and 4.3 us
 * (the memmove of the text behind the cursor, not the wrapping). In
 * instructions (make bench, callgrind): one full re-wrap of the 5,000
 * characters is 507,000, a key here about 1,900 at the end of the answer
 * and 5,300 in the middle. So the layout below re-wraps only the lines an
 * edit can change, and a paste costs what it adds. */

/* One edit as the layout sees it: the old bytes [from, to) of the text
 * became `added` bytes holding nparas - 1 newlines; first_para and
 * last_para are the old paragraphs of `from` and `to`; `shift` is how
 * far the bytes after the change moved (added - (to - from), wrapping
 * when they moved back). */
struct change {
    size_t from, to, added, nparas;
    size_t first_para, last_para;
    size_t shift;
};

/* Where a byte at old offset pos >= c->to is after the change. */
static size_t moved(const struct change *c, size_t pos)
{
    return pos + c->shift;
}

/* The first display line of paragraph p (old layout) that an edit at
 * byte `at` may change. Line j breaks before the word W at the start of
 * line j + 1 and looks at W only until it knows whether W fits: to its
 * end or its first width + 1 columns, and one character more. So line j
 * stays when W starts before a space that comes before `at`, or more than
 * width + 2 columns of non-spaces before `at`. */
static size_t first_changed_line(const struct pbl_editor *e,
                                 const struct para *p, size_t at)
{
    size_t word_start = at;
    int cols = 0;
    while (word_start > p->start && e->buf[word_start - 1] != ' ' &&
           cols <= e->width + 2) {
        size_t n, prev = prev_cp(e, word_start);
        cols += cp_cols(e->buf + prev, word_start - prev, &n);
        word_start = prev;
    }
    /* the first line whose next line starts at word_start or later */
    size_t line = line_in_para(e, p, word_start - p->start);
    if (line > 0 && e->lines[p->line + line] == word_start - p->start)
        line--;
    return line;
}

/* The first old line of paragraph p that starts at byte `to` or later:
 * from there on its lines may be kept, once a new line starts where one
 * of them did. */
static size_t first_line_after(const struct pbl_editor *e, const struct para *p,
                               size_t to)
{
    if (to <= p->start)
        return 0;
    return last_le(e->lines + p->line, p->nlines, to - p->start - 1) + 1;
}

/* The end (its '\n' or the end of the text) of new paragraph i of the
 * change, which starts at byte `start` of the new text; last_para is the
 * old record of c->last_para. */
static size_t new_para_end(const struct pbl_editor *e, const struct change *c,
                           const struct para *last_para, size_t i, size_t start)
{
    if (i + 1 < c->nparas)
        return next_newline(e, start > c->from ? start : c->from,
                            c->from + c->added);
    return moved(c, last_para->start + last_para->len);
}

/* What re-wrapping the changed lines found about the last paragraph. */
struct rewrap {
    size_t next_old;   /* the next old line that a new one may meet */
    size_t kept_from;  /* its first old line kept (nlines: none) */
    size_t last_start; /* where the last new paragraph starts */
};

/* The new text's byte where old line `line` of paragraph p starts. */
static size_t old_line_start(const struct pbl_editor *e, const struct change *c,
                             const struct para *p, size_t line)
{
    return moved(c, p->start + e->lines[p->line + line]);
}

/* Whether a new line starting at byte `start` of the last new paragraph
 * starts where an old line did: the wrap from a line start on depends
 * only on the text after it, so the old lines from there on hold. */
static bool meets_old_line(const struct pbl_editor *e, const struct change *c,
                           const struct para *last_para, struct rewrap *r,
                           size_t start)
{
    while (r->next_old < last_para->nlines &&
           old_line_start(e, c, last_para, r->next_old) < start)
        r->next_old++;
    if (r->next_old < last_para->nlines &&
        old_line_start(e, c, last_para, r->next_old) == start) {
        r->kept_from = r->next_old;
        return true;
    }
    return false;
}

/* Wraps the changed text into e->tmp, one line start a line, relative to
 * its paragraph (each new paragraph but the first starts with a 0): from
 * line first_line of the first paragraph to where a new line meets an old
 * one of the last paragraph, or to its end (first and last: the old
 * records of c's paragraphs). 0, or -1 when memory ran out. */
static int rewrap_changed(struct pbl_editor *e, const struct change *c,
                          const struct para *first, const struct para *last,
                          size_t first_line, struct rewrap *r)
{
    size_t para_start = first->start;
    size_t line_start = first->start + e->lines[first->line + first_line];
    e->ntmp = 0;
    for (size_t i = 0; i < c->nparas; i++) {
        bool in_last = i + 1 == c->nparas;
        size_t para_end = new_para_end(e, c, last, i, para_start);
        if (i > 0)
            line_start = para_start;
        if (push(e, line_start - para_start) < 0)
            return -1;
        for (;;) {
            size_t next = next_break(e, line_start, para_end);
            if (next == NO_BREAK ||
                (in_last && meets_old_line(e, c, last, r, next)))
                break;
            if (push(e, next - para_start) < 0)
                return -1;
            line_start = next;
        }
        r->last_start = para_start;
        para_start = para_end + 1;
    }
    return 0;
}

/* Puts the new line starts of e->tmp in place of the old lines [from,
 * last_para's r->kept_from), and moves the kept old lines of the last
 * paragraph to their place in the last new paragraph. 0, or -1 when
 * memory ran out, and then nothing changed. */
static int splice_lines(struct pbl_editor *e, const struct change *c,
                        const struct para *last_para, size_t from,
                        const struct rewrap *r)
{
    size_t to = last_para->line + r->kept_from, made = e->ntmp;
    size_t nlines = e->nlines - (to - from) + made;
    size_t *lines = util_grow(e->lines, &e->linecap, nlines, sizeof *lines);
    if (!lines)
        return -1;
    e->lines = lines;
    memmove(lines + from + made, lines + to, (e->nlines - to) * sizeof *lines);
    memcpy(lines + from, e->tmp, made * sizeof *lines);
    /* a kept line's start, relative to the last new paragraph: the same
     * distance for all (unsigned arithmetic wraps back into range) */
    size_t kept = last_para->nlines - r->kept_from;
    size_t shift = moved(c, last_para->start) - r->last_start;
    for (size_t j = from + made; j < from + made + kept; j++)
        lines[j] += shift;
    e->nlines = nlines;
    return 0;
}

/* Rewrites the paragraph records after splice_lines(): the new
 * paragraphs, with their line counts (the lines kept before and after the
 * change, and the new ones in e->tmp), and the later ones moved: their
 * lines start `replaced` old lines earlier and e->ntmp new ones later.
 * Cannot fail: edit() reserved the room. */
static void update_paras(struct pbl_editor *e, const struct change *c,
                         const struct para *first_para,
                         const struct para *last_para, size_t first_line,
                         size_t kept_from, size_t replaced)
{
    struct para *paras = e->paras;
    size_t npara = e->npara - (c->last_para - c->first_para + 1) + c->nparas;
    memmove(paras + c->first_para + c->nparas, paras + c->last_para + 1,
            (e->npara - c->last_para - 1) * sizeof *paras);
    size_t made = 0, line = first_para->line, start = first_para->start;
    for (size_t i = 0; i < c->nparas; i++) {
        size_t end = new_para_end(e, c, last_para, i, start);
        size_t count = 1;
        while (made + count < e->ntmp && e->tmp[made + count] != 0)
            count++;
        made += count;
        if (i == 0)
            count += first_line;
        if (i + 1 == c->nparas)
            count += last_para->nlines - kept_from;
        paras[c->first_para + i] =
            (struct para){start, end - start, line, count};
        line += count;
        start = end + 1;
    }
    size_t line_shift = e->ntmp - replaced; /* wraps back into range */
    for (size_t i = c->first_para + c->nparas; i < npara; i++) {
        paras[i].start = moved(c, paras[i].start);
        paras[i].line += line_shift;
    }
    e->npara = npara;
}

/* Brings the layout up to date after the text changed as c says. The
 * paragraph array must have room for the new paragraphs. Returns 0, or
 * -1 when memory ran out, and then the layout has not changed. */
static int relayout(struct pbl_editor *e, const struct change *c)
{
    const struct para first = e->paras[c->first_para];
    const struct para last = e->paras[c->last_para];
    size_t first_line = first_changed_line(e, &first, c->from);
    struct rewrap r = {first_line_after(e, &last, c->to), last.nlines, 0};
    if (rewrap_changed(e, c, &first, &last, first_line, &r) < 0)
        return -1;
    size_t from = first.line + first_line;
    size_t replaced = last.line + r.kept_from - from;
    if (splice_lines(e, c, &last, from, &r) < 0)
        return -1;
    update_paras(e, c, &first, &last, first_line, r.kept_from, replaced);
    return 0;
}

/* Replaces the bytes [x, y) of the text by s[0..n) cleaned up, and puts
 * the cursor after them. Returns 0, or -1 when memory ran out, and then
 * nothing has changed. */
static int edit(struct pbl_editor *e, size_t x, size_t y, const char *s,
                size_t n)
{
    size_t nl = 0, m = 0, del = y - x;
    if (n > (SIZE_MAX - e->len - 2) / 4)
        return -1;
    if (n > 0)
        m = clean(s, n, NULL, &nl);
    if (m == 0 && del == 0)
        return 0;
    size_t pa = para_at(e, x), pb = para_at(e, y);
    size_t newlen = e->len - del + m, oldlen = e->len;
    size_t npara = e->npara - (pb - pa + 1) + nl + 1;
    char *b = util_grow(e->buf, &e->cap, newlen + 1, 1);
    if (!b)
        return -1;
    e->buf = b;
    char *sv = util_grow(e->saved, &e->savedcap, del, 1);
    if (!sv)
        return -1;
    e->saved = sv;
    struct para *pp = util_grow(e->paras, &e->paracap, npara, sizeof *pp);
    if (!pp)
        return -1;
    e->paras = pp;

    memcpy(e->saved, e->buf + x, del);
    memmove(e->buf + x + m, e->buf + y, e->len - y + 1);
    if (m > 0)
        clean(s, n, e->buf + x, &nl);
    e->len = newlen;
    struct change c = {x, y, m, nl + 1, pa, pb, m - (y - x)};
    if (relayout(e, &c) < 0) {
        memmove(e->buf + y, e->buf + x + m, newlen - (x + m) + 1);
        memcpy(e->buf + x, e->saved, del);
        e->len = oldlen;
        return -1;
    }
    e->cur = snap_forward(e, x + m);
    e->goal = -1;
    e->gen++;
    return 0;
}

/* ---- making and freeing ---- */

static struct pbl_editor *create(int width, int page)
{
    struct pbl_editor *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    e->cap = 64, e->paracap = 4, e->linecap = 16, e->tmpcap = 64;
    e->savedcap = 16;
    e->buf = malloc(e->cap);
    e->paras = malloc(e->paracap * sizeof *e->paras);
    e->lines = malloc(e->linecap * sizeof *e->lines);
    e->tmp = malloc(e->tmpcap * sizeof *e->tmp);
    e->saved = malloc(e->savedcap);
    if (!e->buf || !e->paras || !e->lines || !e->tmp || !e->saved) {
        editor_free(e);
        return NULL;
    }
    e->buf[0] = '\0';
    e->paras[0] = (struct para){0, 0, 0, 1};
    e->npara = 1;
    e->lines[0] = 0;
    e->nlines = 1;
    e->width = width;
    e->page = page;
    e->goal = -1;
    return e;
}

struct pbl_editor *editor_new(const char *text, size_t len)
{
    struct pbl_editor *e = create(80, 10);
    if (e && len > 0 && edit(e, 0, 0, text, len) < 0) {
        editor_free(e);
        return NULL;
    }
    if (e)
        e->gen = 0;
    return e;
}

void editor_free(struct pbl_editor *e)
{
    if (!e)
        return;
    free(e->buf);
    free(e->paras);
    free(e->lines);
    free(e->tmp);
    free(e->saved);
    free(e);
}

const char *editor_text(const struct pbl_editor *e, size_t *len)
{
    if (len)
        *len = e->len;
    return e->buf;
}

int editor_set_text(struct pbl_editor *e, const char *text, size_t len)
{
    struct pbl_editor *t = create(e->width, e->page);
    if (!t || (len > 0 && edit(t, 0, 0, text, len) < 0)) {
        editor_free(t);
        return -1;
    }
    int changed = t->len != e->len || memcmp(t->buf, e->buf, e->len) != 0;
    unsigned long gen = e->gen + (changed ? 1 : 0);
    size_t work = e->work + t->work;
    struct pbl_editor old = *e;
    *e = *t;
    *t = old;
    editor_free(t);
    e->gen = gen;
    e->work = work;
    e->cur = e->len;
    e->goal = -1;
    return 0;
}

/* ---- editing ---- */

size_t editor_cursor(const struct pbl_editor *e)
{
    return e->cur;
}

void editor_set_cursor(struct pbl_editor *e, size_t off)
{
    if (off > e->len)
        off = e->len;
    while (off > 0 && ((unsigned char)e->buf[off] & 0xC0) == 0x80)
        off--;
    e->cur = char_start(e, off);
    e->goal = -1;
}

int editor_insert(struct pbl_editor *e, const char *s, size_t n)
{
    uintptr_t a = (uintptr_t)s, lo = (uintptr_t)e->buf;
    if (n > 0 && a < lo + e->cap && a + n > lo) { /* s is our own text */
        char *copy = malloc(n);
        if (!copy)
            return -1;
        memcpy(copy, s, n);
        int rc = edit(e, e->cur, e->cur, copy, n);
        free(copy);
        return rc;
    }
    return edit(e, e->cur, e->cur, s, n);
}

void editor_backspace(struct pbl_editor *e)
{
    if (e->cur > 0)
        edit(e, prev_char(e, e->cur), e->cur, NULL, 0);
}

void editor_delete(struct pbl_editor *e)
{
    if (e->cur < e->len)
        edit(e, e->cur, next_char(e, e->cur), NULL, 0);
}

/* ---- rows and columns ---- */

/* Display line row: its byte range [*start, *end) and whether a soft break
 * ends it (the next line continues the paragraph). */
static int line_bounds(const struct pbl_editor *e, size_t row, size_t *start,
                       size_t *end)
{
    const struct para *p = &e->paras[para_of_line(e, row)];
    size_t j = row - p->line;
    int soft = j + 1 < p->nlines;
    *start = p->start + e->lines[p->line + j];
    *end = p->start + (soft ? e->lines[p->line + j + 1] : p->len);
    return soft;
}

/* The display row of offset pos and the start of that row. */
static size_t row_of(const struct pbl_editor *e, size_t pos, size_t *start)
{
    const struct para *p = &e->paras[para_at(e, pos)];
    size_t j = line_in_para(e, p, pos - p->start);
    *start = p->start + e->lines[p->line + j];
    return p->line + j;
}

/* The offset in display row `row` nearest column goal without passing it;
 * not the end of a row that a soft break ends, which is shown on the next
 * row. */
static size_t pos_at_col(const struct pbl_editor *e, size_t row, int goal)
{
    size_t start, end;
    int soft = line_bounds(e, row, &start, &end);
    size_t pos = snap_forward(e, start);
    int w = 0;
    while (pos < end) {
        size_t nc = next_char(e, pos);
        if (soft && nc >= end)
            break;
        int cw = cols(e->buf + pos, nc - pos);
        if (w + cw > goal)
            break;
        w += cw;
        pos = nc;
    }
    return pos;
}

size_t editor_nlines(const struct pbl_editor *e)
{
    return e->nlines;
}

struct text_line editor_line(const struct pbl_editor *e, size_t i)
{
    if (i >= e->nlines)
        return (struct text_line){e->len, 0};
    size_t start, end;
    line_bounds(e, i, &start, &end);
    /* Leave out the spaces past the width. A character takes no more
     * columns than bytes, so a line of at most `width` bytes fits. */
    if (end - start <= (size_t)e->width || e->buf[end - 1] != ' ')
        return (struct text_line){start, end - start};
    size_t text_end = end;
    while (text_end > start && e->buf[text_end - 1] == ' ')
        text_end--;
    int w = cols(e->buf + start, text_end - start);
    size_t spaces = end - text_end;
    if (w >= e->width)
        spaces = 0;
    else if (spaces > (size_t)(e->width - w))
        spaces = (size_t)(e->width - w);
    return (struct text_line){start, text_end + spaces - start};
}

/* The cursor's row and its column, not limited to the width. */
static size_t cursor_rowcol(const struct pbl_editor *e, int *col)
{
    size_t start, row = row_of(e, e->cur, &start);
    *col = cols(e->buf + start, e->cur - start);
    return row;
}

void editor_cursor_rowcol(const struct pbl_editor *e, size_t *row, int *col)
{
    int c;
    *row = cursor_rowcol(e, &c);
    *col = c < e->width ? c : e->width;
}

/* ---- moving ---- */

/* Moves the cursor drow display rows, keeping the goal column; past the
 * first or last row means the start or end of the text. */
static void move_rows(struct pbl_editor *e, long drow)
{
    int col;
    size_t row = cursor_rowcol(e, &col);
    int goal = e->goal >= 0 ? e->goal : col;
    e->goal = -1;
    if (drow < 0 && row == 0) {
        e->cur = 0;
        return;
    }
    if (drow > 0 && row + 1 >= e->nlines) {
        e->cur = e->len;
        return;
    }
    size_t target, up = (size_t)(drow < 0 ? -drow : 0), down = (size_t)drow;
    if (drow < 0)
        target = up > row ? 0 : row - up;
    else
        target = down >= e->nlines - row ? e->nlines - 1 : row + down;
    e->cur = pos_at_col(e, target, goal);
    e->goal = goal;
}

void editor_move(struct pbl_editor *e, enum editor_move m)
{
    size_t pos = e->cur, start;
    switch (m) {
    case ED_UP:
        move_rows(e, -1);
        return;
    case ED_DOWN:
        move_rows(e, 1);
        return;
    case ED_PAGE_UP:
        move_rows(e, -(long)e->page);
        return;
    case ED_PAGE_DOWN:
        move_rows(e, e->page);
        return;
    default:
        break;
    }
    e->goal = -1;
    switch (m) {
    case ED_LEFT:
        if (pos > 0)
            e->cur = prev_char(e, pos);
        break;
    case ED_RIGHT:
        if (pos < e->len)
            e->cur = next_char(e, pos);
        break;
    case ED_HOME:
        row_of(e, pos, &start);
        e->cur = snap_forward(e, start);
        break;
    case ED_END:
        e->cur = pos_at_col(e, row_of(e, pos, &start), INT_MAX);
        break;
    case ED_WORD_LEFT:
        while (pos > 0 && !word_at(e, prev_char(e, pos)))
            pos = prev_char(e, pos);
        while (pos > 0 && word_at(e, prev_char(e, pos)))
            pos = prev_char(e, pos);
        e->cur = pos;
        break;
    case ED_WORD_RIGHT:
        while (pos < e->len && !word_at(e, pos))
            pos = next_char(e, pos);
        while (pos < e->len && word_at(e, pos))
            pos = next_char(e, pos);
        e->cur = pos;
        break;
    case ED_TEXT_START:
        e->cur = 0;
        break;
    case ED_TEXT_END:
        e->cur = e->len;
        break;
    default:
        break;
    }
}

int editor_set_width(struct pbl_editor *e, int width)
{
    if (width < 1)
        width = 1;
    if (width > MAX_WIDTH)
        width = MAX_WIDTH;
    if (width == e->width)
        return 0;
    struct pbl_editor *t = create(width, e->page);
    if (!t || (e->len > 0 && edit(t, 0, 0, e->buf, e->len) < 0)) {
        editor_free(t);
        return -1;
    }
    struct para *pp = e->paras;
    size_t *ll = e->lines;
    e->paras = t->paras, e->npara = t->npara, t->paras = pp;
    e->lines = t->lines, e->nlines = t->nlines, t->lines = ll;
    size_t c = e->paracap;
    e->paracap = t->paracap, t->paracap = c;
    c = e->linecap;
    e->linecap = t->linecap, t->linecap = c;
    e->work += t->work;
    e->width = width;
    e->goal = -1;
    editor_free(t);
    return 0;
}

void editor_set_page(struct pbl_editor *e, int rows)
{
    e->page = rows < 1 ? 1 : rows;
}

unsigned long editor_generation(const struct pbl_editor *e)
{
    return e->gen;
}

size_t editor_layout_work(const struct pbl_editor *e)
{
    return e->work;
}
