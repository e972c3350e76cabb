/* fuzz_editor.c - the answer editor under random operations: insert (any
 * bytes, newlines, wide characters, combining marks), backspace, delete,
 * every cursor move, set_cursor, set_text, set_width, set_page.
 *
 * The input is a program: each byte picks an operation, and the bytes
 * after it are its operands. After every operation these must hold:
 *  - the text is valid UTF-8 without control characters but '\n';
 *  - the cursor is inside the text, on a character boundary (never
 *    between a character and its combining marks), and its row and column
 *    are on the layout;
 *  - the generation counter moved exactly when the text changed;
 *  - the incremental layout is the layout of the same text made from
 *    scratch, and the same as text_wrap() (editor.h promises it), with no
 *    display line wider than the width (but a lone wide character at a
 *    width of 1). */
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "pbl/editor.h"
#include "pbl/text.h"
#include "pbl/yaml_tree.h"

static const char *const odd[] = {
    "患",           "😀",  "e\xCC\x81", "\xCC\x81",
    "\xE2\x80\x8D", "\t", "\r\n",      "\xC2\x85"};

struct input {
    const uint8_t *p;
    size_t n;
};

static unsigned next(struct input *in)
{
    if (in->n == 0)
        return 0;
    in->n--;
    return *in->p++;
}

static int is_extend(uint32_t cp)
{
    return cp >= 0x300 && text_cp_width(cp) == 0;
}

/* The display line i with the blanks at its end left out. */
static struct text_line trimmed(const char *s, struct text_line l)
{
    while (l.len > 0 && s[l.start + l.len - 1] == ' ')
        l.len--;
    return l;
}

/* CHECK(), showing the text, the width and the cursor first. */
#define ECHECK(cond, ...)                                                      \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fuzz_show("text", s, len);                                         \
            fprintf(stderr, "width %d, cursor %zu\n", width,                   \
                    editor_cursor(e));                                         \
        }                                                                      \
        CHECK(cond, __VA_ARGS__);                                              \
    } while (0)

static void check(struct pbl_editor *e, const char *before, size_t blen,
                  unsigned long gen_before, int width)
{
    size_t len;
    const char *s = editor_text(e, &len);
    ECHECK(strlen(s) == len, "text holds a NUL at %zu of %zu", strlen(s), len);
    ECHECK(utf8_invalid_offset(s, len) < 0, "invalid UTF-8 at byte %ld",
           utf8_invalid_offset(s, len));
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, len - i, &cp);
        ECHECK(cp == '\n' ||
                   (cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp < 0xA0)),
               "control character U+%04X at %zu", (unsigned)cp, i);
        i += k;
    }

    size_t cur = editor_cursor(e);
    ECHECK(cur <= len, "cursor %zu past %zu", cur, len);
    ECHECK(cur == len || ((unsigned char)s[cur] & 0xC0) != 0x80,
           "cursor %zu inside a code point", cur);
    if (cur > 0 && cur < len && s[cur - 1] != '\n') {
        uint32_t cp;
        utf8_decode(s + cur, len - cur, &cp);
        ECHECK(!is_extend(cp), "cursor %zu before a combining mark U+%04X", cur,
               (unsigned)cp);
    }

    bool changed = blen != len || memcmp(before, s, len) != 0;
    ECHECK(changed == (editor_generation(e) != gen_before),
           "text %s, generation %lu -> %lu", changed ? "changed" : "same",
           gen_before, editor_generation(e));

    size_t nl = editor_nlines(e), row;
    int col;
    ECHECK(nl >= 1, "no display line");
    editor_cursor_rowcol(e, &row, &col);
    ECHECK(row < nl && col >= 0 && col <= width, "cursor at %zu:%d of %zu x %d",
           row, col, nl, width);

    /* the same text laid out from scratch */
    struct pbl_editor *f = editor_new(s, len);
    if (!f || editor_set_width(f, width) < 0) {
        editor_free(f);
        return;
    }
    size_t flen;
    editor_text(f, &flen);
    ECHECK(flen == len, "a fresh editor cleaned the text again: %zu -> %zu",
           len, flen);
    ECHECK(editor_nlines(f) == nl, "%zu display lines, %zu from scratch", nl,
           editor_nlines(f));
    for (size_t i = 0; i < nl; i++) {
        struct text_line a = editor_line(e, i), b = editor_line(f, i);
        ECHECK(a.start == b.start && a.len == b.len,
               "line %zu is [%zu,+%zu), from scratch [%zu,+%zu)", i, a.start,
               a.len, b.start, b.len);
        ECHECK(a.start <= len && a.len <= len - a.start,
               "line %zu outside the text", i);
        int lw = text_width(s + a.start, a.len);
        if (lw > width) {
            uint32_t cp;
            ECHECK(width == 1 && utf8_decode(s + a.start, a.len, &cp) == a.len,
                   "line %zu is %d columns at width %d", i, lw, width);
        }
    }
    editor_free(f);

    /* and as text_wrap() wraps it */
    struct text_line *w = NULL;
    size_t nw = text_wrap(s, len, width, &w);
    if (!w)
        return; /* out of memory */
    /* the editor has one more (empty) line after a final '\n' */
    size_t extra = len > 0 && s[len - 1] == '\n';
    ECHECK(nw + extra == nl, "text_wrap %zu lines, editor %zu", nw, nl);
    for (size_t i = 0; i < nw; i++) {
        struct text_line a = trimmed(s, editor_line(e, i)),
                         b = trimmed(s, w[i]);
        ECHECK(a.start == b.start && a.len == b.len,
               "line %zu is [%zu,+%zu), text_wrap [%zu,+%zu)", i, a.start,
               a.len, b.start, b.len);
    }
    free(w);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct input in = {data, size};
    struct pbl_editor *e = editor_new(NULL, 0);
    if (!e)
        return 0;
    int width = 80;
    char *before = NULL;
    for (int ops = 0; in.n > 0 && ops < 200; ops++) {
        size_t blen;
        const char *t = editor_text(e, &blen);
        free(before);
        before = malloc(blen + 1);
        if (!before)
            break;
        memcpy(before, t, blen + 1);
        unsigned long gen = editor_generation(e);
        unsigned op = next(&in) % 16;
        char buf[64];
        size_t k;
        switch (op) {
        case 0: /* raw bytes, 1 to 16 of them */
        case 1:
        case 2:
        case 3:
            k = next(&in) % 16 + 1;
            for (size_t i = 0; i < k; i++)
                buf[i] = (char)next(&in);
            editor_insert(e, buf, k);
            break;
        case 4: /* words and blanks */
            editor_insert(e, "word ", 5);
            editor_insert(e, "a bb ccc", next(&in) % 9);
            break;
        case 5:
            editor_insert(e, "\n", 1);
            break;
        case 6: /* wide, emoji, combining, joiner, tab, CR LF, C1 */
            k = next(&in) % 8;
            editor_insert(e, odd[k], strlen(odd[k]));
            break;
        case 7:
        case 8:
            editor_backspace(e);
            break;
        case 9:
            editor_delete(e);
            break;
        case 10:
        case 11:
            editor_move(e, (enum editor_move)(next(&in) % 12));
            break;
        case 12:
            k = next(&in);
            k = k << 8 | next(&in);
            editor_set_cursor(e, k);
            break;
        case 13:
            width = (int)(next(&in) % 100) - 3;
            editor_set_width(e, width);
            if (width < 1)
                width = 1;
            break;
        case 14:
            k = next(&in) % 24;
            for (size_t i = 0; i < k; i++)
                buf[i] = (char)next(&in);
            editor_set_text(e, buf, k);
            break;
        case 15:
            editor_set_page(e, (int)(next(&in) % 30) - 2);
            break;
        }
        check(e, before, blen, gen, width);
    }
    free(before);
    editor_free(e);
    return 0;
}
