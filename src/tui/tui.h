/* tui.h - the console's internal interface: the app state every screen
 * draws from, and the functions each screen file provides.
 *
 * One file per screen (home, picker, form, stage, summary), each with a
 * draw and a key function, in the manner of ncdu; the rules of the flow
 * live in the session state machine (pbl/session.h), not here. */
#ifndef PBL_TUI_H
#define PBL_TUI_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "keys.h"
#include "pbl/cli.h"
#include "pbl/editor.h"
#include "pbl/keyin.h"
#include "pbl/library.h"
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

enum tui_screen {
    SCR_HOME,
    SCR_PICKER,
    SCR_FORM,
    SCR_SESSION,
    SCR_PROGRESS,
    SCR_RLIST, /* review: the list of sessions */
    SCR_RVIEW, /* review: one session */
    SCR_READ,  /* the module library: one module's text */
};

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
    OV_ATTEND,    /* who is here, or who spoke (attend.c) */
    OV_ROSTER,    /* the roster of residents (roster_screen.c) */
};

/* A one-line text field (form fields, search, parking lot). */
struct line_input {
    char buf[512];
    size_t len;
    size_t back; /* the cursor, in bytes before the end: 0 types at the end */
};

struct tui {
    struct pbl_cli *cli;
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

    /* home */
    int home_sel;
    struct store_session_list unfinished;

    /* picker */
    int pick_sel, pick_top;
    bool searching;
    struct line_input search;
    size_t *picked; /* library indexes, in the order picked */
    size_t npicked;

    /* form: group, facilitator, participants; or the resident's name */
    struct line_input field[3];
    int field_sel;
    bool study;           /* picker and form are for self-study */
    bool browse;          /* the picker is the module library */
    char *resident;       /* who is studying */
    bool remember;        /* --remember: make --resident the default */
    const char *study_id; /* `pbl study ID`: the module to start with */
    struct study_progress progress;
    bool have_progress;
    int pr_sel;

    /* review */
    struct store_session_list sessions;
    int rl_sel, rl_top;
    int kind_filter;  /* 0 all, 1 group, 2 self-study */
    time_t rl_loaded; /* when the list was read: it is read again */
    bool *rl_match;   /* per session: matches the search */
    char rl_err[200]; /* what is wrong with the search, or "" */
    char *rv_text;    /* the session shown, as text */
    char rv_uuid[STORE_UUID_LEN + 1];
    int rv_scroll;
    struct line_input rv_input;
    struct store_park_list rv_park;
    int rv_park_sel;

    /* a session open in another console (lock.c) */
    char lock_uuid[STORE_UUID_LEN + 1]; /* the one asked about */
    struct store_lock lock_holder;      /* who has it */
    int64_t lock_beat_ms;               /* the last heartbeat */

    /* who attends or spoke (attend.c); kept on the form until the start */
    struct attend_ui *attend;
    struct roster_ui *roster_ui; /* the roster screen (roster_screen.c) */
    bool roster_asked; /* self-study: a name not on the roster was asked */

    /* patient identifiers (phi_guard.c) */
    struct phi_set *phi;
    bool phi_failed;        /* the patterns could not be read */
    bool phi_asked;         /* v pressed: waiting for y */
    size_t phi_shown_stage; /* stage index + 1 where v y showed it, or 0 */

    /* exporting the session shown */
    struct line_input export_input;
    int export_fmt; /* enum export_format */
    char export_uuid[STORE_UUID_LEN + 1];

    /* session stages */
    int scroll;            /* the scenario, or the model answer panel */
    int answer_top;        /* the answer's first row shown */
    bool model_scrolls;    /* the model answer is taller than its rows */
    struct pbl_editor *ed; /* the current question's answer */
    bool give_up_asked;    /* G on an answered question: the next G confirms */
    long start_over_asked; /* S in the picker: library index + 1 asked */
    bool editing;
    bool draft_dirty; /* the editor changed since the session last had it */
    int point_sel;
    struct line_input park;

    /* the keyboard, and the text of the paste being handled (TK_PASTE) */
    struct keyin *keyin;
    const char *paste;
    size_t paste_len;
    char *not_saved;  /* what the last session closed could not save */
    bool save_failed; /* a session closed with something not saved */

    /* scripted keys (PBL_SCRIPT) and screen dumps */
    FILE *script;
    char *script_paste; /* the file of a ":paste FILE" line */
    const char *dump_dir;
};

/* app.c */
enum { TUI_HOME, TUI_FACILITATE, TUI_RESUME, TUI_STUDY, TUI_REVIEW };
int tui_run(struct pbl_cli *cli, int argc, char **argv, int mode);
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

/* theme.c */
struct theme;
const struct theme *theme_find(const char *name);
const char *theme_names(void);
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

/* roster_screen.c: the residents, from the home screen (OV_ROSTER) */
void roster_screen_open(struct tui *t);
void roster_screen_draw(struct tui *t);
void roster_screen_key(struct tui *t, int key);
void roster_screen_free(struct tui *t);

/* phi_guard.c: patient identifiers on screen */
/* Warns (tui_message) when text just entered, a `what` ("answer"),
 * seems to hold a patient identifier. */
void phi_guard_check(struct tui *t, const char *text, const char *what);
/* The answer as the projected screen may show it: malloc'd with each
 * identifier hidden, or NULL when it may be shown as it is. */
char *phi_guard_hide(struct tui *t, const char *text);
/* v on a question, and the y that confirms it; true when it used the
 * key. */
bool phi_guard_key(struct tui *t, int key, enum action a);
void phi_guard_free(struct tui *t);

/* screen files */
void home_enter(struct tui *t);
void home_draw(struct tui *t);
void home_key(struct tui *t, int key, enum action a);
void picker_draw(struct tui *t);
void picker_key(struct tui *t, int key, enum action a);
void form_draw(struct tui *t);
void form_key(struct tui *t, int key, enum action a);
void form_start_session(struct tui *t);
void stage_entered(struct tui *t);
void stage_draw(struct tui *t);
void stage_key(struct tui *t, int key, enum action a);
void stage_video_draw(struct tui *t, int top, int bottom);
void stage_summary_draw(struct tui *t, int top, int bottom);
void stage_summary_key(struct tui *t, enum action a);
void open_url(struct tui *t, const char *url);
void open_url_reap(struct tui *t);
void review_enter(struct tui *t);
void review_list_draw(struct tui *t);
void review_list_key(struct tui *t, int key, enum action a);
void review_view_draw(struct tui *t);
void review_view_key(struct tui *t, int key, enum action a);
void review_free(struct tui *t);
void export_prompt_open(struct tui *t, const char *uuid);
void export_prompt_draw(struct tui *t);
void export_prompt_key(struct tui *t, int key);
int review_draw_pages(struct tui *t, int top, int h, int skip);
void read_module(struct tui *t, size_t lib_index);
void library_read_draw(struct tui *t);
void library_read_key(struct tui *t, int key, enum action a);
/* study.c: self-study */
void study_begin(struct tui *t);
void study_forget(struct tui *t);
void study_start_module(struct tui *t, size_t lib_index);
void study_name_entered(struct tui *t, const char *name);
void study_switch_resident(struct tui *t);
void study_after_finish(struct tui *t);
/* S in the picker: asks, then closes the resident's unfinished attempts
 * at module k as abandoned and starts a new one. */
void study_start_over_key(struct tui *t, size_t k);
void study_show_progress(struct tui *t);
void progress_draw(struct tui *t);
void progress_key(struct tui *t, int key, enum action a);
void picker_study_label(struct tui *t, size_t lib_index, char *buf,
                        size_t size);

#endif
