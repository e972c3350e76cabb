/* room_step.c - steps a group session in the database as a console would,
 * for the room view's screen tests (tests/cli/room_screens.sh): between
 * two runs of `pbl room`, it records the next stage, an answer typed, a
 * reveal, a skill tagged, blank or countdown, through the session API.
 *
 *   room_step DB start MODULES_DIR MODULE_ID GROUP [frame]
 *                                    prints the session id (frame: with
 *                                    the opening and closing stages)
 *   room_step DB ACTION [ARG]...                     on the only session
 *
 * Actions, done in order: next, type TEXT (a draft, as typed), reveal,
 * skill N (1-5), park TEXT (a parking-lot item), phi (v y: the
 * identifiers of this stage shown), blank on|off, countdown on|off,
 * viewer (a room view's
 * heartbeat, now), stop (no console holds
 * the session any more). After each run the session's lock is held in
 * the name of the calling shell (its parent process, or ROOM_STEP_PID
 * for a shell that runs it in a subshell), so that the room
 * sees a live console for as long as the test script runs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pbl/clock.h"
#include "pbl/library.h"
#include "pbl/room.h"
#include "pbl/session.h"

/* Locks the session to the calling shell, as a live console would hold
 * it; -1 on failure. */
static int hold_for_parent(struct pbl_store *st, const char *uuid)
{
    struct store_lock me;
    if (store_lock_self(&me) != STORE_OK)
        return -1;
    const char *pid = getenv("ROOM_STEP_PID");
    me.pid = pid && *pid ? atol(pid) : (long)getppid();
    return store_lock_session(st, uuid, &me, true, NULL) == STORE_OK ? 0 : -1;
}

/* `start DIR ID GROUP`: a group session on module ID of folder DIR,
 * its id printed, held in the shell's name. */
static int start(struct pbl_store *st, char **argv)
{
    struct pbl_library lib;
    struct pbl_diags d = {0};
    const char *dirs[] = {argv[3]};
    if (library_load(&lib, dirs, 1, &d) < 0)
        return 1;
    diags_free(&d);
    const struct pbl_module *m = library_find(&lib, argv[4]);
    if (!m) {
        fprintf(stderr, "room_step: no module %s\n", argv[4]);
        library_free(&lib);
        return 1;
    }
    const struct pbl_module *mods[] = {m};
    struct store_session_new n = {.kind = STORE_GROUP,
                                  .group_name = argv[5],
                                  .facilitator = "Dr. F",
                                  .modules = mods,
                                  .nmodules = 1};
    if (argv[6])
        n.frame = STORE_FRAME_OPENING | STORE_FRAME_CLOSING;
    struct pbl_session *s;
    char *err = NULL, uuid[STORE_UUID_LEN + 1];
    if (session_start(st, &n, &s, &err) != 0) {
        fprintf(stderr, "room_step: %s\n", err ? err : "?");
        free(err);
        library_free(&lib);
        return 1;
    }
    snprintf(uuid, sizeof uuid, "%s", session_uuid(s));
    session_free(s);
    library_free(&lib);
    printf("%s\n", uuid);
    return hold_for_parent(st, uuid) == 0 ? 0 : 1;
}

/* One action on the open session; 0, or 1 with a message. */
static int act(struct pbl_store *st, struct pbl_session *s, char **argv, int *i,
               int argc)
{
    const char *a = argv[*i], *arg = *i + 1 < argc ? argv[*i + 1] : NULL;
    int rc = -1;
    if (strcmp(a, "next") == 0)
        rc = session_next(s);
    else if (strcmp(a, "reveal") == 0)
        rc = session_reveal(s);
    else if (strcmp(a, "type") == 0 && arg && ++*i)
        rc = session_type(s, arg, true);
    else if (strcmp(a, "skill") == 0 && arg && ++*i)
        rc = session_toggle_skill(s, (enum pbl_skill)(atoi(arg) - 1));
    else if (strcmp(a, "park") == 0 && arg && ++*i)
        rc = session_park(s, arg);
    else if (strcmp(a, "phi") == 0)
        rc = room_set_phi_shown(st, session_uuid(s), (long)session_current(s));
    else if (strcmp(a, "blank") == 0 && arg && ++*i)
        rc = room_set_blank(st, session_uuid(s), strcmp(arg, "on") == 0);
    else if (strcmp(a, "viewer") == 0) /* a room follows: its heartbeat */
        rc = room_viewer_beat(st, session_uuid(s), clock_now());
    else if (strcmp(a, "countdown") == 0 && arg && ++*i)
        rc = room_set_countdown(st, session_uuid(s), strcmp(arg, "on") == 0);
    if (rc != 0)
        fprintf(stderr, "room_step: %s failed: %s\n", a, session_error(s));
    return rc != 0;
}

/* Opens the database, then starts a session or takes over the only
 * unfinished one for the actions given. */
int main(int argc, char **argv)
{
    struct pbl_store *st;
    char *err = NULL;
    if (argc < 3) {
        fprintf(stderr, "usage: room_step DB start DIR ID GROUP | ACTION...\n");
        return 2;
    }
    if (store_open(argv[1], STORE_CREATE, &st, &err) != STORE_OK) {
        fprintf(stderr, "room_step: %s\n", err);
        free(err);
        return 1;
    }
    int rc = 0;
    if (strcmp(argv[2], "start") == 0 && (argc == 6 || argc == 7)) {
        rc = start(st, argv);
        store_close(st);
        return rc;
    }
    struct store_session_list l;
    char uuid[STORE_UUID_LEN + 1] = "";
    if (store_list_sessions(st, STORE_LIST_UNFINISHED, &l) == STORE_OK) {
        if (l.n == 1)
            snprintf(uuid, sizeof uuid, "%s", l.v[0].uuid);
        store_session_list_free(&l);
    }
    struct pbl_session *s = NULL;
    if (!uuid[0] || session_open(st, uuid, SESSION_TAKE_OVER, &s, NULL, &err)) {
        fprintf(stderr, "room_step: no session: %s\n", err ? err : "");
        free(err);
        store_close(st);
        return 1;
    }
    bool stop = false;
    for (int i = 2; i < argc && rc == 0; i++) {
        if (strcmp(argv[i], "stop") == 0)
            stop = true;
        else
            rc = act(st, s, argv, &i, argc);
    }
    session_free(s);
    if (!stop && rc == 0)
        rc = hold_for_parent(st, uuid) == 0 ? 0 : 1;
    store_close(st);
    return rc;
}
