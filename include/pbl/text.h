/* text.h - UTF-8 decoding, display width and word wrapping. Generic.
 *
 * Widths do not depend on the locale: wide (CJK, emoji) characters count
 * two columns, combining marks none, so wrapping is the same in every
 * terminal and in tests. */
#ifndef PBL_TEXT_H
#define PBL_TEXT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Decodes the character at s (n bytes available): returns the bytes used
 * (at least 1 when n > 0) and sets *cp, U+FFFD for an invalid sequence. */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Columns one code point takes: 0, 1 or 2. */
int text_cp_width(uint32_t cp);

/* Writes code point c as UTF-8 at out (room for 4 bytes); returns the
 * bytes written. */
size_t text_utf8_encode(uint32_t c, char out[4]);

/* Columns the first n bytes of s take. */
int text_width(const char *s, size_t n);

/* Bytes of the longest start of s (n bytes) that takes at most `cols`
 * columns, in whole characters; combining marks stay with their base. */
size_t text_cut(const char *s, size_t n, int cols);

/* Writes s into out (size bytes) as exactly `cols` display columns: cut
 * with an ellipsis "…" when wider, padded with spaces when narrower, as
 * printf's "%-*.*s" would if it counted columns instead of bytes. The
 * text is first made safe as by text_safe_dup (controls and bad bytes as
 * U+FFFD, bidi controls dropped), so names from records are safe on a
 * terminal.
 * Returns the bytes written (out is always terminated when size > 0). */
size_t text_pad(char *out, size_t size, const char *s, int cols);

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
 * indented line. NULL reads as "". Returns a malloc'd string, or NULL when
 * memory ran out. */
char *text_reflow(const char *s);

/* ---- record text made safe for terminals and files ------------------ */

/* Text from a record (a name, an answer, a comment) may hold anything a
 * database can: an escape sequence, a C1 control, invalid UTF-8, a bidi
 * override that turns the rest of a line around. Every writer to a
 * terminal or a text format shows it through text_safe_step(), the one
 * rule: invalid UTF-8 and every control character (C0 but tab, newline
 * and carriage return; DEL; C1) become U+FFFD, visible and harmless;
 * the bidi embeddings, overrides and isolates (U+202A-202E, U+2066-2069)
 * are dropped; tab, newline and carriage return are kept with
 * TEXT_SAFE_BREAKS and become one space each without it. */
enum { TEXT_SAFE_BREAKS = 1 };

/* Reads the character at s[*i] (s has n bytes, *i < n), advances *i past
 * it, and sets *out and *outlen to the bytes that show it safely (s + *i
 * itself when it is fine; *outlen is 0 when it is dropped). Returns the
 * code point shown, 0 when dropped. */
uint32_t text_safe_step(const char *s, size_t n, size_t *i, unsigned flags,
                        const char **out, size_t *outlen);

/* Writes s[0..n) to `out` made safe (see text_safe_step); NULL writes
 * nothing. */
void text_safe_write(FILE *out, const char *s, size_t n, unsigned flags);

/* A malloc'd string printed from fmt and ap (vsnprintf's), or NULL when
 * memory ran out; ap is used up. */
char *text_vformat(const char *fmt, va_list ap)
    __attribute__((format(printf, 1, 0)));

/* Formats like vfprintf and writes the result made safe (flags 0, so a
 * line break becomes a space): for messages that quote what was typed or
 * read. Writes "out of memory" when the text cannot be formatted. */
void text_safe_vprintf(FILE *out, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/* s made safe, as a malloc'd string; NULL when memory ran out. */
char *text_safe_dup(const char *s, size_t n, unsigned flags);

/* Columns s[0..n) takes once made safe. */
int text_safe_width(const char *s, size_t n, unsigned flags);

/* Writes s made safe (line breaks as spaces), then spaces up to `width`
 * columns: one column of a table. NULL is written as nothing. */
void text_safe_pad(FILE *out, const char *s, int width);

/* Whether one typed or given character may be taken into a one-line
 * field (a name, a comment, a search): not a control character (tab and
 * newline included), not a bidi control, not a surrogate. */
int text_cp_typable(uint32_t cp);

/* Checks a one-line text given on the command line or typed: returns -1
 * when every character is typable (see text_cp_typable), else the byte
 * offset of the first one that is not, with *cp set to it (U+FFFD for
 * invalid UTF-8, *byte then the offending byte). */
long text_find_untypable(const char *s, uint32_t *cp, unsigned char *byte);

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

/* The same with a needle as typed (folded here): the one case-insensitive
 * search ("emp" finds "Empathy", "é" finds "École"). False when memory
 * runs out. */
bool text_contains_any_case(const char *hay, const char *needle);

#endif
