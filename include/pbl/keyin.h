/* keyin.h - the keyboard's bytes turned into keys, without any terminal
 * code: UTF-8 characters, the escape sequences of function keys, and
 * bracketed pastes.
 *
 * The console reads whatever bytes the terminal sent, feeds them here and
 * takes events out until none is complete. What it guarantees:
 *   - an invalid UTF-8 byte is one KEYIN_BAD_BYTE event and the bytes
 *     after it decode normally (no key is lost after it);
 *   - an escape sequence is one event: a known key, or KEYIN_IGNORED for
 *     one it does not know (never Esc followed by its bytes as keys);
 *   - text between ESC[200~ and ESC[201~ (bracketed paste) is one
 *     KEYIN_PASTE event holding the bytes as sent, however long;
 *   - Esc alone is KEYIN_ESC once the caller says no more bytes came in
 *     time (keyin_next with `timed_out`); Esc followed at once by a byte
 *     that starts no sequence is Esc and then that byte. */
#ifndef PBL_KEYIN_H
#define PBL_KEYIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum keyin_kind {
    KEYIN_CHAR,     /* a character (a control character too): cp */
    KEYIN_KEY,      /* a function key: key */
    KEYIN_PASTE,    /* pasted bytes: text, len (not NUL-terminated) */
    KEYIN_BAD_BYTE, /* a byte that is not UTF-8: cp holds the byte */
    KEYIN_IGNORED,  /* an escape sequence of no known key */
};

enum keyin_key {
    KEYIN_ESC,
    KEYIN_UP,
    KEYIN_DOWN,
    KEYIN_LEFT,
    KEYIN_RIGHT,
    KEYIN_CTRL_LEFT,
    KEYIN_CTRL_RIGHT,
    KEYIN_HOME,
    KEYIN_END,
    KEYIN_PAGE_UP,
    KEYIN_PAGE_DOWN,
    KEYIN_INSERT,
    KEYIN_DELETE,
    KEYIN_BACK_TAB,
    KEYIN_F1, /* KEYIN_F1 + n - 1 is Fn, up to F12 */
    KEYIN_F12 = KEYIN_F1 + 11,
};

struct keyin_event {
    enum keyin_kind kind;
    uint32_t cp;
    enum keyin_key key;
    const char *text; /* KEYIN_PASTE: valid until the next keyin_ call */
    size_t len;
};

struct keyin;

/* A decoder with nothing read yet; NULL when memory ran out. */
struct keyin *keyin_new(void);

/* Frees the decoder; NULL is allowed. */
void keyin_free(struct keyin *k);

/* Adds n bytes read from the terminal. Returns 0, or -1 when memory ran
 * out (then the bytes are not added). */
int keyin_feed(struct keyin *k, const char *bytes, size_t n);

/* Takes the next complete event. Returns false when there is none: the
 * bytes held are an unfinished character or sequence (or none). With
 * timed_out (no byte came for a while), what is unfinished is decided:
 * Esc alone is KEYIN_ESC, a cut character is KEYIN_BAD_BYTE, a cut
 * sequence is KEYIN_IGNORED, and a paste still open hands over what came
 * so far as KEYIN_PASTE (the rest will follow as another paste). */
bool keyin_next(struct keyin *k, struct keyin_event *ev, bool timed_out);

/* Whether bytes are held that may become an event (an unfinished
 * sequence or character, or a paste not yet ended). */
bool keyin_pending(const struct keyin *k);

/* Whether a bracketed paste has begun and not ended: the caller then
 * waits longer than for Esc before calling it timed out. */
bool keyin_in_paste(const struct keyin *k);

#endif
