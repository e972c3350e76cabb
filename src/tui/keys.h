/* keys.h - every action of the console, listed once.
 *
 * Each X(ID, KEYS, HELP, WHERE) entry gives the action's id, the keys
 * that trigger it (names as in PBL_SCRIPT files, separated by spaces),
 * the help text `?` shows, and the screens where it works. Key dispatch
 * and the help overlay are both generated from this list, so the help can
 * never drift from what the keys do. */
#ifndef PBL_TUI_KEYS_H
#define PBL_TUI_KEYS_H

/* Where an action works. */
enum {
    W_HOME = 1 << 0,
    W_PICKER = 1 << 1,
    W_FORM = 1 << 2,
    W_SCENARIO = 1 << 3,
    W_VIDEO = 1 << 4,
    W_QUESTION = 1 << 5,
    W_SUMMARY = 1 << 6,
    W_EDITING = 1 << 7, /* typing the group's answer */
    W_STAGES = W_SCENARIO | W_VIDEO | W_QUESTION | W_SUMMARY,
    W_ALL = W_HOME | W_PICKER | W_FORM | W_STAGES,
};

#define TUI_ACTIONS(X)                                                         \
    X(HELP, "? F1", "show every key of this screen", W_ALL | W_EDITING)        \
    X(QUIT, "q", "quit; a session stays resumable", W_ALL)                     \
    X(REDRAW, "C-l", "redraw the screen", W_ALL | W_EDITING)                   \
    X(UP, "Up k", "move up, or scroll up", W_HOME | W_PICKER | W_STAGES)       \
    X(DOWN, "Down j", "move down, or scroll down",                             \
      W_HOME | W_PICKER | W_STAGES)                                            \
    X(SELECT, "Enter", "choose", W_HOME)                                       \
    X(NEW_SESSION, "n", "start a new group session", W_HOME)                   \
    X(RESUME, "r", "resume the unfinished session shown first", W_HOME)        \
    X(PICK, "Space x", "pick or unpick a module (picked ones run in order)",   \
      W_PICKER)                                                                \
    X(SEARCH, "/", "search by id, title, tag or skill", W_PICKER)              \
    X(CONTINUE, "Enter", "go on with the modules picked", W_PICKER)            \
    X(FIELD_NEXT, "Tab Down", "next field", W_FORM)                            \
    X(FIELD_PREV, "S-Tab Up", "previous field", W_FORM)                        \
    X(START, "Enter", "start the session (on the last field)", W_FORM)         \
    X(BACK, "Esc", "go back", W_PICKER | W_FORM)                               \
    X(NEXT, "Right PgDn n", "next stage", W_STAGES)                            \
    X(PREV, "Left PgUp N", "previous stage", W_STAGES)                         \
    X(EDIT, "e Enter", "type the group's answer", W_QUESTION)                  \
    X(EDIT_DONE, "Esc Tab", "stop typing; the answer is saved", W_EDITING)     \
    X(SKILL1, "1", "tag reliability", W_QUESTION)                              \
    X(SKILL2, "2", "tag responsiveness", W_QUESTION)                           \
    X(SKILL3, "3", "tag assurance", W_QUESTION)                                \
    X(SKILL4, "4", "tag empathy", W_QUESTION)                                  \
    X(SKILL5, "5", "tag tangibles", W_QUESTION)                                \
    X(POINTS, "t", "tick the key points reached (facilitator view)",           \
      W_QUESTION)                                                              \
    X(REVEAL, "r", "reveal or hide the model answer", W_QUESTION)              \
    X(NOTES, "f", "show or hide the facilitator notes", W_QUESTION)            \
    X(OPEN, "o", "open the video link in a browser", W_VIDEO)                  \
    X(BLANK, "b", "blank the screen until any key", W_STAGES)                  \
    X(GLOSSARY, "g", "the skills glossary", W_ALL)                             \
    X(PARK, "p", "add a learning issue to the parking lot", W_STAGES)          \
    X(EXPORT, "x", "how to export this session", W_SUMMARY)                    \
    X(FINISH, "F", "finish the session and go home", W_SUMMARY)

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

/* The action a key triggers on a screen (a W_ bit set), or A_NONE. */
enum action key_action(int key, unsigned where);

/* The curses key code of a key name ("Enter", "C-l", "F1", "é", "x"),
 * or -1. Used by the table and by PBL_SCRIPT files. */
int key_from_name(const char *name);

/* The display name of a key code, e.g. "PgDn"; for help and messages. */
const char *tui_key_name(int key, char buf[16]);

#endif
