/* session_impl.h - what session.c and session_lock.c share: the session
 * itself and the lock's part of the state machine. Not part of the API. */
#ifndef PBL_SESSION_IMPL_H
#define PBL_SESSION_IMPL_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "pbl/session.h"

struct pbl_session {
    struct pbl_store *st;
    char uuid[STORE_UUID_LEN + 1];
    enum store_kind kind;
    char *group;
    char *resident;
    struct pbl_module **mods;
    size_t nmods;
    struct session_answer **ans; /* ans[modpos][qidx] */
    struct session_stage *stages;
    size_t nstages, cur;
    bool notes;
    time_t stage_started;
    long stage_prior;       /* seconds on earlier visits of this stage */
    long session_prior;     /* seconds on screen before this visit */
    int64_t seen_saved_ms;  /* monotonic time of the last heartbeat */
    int64_t draft_saved_ms; /* monotonic time of the last draft save */
    bool draft_unsaved;     /* typed text not yet in the store */
    struct store_lock lock; /* this console, as the session's lock holder */
    bool locked;            /* the lock is ours (as far as we know) */
    bool readonly;          /* following another console: no writes */
    int target_minutes;     /* the plan's length; 0 when none */
    unsigned frame;         /* STORE_FRAME_* stages around the modules */
    char err[512];
};

/* Before every write: 0 when it may go ahead; -1 with the message set
 * when the session is read-only, or another console took it over (the
 * session turns read-only then). */
int session_may_write(struct pbl_session *s);

/* Locks the session to this console; 1 with *holder filled when another
 * live console holds it and !take_over; -1 with the message set on
 * error. */
int session_take_lock(struct pbl_session *s, bool take_over,
                      struct store_lock *holder);

/* Following: stands on stage i as the other console does. */
void session_follow_stage(struct pbl_session *s, size_t i);

#endif
