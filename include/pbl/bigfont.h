/* bigfont.h - a built-in block-letter font for the projector theme.
 *
 * Each character is 3x5 pixels drawn with Unicode half blocks, so a line
 * of text becomes three rows of four columns per character: readable from
 * the back of a room without a terminal that scales its font. Generic. */
#ifndef PBL_BIGFONT_H
#define PBL_BIGFONT_H

#include <stddef.h>

#define BIGFONT_ROWS 3
#define BIGFONT_CELL 4 /* columns per character, spacing included */

/* Whether every character of s (UTF-8) has a glyph (letters, digits,
 * space and common punctuation, curly quotes and dashes included). */
int bigfont_supported(const char *s);

/* Renders the first n bytes of s into three malloc'd UTF-8 rows. Returns
 * the width in columns, or -1 when a character has no glyph or memory ran
 * out (rows are then all NULL). Free each row. */
int bigfont_render(const char *s, size_t n, char *rows[BIGFONT_ROWS]);

#endif
