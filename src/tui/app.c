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
#include <getopt.h>
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

/* Which keys apply now: a W_ bit for the screen or stage. */
unsigned tui_where(const struct tui *t)
{
    if (t->editing)
        return W_EDITING;
    switch (t->screen) {
    case SCR_HOME:
        return W_HOME;
    case SCR_PICKER:
        if (t->browse)
            return W_LIBRARY;
        return W_PICKER | (t->study ? W_SELF : 0);
    case SCR_READ:
        return W_READ;
    case SCR_FORM:
        return W_FORM;
    case SCR_PROGRESS:
        return W_PROGRESS;
    case SCR_RLIST:
        return W_RLIST;
    case SCR_RVIEW:
        return W_RVIEW;
    case SCR_SESSION:
        break;
    }
    unsigned self = session_kind(t->sess) == STORE_SELF_STUDY ? W_SELF : 0;
    switch (session_stage(t->sess).kind) {
    case STAGE_SCENARIO:
        return W_SCENARIO | self;
    case STAGE_VIDEO:
        return W_VIDEO | self;
    case STAGE_QUESTION:
        return W_QUESTION | self;
    case STAGE_SUMMARY:
        return W_SUMMARY | self;
    }
    return W_HOME;
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
 * ":resize ROWSxCOLS" and ":tick" lines. At the end of the script the
 * console quits, as if `q` had been pressed. */
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
        switch (t->screen) {
        case SCR_HOME:
            home_draw(t);
            break;
        case SCR_PICKER:
            picker_draw(t);
            break;
        case SCR_FORM:
            form_draw(t);
            break;
        case SCR_SESSION:
            stage_draw(t);
            break;
        case SCR_PROGRESS:
            progress_draw(t);
            break;
        case SCR_RLIST:
            review_list_draw(t);
            break;
        case SCR_RVIEW:
            review_view_draw(t);
            break;
        case SCR_READ:
            library_read_draw(t);
            break;
        }
        if (t->overlay == OV_HELP)
            draw_help(t);
        else if (t->overlay == OV_GLOSSARY)
            draw_glossary(t);
        else if (t->overlay == OV_EXPORT)
            export_prompt_draw(t);
        else if (t->overlay == OV_LOCKED)
            lock_prompt_draw(t);
        else if (t->overlay == OV_ATTEND)
            attend_draw(t);
        else if (t->overlay == OV_ROSTER)
            roster_screen_draw(t);
    }
    if (t->show_cursor && t->overlay != OV_HELP && t->overlay != OV_GLOSSARY &&
        t->overlay != OV_BLANK && t->rows >= MIN_ROWS && t->cols >= MIN_COLS)
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

/* Whether a key now is text: an answer or a one-line input is typed. */
static bool typing_text(const struct tui *t)
{
    return t->editing || t->screen == SCR_FORM || t->searching ||
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
    if (key != TK_TICK &&
        (t->overlay == OV_HELP || t->overlay == OV_GLOSSARY)) {
        overlay_key(t, key);
        return;
    }
    if (key != TK_TICK && t->overlay == OV_BLANK) {
        t->overlay = OV_NONE; /* any key ends the blank screen */
        return;
    }
    /* While text is being typed, every printable key is text. */
    bool printable = key >= 32 && key != 127 && !(key & TK_FLAG);
    bool typing = typing_text(t);
    if (t->overlay == OV_EXPORT && key != TK_TICK) {
        export_prompt_key(t, key);
        return;
    }
    if (t->overlay == OV_ATTEND && key != TK_TICK) {
        attend_key(t, key);
        return;
    }
    if (t->overlay == OV_ROSTER && key != TK_TICK) {
        roster_screen_key(t, key);
        return;
    }
    if (key == TK_TICK)
        lock_tick(t);
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
        t->quit = a == A_QUIT || key == 'y' || key == 'Y';
        return; /* any other key only cancels: it does nothing else */
    }
    if (t->overlay == OV_NONE && !t->editing && !t->searching &&
        global_key(t, a))
        return;
    if (t->screen == SCR_SESSION && lock_read_only_key(t, a))
        return;
    if (t->editing && (a == A_HELP || a == A_REDRAW)) {
        global_key(t, a);
        return;
    }
    switch (t->screen) {
    case SCR_HOME:
        home_key(t, key, a);
        break;
    case SCR_PICKER:
        picker_key(t, key, a);
        break;
    case SCR_FORM:
        form_key(t, key, a);
        break;
    case SCR_SESSION:
        stage_key(t, key, a);
        break;
    case SCR_PROGRESS:
        progress_key(t, key, a);
        break;
    case SCR_RLIST:
        review_list_key(t, key, a);
        break;
    case SCR_RVIEW:
        review_view_key(t, key, a);
        break;
    case SCR_READ:
        library_read_key(t, key, a);
        break;
    }
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
        if (tui_check_terminal(t->cli->err) < 0)
            return -1;
        if (tcgetattr(STDIN_FILENO, &saved_termios) == 0)
            have_termios = 1;
        scr = newterm(NULL, stdout, stdin);
        t->osc8 = term && strcmp(term, "dumb") != 0 &&
                  strncmp(term, "vt", 2) != 0 && strcmp(term, "linux") != 0;
    }
    if (!scr) {
        cli_error(t->cli,
                  "cannot use terminal type '%s'; try TERM=xterm-256color",
                  term ? term : "(unset)");
        return -1;
    }
    char *cup = tigetstr("cup");
    if (!cup || cup == (char *)-1) { /* e.g. TERM=dumb: nothing can be drawn */
        endwin();
        delscreen(scr);
        cli_error(t->cli,
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
        fprintf(t->cli->err, "pbl: out of memory\n");
        return -1;
    }
    return 0;
}

/* Opens the database and, when the command shows modules, the module
 * library; problems with modules are shown once the console is up, not
 * hidden. (`resume --list` reads sessions only: a missing or broken
 * library is not its business.) */
static int open_data(struct tui *t, bool with_library)
{
    char *err = NULL, *path = store_resolve_path(t->cli->db_path, &err);
    /* a listing only reads: a read-only folder or disk does not stop it */
    unsigned flags = STORE_CREATE | (with_library ? 0 : STORE_MAY_READONLY);
    if (!path || store_open(path, flags, &t->store, &err) != STORE_OK) {
        fprintf(t->cli->err, "pbl: %s\n", err ? err : "out of memory");
        free(err);
        free(path);
        return -1;
    }
    free(path);
    if (store_warning(t->store)) { /* on stderr too: it may be a script */
        fprintf(t->cli->err, "pbl: %s\n", store_warning(t->store));
        tui_message(t, "%s", store_warning(t->store));
    }
    if (!with_library)
        return 0;
    struct pbl_diags d = {0};
    if (library_load(&t->lib, t->cli->module_dirs, t->cli->nmodule_dirs, &d) <
        0) {
        fprintf(t->cli->err, "pbl: out of memory\n");
        diags_free(&d);
        return -1;
    }
    if (d.n) {
        diags_print(&d, t->cli->err);
        tui_message(t,
                    "%zu module file%s with problems left out; run 'pbl "
                    "validate'",
                    t->lib.nbad, t->lib.nbad == 1 ? "" : "s");
    }
    diags_free(&d);
    return 0;
}

struct run_opts {
    const char *group, *facilitator, *session, *resident;
    bool list;
    enum session_open_mode open_mode; /* --take-over, --read-only */
    char **ids;
    int nids;
};

/* Goes straight into a session for `pbl facilitate ID... --group NAME`,
 * or to the picker/form for what is missing. */
static int start_facilitate(struct tui *t, const struct run_opts *o)
{
    for (int i = 0; i < o->nids; i++) {
        const struct pbl_module *m = library_find(&t->lib, o->ids[i]);
        if (!m) {
            cli_error(t->cli,
                      "no module with id '%s'; 'pbl list' shows the library",
                      o->ids[i]);
            return -1;
        }
        size_t k = 0;
        while (t->lib.mods[k] != m)
            k++;
        t->picked[t->npicked++] = k;
    }
    if (o->group)
        snprintf(t->field[0].buf, sizeof t->field[0].buf, "%s", o->group);
    if (o->facilitator)
        snprintf(t->field[1].buf, sizeof t->field[1].buf, "%s", o->facilitator);
    for (int f = 0; f < 3; f++)
        t->field[f].len = strlen(t->field[f].buf);
    t->screen = o->nids ? SCR_FORM : SCR_PICKER;
    return 0;
}

/* The session `which` (an id or its start) names, into uuid; -1 with a
 * message when none or several. */
static int find_resume(struct tui *t, const char *which,
                       char uuid[STORE_UUID_LEN + 1])
{
    int rc = store_find_session(t->store, which, uuid);
    if (rc != STORE_OK) {
        fprintf(t->cli->err, "pbl: %s\n",
                rc == STORE_NOT_FOUND ? "no session with that id; 'pbl resume' "
                                        "lists the unfinished ones"
                : rc == STORE_AMBIGUOUS ? "that prefix names several sessions; "
                                          "give more of the id"
                                        : store_error(t->store));
        return -1;
    }
    return 0;
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
        fprintf(t->cli->err, "pbl: cannot resume: %s\n", err);
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

static int parse_run_opts(struct tui *t, int argc, char **argv, int mode,
                          struct run_opts *o)
{
    static const struct option opts[] = {
        {"group", required_argument, NULL, 'g'},
        {"facilitator", required_argument, NULL, 'f'},
        {"resident", required_argument, NULL, 'R'},
        {"list", no_argument, NULL, 'l'},
        {"remember", no_argument, NULL, 'M'},
        {"take-over", no_argument, NULL, 'T'},
        {"read-only", no_argument, NULL, 'O'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":hg:f:R:l", opts, NULL)) != -1) {
        const char *opt = c == 'g'   ? "--group"
                          : c == 'f' ? "--facilitator"
                          : c == 'R' ? "--resident"
                                     : NULL;
        if (c == ':')
            return cli_usage_error(t->cli, argv[0], "option '%s' needs a value",
                                   argv[optind - 1]);
        if (opt && cli_check_text(t->cli, argv[0], opt, optarg))
            return 2;
        if (c == 'h')
            return cli_help(t->cli, argv[0]) == 0 ? 1 : 2;
        if (c == 'g' && mode == TUI_FACILITATE)
            o->group = optarg;
        else if (c == 'f' && mode == TUI_FACILITATE)
            o->facilitator = optarg;
        else if (c == 'R' && mode == TUI_STUDY)
            o->resident = optarg;
        else if (c == 'M' && mode == TUI_STUDY)
            t->remember = true;
        else if (c == 'T' && mode == TUI_RESUME)
            o->open_mode = SESSION_TAKE_OVER;
        else if (c == 'O' && mode == TUI_RESUME)
            o->open_mode = SESSION_FOLLOW;
        else if (c == 'l' && mode == TUI_RESUME)
            o->list = true;
        else
            return cli_usage_error(t->cli, argv[0], "unknown option '%s'",
                                   cli_bad_option(argc, argv, optopt));
    }
    o->ids = argv + optind;
    o->nids = argc - optind;
    if (mode == TUI_RESUME && o->nids > 1)
        return cli_usage_error(t->cli, argv[0], "give one session");
    if (mode == TUI_RESUME && o->nids == 1)
        o->session = o->ids[0];
    if ((mode == TUI_HOME || mode == TUI_REVIEW) && o->nids)
        return cli_usage_error(t->cli, mode == TUI_REVIEW ? argv[0] : NULL,
                               "unexpected '%s'", o->ids[0]);
    if (mode == TUI_STUDY && o->nids > 1)
        return cli_usage_error(t->cli, argv[0], "give one module to study");
    if (mode == TUI_STUDY && o->nids == 1)
        t->study_id = o->ids[0];
    if (t->remember && !o->resident)
        return cli_usage_error(t->cli, argv[0], "--remember needs --resident");
    const char *names[] = {o->group, o->facilitator, o->resident};
    static const char *const what[] = {"--group", "--facilitator",
                                       "--resident"};
    for (int k = 0; k < 3; k++) {
        char *name = text_name(names[k]);
        bool blank = name && !*name;
        if (k == 2 && name && !blank)
            t->resident = name;
        else
            free(name);
        if (blank)
            return cli_usage_error(t->cli, argv[0], "%s needs a name", what[k]);
    }
    return 0;
}

/* `pbl resume --list`: the unfinished sessions, one a line, for people
 * and scripts; no terminal needed. */
static int list_unfinished(struct tui *t)
{
    struct store_session_list l;
    if (store_list_sessions(t->store, STORE_LIST_UNFINISHED, &l) != STORE_OK) {
        fprintf(t->cli->err, "pbl: %s\n", store_error(t->store));
        return 1;
    }
    for (size_t i = 0; i < l.n; i++) {
        const struct store_session *s = &l.v[i];
        /* names are record text: made safe (an old database may hold
         * anything), padded by display columns */
        text_safe_pad(t->cli->out, s->uuid, 0);
        fputs("  ", t->cli->out);
        text_safe_pad(t->cli->out, s->started_at, 0);
        fprintf(t->cli->out, "  %-10s  ", store_kind_name(s->kind));
        text_safe_pad(t->cli->out,
                      s->group_name ? s->group_name
                      : s->resident ? s->resident
                                    : "-",
                      20);
        if (s->modpos >= 0)
            fprintf(t->cli->out, "  module %d, ", s->modpos + 1);
        else
            fputs("  module ?, ", t->cli->out); /* a damaged position */
        text_safe_pad(t->cli->out, s->stage, 0);
        fputc('\n', t->cli->out);
    }
    if (!l.n)
        fprintf(t->cli->out, "No unfinished sessions.\n");
    store_session_list_free(&l);
    return 0;
}

/* `pbl resume` without a session: resumes the only unfinished session, or
 * shows the home screen, which lists them first, when there are several.
 * Returns 1 when there is nothing to resume (said on standard output). */
static int resume_default(struct tui *t, enum session_open_mode mode)
{
    struct store_session_list l;
    if (store_list_sessions(t->store, STORE_LIST_UNFINISHED, &l) != STORE_OK) {
        fprintf(t->cli->err, "pbl: %s\n", store_error(t->store));
        return -1;
    }
    int rc = 0;
    if (l.n == 0) {
        fprintf(t->cli->out, "No unfinished sessions.\n");
        rc = 1;
    } else if (l.n == 1) {
        rc = start_resume(t, l.v[0].uuid, mode);
    }
    store_session_list_free(&l);
    return rc;
}

static void free_tui(struct tui *t, FILE *null_out)
{
    tui_close_session(t);
    free(t->not_saved);
    review_free(t);
    attend_free(t);
    roster_screen_free(t);
    phi_guard_free(t);
    study_forget(t);
    store_session_list_free(&t->unfinished);
    free(t->picked);
    library_free(&t->lib);
    store_close(t->store);
    if (t->script)
        fclose(t->script);
    free(t->script_paste);
    if (null_out)
        fclose(null_out);
}

int tui_run(struct pbl_cli *cli, int argc, char **argv, int mode)
{
    struct tui t = {.cli = cli, .screen = SCR_HOME};
    struct run_opts o = {0};
    FILE *null_out = NULL;
    int rc = parse_run_opts(&t, argc, argv, mode, &o);
    if (rc)
        return rc == 1 ? 0 : rc;
    const char *theme = cli->theme ? cli->theme : "default";
    if (!(t.theme = theme_find(theme)) && !cli->theme_from_env)
        return cli_usage_error(cli, NULL,
                               "unknown theme '%s'; the themes are %s", theme,
                               theme_names());
    if (!t.theme) { /* a stale PBL_THEME must not stop the console */
        fprintf(cli->err,
                "pbl: warning: PBL_THEME '%s' is not a theme (the themes "
                "are %s); using the default\n",
                theme, theme_names());
        t.theme = theme_find("default");
    }
    const char *script = getenv("PBL_SCRIPT");
    if (script && *script && !(t.script = fopen(script, "r"))) {
        fprintf(cli->err, "pbl: cannot read PBL_SCRIPT %s: %s\n", script,
                strerror(errno));
        return 1;
    }
    t.dump_dir = getenv("PBL_DUMP_DIR");
    if (open_data(&t, !(mode == TUI_RESUME && o.list)) < 0 ||
        !(t.picked = calloc(t.lib.n + (size_t)o.nids + 1, sizeof *t.picked))) {
        free_tui(&t, NULL);
        return 1;
    }
    if (mode == TUI_RESUME && o.list) {
        rc = list_unfinished(&t);
        free_tui(&t, NULL);
        return rc;
    }
    if (mode == TUI_RESUME && !o.session) {
        rc = resume_default(&t, o.open_mode);
        if (rc != 0) {
            free_tui(&t, NULL);
            return rc < 0 ? 1 : 0;
        }
    }
    /* the arguments, then the terminal, and only then a session: a
     * refusal must not leave a phantom session behind */
    char uuid[STORE_UUID_LEN + 1] = "";
    if ((mode == TUI_FACILITATE && start_facilitate(&t, &o) < 0) ||
        (o.session && find_resume(&t, o.session, uuid) < 0) ||
        tui_check_terminal(cli->err) < 0 ||
        (uuid[0] && start_resume(&t, uuid, o.open_mode) < 0)) {
        free_tui(&t, null_out);
        return 1;
    }
    if (mode == TUI_FACILITATE && o.nids && o.group)
        form_start_session(&t);
    if (start_curses(&t, &null_out) < 0) {
        free_tui(&t, null_out);
        return 1;
    }
    install_signals();
    if (mode == TUI_REVIEW)
        review_enter(&t);
    else if (mode == TUI_STUDY && !t.sess)
        study_begin(&t);
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
        fprintf(cli->err, "pbl: not saved: %s\n",
                t.not_saved ? t.not_saved : "out of memory");
    else if (resumable)
        fprintf(cli->out, "Session saved. Resume it with: pbl resume %.8s\n",
                uuid);
    rc = stop_signal ? 128 + stop_signal : t.save_failed ? 1 : 0;
    free_tui(&t, null_out);
    return rc;
}
