/* qr.h - a QR code as lines of text, two module rows per line.
 *
 * Drawn with Unicode half blocks so a phone can scan it off a projected
 * terminal. Generic: knows nothing of modules or curses. */
#ifndef PBL_QR_H
#define PBL_QR_H

#include <stddef.h>

struct pbl_qr {
    char **lines; /* UTF-8, each `cols` columns wide */
    size_t nlines;
    int cols;
};

/* Encodes `text` (with a two-module quiet zone). With `light_on_dark`
 * the light modules are drawn as blocks (for dark terminal backgrounds),
 * else the dark modules are. Returns 0, or -1 when the text cannot be
 * encoded or memory ran out. */
int qr_render(const char *text, int light_on_dark, struct pbl_qr *out);
/* The same with each module `scale` characters wide and `scale` half
 * rows tall (scale >= 1), for a projected screen read from afar. */
int qr_render_scaled(const char *text, int light_on_dark, int scale,
                     struct pbl_qr *out);
void qr_free(struct pbl_qr *q);

#endif
