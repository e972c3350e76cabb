/* store.h - the session store: every session, response, draft, timing,
 * parking-lot item and event, in one SQLite database.
 *
 * Plain C, no ncurses: the facilitator console, self-study, review, export
 * and `pbl db` all use it. It keeps the promises of the product brief:
 *
 *  - WAL mode, synchronous=FULL, foreign keys on; every write is one
 *    BEGIN IMMEDIATE transaction, committed before the call returns, so a
 *    crash or kill -9 never leaves half a record, and a busy timeout of
 *    STORE_BUSY_TIMEOUT_MS lets a second pbl wait its turn instead of
 *    failing with "database is locked".
 *  - A new database is built whole under a hidden 0600 name beside it
 *    and linked into place (its folders 0700), so -wal and -shm are 0600
 *    too, whatever the umask, and a pbl database is never an empty file.
 *    An existing file that is not a pbl database is refused, never
 *    converted; loose permissions on what exists are tightened to 0600
 *    (store_file.c). Paths are plain file names, never SQLite URIs.
 *  - The schema version is PRAGMA user_version; older databases are
 *    migrated forward on open, one transaction per step; a newer database
 *    is opened read-only with a warning (store_warning()).
 *  - When the last close was not clean, open runs PRAGMA quick_check and
 *    refuses a corrupt database with a one-line message.
 *
 * Conventions. Functions return STORE_OK (0) on success, STORE_ERROR (-1)
 * on failure, and a few return STORE_NOT_FOUND or STORE_AMBIGUOUS (both
 * positive). After any non-zero return, store_error() is a one-line message
 * for the user (without a "pbl: " prefix). Nothing here prints, exits or
 * aborts. Strings handed out are malloc'd and freed by the caller with the
 * matching *_free function. All timestamps are UTC ISO-8601 text from
 * clock_now() ("2026-01-02T03:04:05Z"); empty ("") when not set.
 *
 * Sessions are named by their UUID (36 characters, lower case). A module
 * in a session is named by its position (0, 1, ...) in the order it was
 * added, and a question by its 0-based index in that module.
 *
 * Stages, for timings and the resume position, are short names:
 * "scenario", "video", "q1", "q2", ... (question index + 1) and "summary".
 * store_stage_question() builds "qN". */
#ifndef PBL_STORE_H
#define PBL_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "pbl/clock.h"
#include "pbl/module.h"

struct sqlite3;
struct pbl_store;

enum {
    STORE_OK = 0,
    STORE_ERROR = -1,
    STORE_NOT_FOUND = 1, /* no such session, response, setting, ... */
    STORE_AMBIGUOUS = 2, /* a UUID prefix that names several sessions */
    STORE_LOCKED = 3,    /* a session open in another console */
};

/* The schema version this binary writes (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION 13
/* How long a write waits for another pbl's transaction to finish. */
#define STORE_BUSY_TIMEOUT_MS 10000
/* The console saves the draft being typed at least this often. */
#define STORE_DRAFT_INTERVAL_MS 2000
#define STORE_UUID_LEN 36
#define STORE_TIME_LEN CLOCK_ISO_LEN
#define STORE_STAGE_MAX 16 /* buffer size for a stage name */
/* What a reader shows in place of text a damaged record lacks (a NULL
 * where pbl always writes text). */
#define STORE_MISSING "(missing)"
/* The largest module position or question index a reader accepts; a
 * record beyond it is damaged. */
#define STORE_MAX_INDEX 100000
/* Key points per question that store_set_points() can tick (bits 0..62). */
#define STORE_MAX_POINTS 63
/* The longest time box or video a reader accepts, in minutes (a week). */
#define STORE_MAX_MINUTES 10080

/* ---- opening and closing ------------------------------------------- */

enum store_open_flags {
    /* Create the database (and its missing folders) when it does not
     * exist; without it a missing file is an error. */
    STORE_CREATE = 1u << 0,
    /* Open read-only: no migration, no writes, no quick_check refusal
     * (for `pbl db check`, which runs its own check). */
    STORE_READONLY = 1u << 1,
    /* Open read-write when the file can be written, else read-only (for
     * export and report, which only read): a read-only file, folder or
     * disk does not stop them. */
    STORE_MAY_READONLY = 1u << 2,
};

/* Opens (and with STORE_CREATE creates) the database at `path`, sets the
 * pragmas, checks it after an unclean close, and migrates it to
 * STORE_SCHEMA_VERSION. Returns STORE_OK with *out set, or STORE_ERROR with
 * *out NULL and *errmsg a malloc'd one-line message (the caller frees). */
int store_open(const char *path, unsigned flags, struct pbl_store **out,
               char **errmsg);

/* Marks the close as clean and closes; NULL is allowed. */
void store_close(struct pbl_store *st);

/* The message for the last failed call on `st` ("" when none). Valid until
 * the next call on `st`. */
const char *store_error(const struct pbl_store *st);

/* A message the user should see although open succeeded (a database newer
 * than this binary, opened read-only), or NULL. */
const char *store_warning(const struct pbl_store *st);

/* True when writes are refused (STORE_READONLY, or a newer schema). */
bool store_readonly(const struct pbl_store *st);

/* The path the store was opened with. */
const char *store_path(const struct pbl_store *st);

/* The default database path, malloc'd: $XDG_DATA_HOME/pbl/pbl.db when
 * XDG_DATA_HOME is an absolute path, else ~/.local/share/pbl/pbl.db.
 * NULL with *errmsg set when no home folder can be found. */
char *store_default_path(char **errmsg);

/* The database path to use, malloc'd: `explicit_path` (--db) when not NULL,
 * else $PBL_DB when set and non-empty, else store_default_path(). */
char *store_resolve_path(const char *explicit_path, char **errmsg);

/* ---- maintenance (pbl db) ------------------------------------------- */

/* Runs PRAGMA integrity_check and PRAGMA foreign_key_check. On STORE_OK,
 * *problems lists what is wrong, one line each (n == 0: all is well); the
 * caller frees it with store_strv_free(). */
int store_integrity_check(struct pbl_store *st, struct pbl_strv *problems);

/* Writes a consistent copy of the database to `dest` (VACUUM INTO), which
 * must not exist yet: the copy is made in a hidden 0600 file beside it,
 * synced, and only then named `dest`, so an interrupted backup never
 * leaves a `dest`. */
int store_backup(struct pbl_store *st, const char *dest);

void store_strv_free(struct pbl_strv *v);

/* ---- settings (key/value, e.g. the resident named at a workstation) -- */

/* *value is malloc'd; STORE_NOT_FOUND when the key was never set. */
int store_get_setting(struct pbl_store *st, const char *key, char **value);
/* Sets, or with value NULL removes, a setting. */
int store_set_setting(struct pbl_store *st, const char *key, const char *value);

/* ---- sessions -------------------------------------------------------- */

enum store_kind { STORE_GROUP, STORE_SELF_STUDY };
enum store_status { STORE_ACTIVE, STORE_FINISHED, STORE_ABANDONED };

/* "group" / "self-study"; "active" / "finished" / "abandoned": the words
 * stored in the database. */
const char *store_kind_name(enum store_kind k);
const char *store_status_name(enum store_status s);
/* The status named by `word` ("active", ...); 0, or -1 when none. */
int store_status_parse(const char *word, enum store_status *out);

/* What a new session starts with; every string may be NULL. */
struct store_session_new {
    enum store_kind kind;
    const char *group_name;
    const char *facilitator;
    const char *resident;
    const char *participants; /* free text, e.g. "Ana, Ben, Chen" */
    const char *notes;
    int target_minutes; /* the session plan's length; 0 when none */
    unsigned frame;     /* STORE_FRAME_* stages around the modules */
    const struct pbl_module *const *modules; /* snapshotted in order */
    size_t nmodules;
};

/* The workshop's frame around a session's modules: an opening stage (the
 * skills glossary as a slide) and a closing one (the parking lot and the
 * skills named and missed across the session). */
#define STORE_FRAME_OPENING 1u
#define STORE_FRAME_CLOSING 2u

/* One session as listed or fetched. */
struct store_session {
    char uuid[STORE_UUID_LEN + 1];
    enum store_kind kind;
    enum store_status status;
    char *group_name; /* NULL when not set, like each string here */
    char *facilitator;
    char *resident;
    char *participants;
    char *notes;
    char started_at[STORE_TIME_LEN + 1];
    char ended_at[STORE_TIME_LEN + 1]; /* "" while active */
    int modpos;                        /* where it stopped (-1: damaged) */
    char stage[STORE_STAGE_MAX];       /* and stage */
    struct pbl_strv module_ids;        /* in position order */
    int target_minutes;                /* the plan's length; 0 when none */
    unsigned frame;                    /* STORE_FRAME_* bits */
};

struct store_session_list {
    struct store_session *v;
    size_t n;
};

/* Creates an active session started now, with a fresh UUID v4 written to
 * uuid, and snapshots each module, all in one transaction. */
int store_create_session(struct pbl_store *st,
                         const struct store_session_new *s,
                         char uuid[static STORE_UUID_LEN + 1]);

/* Writes a fresh random UUID v4 (getrandom, else /dev/urandom), lower
 * case; STORE_ERROR only when the system has no random numbers. */
int store_uuid_v4(char uuid[static STORE_UUID_LEN + 1]);

/* Appends a module snapshot to a session; *modpos (when not NULL) gets its
 * position. */
int store_add_module(struct pbl_store *st, const char *uuid,
                     const struct pbl_module *m, int *modpos);

/* Fills *out (freed with store_session_free); STORE_NOT_FOUND when no
 * session has this exact UUID. */
int store_get_session(struct pbl_store *st, const char *uuid,
                      struct store_session *out);
void store_session_free(struct store_session *s);

enum store_list_filter { STORE_LIST_ALL, STORE_LIST_UNFINISHED };
/* Sessions newest first; STORE_LIST_UNFINISHED keeps the active ones (what
 * `pbl resume` offers). Freed with store_session_list_free. */
int store_list_sessions(struct pbl_store *st, enum store_list_filter filter,
                        struct store_session_list *out);
void store_session_list_free(struct store_session_list *l);

/* Finds the session whose UUID is `uuid_or_prefix` or starts with it
 * (case-insensitive). STORE_NOT_FOUND or STORE_AMBIGUOUS otherwise. */
int store_find_session(struct pbl_store *st, const char *uuid_or_prefix,
                       char uuid[static STORE_UUID_LEN + 1]);

/* Sets the status and the end time (now), and logs "finish" or "abandon".
 * A finished session can still be edited in review. */
int store_finish_session(struct pbl_store *st, const char *uuid);
int store_abandon_session(struct pbl_store *st, const char *uuid);

/* Deletes a session and, by ON DELETE CASCADE, everything recorded in it. */
int store_delete_session(struct pbl_store *st, const char *uuid);

/* Where the session stands, so that resume returns exactly there.
 * store_stage_enter() also sets it. */
int store_set_session_position(struct pbl_store *st, const char *uuid,
                               int modpos, const char *stage);
int store_get_session_position(struct pbl_store *st, const char *uuid,
                               int *modpos, char stage[static STORE_STAGE_MAX]);

/* ---- module snapshots ---------------------------------------------- */

/* Rebuilds the module a session used at `modpos` from its snapshot, laid
 * out like module_parse() would (free it with module_free()); its path is
 * "snapshot:UUID:POSITION". STORE_NOT_FOUND when there is none. */
int store_load_snapshot(struct pbl_store *st, const char *uuid, int modpos,
                        struct pbl_module **out);

/* ---- responses ------------------------------------------------------- */

enum store_rating {
    STORE_RATING_NONE,
    STORE_RATING_GOT,
    STORE_RATING_PARTLY,
    STORE_RATING_MISSED
};
/* "got", "partly", "missed"; NULL for STORE_RATING_NONE. */
const char *store_rating_name(enum store_rating r);

/* One question's response. A row exists from the first draft, tag or tick
 * on; the fields not yet given are NULL, 0 or "". */
struct store_response {
    char *text;      /* the entered (committed) answer, or NULL */
    char *draft;     /* what was being typed and not yet entered, or NULL */
    unsigned skills; /* SKILL_BIT set of the skills tagged */
    uint64_t points; /* bit i: key point i ticked */
    /* bit i: the module's customer i marked as named by the facilitator
     * or resident (a customers question; the automatic match is only a
     * suggestion) */
    uint64_t customers;
    enum store_rating rating; /* self-study self-rating */
    bool gave_up;             /* self-study: gave up on the question */
    char revealed_at[STORE_TIME_LEN + 1];
    /* the answer as it stood when the model answer was first shown ("" when
     * nothing was typed yet), or NULL when never revealed */
    char *revealed_text;
    /* changed since: the draft or the answer differs from revealed_text */
    bool edited_after_reveal;
    char draft_saved_at[STORE_TIME_LEN + 1];
    char created_at[STORE_TIME_LEN + 1];
    char updated_at[STORE_TIME_LEN + 1];
};

/* Saves the draft being typed (NULL clears it); one cheap upsert. The
 * console calls it at least every STORE_DRAFT_INTERVAL_MS of typing and
 * on every stage change. */
int store_save_draft(struct pbl_store *st, const char *uuid, int modpos,
                     int qidx, const char *draft);

/* Commits the entered answer and clears the draft. */
int store_record_response(struct pbl_store *st, const char *uuid, int modpos,
                          int qidx, const char *text);

/* Replaces the skills tagged (SKILL_BIT set, at most SKILL_ALL). */
int store_set_skills(struct pbl_store *st, const char *uuid, int modpos,
                     int qidx, unsigned skills);

/* Replaces the key points ticked (bit i: point i; i < STORE_MAX_POINTS). */
int store_set_points(struct pbl_store *st, const char *uuid, int modpos,
                     int qidx, uint64_t points);

/* Replaces the customers marked as named on a customers question (bit i:
 * customer i of the module; i < STORE_MAX_POINTS). */
int store_set_customers(struct pbl_store *st, const char *uuid, int modpos,
                        int qidx, uint64_t customers);

/* Records that the model answer was revealed (the first time counts: its
 * time and the answer as it stood) and logs a "reveal" event. */
int store_mark_revealed(struct pbl_store *st, const char *uuid, int modpos,
                        int qidx);

/* Self-study: the resident's self-rating, and whether they gave up. */
int store_set_rating(struct pbl_store *st, const char *uuid, int modpos,
                     int qidx, enum store_rating rating);
int store_set_gave_up(struct pbl_store *st, const char *uuid, int modpos,
                      int qidx, bool gave_up);

/* Fills *out (freed with store_response_free); STORE_NOT_FOUND when nothing
 * was recorded for that question yet. */
int store_get_response(struct pbl_store *st, const char *uuid, int modpos,
                       int qidx, struct store_response *out);
void store_response_free(struct store_response *r);

/* ---- stage timings --------------------------------------------------- */

/* "qN" for question index qidx (0 gives "q1"). */
void store_stage_question(int qidx, char buf[static STORE_STAGE_MAX]);
/* True for "scenario", "video", "summary", "opening", "closing" and
 * "q1".."q999". */
bool store_stage_valid(const char *stage);
/* True for the session's own stages, "opening", "closing" and "summary",
 * which belong to no module (their stored module position means nothing);
 * false for a module's ("scenario", "video", "qN") and anything else. */
bool store_stage_of_session(const char *stage);

/* Enters a stage now, beside its planned time box (minutes, 0 for none):
 * closes whatever stage of the session is still open, opens this one,
 * moves the session's position here and logs an "enter" event. */
int store_stage_enter(struct pbl_store *st, const char *uuid, int modpos,
                      const char *stage, int planned_minutes);
/* Closes the stage if it is open (no error when it is not). */
int store_stage_leave(struct pbl_store *st, const char *uuid, int modpos,
                      const char *stage);

/* Quitting: closes the session's open stage now and logs `why` ("quit")
 * with the stage in its detail, so that the time pbl stays closed is
 * charged to no stage. Nothing open: nothing logged, no error. */
int store_stage_pause(struct pbl_store *st, const char *uuid, const char *why);

/* After a crash (called on resume, before anything else is logged):
 * closes the stage left open at the last activity recorded in the session
 * - the stage's last heartbeat (store_stage_seen()), a draft or answer
 * saved, an event - never at the time of resume, and logs "crash" with
 * that time in its detail. `closed_at` (NULL, or room for STORE_TIME_LEN + 1
 * characters) gets that time, or ""
 * when no stage was open. */
int store_stage_recover(struct pbl_store *st, const char *uuid,
                        char *closed_at);

/* The console's heartbeat: the open stage was on screen now. */
int store_stage_seen(struct pbl_store *st, const char *uuid);

struct store_stage_timing {
    int modpos; /* -1: out of range (a damaged record) */
    char stage[STORE_STAGE_MAX];
    int planned_minutes;
    char entered_at[STORE_TIME_LEN + 1];
    char left_at[STORE_TIME_LEN + 1]; /* "" while open */
};
struct store_stage_list {
    struct store_stage_timing *v;
    size_t n;
};
/* Every stage visit of a session, in the order entered. */
int store_list_stages(struct pbl_store *st, const char *uuid,
                      struct store_stage_list *out);
void store_stage_list_free(struct store_stage_list *l);

/* Seconds spent on stage `stage` of module `modpos` over every visit in l
 * (stage NULL: on every stage); a visit still open counts until
 * `open_until` (0: it counts nothing).
 * *planned (when not NULL) gets the stage's time box in minutes. */
long store_stage_seconds(const struct store_stage_list *l, int modpos,
                         const char *stage, time_t open_until, int *planned);

/* ---- parking lot ----------------------------------------------------- */

struct store_park_item {
    int64_t id;
    char session[STORE_UUID_LEN + 1]; /* raised in */
    char *text;
    char raised_at[STORE_TIME_LEN + 1];
    char resolved_at[STORE_TIME_LEN + 1]; /* "" while open */
    char resolved_in[STORE_UUID_LEN + 1]; /* session, or "" */
};
struct store_park_list {
    struct store_park_item *v;
    size_t n;
};

/* Raises a learning issue in a session; *id (when not NULL) gets its id. */
int store_park_item(struct pbl_store *st, const char *uuid, const char *text,
                    int64_t *id);
/* Marks an item resolved now, in session `uuid` (NULL: no session). */
int store_resolve_park_item(struct pbl_store *st, int64_t id, const char *uuid);
/* Marks a resolved item open again. */
int store_reopen_park_item(struct pbl_store *st, int64_t id);
/* Whether group `group_name` has been through module `module_id` in a
 * group session: one finished, or one that has moved past the module.
 * Sets *done; STORE_OK or STORE_ERROR. */
int store_group_did_module(struct pbl_store *st, const char *group_name,
                           const char *module_id, bool *done);
/* The items raised in one session, oldest first. */
int store_list_park_items(struct pbl_store *st, const char *uuid,
                          struct store_park_list *out);
/* The items a review of the session lists: those raised in it and those
 * raised earlier but resolved in it (the `session` of such an item is the
 * earlier one's), oldest raised first, as the review text orders them. */
int store_list_park_items_review(struct pbl_store *st, const char *uuid,
                                 struct store_park_list *out);
/* The unresolved items raised in any session of a group (carried into its
 * next session), oldest first. */
int store_list_open_park_items(struct pbl_store *st, const char *group_name,
                               struct store_park_list *out);
void store_park_list_free(struct store_park_list *l);

/* ---- event log (append-only) ---------------------------------------- */

/* Appends an event at the session's current position. The store itself
 * logs "create", "enter", "leave", "reveal", "finish" and "abandon"; the
 * console adds others such as "resume" and "edit". detail may be NULL. */
int store_log_event(struct pbl_store *st, const char *uuid, const char *type,
                    const char *detail);

struct store_event {
    int64_t id;
    char at[STORE_TIME_LEN + 1];
    char *type;
    int modpos; /* -1: out of range (a damaged record) */
    char stage[STORE_STAGE_MAX];
    char *detail; /* or NULL */
};
struct store_event_list {
    struct store_event *v;
    size_t n;
};
/* A session's events, in the order they happened. */
int store_list_events(struct pbl_store *st, const char *uuid,
                      struct store_event_list *out);
void store_event_list_free(struct store_event_list *l);

/* ---- review comments ------------------------------------------------- */

/* Adds a comment to a session (read back by store_walk()). */
int store_add_review_comment(struct pbl_store *st, const char *uuid,
                             const char *text);

/* ---- for tests only -------------------------------------------------- */

/* Applies the first `version` migrations to a raw connection (one
 * transaction each), leaving PRAGMA user_version == version: the unit
 * tests build a database of every earlier version with it. */
int store_migrate_to(struct sqlite3 *db, int version, char **errmsg);

/* ---- self-study attempts -------------------------------------------- */

/* One attempt at a module in self-study, as the study views read it.
 * Texts are valid only during the call; NULL for a missing value. */
struct store_attempt {
    const char *uuid, *status, *started_at, *ended_at, *module_id;
    int target, named;                /* SKILL_BIT sets: the module's, tagged */
    int gave_up, got, partly, missed; /* questions so answered */
};
typedef void store_attempt_fn(void *ctx, const struct store_attempt *a);

/* Each module of each active or finished self-study session of the
 * resident (names compared by pbl_fold), oldest start first, with the
 * tallies of its questions (ended_at "" while active). 0, or -1 with
 * SQLite's message in why. */
int store_study_attempts(struct pbl_store *st, const char *resident,
                         store_attempt_fn *fn, void *ctx, char *why,
                         size_t whysz);

/* The resident's active self-study sessions that hold module_id, newest
 * first (only uuid and started_at are set). 0, or -1 with SQLite's
 * message in why. */
int store_unfinished_attempts(struct pbl_store *st, const char *resident,
                              const char *module_id, store_attempt_fn *fn,
                              void *ctx, char *why, size_t whysz);

/* ---- search ---------------------------------------------------------- */

/* Brings the full-text index (search_fts) up to date with the answers
 * recorded since the last call; review comments and parking-lot items are
 * always up to date. Run before searching. STORE_OK (also on a read-only
 * store, where the index stays as it is), or STORE_ERROR. */
int store_search_sync(struct pbl_store *st);

/* Calls fn with the UUID of each session (once) whose indexed text (the
 * answers, review comments and parking lot) has a word starting with
 * `word`. 0, or -1 with the reason in why ("cannot search the answers:
 * ..."). Run store_search_sync() first. */
int store_search_text(struct pbl_store *st, const char *word,
                      void (*fn)(void *ctx, const char *uuid), void *ctx,
                      char *why, size_t whysz);

/* ---- session locks -------------------------------------------------- */

/* A session open in a console is locked to it, so that two consoles never
 * write over each other. The lock is a row of session_locks: who holds
 * it (a random token per console), its process id, host and terminal,
 * since when, and a heartbeat the console renews. A lock is stale, and
 * taken without asking, when its process is gone on this host or its
 * heartbeat is older than STORE_LOCK_STALE_SECS. */
#define STORE_LOCK_STALE_SECS 90
#define STORE_LOCK_HEARTBEAT_SECS 15
#define STORE_LOCK_TOKEN_LEN 32

struct store_lock {
    char token[STORE_LOCK_TOKEN_LEN + 1];
    long pid;
    char host[128];
    char tty[64]; /* "-" when there is no terminal */
    char since[STORE_TIME_LEN + 1];
    char heartbeat[STORE_TIME_LEN + 1];
};

/* This console as a lock holder: a fresh token, this process, host and
 * terminal (since and heartbeat are set when a lock is taken). */
int store_lock_self(struct store_lock *me);

/* Whether lock l is stale at `now` (see above). */
bool store_lock_stale(const struct store_lock *l, time_t now);

/* Locks session `uuid` to `me`. STORE_OK when it was free, stale, ours
 * already, or `take_over`; STORE_LOCKED with *holder filled when another
 * live console holds it; STORE_NOT_FOUND for no such session. */
int store_lock_session(struct pbl_store *st, const char *uuid,
                       const struct store_lock *me, bool take_over,
                       struct store_lock *holder);

/* Renews the heartbeat of our lock. STORE_LOCKED when the lock is no
 * longer ours (taken over: *holder filled, or zeroed when nobody holds
 * it now). */
int store_lock_refresh(struct pbl_store *st, const char *uuid,
                       const char *token, struct store_lock *holder);

/* Whether our lock still stands, by a read (cheap enough to ask before
 * every write): STORE_OK, or STORE_LOCKED with *holder as above. */
int store_lock_check(struct pbl_store *st, const char *uuid, const char *token,
                     struct store_lock *holder);

/* Who holds the session's lock, stale or not: STORE_OK with *holder, or
 * STORE_NOT_FOUND when nobody does. */
int store_lock_holder(struct pbl_store *st, const char *uuid,
                      struct store_lock *holder);

/* Whether a console holds the session's lock at `now`: a lock that is
 * not stale (a gone process or an old heartbeat does not count), with
 * *holder filled when not NULL; false too when the lock cannot be read. */
bool store_lock_held(struct pbl_store *st, const char *uuid, time_t now,
                     struct store_lock *holder);

/* Lets our lock go (nothing when it is not ours). */
int store_unlock_session(struct pbl_store *st, const char *uuid,
                         const char *token);

/* ---- watching for changes ------------------------------------------- */

/* SQLite's PRAGMA data_version into *version: it changes whenever another
 * connection (another pbl) commits, and never for this connection's own
 * writes, so a reader that follows the database asks it on a timer and
 * reads again only when it moved (store_watch.c). */
int store_data_version(struct pbl_store *st, int64_t *version);

#endif
