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

/* s made safe for the screen into buf (see text_safe_step: controls and
 * invalid UTF-8 as U+FFFD, bidi controls dropped, line breaks as
 * spaces), as much as fits in `cap` bytes; returns the bytes used. */
static size_t to_safe(const char *s, size_t n, char *buf, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        const char *bytes;
        size_t len;
        text_safe_step(s, n, &i, 0, &bytes, &len);
        if (o + len >= cap)
            break;
        memcpy(buf + o, bytes, len);
        o += len;
    }
    buf[o] = '\0';
    return o;
}

void draw_span(struct tui *t, int y, int x, int width, enum elem e,
               const char *s, size_t n)
{
    if (y < 0 || y >= t->rows || width <= 0)
        return;
    char safe[2048], buf[1024];
    n = to_safe(s, n, safe, sizeof safe);
    s = safe;
    if (t->ascii) { /* a terminal that is not UTF-8: never send it UTF-8 */
        n = to_ascii(s, n < sizeof buf / 4 ? n : sizeof buf / 4, buf,
                     sizeof buf);
        s = buf;
    }
    attrset(theme_attr(t, e));
    mvaddnstr(y, x, s, (int)text_cut(s, n, width));
    attrset(theme_attr(t, E_NORMAL));
}

#define put draw_span

/* Draws s in `width` columns from (y, x). Text that does not fit ends in
 * an ellipsis ("…", or "..." on a terminal that is not UTF-8) after its
 * last whole character, so no word is ever cut silently at an edge. */
void draw_text(struct tui *t, int y, int x, int width, enum elem e,
               const char *s)
{
    if (!s)
        s = STORE_MISSING; /* a damaged record */
    size_t n = strlen(s);
    char buf[1024];
    if (t->ascii) { /* measure what will be drawn */
        n = to_ascii(s, n < sizeof buf / 4 ? n : sizeof buf / 4, buf,
                     sizeof buf);
        s = buf;
    }
    if (width <= 0 || text_width(s, n) <= width) {
        put(t, y, x, width, e, s, n);
        return;
    }
    const char *ell = t->ascii ? "..." : "\u2026";
    int ew = t->ascii ? 3 : 1;
    size_t keep = width > ew ? text_cut(s, n, width - ew) : 0;
    while (keep > 0 && (s[keep - 1] == ' ' || s[keep - 1] == '\t'))
        keep--; /* "1 gave…", not "1 gave …" */
    put(t, y, x, width, e, s, keep);
    int at = text_width(s, keep);
    put(t, y, x + at, width - at, e, ell, strlen(ell));
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

int draw_message(struct tui *t, int bottom, int x, int width, enum elem e,
                 bool fill)
{
    struct text_line *lines = NULL;
    size_t n = text_wrap(t->msg, strlen(t->msg), width, &lines);
    size_t most = (size_t)(t->rows > 3 ? t->rows / 2 : 1), skip = 0;
    if (n > most) /* at most half the screen: the end (the reason) stays */
        skip = n - most;
    for (size_t i = skip; i < n; i++) {
        int y = bottom - (int)(n - 1 - i);
        if (fill)
            draw_fill(t, y, e);
        put(t, y, x, width, e, t->msg + lines[i].start, lines[i].len);
    }
    free(lines);
    return (int)(n - skip);
}

/* The bottom line: where the session stands on the left, the clocks on
 * the right (in `right_elem`, which turns red when over time). A message
 * (t->msg) given as `left` wraps upwards over as many lines as it needs:
 * it is never cut. */
void draw_status(struct tui *t, const char *left, const char *right,
                 enum elem right_elem)
{
    int y = t->rows - 1;
    draw_fill(t, y, E_STATUS);
    int rw = right ? text_width(right, strlen(right)) : 0;
    if (left == t->msg && left[0])
        draw_message(t, y, 1, t->cols - rw - 3, E_STATUS, true);
    else
        draw_text(t, y, 1, t->cols - rw - 3, E_STATUS, left);
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
    size_t len = strlen(in->buf);
    size_t cur = in->back < len ? len - in->back : 0;
    /* scrolled so that the cursor shows: the end of a long value */
    size_t start = 0;
    while (start < cur && text_width(in->buf + start, cur - start) > width - 1)
        start++;
    while (start < len && ((unsigned char)in->buf[start] & 0xC0) == 0x80)
        start++;
    put(t, y, x, width - 1, focused ? E_INPUT : E_NORMAL, in->buf + start,
        len - start);
    if (focused)
        tui_cursor(
            t, y,
            x + text_width(in->buf + start, cur > start ? cur - start : 0));
}

void input_set(struct line_input *in, const char *text)
{
    snprintf(in->buf, sizeof in->buf, "%s", text ? text : "");
    in->len = strlen(in->buf);
    in->back = 0;
}

/* Bytes of the character that ends at byte `at` of s / starts there. */
static size_t char_before(const char *s, size_t at)
{
    size_t i = at;
    while (i > 0 && ((unsigned char)s[--i] & 0xC0) == 0x80)
        ;
    return at - i;
}
static size_t char_after(const char *s, size_t at, size_t len)
{
    size_t i = at;
    if (i < len)
        i++;
    while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
        i++;
    return i - at;
}

/* Edits a one-line input at its cursor: printable characters (see
 * text_cp_typable) are inserted; the W_TEXT keys of the action table
 * (Backspace and Delete remove the character before and after; Left,
 * Right, Home and End, C-a, C-e move; C-u clears, as in a shell) edit.
 * Returns true when the key was used. */
bool input_key(struct line_input *in, int key)
{
    if (in->back > in->len)
        in->back = in->len;
    size_t cur = in->len - in->back, del = 0;
    switch (key_types_text(key) ? A_NONE : key_action(key, W_TEXT)) {
    case A_CLEAR:
        input_set(in, NULL);
        return true;
    case A_CHAR_LEFT:
        in->back += char_before(in->buf, cur);
        return true;
    case A_CHAR_RIGHT:
        in->back -= char_after(in->buf, cur, in->len);
        return true;
    case A_LINE_START:
        in->back = in->len;
        return true;
    case A_LINE_END:
        in->back = 0;
        return true;
    case A_DELETE_BACK:
        del = char_before(in->buf, cur);
        cur -= del;
        memmove(in->buf + cur, in->buf + cur + del, in->len - cur - del + 1);
        in->len -= del;
        return true;
    case A_DELETE_FORWARD:
        del = char_after(in->buf, cur, in->len);
        memmove(in->buf + cur, in->buf + cur + del, in->len - cur - del + 1);
        in->len -= del;
        in->back -= del;
        return true;
    default:
        break;
    }
    /* a control character, a bidi control or a surrogate is never taken
     * (a pasted escape sequence arrives as its characters) */
    if (key < 0 || (key & TK_FLAG) || !text_cp_typable((uint32_t)key))
        return false;
    char enc[4];
    size_t n = text_utf8_encode((uint32_t)key, enc);
    if (in->len + n >= sizeof in->buf)
        return true; /* full: the key is swallowed, not misread */
    memmove(in->buf + cur + n, in->buf + cur, in->len - cur + 1);
    memcpy(in->buf + cur, enc, n);
    in->len += n;
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

/* One row per key of the current screen, from the action table. */
static void fill_help(struct panel *p, void *arg)
{
    unsigned where = *(const unsigned *)arg;
    int keyw = 14;
    for (int a = 1; a < A_COUNT; a++, p->row++) {
        const struct action_info *ai = action_info((enum action)a);
        if (!action_applies((enum action)a, where)) {
            p->row--;
            continue;
        }
        int y = p->y + p->row - p->top;
        if (!p->draw || p->row < p->top || y >= p->y + p->h)
            continue;
        draw_text(p->t, y, p->x, keyw, E_HEADING, ai->keys);
        draw_text(p->t, y, p->x + keyw + 1, p->w - keyw - 2, E_NORMAL,
                  ai->help);
    }
}

/* Every key of the current screen, from the action table; scrolled with
 * j/k when they do not fit. */
void draw_help(struct tui *t)
{
    unsigned where = tui_where(t);
    int y, x, h, w;
    overlay_page(t, "Keys on this screen (q or Esc closes)", &y, &x, &h, &w);
    draw_panel(t, y, x, w, h, &t->overlay_scroll, fill_help, &where);
}

/* The five skills with their definitions, from skills.yaml. */
static void fill_glossary(struct panel *p, void *arg)
{
    struct tui *t = arg;
    for (int k = 0; k < SKILL_COUNT; k++) {
        const struct pbl_skill_info *si =
            t->lib.have_vocab ? &t->lib.vocab.skill[k] : NULL;
        char head[64];
        snprintf(head, sizeof head, "%d  %s", k + 1,
                 si && si->name ? si->name : skill_name((enum pbl_skill)k));
        panel_add(p, 0, E_HEADING, head);
        if (si && si->definition)
            panel_add(p, 3, E_NORMAL, si->definition);
        if (si && si->looks_like)
            panel_add(p, 3, E_DIM, si->looks_like);
    }
    if (!t->lib.have_vocab) {
        p->row++;
        panel_add(p, 0, E_DIM, "(no skills.yaml found on the module path)");
    }
}

void draw_glossary(struct tui *t)
{
    int y, x, h, w;
    overlay_page(t, "The five skills (q or Esc closes)", &y, &x, &h, &w);
    draw_panel(t, y, x, w, h, &t->overlay_scroll, fill_glossary, t);
}
