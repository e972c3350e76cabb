/* qr.c - a QR code as lines of half-block characters (libqrencode). */
#include "pbl/qr.h"

#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

#define QUIET 2

/* Whether the module at (x, y) is dark; outside the symbol is quiet
 * zone, which is light. */
static int dark(const QRcode *c, int x, int y)
{
    if (x < 0 || y < 0 || x >= c->width || y >= c->width)
        return 0;
    return c->data[y * c->width + x] & 1;
}

int qr_render(const char *text, int light_on_dark, struct pbl_qr *out)
{
    return qr_render_scaled(text, light_on_dark, 1, out);
}

int qr_render_scaled(const char *text, int light_on_dark, int scale,
                     struct pbl_qr *out)
{
    /* The glyph for a (top, bottom) pair of "drawn" modules. */
    static const char *const glyph[2][2] = {{" ", "▄"}, {"▀", "█"}};
    memset(out, 0, sizeof *out);
    if (scale < 1)
        return -1;
    QRcode *c = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!c)
        return -1;
    /* each module is scale x scale cells of half a character each */
    int size = (c->width + 2 * QUIET) * scale;
    out->cols = size;
    out->nlines = (size_t)(size + 1) / 2;
    out->lines = calloc(out->nlines, sizeof *out->lines);
    for (size_t row = 0; out->lines && row < out->nlines; row++) {
        char *p = out->lines[row] = malloc((size_t)size * 3 + 1);
        if (!p)
            break;
        int y = (int)row * 2;
        for (int x = 0; x < size; x++) {
            int mx = x / scale - QUIET;
            int top = dark(c, mx, y / scale - QUIET) ^ light_on_dark;
            int bottom = dark(c, mx, (y + 1) / scale - QUIET) ^ light_on_dark;
            p = stpcpy(p, glyph[top][bottom]);
        }
        *p = '\0';
    }
    QRcode_free(c);
    for (size_t i = 0; out->lines && i < out->nlines; i++)
        if (!out->lines[i]) {
            qr_free(out);
            return -1;
        }
    if (!out->lines)
        return -1;
    return 0;
}

void qr_free(struct pbl_qr *q)
{
    for (size_t i = 0; q->lines && i < q->nlines; i++)
        free(q->lines[i]);
    free(q->lines);
    memset(q, 0, sizeof *q);
}
