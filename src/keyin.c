/* keyin.c - the keyboard's bytes turned into keys: UTF-8, escape
 * sequences (CSI, SS3, and the string sequences OSC/DCS/APC/PM/SOS) and
 * bracketed paste. See include/pbl/keyin.h for what it guarantees. */
#include "pbl/keyin.h"

#include <stdlib.h>
#include <string.h>

#include "pbl/util.h"

#define ESC 0x1b
#define SEQUENCE_MAX 64 /* a CSI longer than this is noise */
#define STRING_MAX 4096 /* an OSC/DCS longer than this is noise */
#define PASTE_END "\033[201~"
#define PASTE_END_LEN 6

struct keyin {
    char *buf;
    size_t len, cap;
    size_t pos;        /* the first byte not yet decoded */
    bool in_paste;     /* between ESC[200~ and ESC[201~ */
    size_t paste_scan; /* where the search for the paste's end goes on */
};

struct keyin *keyin_new(void)
{
    return calloc(1, sizeof(struct keyin));
}

void keyin_free(struct keyin *k)
{
    if (!k)
        return;
    free(k->buf);
    free(k);
}

int keyin_feed(struct keyin *k, const char *bytes, size_t n)
{
    if (k->pos > 0) { /* drop what was decoded */
        memmove(k->buf, k->buf + k->pos, k->len - k->pos);
        k->len -= k->pos;
        k->paste_scan = k->paste_scan > k->pos ? k->paste_scan - k->pos : 0;
        k->pos = 0;
    }
    char *b = util_grow(k->buf, &k->cap, k->len + n, 1);
    if (!b)
        return -1;
    k->buf = b;
    memcpy(k->buf + k->len, bytes, n);
    k->len += n;
    return 0;
}

bool keyin_pending(const struct keyin *k)
{
    return k->in_paste || k->pos < k->len;
}

bool keyin_in_paste(const struct keyin *k)
{
    return k->in_paste;
}

/* Fills ev with a kind and consumes `used` bytes; returns true. */
static bool emit(struct keyin *k, struct keyin_event *ev, enum keyin_kind kind,
                 size_t used)
{
    ev->kind = kind;
    k->pos += used;
    return true;
}

static bool emit_key(struct keyin *k, struct keyin_event *ev,
                     enum keyin_key key, size_t used)
{
    ev->key = key;
    return emit(k, ev, KEYIN_KEY, used);
}

/* How many bytes a UTF-8 sequence starting with lead has, or 0 when lead
 * cannot start one. */
static size_t utf8_length(unsigned char lead)
{
    return lead < 0x80   ? 1
           : lead < 0xC2 ? 0
           : lead < 0xE0 ? 2
           : lead < 0xF0 ? 3
           : lead < 0xF5 ? 4
                         : 0;
}

/* The character at the read position: a code point, or one bad byte. */
static bool next_char(struct keyin *k, struct keyin_event *ev, bool timed_out)
{
    const unsigned char *s = (const unsigned char *)k->buf + k->pos;
    size_t avail = k->len - k->pos, need = utf8_length(s[0]);
    ev->cp = s[0];
    if (need == 0)
        return emit(k, ev, KEYIN_BAD_BYTE, 1);
    for (size_t i = 1; i < need && i < avail; i++)
        if ((s[i] & 0xC0) != 0x80)
            return emit(k, ev, KEYIN_BAD_BYTE, 1);
    if (avail < need)
        return timed_out ? emit(k, ev, KEYIN_BAD_BYTE, 1) : false;
    uint32_t cp = need == 1   ? s[0]
                  : need == 2 ? (uint32_t)(s[0] & 0x1F)
                  : need == 3 ? (uint32_t)(s[0] & 0x0F)
                              : (uint32_t)(s[0] & 0x07);
    for (size_t i = 1; i < need; i++)
        cp = cp << 6 | (s[i] & 0x3F);
    if ((need == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (need == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
        return emit(k, ev, KEYIN_BAD_BYTE, 1); /* overlong or a surrogate */
    ev->cp = cp;
    return emit(k, ev, KEYIN_CHAR, need);
}

/* The key of "CSI n ~". */
static bool tilde_key(int n, enum keyin_key *key)
{
    static const struct {
        int n;
        enum keyin_key key;
    } map[] = {
        {1, KEYIN_HOME},     {7, KEYIN_HOME},      {4, KEYIN_END},
        {8, KEYIN_END},      {2, KEYIN_INSERT},    {3, KEYIN_DELETE},
        {5, KEYIN_PAGE_UP},  {6, KEYIN_PAGE_DOWN}, {11, KEYIN_F1},
        {12, KEYIN_F1 + 1},  {13, KEYIN_F1 + 2},   {14, KEYIN_F1 + 3},
        {15, KEYIN_F1 + 4},  {17, KEYIN_F1 + 5},   {18, KEYIN_F1 + 6},
        {19, KEYIN_F1 + 7},  {20, KEYIN_F1 + 8},   {21, KEYIN_F1 + 9},
        {23, KEYIN_F1 + 10}, {24, KEYIN_F12},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (map[i].n == n) {
            *key = map[i].key;
            return true;
        }
    return false;
}

/* The key of a final byte shared by CSI and SS3 (arrows, Home, End, F1-F4),
 * with the modifier parameter (5 is Ctrl). */
static bool final_key(char final, int modifier, enum keyin_key *key)
{
    const char *finals = "ABCDHFPQRS";
    static const enum keyin_key keys[] = {
        KEYIN_UP,  KEYIN_DOWN, KEYIN_RIGHT,  KEYIN_LEFT,   KEYIN_HOME,
        KEYIN_END, KEYIN_F1,   KEYIN_F1 + 1, KEYIN_F1 + 2, KEYIN_F1 + 3,
    };
    const char *p = final ? strchr(finals, final) : NULL;
    if (!p)
        return false;
    *key = keys[p - finals];
    if (modifier == 5 && *key == KEYIN_RIGHT)
        *key = KEYIN_CTRL_RIGHT;
    if (modifier == 5 && *key == KEYIN_LEFT)
        *key = KEYIN_CTRL_LEFT;
    return true;
}

/* A sequence that is not complete yet: wait for more bytes, or ignore
 * what there is when timed out, or its first `limit` bytes when it is too
 * long to be a key (the same however the bytes were split into reads). */
static bool unfinished(struct keyin *k, struct keyin_event *ev, bool timed_out,
                       size_t limit)
{
    if (k->len - k->pos > limit)
        return emit(k, ev, KEYIN_IGNORED, limit);
    if (timed_out)
        return emit(k, ev, KEYIN_IGNORED, k->len - k->pos);
    return false;
}

bool keyin_next(struct keyin *k, struct keyin_event *ev, bool timed_out);

/* "ESC [ params final": a key, the start of a paste, or ignored. */
static bool csi(struct keyin *k, struct keyin_event *ev, bool timed_out)
{
    const char *s = k->buf + k->pos;
    size_t avail = k->len - k->pos, i = 2;
    if (avail > 2 && s[2] == '[') { /* the Linux console's F1-F5: ESC [ [ A */
        if (avail < 4)
            return unfinished(k, ev, timed_out, SEQUENCE_MAX);
        if (s[3] >= 'A' && s[3] <= 'E')
            return emit_key(k, ev, (enum keyin_key)(KEYIN_F1 + s[3] - 'A'), 4);
        return emit(k, ev, KEYIN_IGNORED, 4);
    }
    while (i < avail && s[i] >= 0x20 && s[i] <= 0x3F && i < SEQUENCE_MAX)
        i++;
    if (i == avail)
        return unfinished(k, ev, timed_out, SEQUENCE_MAX);
    if (s[i] < 0x40 || s[i] > 0x7E) /* broken off: drop what came so far */
        return emit(k, ev, KEYIN_IGNORED, i);
    int param = 0, modifier = 0;
    bool private_marker = s[2] >= 0x3C && s[2] <= 0x3F;
    size_t j = 2;
    for (; j < i && s[j] >= '0' && s[j] <= '9'; j++)
        param = param < 100000 ? param * 10 + (s[j] - '0') : param;
    if (j < i && s[j] == ';')
        for (j++; j < i && s[j] >= '0' && s[j] <= '9'; j++)
            modifier =
                modifier < 1000 ? modifier * 10 + (s[j] - '0') : modifier;
    char final = s[i];
    enum keyin_key key;
    if (private_marker)
        return emit(k, ev, KEYIN_IGNORED, i + 1);
    if (final == '~' && param == 200) {
        k->pos += i + 1;
        k->in_paste = true;
        k->paste_scan = k->pos;
        return keyin_next(k, ev, timed_out);
    }
    if (final == '~' && tilde_key(param, &key))
        return emit_key(k, ev, key, i + 1);
    if (final == 'Z')
        return emit_key(k, ev, KEYIN_BACK_TAB, i + 1);
    if (final != '~' && final_key(final, modifier, &key))
        return emit_key(k, ev, key, i + 1);
    return emit(k, ev, KEYIN_IGNORED, i + 1);
}

/* A sequence that starts with ESC. */
static bool escape(struct keyin *k, struct keyin_event *ev, bool timed_out)
{
    const char *s = k->buf + k->pos;
    size_t avail = k->len - k->pos;
    enum keyin_key key;
    if (avail == 1)
        return timed_out ? emit_key(k, ev, KEYIN_ESC, 1) : false;
    switch (s[1]) {
    case '[':
        return csi(k, ev, timed_out);
    case 'O': /* SS3: arrows and F1-F4 in keypad mode, keypad Enter */
        if (avail < 3)
            return unfinished(k, ev, timed_out, SEQUENCE_MAX);
        if (s[2] == 'M') {
            ev->cp = '\r';
            return emit(k, ev, KEYIN_CHAR, 3);
        }
        if (final_key(s[2], 0, &key))
            return emit_key(k, ev, key, 3);
        return emit(k, ev, KEYIN_IGNORED, 3);
    case ']':
    case 'P':
    case '_':
    case '^':
    case 'X': /* a string, ended by BEL or ESC \ within STRING_MAX */
        for (size_t i = 2; i < avail && i < STRING_MAX; i++) {
            if (s[i] == '\a')
                return emit(k, ev, KEYIN_IGNORED, i + 1);
            if (s[i] == ESC && i + 1 < avail && i + 1 < STRING_MAX &&
                s[i + 1] == '\\')
                return emit(k, ev, KEYIN_IGNORED, i + 2);
        }
        return unfinished(k, ev, timed_out, STRING_MAX);
    default: /* Esc, then the next byte on its own */
        return emit_key(k, ev, KEYIN_ESC, 1);
    }
}

/* How many bytes at the end of the paste so far must wait: a beginning of
 * the end marker, or a character cut in two. */
static size_t paste_tail(const struct keyin *k)
{
    size_t n = k->len - k->pos;
    for (size_t keep = PASTE_END_LEN - 1; keep > 0; keep--)
        if (keep <= n && memcmp(k->buf + k->len - keep, PASTE_END, keep) == 0)
            return keep;
    for (size_t back = 1; back <= 3 && back <= n; back++) {
        unsigned char c = (unsigned char)k->buf[k->len - back];
        if ((c & 0xC0) == 0x80)
            continue;
        return utf8_length(c) > back ? back : 0;
    }
    return 0;
}

/* The first end marker in buf[from, len), or NULL. */
static const char *find_paste_end(const struct keyin *k, size_t from)
{
    const char *p = k->buf + from, *end = k->buf + k->len;
    while ((p = memchr(p, ESC, (size_t)(end - p))) != NULL) {
        if ((size_t)(end - p) < PASTE_END_LEN)
            return NULL;
        if (memcmp(p, PASTE_END, PASTE_END_LEN) == 0)
            return p;
        p++;
    }
    return NULL;
}

/* Inside a bracketed paste: the text up to the end marker. */
static bool paste(struct keyin *k, struct keyin_event *ev, bool timed_out)
{
    size_t from = k->paste_scan > k->pos ? k->paste_scan : k->pos;
    const char *end = find_paste_end(k, from);
    ev->text = k->buf + k->pos;
    if (end) {
        ev->len = (size_t)(end - ev->text);
        k->in_paste = false;
        return emit(k, ev, KEYIN_PASTE, ev->len + PASTE_END_LEN);
    }
    k->paste_scan =
        k->len >= PASTE_END_LEN - 1 ? k->len - (PASTE_END_LEN - 1) : 0;
    size_t ready = k->len - k->pos - paste_tail(k);
    if (!timed_out || ready == 0)
        return false;
    ev->len = ready;
    return emit(k, ev, KEYIN_PASTE, ready);
}

bool keyin_next(struct keyin *k, struct keyin_event *ev, bool timed_out)
{
    memset(ev, 0, sizeof *ev);
    if (k->in_paste)
        return paste(k, ev, timed_out);
    if (k->pos >= k->len)
        return false;
    if (k->buf[k->pos] == ESC)
        return escape(k, ev, timed_out);
    return next_char(k, ev, timed_out);
}
