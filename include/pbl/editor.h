/* editor.h - the answer editor: a multi-line UTF-8 text buffer with a
 * cursor and a word-wrapped layout, without any terminal code.
 *
 * The console turns keys into calls here, draws editor_line() for the rows
 * it shows and puts the terminal cursor at editor_cursor_rowcol().
 *
 * The text is always valid UTF-8 and holds no control character but '\n'.
 * The cursor is a byte offset that always sits between two characters; a
 * character here is a code point with the combining marks that follow it,
 * so moving and deleting never split one. Wrapping is the same as
 * text_wrap(): words move whole to the next line, a word wider than the
 * line is cut, and the spaces at a break end the line before it. A
 * keystroke re-wraps only the few display lines around the change. */
#ifndef PBL_EDITOR_H
#define PBL_EDITOR_H

#include <stddef.h>

#include "pbl/text.h"

struct pbl_editor;

/* Cursor movements. UP and DOWN (and the page moves) keep the column the
 * cursor had before the first of them, across shorter lines; UP on the top
 * row goes to the start of the text and DOWN on the last row to its end.
 * HOME and END go to the start and end of the display row. The word moves
 * skip spaces and punctuation, then one word (letters and digits of any
 * script, and '_'). */
enum editor_move {
    ED_LEFT,
    ED_RIGHT,
    ED_UP,
    ED_DOWN,
    ED_HOME,
    ED_END,
    ED_WORD_LEFT,
    ED_WORD_RIGHT,
    ED_TEXT_START,
    ED_TEXT_END,
    ED_PAGE_UP,
    ED_PAGE_DOWN,
};

/* Makes an editor holding len bytes of text (cleaned up as editor_insert
 * does; text may be NULL when len is 0), with the cursor at its end, a
 * width of 80 columns and pages of 10 rows. Returns NULL when memory ran
 * out. */
struct pbl_editor *editor_new(const char *text, size_t len);

/* Frees the editor; NULL is allowed. */
void editor_free(struct pbl_editor *e);

/* The text, NUL-terminated, valid until the next change; sets *len to its
 * length in bytes unless len is NULL. */
const char *editor_text(const struct pbl_editor *e, size_t *len);

/* Replaces the whole text (cleaned up as editor_insert does) and puts the
 * cursor at its end. Returns 0, or -1 when memory ran out, and then nothing
 * has changed. */
int editor_set_text(struct pbl_editor *e, const char *text, size_t len);

/* The cursor as a byte offset into the text. */
size_t editor_cursor(const struct pbl_editor *e);

/* Moves the cursor to byte offset off, or to the start of the character
 * that off falls into; past the end means the end. */
void editor_set_cursor(struct pbl_editor *e, size_t off);

/* Inserts n bytes at the cursor and moves the cursor after them. The bytes
 * are cleaned up first: an invalid UTF-8 byte becomes U+FFFD, "\r\n" and
 * "\r" become "\n", a tab becomes four spaces, and other control
 * characters (C0, DEL, C1) are dropped. One call is O(n + the text after
 * the cursor), so a large paste is best inserted at once. s must not point
 * into the editor's own text. Returns 0, or -1 when memory ran out, and then
 * nothing has changed. */
int editor_insert(struct pbl_editor *e, const char *s, size_t n);

/* Deletes the character before the cursor (a base character together with
 * its combining marks); nothing at the start of the text or when memory ran
 * out. */
void editor_backspace(struct pbl_editor *e);

/* Deletes the character after the cursor; nothing at the end of the text or
 * when memory ran out. */
void editor_delete(struct pbl_editor *e);

/* Moves the cursor; see enum editor_move. */
void editor_move(struct pbl_editor *e, enum editor_move m);

/* Sets the wrap width in columns (below 1 counts as 1). The whole text is
 * re-wrapped only when the width changes. Returns 0, or -1 when memory ran
 * out, and then the old width and layout stay. */
int editor_set_width(struct pbl_editor *e, int width);

/* Sets how many rows ED_PAGE_UP and ED_PAGE_DOWN move (below 1 counts as
 * 1). */
void editor_set_page(struct pbl_editor *e, int rows);

/* The number of display lines: at least 1, and an empty last line when the
 * text ends with '\n', so that the cursor has a row there. */
size_t editor_nlines(const struct pbl_editor *e);

/* Display line i (0 <= i < editor_nlines()) as a byte range of the text,
 * without the '\n' that may end it. It includes the spaces at a soft break,
 * but only as many as fit in the width, so the range is never wider than
 * the width (except a lone wide character at width 1). Out of range gives
 * an empty line at the end of the text. */
struct text_line editor_line(const struct pbl_editor *e, size_t i);

/* The display row and column of the cursor. A cursor at a soft break is at
 * the start of the next row; a cursor at the end of a full row with no row
 * after it in the paragraph is at column `width`, one past the last; the
 * column is never more than that, even among spaces past the width. */
void editor_cursor_rowcol(const struct pbl_editor *e, size_t *row, int *col);

/* A counter that changes with every change of the text (0 for a new
 * editor) and only then: the console saves a draft when it changed. */
unsigned long editor_generation(const struct pbl_editor *e);

/* How many bytes the word wrapper has examined since the editor was made:
 * for tests and benchmarks that check that a keystroke re-wraps only the
 * lines near it. */
size_t editor_layout_work(const struct pbl_editor *e);

#endif
