/* tui.h - the console's internal interface: the app state every screen
 * draws from, and the functions each screen file provides.
 *
 * One file per screen (src/tui/screen_*.c), each an ops table (struct
 * screen_ops: enter, draw, key, where, input, free) with its own state,
 * listed once in TUI_SCREENS; app.c draws and dispatches through the
 * table. A key becomes an action by the table of keys.h (TUI_ACTIONS, for
 * the W_ bits the screen's `where` gives), and the screen's key function
 * turns the action into a call of the core. Lists are list.c's widget.
 * What several screens share (the library, the store, the session on
 * screen, the modules picked, the form's fields, the resident) stays in
 * struct tui. The rules of the flow live in the session state machine
 * (pbl/session.h), not here. */
#ifndef PBL_TUI_H
#define PBL_TUI_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "keys.h"
#include "list.h"
#include "pbl/console.h"
#include "pbl/editor.h"
#include "pbl/keyin.h"
#include "pbl/library.h"
#include "pbl/review.h"
#include "pbl/session.h"
#include "pbl/store.h"
#include "pbl/study.h"

/* Keys: Unicode characters as themselves; curses function keys with this
 * flag, so they never collide with a character. */
#define TK_FLAG 0x40000000
#define TK(k) ((k) | TK_FLAG)
#define TK_CTRL_LEFT TK(0x7001)
#define TK_CTRL_RIGHT TK(0x7002)
#define TK_TICK TK(0x7003)  /* no key: the clock ticked */
#define TK_PASTE TK(0x7004) /* pasted text: tui.paste, tui.paste_len */

/* The form's text fields (t->field). */
#define FORM_FIELDS 4

/* The semantic elements a theme colours (htop style). */
enum elem {
    E_NORMAL,
    E_TITLE,
    E_HEADING,
    E_DIM,
    E_STATUS,
    E_STATUS_OVER,
    E_SELECTED,
    E_PICKED,
    E_ON,     /* a skill tagged, a point ticked */
    E_MISSED, /* a target skill not named, a point not reached */
    E_ANSWER, /* the group's answer */
    E_MODEL,  /* the model answer */
    E_NOTES,  /* facilitator only */
    E_INPUT,
    E_ERROR,
    E_LINK,
    E_COUNT
};

/* The screens, one ops table each (struct screen_ops below), in the
 * manner of tig's view_ops and htop's panel classes.
 *
 * Adding a screen:
 *   1. write src/tui/screen_NAME.c: its state (a struct private to the
 *      file, reached with screen_state(t, SCR_ID)) and
 *      `const struct screen_ops NAME_screen = {...}` with its draw, key
 *      and where functions (enter, input and free when it needs them);
 *   2. add one row X(ID, NAME) below; SCR_ID and the table entry follow.
 * Its keys are rows of TUI_ACTIONS (keys.h) for the W_ bit its `where`
 * returns (a new bit there when no existing one fits); the help and the
 * status-line hints come from those rows. Go to it with tui_enter(t,
 * SCR_ID), or with a function of the screen's own that sets its state
 * first. */
#define TUI_SCREENS(X)                                                         \
    X(HOME, home)                                                              \
    X(PICKER, picker)                                                          \
    X(FORM, form)                                                              \
    X(SESSION, stage)                                                          \
    X(PROGRESS, progress)                                                      \
    X(RLIST, review_list) /* review: the list of sessions */                   \
    X(RVIEW, review_view) /* review: one session */                            \
    X(READ, library_read) /* the module library: one module's text */          \
    X(ROSTER, roster)     /* the roster of residents */

enum tui_screen {
#define AS_SCREEN_ENUM(id, name) SCR_##id,
    TUI_SCREENS(AS_SCREEN_ENUM)
#undef AS_SCREEN_ENUM
        SCR_COUNT
};

struct tui;

/* How keys reach a screen while it takes text. */
enum screen_input {
    INPUT_NONE,  /* keys are actions */
    INPUT_TEXT,  /* printable keys are text; others are actions (a form) */
    INPUT_MODAL, /* every key is the screen's (a search being typed) */
};

/* What a screen does: every member but draw, key and where may be NULL. */
struct screen_ops {
    /* Called by tui_enter() on coming to the screen. */
    void (*enter)(struct tui *t);
    void (*draw)(struct tui *t);
    /* A key, with the action TUI_ACTIONS gives it here (or A_NONE). */
    void (*key)(struct tui *t, int key, enum action a);
    /* The W_ bits (keys.h) of the keys that apply now: help and keys. */
    unsigned (*where)(const struct tui *t);
    enum screen_input (*input)(const struct tui *t);
    /* Lets go of what the state holds (the state itself is freed after). */
    void (*free)(struct tui *t);
    size_t state_size; /* the screen's own state, zeroed at start */
};

#define AS_SCREEN_DECL(id, name) extern const struct screen_ops name##_screen;
TUI_SCREENS(AS_SCREEN_DECL)
#undef AS_SCREEN_DECL

enum overlay {
    OV_NONE,
    OV_HELP,
    OV_GLOSSARY,
    OV_BLANK,
    OV_PARK,      /* typing a parking-lot item */
    OV_POINTS,    /* ticking key points */
    OV_CUSTOMERS, /* marking the customers named */
    OV_COMMENT,   /* review: typing a comment */
    OV_RESOLVE,   /* review: ticking parking-lot items resolved */
    OV_DELETE,    /* review: typing the name to confirm a deletion */
    OV_EXPORT,    /* the file name to export the session shown to */
    OV_LOCKED,    /* the session is open in another console: follow or take */
    OV_ANSWERS,   /* a module's answers beside the model answers */
    OV_ATTEND,    /* who is here, or who spoke (attend.c) */
};

struct tui {
    struct tui_options *opt; /* what the command line gave (console.h) */
    struct pbl_library lib;
    struct pbl_store *store;
    struct pbl_session *sess;
    enum tui_screen screen;
    enum overlay overlay;
    int rows, cols;
    bool quit;
    bool quit_asked; /* q pressed on a group session: waiting for y or q */
    bool color;
    bool ascii; /* the terminal's locale is not UTF-8 */
    const struct theme *theme;
    char msg[1024];         /* one-line message, shown until the next key */
    int cursor_y, cursor_x; /* where the cursor goes after drawing */
    bool show_cursor;
    const char *link; /* a URL on screen to make clickable (OSC 8) */
    int link_y, link_x;
    bool osc8;          /* the terminal is real and may support OSC 8 */
    int overlay_scroll; /* the help or the glossary */

    /* picker and form (screen_picker.c has the picker's own state) */
    size_t *picked; /* library indexes, in the order picked */
    size_t npicked;

    /* form: group, facilitator, participants, the target length in
     * minutes (FORM_FIELDS); or the resident's name in the first */
    struct line_input field[FORM_FIELDS];
    bool study;           /* picker and form are for self-study */
    bool browse;          /* the picker is the module library */
    char *resident;       /* who is studying */
    bool remember;        /* --remember: make --resident the default */
    const char *study_id; /* `pbl study ID`: the module to start with */
    struct study_progress progress;
    bool have_progress;
    long start_over_asked; /* S in the picker: library index + 1 asked */

    /* a session open in another console (lock.c) */
    char lock_uuid[STORE_UUID_LEN + 1]; /* the one asked about */
    struct store_lock lock_holder;      /* who has it */
    int64_t lock_beat_ms;               /* the last heartbeat */

    /* who attends or spoke (attend.c); kept on the form until the start */
    struct attend_ui *attend;
    bool roster_asked; /* self-study: a name not on the roster was asked */

    /* patient identifiers (phi_guard.c; what the session screen shows of
     * them is in stage.h) */
    struct phi_set *phi;
    bool phi_failed; /* the patterns could not be read */

    /* exporting the session shown */
    struct line_input export_input;
    int export_fmt; /* enum export_format */
    char export_uuid[STORE_UUID_LEN + 1];

    /* the session on screen (stage.h has the rest of its state) */
    int scroll;            /* the scenario, or the model answer panel */
    struct pbl_editor *ed; /* the current question's answer */
    bool editing;          /* the answer is being typed */

    /* the keyboard, and the text of the paste being handled (TK_PASTE) */
    struct keyin *keyin;
    const char *paste;
    size_t paste_len;
    char *not_saved;  /* what the last session closed could not save */
    bool save_failed; /* a session closed with something not saved */

    /* each screen's own state (screens.c) */
    void *screen_state[SCR_COUNT];

    /* scripted keys (PBL_SCRIPT) and screen dumps */
    FILE *script;
    char *script_paste; /* the file of a ":paste FILE" line */
    const char *dump_dir;
};

/* app.c */
void tui_message(struct tui *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
unsigned tui_where(const struct tui *t);
/* Shows the cursor at (y, x) once the frame is drawn (text being typed). */
void tui_cursor(struct tui *t, int y, int x);
void tui_open_session(struct tui *t, struct pbl_session *s);
/* terminal.c: 0 when standard input and output are a terminal that can
 * move the cursor (or PBL_NO_DISPLAY is set), else -1 with a message on
 * err. Asked before any session is created. */
int tui_check_terminal(FILE *err);
/* Saves and closes the session on screen; -1 when something was not
 * saved, said in t->not_saved (reported on exit). */
int tui_close_session(struct tui *t);

/* screens.c: the table of TUI_SCREENS */
const struct screen_ops *screen_ops(enum tui_screen s);
/* The state of screen s (its ops' state_size bytes). */
void *screen_state(const struct tui *t, enum tui_screen s);
/* Allocates every screen's state; -1 when out of memory. */
int screens_alloc(struct tui *t);
/* Calls each screen's free, then frees its state. */
void screens_free(struct tui *t);
/* Goes to screen s, calling its enter. */
void tui_enter(struct tui *t, enum tui_screen s);

/* theme.c */
/* theme_find and theme_names: in pbl/console.h */
void theme_apply(struct tui *t);
int theme_attr(const struct tui *t, enum elem e);
int theme_margin(const struct tui *t);
bool theme_big(const struct tui *t);

/* draw.c: drawing helpers over stdscr */
void draw_text(struct tui *t, int y, int x, int width, enum elem e,
               const char *s);
void draw_span(struct tui *t, int y, int x, int width, enum elem e,
               const char *s, size_t n);
int draw_wrapped(struct tui *t, int y, int x, int width, int maxrows, int skip,
                 enum elem e, const char *text);
int wrapped_rows(const char *text, int width);
void draw_fill(struct tui *t, int y, enum elem e);
/* Draws t->msg wrapped to `width` columns from x, its last line on row
 * `bottom` and the others above it, each row filled with `e` when `fill`.
 * It takes at most half the screen: a longer message loses its first
 * lines, never its end (the reason). Returns the rows used. */
int draw_message(struct tui *t, int bottom, int x, int width, enum elem e,
                 bool fill);
void draw_status(struct tui *t, const char *left, const char *right,
                 enum elem right_elem);
void draw_title(struct tui *t, int y, const char *title);
void draw_input(struct tui *t, int y, int x, int width,
                const struct line_input *in, bool focused);
bool input_key(struct line_input *in, int key);
/* Sets an input's text (NULL empties it), the cursor at the end. */
void input_set(struct line_input *in, const char *text);

/* scroll.c: a region of h rows showing `total` rows of content from *top
 * (clamped here), with "↑ N more" on its first row and "↓ N more" on its
 * last when content is hidden there (and the keys when `hint`); keep >= 0
 * is a content row that must be shown (the cursor's). Returns the rows
 * left for the content. */
struct scroll_view {
    int y, h;
};
struct scroll_view scroll_region(struct tui *t, int y, int x, int w, int h,
                                 int total, int *top, int keep, bool hint);
/* Paragraphs laid out one below the other and drawn scrolled as one:
 * draw_panel calls fill twice, to measure and to draw, and returns the
 * rows of the whole. */
struct panel {
    struct tui *t;
    int y, x, w, h; /* where it is drawn */
    int top;        /* the first row shown */
    int row;        /* rows laid out so far */
    bool draw;      /* false while measuring */
};
void panel_add(struct panel *p, int indent, enum elem e, const char *text);
int draw_panel(struct tui *t, int y, int x, int w, int h, int *scroll,
               void (*fill)(struct panel *, void *), void *arg);
/* A key on the help or the glossary: scrolls it or closes it. */
void overlay_key(struct tui *t, int key);

/* keyboard.c: keys from the terminal (see there). keyboard_start switches
 * bracketed paste on; keyboard_stop (after endwin) switches it off. */
int keyboard_start(struct tui *t);
/* Pasted text into the answer being typed (stage_keys.c). */
void stage_paste(struct tui *t, const char *text, size_t len);
void keyboard_stop(struct tui *t);
/* The next key, TK_TICK after a second without one (or once *stop is
 * set), TK_PASTE for pasted text; -1 when the terminal is gone. */
int keyboard_key(struct tui *t, volatile sig_atomic_t *stop);
/* Whether more keys are there to read at once (the frame can wait). */
bool keyboard_waiting(const struct tui *t);
int draw_big(struct tui *t, int y, int x, int width, int maxrows, enum elem e,
             const char *text);
int draw_heading(struct tui *t, int y, int x, int width, int maxrows,
                 enum elem e, const char *text);
void draw_help(struct tui *t);
void draw_glossary(struct tui *t);
void draw_answers_overview(struct tui *t);

/* lock.c: a session open in another console */
/* Opens session `uuid` in `mode` (session.h); when another console holds
 * it, asks (the OV_LOCKED page) whether to follow it read-only or take it
 * over. Returns 0 when the session is open, 1 when asking, -1 on error
 * (said with tui_message). */
int tui_resume(struct tui *t, const char *uuid, enum session_open_mode mode);
void lock_prompt_draw(struct tui *t);
void lock_prompt_key(struct tui *t, int key);
/* Each clock tick: renews this console's lock, notices a take-over, and
 * brings a followed session up to date. */
void lock_tick(struct tui *t);
/* In a read-only session, keys other than looking around are refused
 * (said on the status line); T takes over. True when the key was used. */
bool lock_read_only_key(struct tui *t, enum action a);

/* attend.c: the roster checklist (OV_ATTEND) */
enum attend_mode { ATTEND_FORM, ATTEND_SESSION, ATTEND_SPEAKERS };
void attend_open(struct tui *t, enum attend_mode mode);
void attend_draw(struct tui *t);
/* The columns of a name column: the widest name, at most `width` less
 * the `rest` the other columns need, at least 8. */
int name_column(int widest, int width, int rest);
void attend_key(struct tui *t, int key);
/* The residents picked on the form so far. */
size_t attend_form_count(const struct tui *t);
/* Writes the form's picks to the session just started; -1 when not all
 * could be saved (said with tui_message). */
int attend_session_started(struct tui *t);
void attend_free(struct tui *t);
/* Self-study: the name typed, as the roster spells it; "NAME, CLASS"
 * adds NAME to the roster; a name not on a roster that has residents is
 * asked about once (NULL: ask, the message says why). malloc'd. */
char *attend_study_name(struct tui *t, const char *typed);
/* Links the self-study session just started to its roster resident. */
void attend_link_study(struct tui *t);
/* The group sessions a roster resident attended (progress screen); -1
 * when `name` is not on the roster or the store cannot say. */
int attend_group_count(struct tui *t, const char *name);

/* phi_guard.c: patient identifiers on screen */
/* Warns (tui_message) when text just entered, a `what` ("answer"),
 * seems to hold a patient identifier. */
void phi_guard_check(struct tui *t, const char *text, const char *what);
/* The answer as the projected screen may show it: malloc'd with each
 * identifier hidden, or NULL when it may be shown as it is. */
char *phi_guard_hide(struct tui *t, const char *text);
/* Replaces the malloc'd *text by what phi_guard_hide() makes of it, when
 * that hides something. */
void phi_guard_hide_in_place(struct tui *t, char **text);
/* v on a question, and the y that confirms it; true when it used the
 * key. */
bool phi_guard_key(struct tui *t, int key, enum action a);
void phi_guard_free(struct tui *t);

/* screen files */
void home_enter(struct tui *t);
/* Starts a background sync when a hub is set (asked: S was pressed, so
 * say so either way); home_sync_tick, each clock tick, reports its end.
 * The running sync is the home screen's state (screen_home.c). */
void home_sync_start(struct tui *t, bool asked);
void home_sync_tick(struct tui *t);
/* Goes to the picker, its search emptied. */
void picker_open(struct tui *t);
/* Goes to the form, its first field to type; `empty` empties the fields
 * first. */
void form_open(struct tui *t, bool empty);
void form_start_session(struct tui *t);
void stage_entered(struct tui *t);
void stage_draw(struct tui *t);
void stage_key(struct tui *t, int key, enum action a);
void stage_video_draw(struct tui *t, int top, int bottom);
void stage_summary_draw(struct tui *t, int top, int bottom);
void stage_frame_draw(struct tui *t, int top, int bottom);
int draw_carried(struct tui *t, int y, int x, int w, int h);
void stage_summary_key(struct tui *t, enum action a);
void open_url(struct tui *t, const char *url);
void open_video(struct tui *t, const struct pbl_module *m);
void open_url_reap(struct tui *t);
void review_enter(struct tui *t);
void export_prompt_open(struct tui *t, const char *uuid);
void export_prompt_draw(struct tui *t);
void export_prompt_key(struct tui *t, int key);
/* screen_review.c: a text paged through (a session in review, a module
 * in the library) */
struct pager {
    struct review_parts text; /* typed parts, coloured by kind */
    int scroll;
};
/* The scrolling keys (Up, Down, PgUp, PgDn, Home, End); true when the
 * action was one of them. Past the end is clamped when drawn. */
bool pager_key(struct pager *pg, enum action a, int page);
/* Draws the text in h rows from row y, from pg->scroll (kept within the
 * text), with the markers of scroll_region; returns the text's rows. */
int pager_draw(struct tui *t, struct pager *pg, int y, int h);
/* How much of the text has been seen, in percent (100 at the end). */
int pager_percent(int top, int h, int total);
/* screen_read.c: reads library module lib_index whole */
void read_module(struct tui *t, size_t lib_index);
/* screen_study.c: self-study (selfstudy_*, over the core's study_* of
 * pbl/study.h) */
void selfstudy_begin(struct tui *t);
void selfstudy_forget(struct tui *t);
void selfstudy_start_module(struct tui *t, size_t lib_index);
void selfstudy_name_entered(struct tui *t, const char *name);
void selfstudy_switch_resident(struct tui *t);
void selfstudy_after_finish(struct tui *t);
/* S in the picker: asks, then closes the resident's unfinished attempts
 * at module k as abandoned and starts a new one. */
void selfstudy_start_over_key(struct tui *t, size_t k);
void selfstudy_show_progress(struct tui *t);
void picker_study_label(struct tui *t, size_t lib_index, char *buf,
                        size_t size);

#endif
