/* bigfont.c - a 3x5 block-letter font drawn with half blocks. */
#include "pbl/bigfont.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/text.h"

/* Five rows of three pixels per glyph, most significant bit on the left,
 * rows packed top first: 0b010'101'111'101'101 is "A". */
#define G(a, b, c, d, e) ((a) << 12 | (b) << 9 | (c) << 6 | (d) << 3 | (e))

static const struct {
    uint32_t cp;
    uint16_t bits;
} glyphs[] = {
    {' ', 0},
    {'!', G(2, 2, 2, 0, 2)},
    {'"', G(5, 5, 0, 0, 0)},
    {'\'', G(2, 2, 0, 0, 0)},
    {'(', G(1, 2, 2, 2, 1)},
    {')', G(4, 2, 2, 2, 4)},
    {',', G(0, 0, 0, 2, 4)},
    {'-', G(0, 0, 7, 0, 0)},
    {'.', G(0, 0, 0, 0, 2)},
    {'/', G(1, 1, 2, 4, 4)},
    {'0', G(7, 5, 5, 5, 7)},
    {'1', G(2, 6, 2, 2, 7)},
    {'2', G(6, 1, 2, 4, 7)},
    {'3', G(6, 1, 2, 1, 6)},
    {'4', G(5, 5, 7, 1, 1)},
    {'5', G(7, 4, 6, 1, 6)},
    {'6', G(3, 4, 7, 5, 7)},
    {'7', G(7, 1, 2, 2, 2)},
    {'8', G(7, 5, 7, 5, 7)},
    {'9', G(7, 5, 7, 1, 6)},
    {':', G(0, 2, 0, 2, 0)},
    {'?', G(6, 1, 2, 0, 2)},
    {'A', G(2, 5, 7, 5, 5)},
    {'B', G(6, 5, 6, 5, 6)},
    {'C', G(3, 4, 4, 4, 3)},
    {'D', G(6, 5, 5, 5, 6)},
    {'E', G(7, 4, 6, 4, 7)},
    {'F', G(7, 4, 6, 4, 4)},
    {'G', G(3, 4, 5, 5, 3)},
    {'H', G(5, 5, 7, 5, 5)},
    {'I', G(7, 2, 2, 2, 7)},
    {'J', G(1, 1, 1, 5, 2)},
    {'K', G(5, 5, 6, 5, 5)},
    {'L', G(4, 4, 4, 4, 7)},
    {'M', G(5, 7, 7, 5, 5)},
    {'N', G(6, 5, 5, 5, 5)},
    {'O', G(2, 5, 5, 5, 2)},
    {'P', G(6, 5, 6, 4, 4)},
    {'Q', G(2, 5, 5, 6, 3)},
    {'R', G(6, 5, 6, 5, 5)},
    {'S', G(3, 4, 2, 1, 6)},
    {'T', G(7, 2, 2, 2, 2)},
    {'U', G(5, 5, 5, 5, 7)},
    {'V', G(5, 5, 5, 5, 2)},
    {'W', G(5, 5, 7, 7, 5)},
    {'X', G(5, 5, 2, 5, 5)},
    {'Y', G(5, 5, 2, 2, 2)},
    {'Z', G(7, 1, 2, 4, 7)},
};

/* Typographic characters drawn as their plain look-alikes. */
static uint32_t plain(uint32_t cp)
{
    if (cp >= 'a' && cp <= 'z')
        return cp - 'a' + 'A';
    switch (cp) {
    case 0x2018: /* ‘ */
    case 0x2019: /* ’ */
        return '\'';
    case 0x201C: /* “ */
    case 0x201D: /* ” */
        return '"';
    case 0x2013: /* – */
    case 0x2014: /* — */
        return '-';
    case 0x00B7: /* · */
        return '.';
    default:
        return cp;
    }
}

static int glyph(uint32_t cp)
{
    cp = plain(cp);
    for (size_t i = 0; i < sizeof glyphs / sizeof glyphs[0]; i++)
        if (glyphs[i].cp == cp)
            return glyphs[i].bits;
    return -1;
}

int bigfont_supported(const char *s)
{
    size_t n = strlen(s), i = 0;
    while (i < n) {
        uint32_t cp;
        i += utf8_decode(s + i, n - i, &cp);
        if (glyph(cp) < 0)
            return 0;
    }
    return 1;
}

/* Pixel (x, y) of a glyph; rows past the fifth are blank. */
static int pixel(int bits, int x, int y)
{
    return y < 5 && (bits >> ((4 - y) * 3 + (2 - x)) & 1);
}

int bigfont_render(const char *s, size_t n, char *rows[BIGFONT_ROWS])
{
    static const char *const half[2][2] = {{" ", "▄"}, {"▀", "█"}};
    size_t chars = 0, i = 0;
    for (int r = 0; r < BIGFONT_ROWS; r++)
        rows[r] = NULL;
    while (i < n) {
        uint32_t cp;
        i += utf8_decode(s + i, n - i, &cp);
        if (glyph(cp) < 0)
            return -1;
        chars++;
    }
    for (int r = 0; r < BIGFONT_ROWS; r++) {
        /* each column is at most 3 bytes */
        if (!(rows[r] = malloc(chars * BIGFONT_CELL * 3 + 1))) {
            for (int k = 0; k <= r; k++) {
                free(rows[k]);
                rows[k] = NULL;
            }
            return -1;
        }
        rows[r][0] = '\0';
    }
    char *p[BIGFONT_ROWS] = {rows[0], rows[1], rows[2]};
    for (i = 0; i < n;) {
        uint32_t cp;
        i += utf8_decode(s + i, n - i, &cp);
        int bits = glyph(cp);
        for (int r = 0; r < BIGFONT_ROWS; r++) {
            for (int x = 0; x < 3; x++)
                p[r] = stpcpy(
                    p[r],
                    half[pixel(bits, x, 2 * r)][pixel(bits, x, 2 * r + 1)]);
            p[r] = stpcpy(p[r], " ");
        }
    }
    return (int)chars * BIGFONT_CELL;
}
