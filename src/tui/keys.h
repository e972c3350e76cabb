/* keys.h - every action of the console, listed once.
 *
 * Each X(ID, KEYS, HELP, WHERE) entry gives the action's id, the keys
 * that trigger it (names as in PBL_SCRIPT files, separated by spaces),
 * the help text `?` shows, and the screens where it works. Key dispatch
 * and the help overlay are both generated from this list, so the help can
 * never drift from what the keys do. */
#ifndef PBL_TUI_KEYS_H
#define PBL_TUI_KEYS_H

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
    W_STAGES = W_SCENARIO | W_VIDEO | W_QUESTION | W_SUMMARY,
    W_ALL = W_HOME | W_PICKER | W_FORM | W_STAGES | W_PROGRESS | W_RLIST |
            W_RVIEW | W_LIBRARY | W_READ,
    W_SELF = 1 << 14,       /* in tui_where(): a self-study session */
    W_GROUP_ONLY = 1 << 15, /* in the table: not in self-study */
    W_STUDY_ONLY = 1 << 16, /* in the table: only in self-study */
};

#define TUI_ACTIONS(X)                                                         \
    X(HELP, "? F1", "every key of this screen; j/k scroll, q/Esc close",       \
      W_ALL | W_EDITING)                                                       \
    X(QUIT, "q", "quit; a session stays resumable (a group one asks)", W_ALL)  \
    X(REDRAW, "C-l", "redraw the screen", W_ALL | W_EDITING)                   \
    X(UP, "Up k", "move up, or scroll up (the answer, then the model answer)", \
      W_HOME | W_PICKER | W_STAGES | W_PROGRESS | W_RLIST | W_RVIEW |          \
          W_LIBRARY | W_READ)                                                  \
    X(DOWN, "Down j", "move down, or scroll down",                             \
      W_HOME | W_PICKER | W_STAGES | W_PROGRESS | W_RLIST | W_RVIEW |          \
          W_LIBRARY | W_READ)                                                  \
    X(PAGE_UP, "PgUp", "scroll up a page", W_RVIEW | W_READ)                   \
    X(PAGE_DOWN, "PgDn Space", "scroll down a page", W_RVIEW | W_READ)         \
    X(GO_TOP, "Home", "go to the start", W_RVIEW | W_READ)                     \
    X(GO_BOTTOM, "End G", "go to the end", W_RVIEW | W_READ)                   \
    X(SELECT, "Enter", "choose", W_HOME | W_PROGRESS | W_RLIST)                \
    X(NEW_SESSION, "n", "start a new group session", W_HOME)                   \
    X(STUDY, "s", "self-study", W_HOME)                                        \
    X(LIBRARY, "l", "browse the module library", W_HOME)                       \
    X(READ, "Enter", "read the whole module", W_LIBRARY)                       \
    X(REVIEW, "v", "review recorded sessions", W_HOME)                         \
    X(RESUME, "r", "resume the unfinished session shown first", W_HOME)        \
    X(ROSTER_SCREEN, "p", "the residents: add, rename, mark graduated",        \
      W_HOME)                                                                  \
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
    X(KIND_FILTER, "f", "show all sessions, group only, or self-study only",   \
      W_RLIST)                                                                 \
    X(REFRESH, "R", "read the list again (also every few seconds)", W_RLIST)   \
    X(COMMENT, "c", "add a review comment", W_RVIEW)                           \
    X(RESOLVE, "P", "mark parking-lot items resolved", W_RVIEW)                \
    X(DELETE, "D", "delete this session (asks for its name)", W_RVIEW)         \
    X(BACK, "Esc", "go back",                                                  \
      W_PICKER | W_FORM | W_PROGRESS | W_RLIST | W_RVIEW | W_LIBRARY | W_READ) \
    X(NEXT, "Right PgDn n", "next stage", W_STAGES)                            \
    X(PREV, "Left PgUp N", "previous stage", W_STAGES)                         \
    X(EDIT, "e Enter", "type the answer; a paste goes in as text", W_QUESTION) \
    X(EDIT_DONE, "Esc Tab", "stop typing; the answer is saved", W_EDITING)     \
    X(SKILL1, "1", "tag reliability", W_QUESTION)                              \
    X(SKILL2, "2", "tag responsiveness", W_QUESTION)                           \
    X(SKILL3, "3", "tag assurance", W_QUESTION)                                \
    X(SKILL4, "4", "tag empathy", W_QUESTION)                                  \
    X(SKILL5, "5", "tag tangibles", W_QUESTION)                                \
    X(POINTS, "t", "tick the key points reached", W_QUESTION)                  \
    X(CUSTOMERS, "c", "mark the customers named (customers question)",         \
      W_QUESTION)                                                              \
    X(REVEAL, "r", "reveal or hide the model answer", W_QUESTION)              \
    X(GIVE_UP, "G", "give up on the question and see the model answer",        \
      W_QUESTION | W_STUDY_ONLY)                                               \
    X(RATE_GOT, "+", "rate yourself: got it", W_QUESTION | W_STUDY_ONLY)       \
    X(RATE_PARTLY, "=", "rate yourself: partly", W_QUESTION | W_STUDY_ONLY)    \
    X(RATE_MISSED, "-", "rate yourself: missed", W_QUESTION | W_STUDY_ONLY)    \
    X(NOTES, "f", "show or hide the facilitator notes",                        \
      W_QUESTION | W_GROUP_ONLY)                                               \
    X(OPEN, "o", "open the video link in a browser", W_VIDEO)                  \
    X(BLANK, "b", "blank the screen until any key", W_STAGES | W_GROUP_ONLY)   \
    X(GLOSSARY, "g", "the skills glossary; j/k PgUp/PgDn scroll, q/Esc close", \
      W_ALL)                                                                   \
    X(PARK, "p", "add a learning issue to the parking lot",                    \
      W_STAGES | W_GROUP_ONLY)                                                 \
    X(ATTENDANCE, "a", "who is here: late arrivals and early leavers",         \
      W_STAGES | W_GROUP_ONLY)                                                 \
    X(SHOW_HIDDEN, "v",                                                        \
      "show a patient identifier hidden on the screen (asks first)",           \
      W_QUESTION | W_SUMMARY | W_GROUP_ONLY)                                   \
    X(SPEAKERS, "s", "mark who spoke to this question",                        \
      W_QUESTION | W_GROUP_ONLY)                                               \
    X(EXPORT, "x", "export this session to a file", W_SUMMARY | W_RVIEW)       \
    X(FINISH, "F", "finish the session and go home", W_SUMMARY)                \
    X(TAKE_OVER, "T",                                                          \
      "take over a session followed read-only from another console", W_STAGES)

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

/* The display name of a key code, e.g. "PgDn"; for help and messages. */
const char *tui_key_name(int key, char buf[16]);

#endif
