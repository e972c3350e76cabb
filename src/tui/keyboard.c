/* keyboard.c - keys from the terminal: pbl reads the bytes itself (curses
 * only draws) and decodes them with keyin, so that an invalid byte costs
 * one U+FFFD and not the keys after it, an unknown escape sequence is
 * ignored whole, and a paste arrives as one piece of text (bracketed paste
 * is switched on while the console runs, and off on exit and Ctrl-Z).
 *
 * Resizes and Ctrl-Z come as signals that only set a flag; the wait for a
 * key notices them. */
#include <curses.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>

#include "tui.h"

#define ESC_WAIT_MS 25     /* Esc alone, or the start of a sequence */
#define PASTE_WAIT_MS 1000 /* a paste's next piece */
#define TICK_MS 1000       /* the clocks on screen move once a second */

static const char paste_on[] = "\033[?2004h", paste_off[] = "\033[?2004l";
static volatile sig_atomic_t resized, suspended;

static void on_resize(int sig)
{
    (void)sig;
    resized = 1;
}

static void on_suspend(int sig)
{
    (void)sig;
    suspended = 1;
}

/* Writes a terminal mode string; a failure leaves nothing to do. */
static void write_mode(const char *s)
{
    if (write(STDOUT_FILENO, s, strlen(s)) < 0) {
        /* the terminal is gone: the next read says so */
    }
}

static void catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_resize;
    sigaction(SIGWINCH, &sa, NULL);
    sa.sa_handler = on_suspend;
    sigaction(SIGTSTP, &sa, NULL);
}

int keyboard_start(struct tui *t)
{
    if (!(t->keyin = keyin_new()))
        return -1;
    keypad(stdscr, FALSE); /* the bytes come to keyin as they are */
    typeahead(-1);         /* and drawing never stops to look for keys */
    catch_signals();
    write_mode(paste_on);
    return 0;
}

void keyboard_stop(struct tui *t)
{
    if (!t->keyin)
        return;
    write_mode(paste_off);
    keyin_free(t->keyin);
    t->keyin = NULL;
}

/* Ctrl-Z: the terminal back to normal (bracketed paste off), stop, and
 * on `fg` the console as it was. */
static void suspend(void)
{
    write_mode(paste_off);
    endwin();
    signal(SIGTSTP, SIG_DFL);
    raise(SIGTSTP);
    catch_signals();
    write_mode(paste_on);
    clearok(curscr, TRUE);
    refresh();
}

/* Reads the terminal's new size into curses. */
static void apply_resize(void)
{
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row && ws.ws_col)
        resizeterm(ws.ws_row, ws.ws_col);
}

/* The console's key code of a decoded event, or -1 for nothing. */
static int event_key(struct tui *t, const struct keyin_event *ev)
{
    static const int keys[] = {
        [KEYIN_ESC] = 27,
        [KEYIN_UP] = TK(KEY_UP),
        [KEYIN_DOWN] = TK(KEY_DOWN),
        [KEYIN_LEFT] = TK(KEY_LEFT),
        [KEYIN_RIGHT] = TK(KEY_RIGHT),
        [KEYIN_CTRL_LEFT] = TK_CTRL_LEFT,
        [KEYIN_CTRL_RIGHT] = TK_CTRL_RIGHT,
        [KEYIN_HOME] = TK(KEY_HOME),
        [KEYIN_END] = TK(KEY_END),
        [KEYIN_PAGE_UP] = TK(KEY_PPAGE),
        [KEYIN_PAGE_DOWN] = TK(KEY_NPAGE),
        [KEYIN_INSERT] = TK(KEY_IC),
        [KEYIN_DELETE] = TK(KEY_DC),
        [KEYIN_BACK_TAB] = TK(KEY_BTAB),
    };
    switch (ev->kind) {
    case KEYIN_CHAR:
        return ev->cp == '\r' ? '\n' : (int)ev->cp;
    case KEYIN_BAD_BYTE:
        if (t->ascii) { /* a single-byte locale: the byte is its character */
            wint_t wc = btowc((int)ev->cp);
            if (wc != WEOF)
                return (int)wc;
        }
        return 0xFFFD; /* typed as U+FFFD; no key elsewhere */
    case KEYIN_KEY:
        if (ev->key >= KEYIN_F1 && ev->key <= KEYIN_F12)
            return TK(KEY_F(1 + (int)(ev->key - KEYIN_F1)));
        return keys[ev->key];
    case KEYIN_PASTE:
        t->paste = ev->text;
        t->paste_len = ev->len;
        return TK_PASTE;
    case KEYIN_IGNORED:
        break;
    }
    return -1;
}

int keyboard_key(struct tui *t, volatile sig_atomic_t *stop)
{
    static char buf[65536];
    for (;;) {
        struct keyin_event ev;
        int key;
        if (keyin_next(t->keyin, &ev, false)) {
            if ((key = event_key(t, &ev)) >= 0)
                return key;
            continue;
        }
        if (resized) {
            resized = 0;
            apply_resize();
            return TK(KEY_RESIZE);
        }
        if (suspended) {
            suspended = 0;
            suspend();
            apply_resize();
            return TK(KEY_RESIZE);
        }
        if (*stop)
            return TK_TICK;
        struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
        int wait = keyin_in_paste(t->keyin)  ? PASTE_WAIT_MS
                   : keyin_pending(t->keyin) ? ESC_WAIT_MS
                   : t->tick_ms              ? t->tick_ms
                                             : TICK_MS;
        int rc = poll(&p, 1, wait);
        if (rc < 0 && errno == EINTR)
            continue;
        if (rc < 0)
            return -1;
        if (rc == 0) { /* the keyboard paused */
            if (!keyin_pending(t->keyin))
                return TK_TICK;
            if (keyin_next(t->keyin, &ev, true) &&
                (key = event_key(t, &ev)) >= 0)
                return key;
            continue;
        }
        ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n <= 0)
            return -1; /* the terminal is gone */
        if (keyin_feed(t->keyin, buf, (size_t)n) < 0)
            tui_message(t, "out of memory: keys were lost");
    }
}

bool keyboard_waiting(const struct tui *t)
{
    if (!t->keyin)
        return false;
    if (keyin_pending(t->keyin) && !keyin_in_paste(t->keyin))
        return true;
    struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
    return poll(&p, 1, 0) > 0;
}
