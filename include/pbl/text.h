/* text.h - UTF-8 decoding, display width and word wrapping. Generic.
 *
 * Widths do not depend on the locale: wide (CJK, emoji) characters count
 * two columns, combining marks none, so wrapping is the same in every
 * terminal and in tests. */
#ifndef PBL_TEXT_H
#define PBL_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes the character at s (n bytes available): returns the bytes used
 * (at least 1 when n > 0) and sets *cp, U+FFFD for an invalid sequence. */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Columns one code point takes: 0, 1 or 2. */
int text_cp_width(uint32_t cp);

/* Columns the first n bytes of s take. */
int text_width(const char *s, size_t n);

/* One display line: a byte range of the wrapped text (without the break). */
struct text_line {
    size_t start, len;
};

/* Wraps s (n bytes) to `width` columns: newlines end paragraphs, words move
 * whole to the next line, a word wider than the line is cut, indentation
 * wider than the line is cut to its width. A single final newline adds no
 * empty line; an empty text is one empty line (as an editor shows it).
 * Sets *lines to a malloc'd array; returns the count, or 0 with *lines
 * NULL when memory ran out. */
size_t text_wrap(const char *s, size_t n, int width, struct text_line **lines);

/* Joins the lines of each paragraph of a module text into one, so that a
 * YAML block written with hard line breaks reflows to any width. A line
 * break is kept before a blank line, a list item ("- ", "* ", "1. ") or an
 * indented line. Returns a malloc'd string, or NULL when memory ran out. */
char *text_reflow(const char *s);

/* A copy of s with every letter case-folded (Unicode simple folding:
 * "Équipe" -> "équipe", "ΣΟΦΊΑ" -> "σοφία"), for comparing names and
 * searching without regard to case. Independent of the user's locale
 * (C.UTF-8's tables; only ASCII is folded on a system without that
 * locale). Bytes that are not UTF-8 are kept. Returns a malloc'd string,
 * NULL for NULL or when memory ran out. */
char *text_fold(const char *s);

/* A name as stored: spaces (tabs, newlines, no-break and other Unicode
 * spaces) trimmed at both ends and each run inside it made one space
 * (" Ana   Rivera " -> "Ana Rivera"). "" when nothing is left. Returns a
 * malloc'd string, NULL for NULL or when memory ran out. */
char *text_name(const char *s);

/* The key two names are compared by: text_fold(text_name(s)). "Ana
 * Rivera", " ana  rivera" and "ANA RIVERA" have the same key. */
char *text_name_key(const char *s);

/* Whether text_fold(hay) contains `needle`, which the caller folded
 * already. An empty needle is in everything; NULL hay contains nothing. */
bool text_contains_folded(const char *hay, const char *needle);

#endif
