/* app.c - the console's main loop: terminal set-up and restore, signals,
 * reading keys (from the keyboard or a PBL_SCRIPT file), dispatch to the
 * screens, screen dumps.
 *
 * Signals only set a flag; the loop notices it within a clock tick and
 * leaves through the same path as `q`, saving the draft and restoring the
 * terminal. A crash restores the terminal modes saved at start-up. */
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

#include "pbl/clock.h"
#include "pbl/fileio.h"
#include "pbl/text.h"
#include "tui.h"

#define MIN_ROWS 24
#define MIN_COLS 80

static volatile sig_atomic_t stop_signal;
static struct termios saved_termios;
static int have_termios;

static void on_stop_signal(int sig)
{
    stop_signal = sig;
}

/* On a crash: put the terminal back the way it was found (tcsetattr and
 * write are async-signal-safe), then die of the same signal. */
static void on_crash(int sig)
{
    static const char reset[] = "\033[?2004l\033[?1049l\033[?25h\033[0m\r\n";
    if (have_termios)
        tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
    if (write(STDOUT_FILENO, reset, sizeof reset - 1) < 0) {
        /* nothing more can be done */
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sa.sa_handler = on_crash;
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGABRT, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
}

void tui_message(struct tui *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(t->msg, sizeof t->msg, fmt, ap);
    va_end(ap);
    /* "cannot start: cannot start the session: why" says it once: a
     * context whose reason opens with the same words is dropped */
    char *colon = strstr(t->msg, ": ");
    if (colon) {
        size_t k = (size_t)(colon - t->msg);
        const char *rest = colon + 2;
        /* (rest[k] is read only once rest holds k characters) */
        if (strncmp(rest, t->msg, k) == 0 && (rest[k] == ' ' || rest[k] == ':'))
            memmove(t->msg, rest, strlen(rest) + 1);
    }
}

/* ---- screen dumps and scripted keys --------------------------------- */

/* Writes the screen, as curses holds it, to dump_dir/name: one line per
 * row, trailing blanks removed. */
static void dump_screen(struct tui *t, const char *name)
{
    const char *dir = t->dump_dir ? t->dump_dir : ".";
    size_t plen = strlen(dir) + strlen(name) + 2;
    char *path = malloc(plen);
    if (!path)
        return;
    snprintf(path, plen, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f)
        tui_message(t, "cannot write dump %s", name);
    free(path);
    if (!f)
        return;
    wchar_t *row = calloc((size_t)t->cols + 1, sizeof *row);
    char *line = malloc((size_t)t->cols * MB_LEN_MAX + 1);
    for (int y = 0; row && line && y < t->rows; y++) {
        int n = mvinnwstr(y, 0, row, t->cols);
        size_t len = 0;
        mbstate_t mb;
        memset(&mb, 0, sizeof mb);
        for (int i = 0; i < n && row[i]; i++) {
            size_t k = wcrtomb(line + len, row[i], &mb);
            if (k != (size_t)-1)
                len += k;
        }
        while (len > 0 && line[len - 1] == ' ')
            len--;
        line[len] = '\0';
        fprintf(f, "%s\n", line);
    }
    free(row);
    free(line);
    fclose(f);
}

/* Pending keys of a ":type" line. */
static char typed[4096];
static size_t typed_pos, typed_len;

/* The next scripted key; handles ":dump NAME", ":type TEXT",
 * ":resize ROWSxCOLS", ":tick" and ":now TIME" (sets PBL_NOW) lines. At the end
 * of the script the console quits, as if `q` had been pressed. */
static int script_key(struct tui *t)
{
    char line[4200];
    for (;;) {
        if (typed_pos < typed_len) {
            uint32_t cp;
            typed_pos +=
                utf8_decode(typed + typed_pos, typed_len - typed_pos, &cp);
            return (int)cp;
        }
        if (!fgets(line, sizeof line, t->script))
            return -1;
        line[strcspn(line, "\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        if (strncmp(line, ":dump ", 6) == 0) {
            dump_screen(t, line + 6);
        } else if (strncmp(line, ":type ", 6) == 0) {
            typed_len = strlen(line + 6);
            memcpy(typed, line + 6, typed_len);
            typed_pos = 0;
        } else if (strcmp(line, ":tick") == 0) {
            return TK_TICK;
        } else if (strncmp(line, ":now ", 5) == 0) {
            setenv("PBL_NOW", line + 5, 1); /* the clock moves on */
            return TK_TICK;
        } else if (strncmp(line, ":paste ", 7) == 0) {
            size_t len;
            struct pbl_diags d = {0};
            free(t->script_paste);
            t->script_paste = read_small_file(line + 7, 64u << 20, &len, &d);
            diags_free(&d);
            if (!t->script_paste) {
                tui_message(t, "script: cannot read '%s'", line + 7);
                continue;
            }
            t->paste = t->script_paste;
            t->paste_len = len;
            return TK_PASTE;
        } else if (strncmp(line, ":resize ", 8) == 0) {
            int r, c;
            if (sscanf(line + 8, "%dx%d", &r, &c) == 2) {
                resizeterm(r, c);
                return TK(KEY_RESIZE);
            }
        } else {
            int k = key_from_name(line);
            if (k >= 0)
                return k;
            tui_message(t, "script: unknown key '%s'", line);
        }
    }
}

/* The next key: from the script, else from the keyboard, with a tick
 * each second so the clocks move (and nothing runs in between). */
static int read_key(struct tui *t)
{
    if (t->script)
        return script_key(t);
    if (!t->keyin)
        return -1;
    return keyboard_key(t, &stop_signal);
}

/* ---- drawing and dispatch -------------------------------------------- */

/* Below the minimum size: one plain message, wrapped to what there is;
 * the console carries on (typing included) and redraws when it grows. */
static void draw_too_small(struct tui *t)
{
    char msg[96];
    snprintf(msg, sizeof msg, "make the window at least %dx%d (now %dx%d)",
             MIN_COLS, MIN_ROWS, t->cols, t->rows);
    int w = t->cols > 2 ? t->cols - 2 : t->cols;
    int n = wrapped_rows(msg, w);
    draw_wrapped(t, n < t->rows ? (t->rows - n) / 2 : 0, t->cols > 2 ? 1 : 0, w,
                 t->rows, 0, E_NORMAL, msg);
}

void tui_cursor(struct tui *t, int y, int x)
{
    t->cursor_y = y;
    t->cursor_x = x;
    t->show_cursor = true;
}

/* Rewrites the link on screen as an OSC 8 hyperlink, so a click opens it
 * in terminals that support it (others ignore the sequence). The cursor
 * and attributes are saved and restored around it (DECSC/DECRC), so curses'
 * idea of the screen stays true. */
static void write_hyperlink(struct tui *t)
{
    if (!t->osc8)
        return;
    for (const char *p = t->link; *p; p++)
        if ((unsigned char)*p < 0x21 || *p == 0x7f)
            return; /* never let a module's text write control codes */
    printf("\0337\033[%d;%dH\033]8;;%s\033\\%s\033]8;;\033\\\0338",
           t->link_y + 1, t->link_x + 1, t->link, t->link);
    fflush(stdout);
}

static void draw(struct tui *t)
{
    getmaxyx(stdscr, t->rows, t->cols);
    attrset(theme_attr(t, E_NORMAL));
    erase();
    t->show_cursor = false;
    t->link = NULL;
    if (t->rows < MIN_ROWS || t->cols < MIN_COLS) {
        draw_too_small(t);
    } else if (t->overlay == OV_BLANK) {
        /* nothing at all: the projector shows black */
    } else {
        screen_ops(t->screen)->draw(t);
        if (t->overlay == OV_HELP)
            draw_help(t);
        else if (t->overlay == OV_GLOSSARY)
            draw_glossary(t);
        else if (t->overlay == OV_ANSWERS)
            draw_answers_overview(t);
        else if (t->overlay == OV_EXPORT)
            export_prompt_draw(t);
        else if (t->overlay == OV_LOCKED)
            lock_prompt_draw(t);
        else if (t->overlay == OV_ATTEND)
            attend_draw(t);
    }
    if (t->show_cursor && t->overlay != OV_HELP && t->overlay != OV_GLOSSARY &&
        t->overlay != OV_ANSWERS && t->overlay != OV_BLANK &&
        t->rows >= MIN_ROWS && t->cols >= MIN_COLS)
        move(t->cursor_y, t->cursor_x);
    else
        t->show_cursor = false;
    curs_set(t->show_cursor ? 1 : 0);
    refresh();
    if (t->link && t->overlay == OV_NONE)
        write_hyperlink(t);
}

void tui_open_session(struct tui *t, struct pbl_session *s)
{
    t->sess = s;
    t->screen = SCR_SESSION;
    t->scroll = 0;
    t->overlay = OV_NONE;
}

/* Saves what is being typed and lets the session go; it stays resumable
 * unless it was finished. */
int tui_close_session(struct tui *t)
{
    if (!t->sess)
        return 0;
    if (t->ed) {
        /* a failure here is reported by session_close() below */
        session_type(t->sess, editor_text(t->ed, NULL), false);
        editor_free(t->ed);
        t->ed = NULL;
    }
    t->editing = false;
    char *err = NULL;
    int rc = session_close(t->sess, &err);
    t->sess = NULL;
    if (rc < 0) {
        free(t->not_saved);
        t->not_saved = err ? err : strdup("out of memory");
        t->save_failed = true;
    }
    return rc;
}

/* Keys that mean the same on every screen. Returns true when handled. */
static bool global_key(struct tui *t, enum action a)
{
    switch (a) {
    case A_HELP:
        t->overlay = OV_HELP;
        t->overlay_scroll = 0;
        return true;
    case A_GLOSSARY:
        t->overlay = OV_GLOSSARY;
        t->overlay_scroll = 0;
        return true;
    case A_REDRAW:
        clearok(curscr, TRUE);
        return true;
    case A_QUIT:
        /* in front of the room a stray q must not end the projection */
        if (t->screen == SCR_SESSION && t->sess &&
            session_kind(t->sess) == STORE_GROUP) {
            t->quit_asked = true;
            tui_message(t, "Quit? The session stays resumable. q or y "
                           "quits, any other key carries on");
        } else {
            t->quit = true;
        }
        return true;
    default:
        return false;
    }
}

/* How the screen shown takes keys now (struct screen_ops). */
static enum screen_input screen_input(const struct tui *t)
{
    const struct screen_ops *ops = screen_ops(t->screen);
    return ops->input ? ops->input(t) : INPUT_NONE;
}

/* Whether a key now is text: an answer or a one-line input is typed. */
static bool typing_text(const struct tui *t)
{
    return t->editing || screen_input(t) != INPUT_NONE ||
           t->overlay == OV_PARK || t->overlay == OV_COMMENT ||
           t->overlay == OV_DELETE || t->overlay == OV_EXPORT;
}

static void handle_key(struct tui *t, int key);

/* Pasted text goes in literally, never read as keys: into the answer
 * (the editor turns a tab into spaces and keeps newlines), or into a
 * one-line input with newlines and tabs as spaces. Elsewhere it is
 * ignored with a word. */
static void handle_paste(struct tui *t)
{
    const char *s = t->paste;
    size_t n = t->paste_len;
    t->paste = NULL;
    if (t->editing) {
        stage_paste(t, s, n);
        return;
    }
    if (!typing_text(t)) {
        if (n)
            tui_message(t, "the pasted text was not used: paste while typing "
                           "(e on a question)");
        return;
    }
    /* a one-line input holds 512 bytes: no more characters can matter */
    for (size_t i = 0, chars = 0; i < n && chars < 512; chars++) {
        uint32_t cp;
        i += utf8_decode(s + i, n - i, &cp);
        if (cp == '\n' || cp == '\r' || cp == '\t')
            cp = ' ';
        if (cp >= 32 && cp != 127 && !(cp >= 0x80 && cp < 0xA0))
            handle_key(t, (int)cp);
    }
}

static void handle_key(struct tui *t, int key)
{
    if (key == TK_PASTE) {
        handle_paste(t);
        return;
    }
    if (key == TK(KEY_RESIZE))
        return; /* the next draw reads the new size */
    if (key == TK_TICK && t->sess && session_heartbeat(t->sess) < 0)
        tui_message(t, "%s", session_error(t->sess));
    if (key != TK_TICK)
        t->msg[0] = '\0';
    if (key != TK_TICK && (t->overlay == OV_HELP || t->overlay == OV_GLOSSARY ||
                           t->overlay == OV_ANSWERS)) {
        overlay_key(t, key);
        return;
    }
    if (key != TK_TICK && t->overlay == OV_BLANK) {
        t->overlay = OV_NONE; /* any key ends the blank screen */
        return;
    }
    /* While text is being typed, every printable key is text. */
    bool printable = key_types_text(key);
    bool typing = typing_text(t);
    if (t->overlay == OV_EXPORT && key != TK_TICK) {
        export_prompt_key(t, key);
        return;
    }
    if (t->overlay == OV_ATTEND && key != TK_TICK) {
        attend_key(t, key);
        return;
    }
    if (key == TK_TICK) {
        lock_tick(t);
        home_sync_tick(t);
    }
    if (t->overlay == OV_LOCKED) {
        if (key != TK_TICK)
            lock_prompt_key(t, key);
        return;
    }
    enum action a = key == TK_TICK || (printable && typing)
                        ? A_NONE
                        : key_action(key, tui_where(t));
    if (t->quit_asked && key != TK_TICK) { /* the answer to "Quit?" */
        t->quit_asked = false;
        t->quit = key_action(key, W_QUIT_ASKED) == A_QUIT_YES;
        return; /* any other key only cancels: it does nothing else */
    }
    if (t->overlay == OV_NONE && !t->editing &&
        screen_input(t) != INPUT_MODAL && global_key(t, a))
        return;
    if (t->screen == SCR_SESSION && lock_read_only_key(t, a))
        return;
    if (t->editing && (a == A_HELP || a == A_REDRAW)) {
        global_key(t, a);
        return;
    }
    screen_ops(t->screen)->key(t, key, a);
}

/* Draws a frame, then handles keys until none is waiting (or a tenth of
 * a second has passed, so a long burst still shows progress): a paste
 * typed as keys costs one frame, not one per key. Returns -1 when the
 * terminal is gone. */
static int handle_keys(struct tui *t)
{
    draw(t);
    long long start = clock_mono_ms();
    do {
        int key = read_key(t);
        if (key < 0)
            return -1;
        handle_key(t, key);
    } while (!t->quit && !stop_signal && keyboard_waiting(t) &&
             clock_mono_ms() - start < 100);
    return 0;
}

/* ---- start-up ------------------------------------------------------- */

/* Says "pbl: MESSAGE" on the error stream, the message made safe (it may
 * quote the environment). */
static void say_error(struct tui *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void say_error(struct tui *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("pbl: ", t->opt->err);
    text_safe_vprintf(t->opt->err, fmt, ap);
    va_end(ap);
    fputc('\n', t->opt->err);
}

/* Opens curses: on the terminal, or with PBL_NO_DISPLAY on /dev/null (for
 * the scripted screen tests). Returns -1 with a message when there is no
 * usable terminal. */
static int start_curses(struct tui *t, FILE **null_out)
{
    const char *nd = getenv("PBL_NO_DISPLAY");
    const char *term = getenv("TERM");
    SCREEN *scr;
    if (nd && *nd) {
        *null_out = fopen("/dev/null", "w+");
        if (!*null_out)
            return -1;
        scr = newterm(term && *term ? term : "xterm-256color", *null_out,
                      *null_out);
    } else {
        if (tui_check_terminal(t->opt->err) < 0)
            return -1;
        if (tcgetattr(STDIN_FILENO, &saved_termios) == 0)
            have_termios = 1;
        scr = newterm(NULL, stdout, stdin);
        t->osc8 = term && strcmp(term, "dumb") != 0 &&
                  strncmp(term, "vt", 2) != 0 && strcmp(term, "linux") != 0;
    }
    if (!scr) {
        say_error(t, "cannot use terminal type '%s'; try TERM=xterm-256color",
                  term ? term : "(unset)");
        return -1;
    }
    char *cup = tigetstr("cup");
    if (!cup || cup == (char *)-1) { /* e.g. TERM=dumb: nothing can be drawn */
        endwin();
        delscreen(scr);
        say_error(t,
                  "the terminal type '%s' cannot move the cursor, so the "
                  "console cannot draw; try TERM=xterm-256color",
                  term ? term : "(unset)");
        return -1;
    }
    t->ascii = strcmp(nl_langinfo(CODESET), "UTF-8") != 0;
    cbreak();
    noecho();
    nonl();
    theme_apply(t);
    getmaxyx(stdscr, t->rows, t->cols);
    if (!(nd && *nd) && keyboard_start(t) < 0) {
        endwin();
        fprintf(t->opt->err, "pbl: out of memory\n");
        return -1;
    }
    return 0;
}

/* Goes straight into a session for `pbl facilitate ID... --group NAME`,
 * or to the picker/form for what is missing. */
static void start_facilitate(struct tui *t, const struct tui_options *o)
{
    for (size_t i = 0; i < o->nmodules; i++)
        t->picked[t->npicked++] = o->modules[i];
    if (o->group)
        snprintf(t->field[0].buf, sizeof t->field[0].buf, "%s", o->group);
    if (o->facilitator)
        snprintf(t->field[1].buf, sizeof t->field[1].buf, "%s", o->facilitator);
    for (int f = 0; f < FORM_FIELDS; f++)
        t->field[f].len = strlen(t->field[f].buf);
    t->screen = o->nmodules ? SCR_FORM : SCR_PICKER;
}

/* Opens session uuid in the console; another console holding it is
 * asked about on screen (follow or take over). */
static int start_resume(struct tui *t, const char *uuid,
                        enum session_open_mode mode)
{
    struct pbl_session *s;
    char *err = NULL;
    int r = session_open(t->store, uuid, mode, &s, &t->lock_holder, &err);
    if (r == 1) { /* another console has it: the console asks */
        snprintf(t->lock_uuid, sizeof t->lock_uuid, "%s", uuid);
        t->overlay = OV_LOCKED;
        return 0;
    }
    if (r < 0) {
        fprintf(t->opt->err, "pbl: cannot resume: %s\n", err);
        free(err);
        return -1;
    }
    tui_open_session(t, s);
    stage_entered(t);
    t->lock_beat_ms = clock_mono_ms();
    if (session_read_only(s))
        tui_message(t, "following read-only · T takes the session over");
    return 0;
}

static void free_tui(struct tui *t, FILE *null_out)
{
    tui_close_session(t);
    free(t->not_saved);
    screens_free(t);
    attend_free(t);
    phi_guard_free(t);
    selfstudy_forget(t);
    free(t->picked);
    library_free(&t->lib);
    store_close(t->store);
    if (t->script)
        fclose(t->script);
    free(t->script_paste);
    if (null_out)
        fclose(null_out);
}

int tui_run(struct tui_options *o)
{
    struct tui t = {.opt = o,
                    .screen = SCR_HOME,
                    .store = o->store,
                    .lib = o->lib,
                    .script = o->script,
                    .dump_dir = o->dump_dir,
                    .resident = o->resident,
                    .remember = o->remember,
                    .study_id = o->study_id};
    FILE *null_out = NULL;
    enum tui_mode mode = o->mode;
    int rc;
    t.theme = theme_find(o->theme ? o->theme : "default");
    if (o->message)
        tui_message(&t, "%s", o->message);
    if (!(t.picked = calloc(t.lib.n + o->nmodules + 1, sizeof *t.picked)) ||
        screens_alloc(&t) < 0) {
        free_tui(&t, NULL);
        return 1;
    }
    if (mode == TUI_FACILITATE)
        start_facilitate(&t, o);
    /* the arguments, then the terminal, and only then a session: a
     * refusal must not leave a phantom session behind */
    char uuid[STORE_UUID_LEN + 1] = "";
    if (tui_check_terminal(o->err) < 0 ||
        (o->session && start_resume(&t, o->session, o->open_mode) < 0)) {
        free_tui(&t, null_out);
        return 1;
    }
    if (mode == TUI_FACILITATE && o->nmodules && o->group)
        form_start_session(&t);
    if (start_curses(&t, &null_out) < 0) {
        free_tui(&t, null_out);
        return 1;
    }
    install_signals();
    if (mode == TUI_REVIEW)
        review_enter(&t);
    else if (mode == TUI_STUDY && !t.sess)
        selfstudy_begin(&t);
    else if (t.screen == SCR_HOME)
        home_enter(&t);
    while (!t.quit && !stop_signal && handle_keys(&t) == 0)
        open_url_reap(&t); /* `o`'s openers: no zombies, failures said */
    bool resumable = t.sess != NULL && !session_read_only(t.sess);
    if (t.sess)
        snprintf(uuid, sizeof uuid, "%s", session_uuid(t.sess));
    tui_close_session(&t);
    endwin();
    keyboard_stop(&t);
    if (t.save_failed) /* the last failure to save, said last on screen */
        fprintf(o->err, "pbl: not saved: %s\n",
                t.not_saved ? t.not_saved : "out of memory");
    else if (resumable)
        fprintf(o->out, "Session saved. Resume it with: pbl resume %.8s\n",
                uuid);
    rc = stop_signal ? 128 + stop_signal : t.save_failed ? 1 : 0;
    free_tui(&t, null_out);
    return rc;
}
