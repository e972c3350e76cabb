/* terminal.c - whether the console can draw on this terminal, asked of
 * terminfo before curses starts. Kept apart because <term.h> defines
 * macros (lines, columns, ...) that would shadow names elsewhere. */
#include "tui.h" /* before <term.h>, whose macros would rename its fields */

#include <curses.h>
#include <stdbool.h>
#include <stdlib.h>
#include <term.h>
#include <unistd.h>

/* Whether the console can draw here: standard input and output are a
 * terminal whose type can move the cursor (not TERM=dumb). Checked before
 * any session is created, so a refusal leaves nothing behind; -1 with a
 * message when not. PBL_NO_DISPLAY draws to nowhere and always can. */
int tui_check_terminal(FILE *err)
{
    const char *nd = getenv("PBL_NO_DISPLAY");
    const char *term = getenv("TERM");
    if (nd && *nd)
        return 0;
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        fprintf(err, "pbl: the console needs a terminal; for "
                     "scripts use 'pbl list' or 'pbl show'\n");
        return -1;
    }
    int errret = 0;
    if (setupterm(NULL, STDOUT_FILENO, &errret) != OK) {
        fprintf(err,
                "pbl: cannot use terminal type '%s'; try "
                "TERM=xterm-256color\n",
                term ? term : "(unset)");
        return -1;
    }
    char *cup = tigetstr("cup");
    bool can_draw = cup && cup != (char *)-1;
    del_curterm(cur_term);
    if (!can_draw) {
        fprintf(err,
                "pbl: the terminal type '%s' cannot move the cursor, so the "
                "console cannot draw; try TERM=xterm-256color\n",
                term ? term : "(unset)");
        return -1;
    }
    return 0;
}
