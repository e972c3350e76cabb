/* session.h - the session state machine: every rule of the flow.
 *
 * A session walks a list of stages: for each module its scenario, its
 * video (when it has one) and each question, then one summary. The state
 * machine keeps what the group said on each question, the skills tagged,
 * the key points ticked and whether the model answer is showing, and
 * records every change through the store as it happens. The console only
 * draws this state and turns keys into these calls; the unit tests drive
 * it directly, without a terminal.
 *
 * Errors: functions return 0, or -1 with session_error() set to a
 * one-line message for the user; nothing already recorded is lost, and
 * the session stays usable. */
#ifndef PBL_SESSION_H
#define PBL_SESSION_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "pbl/module.h"
#include "pbl/store.h"

/* STAGE_OPENING and STAGE_CLOSING frame the modules when the session was
 * started with them (STORE_FRAME_*): the opening first, the closing just
 * before the summary. What they show is frame.h's. */
enum stage_kind {
    STAGE_SCENARIO,
    STAGE_VIDEO,
    STAGE_QUESTION,
    STAGE_SUMMARY,
    STAGE_OPENING,
    STAGE_CLOSING
};

/* What the plan counts for the opening and the closing stages. */
#define SESSION_OPENING_MINUTES 5
#define SESSION_CLOSING_MINUTES 10

struct session_stage {
    enum stage_kind kind;
    int modpos; /* module position; -1 for the summary, opening, closing */
    int qidx;   /* question index for STAGE_QUESTION, else -1 */
};

/* What is known of one question. */
struct session_answer {
    char *text;         /* the answer as last typed (entered or draft) */
    bool entered;       /* text was committed (not only a draft) */
    unsigned skills;    /* SKILL_BIT set tagged */
    uint64_t points;    /* key points ticked */
    uint64_t customers; /* customers marked as named (customers question) */
    bool revealed;      /* the model answer is showing */
    bool gave_up;       /* self-study: gave up before answering */
    enum store_rating rating;
};

struct pbl_session;

/* Starts a new session in the store (snapshotting the modules) and stands
 * on its first stage. */
int session_start(struct pbl_store *st, const struct store_session_new *n,
                  struct pbl_session **out, char **errmsg);

/* Continues an unfinished session exactly where it stopped, drafts
 * included, from the module snapshots (the YAML files are not needed).
 * Fails with a message saying where and since when when the session is
 * open in another console (session_open() offers the choices). */
int session_resume(struct pbl_store *st, const char *uuid,
                   struct pbl_session **out, char **errmsg);

/* A session open in a console is locked to it (store.h): a started or
 * resumed session takes the lock, session_free() lets it go, and every
 * write first checks that the lock is still this console's. */
enum session_open_mode {
    SESSION_RESUME,    /* take the lock unless another live console has it */
    SESSION_TAKE_OVER, /* take the lock from whoever has it */
    SESSION_FOLLOW,    /* read-only: no lock, every write refused */
};

/* Opens session `uuid` in `mode`. Returns 0 (*out set), -1 (*errmsg
 * malloc'd), or 1 when SESSION_RESUME finds the session locked by another
 * live console: *holder says which (*out NULL, no message). Following, it
 * stands where the other console stands and writes nothing, not even the
 * resume event. */
int session_open(struct pbl_store *st, const char *uuid,
                 enum session_open_mode mode, struct pbl_session **out,
                 struct store_lock *holder, char **errmsg);

/* Whether the session is read-only: opened to follow, or taken over by
 * another console since. */
bool session_read_only(const struct pbl_session *s);

/* Renews this console's lock (every STORE_LOCK_HEARTBEAT_SECS). Returns 0,
 * 1 when another console took the session over (it is read-only from now
 * on; *holder says who), or -1 on a store error. */
int session_lock_renew(struct pbl_session *s, struct store_lock *holder);

/* "pid 123 on ward-pc, terminal /dev/pts/2, since 2026-03-03 09:12 UTC". */
void session_lock_describe(const struct store_lock *l, char *buf, size_t n);

/* Saves the draft being typed, leaves the stage open for resume, frees
 * (what a crash leaves behind; the console quits with session_close()). */
void session_free(struct pbl_session *s);

/* Quits: saves the draft being typed, closes the open stage now (logged
 * as "quit": the time pbl stays closed counts for no stage) and frees.
 * Returns 0, or -1 with *errmsg a malloc'd sentence saying what was not
 * saved (the draft, when the disk is full; everything, when the session
 * was deleted meanwhile). The session is freed either way. */
int session_close(struct pbl_session *s, char **errmsg);

/* How often session_heartbeat() writes. */
#define SESSION_HEARTBEAT_MS 15000
/* Records, at most every SESSION_HEARTBEAT_MS, that the current stage is
 * still on screen: after a crash its time ends at the last heartbeat. */
int session_heartbeat(struct pbl_session *s);

const char *session_error(const struct pbl_session *s);
const char *session_uuid(const struct pbl_session *s);
enum store_kind session_kind(const struct pbl_session *s);
const char *session_group(const struct pbl_session *s);
const char *session_resident(const struct pbl_session *s);

size_t session_nmodules(const struct pbl_session *s);
const struct pbl_module *session_module(const struct pbl_session *s,
                                        int modpos);

/* The stages, and where the session stands. */
size_t session_nstages(const struct pbl_session *s);
size_t session_current(const struct pbl_session *s);
struct session_stage session_stage_at(const struct pbl_session *s, size_t i);
struct session_stage session_stage(const struct pbl_session *s);

/* Moves to the next / previous stage or to stage i, recording the time
 * spent and saving any draft first. Moving past the ends is a no-op. */
int session_next(struct pbl_session *s);
int session_prev(struct pbl_session *s);
int session_goto(struct pbl_session *s, size_t i);

/* The answer state of a question (never NULL for a valid question). */
const struct session_answer *session_answer(const struct pbl_session *s,
                                            int modpos, int qidx);

/* The current question's text as it is being typed. Saves it as a draft
 * when `force` is set or at least STORE_DRAFT_INTERVAL_MS passed since the
 * last save; the text is kept in memory either way. */
int session_type(struct pbl_session *s, const char *text, bool force);

/* Whether session_type would save a draft now without `force`: at least
 * STORE_DRAFT_INTERVAL_MS passed since the last save. session_type copies
 * and compares the whole text, so a console hands its text over only when
 * a draft is due (and when typing stops), never on every key. */
bool session_draft_due(const struct pbl_session *s);

/* Commits the current question's answer (the text last given to
 * session_type) as entered. */
int session_enter(struct pbl_session *s);

/* Tags or untags a skill / ticks or unticks key point i on the current
 * question. */
int session_toggle_skill(struct pbl_session *s, enum pbl_skill k);
int session_toggle_point(struct pbl_session *s, int i);
/* Marks or unmarks the module's customer i as named, on a customers
 * question: the facilitator's or resident's verdict, which the automatic
 * match (study_customers_named) only suggests. */
int session_toggle_customer(struct pbl_session *s, int i);

/* Whether the model answer may be shown now: in a group session always; in
 * self-study only once an answer was entered or the resident gave up. */
bool session_can_reveal(const struct pbl_session *s);
/* Shows the model answer of the current question (committing the answer
 * first); -1 with a message when the rule above forbids it. */
int session_reveal(struct pbl_session *s);
/* Hides it again (the reveal stays recorded). */
void session_hide(struct pbl_session *s);

/* Self-study: gives up on the current question (recorded) and reveals.
 * A question is given up or rated, never both: giving up a rated question
 * fails, and so does rating one given up. An answered question is given
 * up only when `confirmed` (the console asks first, see
 * session_give_up_asks()). */
int session_give_up(struct pbl_session *s, bool confirmed);
/* True when giving up the current question would throw away an answer
 * typed on it, so the console must ask before session_give_up(). */
bool session_give_up_asks(const struct pbl_session *s);
int session_rate(struct pbl_session *s, enum store_rating r);

/* Facilitator notes: hidden on every stage until toggled. */
void session_toggle_notes(struct pbl_session *s);
bool session_notes_visible(const struct pbl_session *s);

/* Adds a learning issue to the parking lot. */
int session_park(struct pbl_session *s, const char *text);
/* The session's parking lot, and the open items carried in from the
 * group's earlier sessions. */
int session_parking_lot(struct pbl_session *s, struct store_park_list *out);

/* The open items of the parking lot raised in the group's earlier
 * sessions (not in this one): what the group carried in. Empty for a
 * session without a group. */
int session_carried_parking(struct pbl_session *s, struct store_park_list *out);

/* Finishes the session (it is no longer offered by resume). */
int session_finish(struct pbl_session *s);

/* Seconds on screen at time `now` (clock_now()): in the whole session
 * (every stage visit; the time pbl was closed does not count), and on the
 * current stage (this visit plus every earlier visit of it, so that the
 * countdown shows what is left of the stage's box). */
long session_elapsed(const struct pbl_session *s, time_t now);
long session_stage_elapsed(const struct pbl_session *s, time_t now);
/* The current stage's time box in minutes (0 when none). */
int session_stage_minutes(const struct pbl_session *s);

/* The session plan (session_plan.c). The target length asked on the form
 * (0 when the session has none), the planned minutes of stage i (the
 * module's box, or the default of module.h where it writes none; 0 for the
 * summary), and their sum over every stage. */
int session_target_minutes(const struct pbl_session *s);
/* What the form offers as the target length, and the longest it takes. */
#define SESSION_DEFAULT_TARGET_MINUTES 60
#define SESSION_MAX_TARGET_MINUTES 600
/* The target length typed on the form: the default when `text` is empty
 * or only spaces, the number when it is a whole number of minutes from 1
 * to SESSION_MAX_TARGET_MINUTES, else -1. */
int session_parse_target(const char *text);
int session_stage_plan(const struct pbl_session *s, size_t i);
int session_planned_minutes(const struct pbl_session *s);
/* How many seconds the session is behind its plan at `now`: the time on
 * screen past the planned end of the current stage (the planned minutes of
 * every stage up to and including it). Zero or less when on time. */
long session_behind_plan(const struct pbl_session *s, time_t now);

/* Skills the group named on any question of a module, and the module's
 * target skills it did not name. */
void session_module_skills(const struct pbl_session *s, int modpos,
                           unsigned *named, unsigned *missed);

#endif
