/* keys.h - every action of the console, listed once.
 *
 * Each X(ID, KEYS, HELP, WHERE) entry gives the action's id, the keys
 * that trigger it (names as in PBL_SCRIPT files, separated by spaces),
 * the help text `?` shows, and the screens where it works. Key dispatch
 * and the help overlay are both generated from this list, so the help can
 * never drift from what the keys do. */
#ifndef PBL_TUI_KEYS_H
#define PBL_TUI_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#include "pbl/skills.h"

/* Where an action works: screens and stages, plus two qualifiers for
 * actions that belong to only one kind of session. */
enum {
    W_HOME = 1 << 0,
    W_PICKER = 1 << 1,
    W_FORM = 1 << 2,
    W_SCENARIO = 1 << 3,
    W_VIDEO = 1 << 4,
    W_QUESTION = 1 << 5,
    W_SUMMARY = 1 << 6,
    W_EDITING = 1 << 7, /* typing an answer */
    W_PROGRESS = 1 << 8,
    W_RLIST = 1 << 9,    /* review: the list of sessions */
    W_RVIEW = 1 << 10,   /* review: one session */
    W_LIBRARY = 1 << 11, /* the module library */
    W_READ = 1 << 12,    /* reading one module */
    W_ROSTER = 1 << 13,  /* the roster of residents */
    W_STAGES = W_SCENARIO | W_VIDEO | W_QUESTION | W_SUMMARY,
    W_ALL = W_HOME | W_PICKER | W_FORM | W_STAGES | W_PROGRESS | W_RLIST |
            W_RVIEW | W_LIBRARY | W_READ | W_ROSTER,
    W_SELF = 1 << 14,       /* in tui_where(): a self-study session */
    W_GROUP_ONLY = 1 << 15, /* in the table: not in self-study */
    W_STUDY_ONLY = 1 << 16, /* in the table: only in self-study */
    /* Overlays and inputs: keys read there, in no screen's help (the
     * help of the screen under them says how to open them). */
    W_SEARCHING = 1 << 17,      /* typing a search over a list */
    W_OVERLAY = 1 << 18,        /* the help or the glossary */
    W_QUIT_ASKED = 1 << 19,     /* "Quit?" asked in a group session */
    W_LOCKED = 1 << 20,         /* the session is open in another console */
    W_INPUT = 1 << 21,          /* a one-line input (comment, park, export) */
    W_EXPORTING = 1 << 22,      /* the export prompt */
    W_TICKING = 1 << 23,        /* ticking items of a list */
    W_NUMBERED = 1 << 24,       /* ticking items by number too */
    W_TICK_POINTS = 1 << 25,    /* ticking key points */
    W_TICK_CUSTOMERS = 1 << 26, /* marking customers named */
    W_TEXT = 1 << 27,           /* editing keys of a one-line input */
    W_EDITOR = 1 << 28,         /* editing keys of the answer */
    W_PHI_ASKED = 1 << 29,      /* "Show the patient identifier?" asked */
};

/* SKILL1..SKILL5: the digit of each skill of PBL_SKILLS tags it. */
#define TUI_SKILL_ACTION(X, id, name, key, bit)                                \
    X(SKILL##key, #key, "tag " #name, W_QUESTION)

#define TUI_ACTIONS(X)                                                         \
    X(HELP, "? F1", "every key of this screen; j/k scroll, q/Esc close",       \
      W_ALL | W_EDITING)                                                       \
    X(QUIT, "q", "quit; a session stays resumable (a group one asks)", W_ALL)  \
    X(REDRAW, "C-l", "redraw the screen", W_ALL | W_EDITING)                   \
    X(UP, "Up k", "move up, or scroll up (the answer, then the model answer)", \
      W_HOME | W_PICKER | W_STAGES | W_PROGRESS | W_RLIST | W_RVIEW |          \
          W_LIBRARY | W_READ | W_ROSTER | W_OVERLAY | W_TICKING)               \
    X(DOWN, "Down j", "move down, or scroll down",                             \
      W_HOME | W_PICKER | W_STAGES | W_PROGRESS | W_RLIST | W_RVIEW |          \
          W_LIBRARY | W_READ | W_ROSTER | W_OVERLAY | W_TICKING)               \
    X(PAGE_UP, "PgUp", "scroll up a page", W_RVIEW | W_READ | W_OVERLAY)       \
    X(PAGE_DOWN, "PgDn Space", "scroll down a page",                           \
      W_RVIEW | W_READ | W_OVERLAY)                                            \
    X(GO_TOP, "Home", "go to the start", W_RVIEW | W_READ | W_OVERLAY)         \
    X(GO_BOTTOM, "End G", "go to the end", W_RVIEW | W_READ | W_OVERLAY)       \
    X(SELECT, "Enter", "choose", W_HOME | W_PROGRESS | W_RLIST)                \
    X(NEW_SESSION, "n", "start a new group session", W_HOME)                   \
    X(STUDY, "s", "self-study", W_HOME)                                        \
    X(LIBRARY, "l", "browse the module library", W_HOME)                       \
    X(READ, "Enter", "read the whole module", W_LIBRARY)                       \
    X(REVIEW, "v", "review recorded sessions", W_HOME)                         \
    X(RESUME, "r", "resume the unfinished session shown first", W_HOME)        \
    X(ROSTER_SCREEN, "p", "the residents: add, rename, mark graduated",        \
      W_HOME)                                                                  \
    X(SYNC, "S", "sync with the department's hub now", W_HOME)                 \
    X(PICK, "Space x", "pick or unpick a module (picked ones run in order)",   \
      W_PICKER | W_GROUP_ONLY)                                                 \
    X(SEARCH, "/",                                                             \
      "search; in review also from:DATE to:DATE group: resident: module: "     \
      "kind:",                                                                 \
      W_PICKER | W_RLIST | W_LIBRARY)                                          \
    X(CONTINUE, "Enter", "go on with the modules picked",                      \
      W_PICKER | W_GROUP_ONLY)                                                 \
    X(STUDY_START, "Enter",                                                    \
      "study this module (an unfinished attempt continues)",                   \
      W_PICKER | W_STUDY_ONLY)                                                 \
    X(START_OVER, "S",                                                         \
      "start this module over (an unfinished attempt is kept as abandoned)",   \
      W_PICKER | W_STUDY_ONLY)                                                 \
    X(PROGRESS, "P", "your progress and what to practise next",                \
      W_PICKER | W_STUDY_ONLY)                                                 \
    X(SWITCH_RESIDENT, "w", "not you? study under another name",               \
      W_PICKER | W_STUDY_ONLY)                                                 \
    X(FIELD_NEXT, "Tab Down", "next field", W_FORM)                            \
    X(FIELD_PREV, "S-Tab Up", "previous field", W_FORM)                        \
    X(START, "Enter", "go on (on the last field: start)", W_FORM)              \
    X(ROSTER, "C-r", "pick who attends from the roster", W_FORM)               \
    X(ROSTER_ADD, "a", "add a resident (Name, CLASS)", W_ROSTER)               \
    X(ROSTER_RENAME, "e",                                                      \
      "rename the resident (the old name still finds them)", W_ROSTER)         \
    X(ROSTER_GRADUATE, "g", "mark the resident graduated (records kept)",      \
      W_ROSTER)                                                                \
    X(KIND_FILTER, "f", "show all sessions, group only, or self-study only",   \
      W_RLIST)                                                                 \
    X(REFRESH, "R", "read the list again (also every few seconds)", W_RLIST)   \
    X(COMMENT, "c", "add a review comment", W_RVIEW)                           \
    X(RESOLVE, "P", "mark parking-lot items resolved", W_RVIEW)                \
    X(DELETE, "D", "delete this session (asks for its name)", W_RVIEW)         \
    X(BACK, "Esc", "go back",                                                  \
      W_PICKER | W_FORM | W_PROGRESS | W_RLIST | W_RVIEW | W_LIBRARY |         \
          W_READ | W_ROSTER)                                                   \
    X(NEXT, "Right PgDn n", "next stage", W_STAGES)                            \
    X(PREV, "Left PgUp N", "previous stage", W_STAGES)                         \
    X(EDIT, "e Enter", "type the answer; a paste goes in as text", W_QUESTION) \
    X(EDIT_DONE, "Esc Tab", "stop typing; the answer is saved", W_EDITING)     \
    PBL_SKILLS_WITH(TUI_SKILL_ACTION, X)                                       \
    X(POINTS, "t", "tick the key points reached", W_QUESTION | W_TICK_POINTS)  \
    X(CUSTOMERS, "c", "mark the customers named (customers question)",         \
      W_QUESTION | W_TICK_CUSTOMERS)                                           \
    X(REVEAL, "r", "reveal or hide the model answer", W_QUESTION)              \
    X(GIVE_UP, "G", "give up on the question and see the model answer",        \
      W_QUESTION | W_STUDY_ONLY)                                               \
    X(RATE_GOT, "+", "rate yourself: got it", W_QUESTION | W_STUDY_ONLY)       \
    X(RATE_PARTLY, "=", "rate yourself: partly", W_QUESTION | W_STUDY_ONLY)    \
    X(RATE_MISSED, "-", "rate yourself: missed", W_QUESTION | W_STUDY_ONLY)    \
    X(NOTES, "f", "show or hide the facilitator notes",                        \
      W_QUESTION | W_GROUP_ONLY)                                               \
    X(ANSWERS, "A", "all answers beside the model answers (last question)",    \
      W_QUESTION | W_GROUP_ONLY)                                               \
    X(OPEN, "o", "open the video link in a browser", W_VIDEO)                  \
    X(BLANK, "b", "blank the screen until any key", W_STAGES | W_GROUP_ONLY)   \
    X(GLOSSARY, "g", "the skills glossary; j/k PgUp/PgDn scroll, q/Esc close", \
      W_ALL & ~W_ROSTER) /* g on the roster marks a graduate */                \
    X(PARK, "p", "add a learning issue to the parking lot",                    \
      W_STAGES | W_GROUP_ONLY)                                                 \
    X(ATTENDANCE, "a", "who is here: late arrivals and early leavers",         \
      W_STAGES | W_GROUP_ONLY)                                                 \
    X(SHOW_HIDDEN, "v",                                                        \
      "show a patient identifier hidden on the screen (asks first)",           \
      W_SCENARIO | W_QUESTION | W_SUMMARY | W_GROUP_ONLY)                      \
    X(SPEAKERS, "s", "mark who spoke to this question",                        \
      W_QUESTION | W_GROUP_ONLY)                                               \
    X(EXPORT, "x", "export this session to a file", W_SUMMARY | W_RVIEW)       \
    X(FINISH, "F", "finish the session and go home", W_SUMMARY)                \
    X(TAKE_OVER, "T",                                                          \
      "take over a session followed read-only from another console",           \
      W_STAGES | W_LOCKED)                                                     \
    X(SEARCH_DONE, "Enter Esc Tab", "stop typing the search", W_SEARCHING)     \
    X(CLOSE, "q Esc ? F1 g A", "close", W_OVERLAY)                             \
    X(QUIT_YES, "q y Y", "quit after all", W_QUIT_ASKED)                       \
    X(SHOW_YES, "y Y", "show the identifier on this stage", W_PHI_ASKED)       \
    X(FOLLOW, "F f", "follow", W_LOCKED)                                       \
    X(LEAVE, "Esc q", "back", W_LOCKED)                                        \
    X(INPUT_DONE, "Enter", "done: save, add or export what is typed", W_INPUT) \
    X(INPUT_CANCEL, "Esc", "cancel", W_INPUT)                                  \
    X(NEXT_FORMAT, "Tab", "the next export format", W_EXPORTING)               \
    X(TICK, "Space x", "tick or untick the item selected", W_TICKING)          \
    X(TICK_NTH, "1 2 3 4 5 6 7 8 9", "tick or untick item N", W_NUMBERED)      \
    X(TICK_DONE, "Esc Enter q", "done", W_TICKING)                             \
    X(CLEAR, "C-u", "empty the field", W_TEXT)                                 \
    X(CHAR_LEFT, "Left", "cursor left", W_TEXT | W_EDITOR)                     \
    X(CHAR_RIGHT, "Right", "cursor right", W_TEXT | W_EDITOR)                  \
    X(LINE_UP, "Up", "cursor up a line", W_EDITOR)                             \
    X(LINE_DOWN, "Down", "cursor down a line", W_EDITOR)                       \
    X(LINE_START, "Home C-a", "to the start of the line", W_TEXT | W_EDITOR)   \
    X(LINE_END, "End C-e", "to the end of the line", W_TEXT | W_EDITOR)        \
    X(WORD_LEFT, "C-Left", "a word left", W_EDITOR)                            \
    X(WORD_RIGHT, "C-Right", "a word right", W_EDITOR)                         \
    X(TEXT_PAGE_UP, "PgUp", "a page up", W_EDITOR)                             \
    X(TEXT_PAGE_DOWN, "PgDn", "a page down", W_EDITOR)                         \
    X(DELETE_BACK, "Backspace DEL C-h", "delete the character before",         \
      W_TEXT | W_EDITOR)                                                       \
    X(DELETE_FORWARD, "Delete", "delete the character after", W_TEXT)          \
    X(EDITOR_DELETE, "Delete C-d", "delete the character after", W_EDITOR)     \
    X(NEWLINE, "Enter", "a new line", W_EDITOR)

enum action {
    A_NONE,
#define AS_ENUM(id, keys, help, where) A_##id,
    TUI_ACTIONS(AS_ENUM)
#undef AS_ENUM
        A_COUNT
};

struct action_info {
    const char *name, *keys, *help;
    unsigned where;
};

/* The table above, indexed by enum action. */
const struct action_info *action_info(enum action a);

/* Whether action a works where tui_where() says we are. */
int action_applies(enum action a, unsigned where);

/* The action a key triggers where tui_where() says we are, or A_NONE. */
enum action key_action(int key, unsigned where);

/* The curses key code of a key name ("Enter", "C-l", "F1", "é", "x"),
 * or -1. Used by the table and by PBL_SCRIPT files. */
int key_from_name(const char *name);

/* A hint of the status line: the key of action `a` (its nth, or the first
 * that types no text when the screen takes text) and what it does here;
 * with `also`, "K1/K2" of the two actions. A NULL label joins the next
 * hint with a space instead of " · ". */
struct key_hint {
    enum action a;
    const char *label;
    enum action also;
    int nth;
};

/* Appends the hints to the status line in buf (of `size` bytes), after
 * what it holds ("" or "12 picked"), " · " between; `text` when printable
 * keys type text on the screen. Returns buf. */
char *key_hints(char *buf, size_t size, const struct key_hint *h, size_t n,
                bool text);
#define HINT(a, label)                                                         \
    {                                                                          \
        a, label, A_NONE, 0                                                    \
    }
#define HINT_PAIR(a, also, nth, label)                                         \
    {                                                                          \
        a, label, also, nth                                                    \
    }
#define KEY_HINTS(buf, hints, text)                                            \
    key_hints(buf, sizeof buf, hints, sizeof hints / sizeof hints[0], text)

/* Whether a key is a character, which types itself where text is typed
 * (not a control, not DEL, not a curses function key). */
bool key_types_text(int key);

#endif
