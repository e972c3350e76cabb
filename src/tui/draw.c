/* draw.c - drawing helpers shared by the screens: clipped and wrapped
 * UTF-8 text, the status line, one-line inputs, and the help and glossary
 * overlays. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/bigfont.h"
#include "pbl/store.h"
#include "pbl/text.h"
#include "tui.h"

/* Bytes of s that fit in `width` columns. */
static size_t fit_bytes(const char *s, size_t n, int width)
{
    size_t i = 0;
    int w = 0;
    while (i < n) {
        uint32_t cp;
        size_t len = utf8_decode(s + i, n - i, &cp);
        int cw = text_cp_width(cp);
        if (w + cw > width)
            break;
        w += cw;
        i += len;
    }
    return i;
}

/* What a character looks like on a terminal that is not UTF-8: an ASCII
 * look-alike, else '?' per column it would take, so the layout holds. */
static const char *ascii_for(uint32_t cp)
{
    switch (cp) {
    case 0x2018:
    case 0x2019:
        return "'";
    case 0x201C:
    case 0x201D:
        return "\"";
    case 0x2013:
    case 0x2014:
    case 0x2500:
        return "-";
    case 0x00B7:
        return ".";
    case 0x2026:
        return "...";
    case 0x2714:
        return "+";
    case 0x2717:
        return "x";
    case 0x2190:
        return "<";
    case 0x2192:
        return ">";
    case 0x2191:
        return "^";
    case 0x2193:
        return "v";
    case 0x00E9:
    case 0x00E8:
    case 0x00EA:
        return "e";
    default:
        break;
    }
    int w = text_cp_width(cp);
    return w == 0 ? "" : w == 1 ? "?" : "??";
}

/* s with every non-ASCII character replaced (see ascii_for), into buf. */
static size_t to_ascii(const char *s, size_t n, char *buf, size_t cap)
{
    size_t o = 0, i = 0;
    while (i < n && o + 4 < cap) {
        uint32_t cp;
        size_t len = utf8_decode(s + i, n - i, &cp);
        if (cp < 0x80) {
            buf[o++] = (char)cp;
        } else {
            const char *r = ascii_for(cp);
            while (*r && o + 1 < cap)
                buf[o++] = *r++;
        }
        i += len;
    }
    buf[o] = '\0';
    return o;
}

void draw_span(struct tui *t, int y, int x, int width, enum elem e,
               const char *s, size_t n)
{
    if (y < 0 || y >= t->rows || width <= 0)
        return;
    char buf[1024];
    if (t->ascii) { /* a terminal that is not UTF-8: never send it UTF-8 */
        n = to_ascii(s, n < sizeof buf / 4 ? n : sizeof buf / 4, buf,
                     sizeof buf);
        s = buf;
    }
    attrset(theme_attr(t, e));
    mvaddnstr(y, x, s, (int)fit_bytes(s, n, width));
    attrset(theme_attr(t, E_NORMAL));
}

#define put draw_span

void draw_text(struct tui *t, int y, int x, int width, enum elem e,
               const char *s)
{
    if (!s)
        s = STORE_MISSING; /* a damaged record */
    put(t, y, x, width, e, s, strlen(s));
}

int wrapped_rows(const char *text, int width)
{
    char *s = text_reflow(text ? text : STORE_MISSING);
    struct text_line *lines;
    size_t n = s ? text_wrap(s, strlen(s), width, &lines) : 0;
    free(s);
    if (n)
        free(lines);
    return (int)n;
}

int draw_wrapped(struct tui *t, int y, int x, int width, int maxrows, int skip,
                 enum elem e, const char *text)
{
    char *s = text_reflow(text ? text : STORE_MISSING);
    struct text_line *lines = NULL;
    size_t n = s ? text_wrap(s, strlen(s), width, &lines) : 0;
    for (size_t i = (size_t)(skip > 0 ? skip : 0); i < n; i++) {
        int row = (int)i - skip;
        if (row >= maxrows)
            break;
        put(t, y + row, x, width, e, s + lines[i].start, lines[i].len);
    }
    free(lines);
    free(s);
    return (int)n;
}

void draw_fill(struct tui *t, int y, enum elem e)
{
    attrset(theme_attr(t, e));
    mvhline(y, 0, ' ', t->cols);
    attrset(theme_attr(t, E_NORMAL));
}

/* The bottom line: where the session stands on the left, the clocks on
 * the right (in `right_elem`, which turns red when over time). */
void draw_status(struct tui *t, const char *left, const char *right,
                 enum elem right_elem)
{
    int y = t->rows - 1;
    draw_fill(t, y, E_STATUS);
    int rw = right ? text_width(right, strlen(right)) : 0;
    put(t, y, 1, t->cols - rw - 3, E_STATUS, left, strlen(left));
    if (right)
        put(t, y, t->cols - rw - 1, rw, right_elem, right, strlen(right));
}

void draw_title(struct tui *t, int y, const char *title)
{
    int m = theme_margin(t);
    draw_text(t, y, m, t->cols - 2 * m, E_TITLE, title);
}

void draw_input(struct tui *t, int y, int x, int width,
                const struct line_input *in, bool focused)
{
    attrset(theme_attr(t, focused ? E_INPUT : E_DIM));
    mvhline(y, x, ' ', width);
    /* show the end of a long value */
    const char *s = in->buf;
    while (text_width(s, strlen(s)) > width - 1)
        s++;
    while (((unsigned char)*s & 0xC0) == 0x80)
        s++;
    put(t, y, x, width - 1, focused ? E_INPUT : E_NORMAL, s, strlen(s));
    if (focused)
        tui_cursor(t, y, x + text_width(s, strlen(s)));
}

/* Edits a one-line input: printable characters are added, Backspace
 * removes the last character. Returns true when the key was used. */
bool input_key(struct line_input *in, int key)
{
    if (key == 21) { /* C-u: clear, as in a shell */
        in->len = 0;
        in->buf[0] = '\0';
        return true;
    }
    if (key == TK(KEY_BACKSPACE) || key == 127 || key == 8) {
        while (in->len > 0 &&
               ((unsigned char)in->buf[--in->len] & 0xC0) == 0x80)
            ;
        in->buf[in->len] = '\0';
        return true;
    }
    if (key < 32 || key == 127 || (key & TK_FLAG) || key > 0x10FFFF)
        return false;
    char enc[4];
    size_t n;
    uint32_t c = (uint32_t)key;
    if (c < 0x80)
        enc[0] = (char)c, n = 1;
    else if (c < 0x800)
        enc[0] = (char)(0xC0 | c >> 6), enc[1] = (char)(0x80 | (c & 0x3F)),
        n = 2;
    else if (c < 0x10000)
        enc[0] = (char)(0xE0 | c >> 12),
        enc[1] = (char)(0x80 | ((c >> 6) & 0x3F)),
        enc[2] = (char)(0x80 | (c & 0x3F)), n = 3;
    else
        enc[0] = (char)(0xF0 | c >> 18),
        enc[1] = (char)(0x80 | ((c >> 12) & 0x3F)),
        enc[2] = (char)(0x80 | ((c >> 6) & 0x3F)),
        enc[3] = (char)(0x80 | (c & 0x3F)), n = 4;
    if (in->len + n >= sizeof in->buf)
        return true; /* full: the key is swallowed, not misread */
    memcpy(in->buf + in->len, enc, n);
    in->len += n;
    in->buf[in->len] = '\0';
    return true;
}

/* Draws text in the block-letter font, word-wrapped to `width`, in at
 * most `maxrows` rows. Returns the rows used, or 0 (nothing drawn) when it
 * does not fit or has a character the font lacks. */
int draw_big(struct tui *t, int y, int x, int width, int maxrows, enum elem e,
             const char *text)
{
    if (!text || t->ascii || !bigfont_supported(text))
        return 0;
    struct text_line *lines;
    size_t n = text_wrap(text, strlen(text), width / BIGFONT_CELL, &lines);
    if (n == 0 || (int)n * BIGFONT_ROWS > maxrows) {
        free(lines);
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        char *rows[BIGFONT_ROWS];
        if (bigfont_render(text + lines[i].start, lines[i].len, rows) < 0)
            break;
        for (int r = 0; r < BIGFONT_ROWS; r++) {
            draw_text(t, y + (int)i * BIGFONT_ROWS + r, x, width, e, rows[r]);
            free(rows[r]);
        }
    }
    free(lines);
    return (int)n * BIGFONT_ROWS;
}

/* A heading: in the block-letter font when the theme asks for it and it
 * fits, else as plain wrapped text. Returns the rows used. */
int draw_heading(struct tui *t, int y, int x, int width, int maxrows,
                 enum elem e, const char *text)
{
    int rows = theme_big(t) ? draw_big(t, y, x, width, maxrows, e, text) : 0;
    if (rows)
        return rows;
    rows = draw_wrapped(t, y, x, width, maxrows, 0, e, text);
    return rows < maxrows ? rows : maxrows;
}

/* Clears the screen for a full-screen overlay with a title line. */
static void overlay_page(struct tui *t, const char *title, int *y0, int *x0,
                         int *h, int *w)
{
    attrset(theme_attr(t, E_NORMAL));
    erase();
    int m = theme_margin(t);
    draw_text(t, 0, m, t->cols - 2 * m, E_TITLE, title);
    *y0 = 2;
    *x0 = m;
    *h = t->rows - 3;
    *w = t->cols - 2 * m;
}

/* Every key of the current screen, from the action table; in two columns
 * when one does not fit. */
void draw_help(struct tui *t)
{
    unsigned where = tui_where(t);
    int n = 0;
    for (int a = 1; a < A_COUNT; a++)
        n += action_applies((enum action)a, where);
    int y, x, h, w;
    overlay_page(t, "Keys on this screen (any key closes)", &y, &x, &h, &w);
    int cols = n > h && w >= 100 ? 2 : 1, colw = w / cols, row = 0;
    int keyw = 14;
    for (int a = 1; a < A_COUNT; a++) {
        const struct action_info *ai = action_info((enum action)a);
        if (!action_applies((enum action)a, where))
            continue;
        int c = row / h, r = row % h;
        if (c >= cols)
            break;
        draw_text(t, y + r, x + c * colw, keyw, E_HEADING, ai->keys);
        draw_text(t, y + r, x + c * colw + keyw + 1, colw - keyw - 2, E_NORMAL,
                  ai->help);
        row++;
    }
}

void draw_glossary(struct tui *t)
{
    int y, x, h, w;
    overlay_page(t, "The five skills (any key closes)", &y, &x, &h, &w);
    int row = 0;
    for (int k = 0; k < SKILL_COUNT && row < h; k++) {
        const struct pbl_skill_info *si =
            t->lib.have_vocab ? &t->lib.vocab.skill[k] : NULL;
        char head[64];
        snprintf(head, sizeof head, "%d  %s", k + 1,
                 si && si->name ? si->name : skill_name((enum pbl_skill)k));
        draw_text(t, y + row++, x, w, E_HEADING, head);
        if (si && si->definition)
            row += draw_wrapped(t, y + row, x + 3, w - 3, h - row, 0, E_NORMAL,
                                si->definition);
        if (si && si->looks_like)
            row += draw_wrapped(t, y + row, x + 3, w - 3, h - row, 0, E_DIM,
                                si->looks_like);
        row++;
    }
    if (!t->lib.have_vocab && row < h)
        draw_text(t, y + row, x, w, E_DIM,
                  "(no skills.yaml found on the module path)");
}
