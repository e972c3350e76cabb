/* sync.h - bringing records from another pbl database into this one:
 * `pbl merge FILE.db` (a laptop's file) and the pull half of `pbl sync`
 * (the hub's rows, staged in a temporary pbl database) share these rules
 * and this code (src/store_sync.c):
 *
 *  - A record is matched by its UUID (sessions, stage times, parking-lot
 *    items, events, review comments), a module snapshot by its session
 *    and position (and content hash), an answer by its session and
 *    question. A record this database lacks is added; nothing is ever
 *    deleted.
 *  - Records that change after they are made: the later write wins. A
 *    parking-lot item by its change time (resolved or reopened), a
 *    review comment by its edit time, an answer by its update time, a
 *    session's status once finished or abandoned, a stage time once it
 *    is closed.
 *  - A conflict is a parking-lot item or a review comment changed on
 *    both sides: the later write is kept, and the other one is written
 *    to the session's event log (type "sync-conflict", detail a JSON
 *    object naming the record and what was lost), once.
 *  - The roster: a resident by UUID (derived from the name first added,
 *    so the same name added on two machines is one person) or else by
 *    its current name; its name, class, email and retirement are one
 *    write, the later one wins and the other goes to the resident's own
 *    log (roster_events). Former names are a union. Attendance by
 *    session and resident, the later joining or leaving winning; a
 *    speaker mark by session, question and resident, turned off rather
 *    than deleted, the later change winning (so none comes back).
 *  - Merging the same data again moves nothing. */
#ifndef PBL_SYNC_H
#define PBL_SYNC_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "pbl/store.h"

/* The kinds of record a merge counts. */
enum sync_kind {
    SYNC_SESSIONS,
    SYNC_MODULES,
    SYNC_ANSWERS,
    SYNC_STAGES,
    SYNC_PARKING,
    SYNC_EVENTS,
    SYNC_COMMENTS,
    SYNC_RESIDENTS,
    SYNC_NAMES,
    SYNC_ATTENDANCE,
    SYNC_SPEAKERS,
    SYNC_NKINDS
};

/* What a merge (or a push) moved. */
struct sync_tally {
    long added[SYNC_NKINDS];
    long updated;   /* records replaced by a later write */
    long conflicts; /* changed on both sides: the loser logged */
    long deleted;   /* local sessions deleted by the other's tombstones */
};

/* Merges the pbl database at `path` into st (one transaction). The file
 * is only read: it is copied, and the copy upgraded when its schema is
 * older; a file that is not a pbl database, or of a newer schema, is
 * refused with nothing changed. STORE_OK with *t filled, else
 * STORE_ERROR with store_error(st) set. */
int store_merge_file(struct pbl_store *st, const char *path,
                     struct sync_tally *t);

/* Removes what a merge or sync killed before it could clean up left in
 * TMPDIR (its copy or staging database), an hour later. Called by
 * store_merge_file and store_stage_open. */
void sync_sweep_temp(void);

/* The total number of records a tally moved. */
long sync_tally_total(const struct sync_tally *t);

/* Prints "<what>: 2 sessions, 14 answers added; 1 updated; 1 session
 * deleted; 1 conflict (the earlier write is in the event log)" or
 * "<what>: nothing moved". */
void sync_tally_print(FILE *out, const char *what, const struct sync_tally *t);

/* ---- the rows `pbl sync` moves (store_sync_rows.c) ------------------- */

/* The hub's tables: a session's records (a parent before its children),
 * then the roster's (hub schema 5), which are not a session's: rows of
 * the roster are chosen by resident (store_sync_roster_want), and are
 * pushed and pulled before the sessions that name their residents. */
enum sync_table {
    SYNC_T_SESSIONS,
    SYNC_T_MODULES,
    SYNC_T_QUESTIONS,
    SYNC_T_POINTS,
    SYNC_T_RESPONSES,
    SYNC_T_STAGES,
    SYNC_T_PARKING,
    SYNC_T_EVENTS,
    SYNC_T_COMMENTS,
    SYNC_T_ATTENDANCE,
    SYNC_T_SPEAKERS,
    SYNC_T_RESIDENTS,
    SYNC_T_NAMES,
    SYNC_T_ROSTER_EVENTS,
    SYNC_TABLES
};

/* Whether table t is the roster's (chosen by resident, not session). */
#define SYNC_T_ROSTER(t) ((t) >= SYNC_T_RESIDENTS)

/* The hub table's name, its columns ("a, b, c": the order of every row)
 * and their number. */
const char *sync_table_name(enum sync_table t);
const char *sync_table_columns(enum sync_table t);
int sync_table_ncolumns(enum sync_table t);

/* The module snapshots as the hub keeps them (hub schema 2): once per
 * content hash (snapshots, their questions, their points), and each
 * session's module naming its snapshot by hash (refs). */
enum sync_snapshot_part {
    SYNC_SNAP_MODULES,
    SYNC_SNAP_QUESTIONS,
    SYNC_SNAP_POINTS,
    SYNC_SNAP_REFS,
    SYNC_SNAP_PARTS
};
const char *sync_snapshot_table(enum sync_snapshot_part p);
const char *sync_snapshot_columns(enum sync_snapshot_part p);

/* Whose records: every one, the group sessions a facilitator recorded, or
 * a resident's self-study (name is the name the records carry). */
enum sync_scope_kind { SYNC_SCOPE_ALL, SYNC_SCOPE_GROUP, SYNC_SCOPE_STUDY };
struct sync_scope {
    enum sync_scope_kind kind;
    const char *name;
};

/* Called with each row: n values as text (NULL for NULL); non-zero
 * stops. */
typedef int (*sync_row_fn)(void *ctx, int n, const char *const *vals);

/* Which sessions to exchange. The hub's digest of each session it
 * shows (store_sync_digest_add, after store_sync_digest_reset) is
 * compared with the local one: store_sync_want chooses the sessions to
 * pull (the hub's that differ here or are missing) or to push (the local
 * ones in scope that differ on the hub or are missing there); *n gets
 * their number, and store_sync_wanted calls fn with each UUID. */
int store_sync_digest_reset(struct pbl_store *st);
int store_sync_digest_add(struct pbl_store *st, const char *uuid,
                          const char *digest);
/* The local digests store_sync_want compares with, of the sessions
 * written since mark `since` (store_sync_mark; -1: every session) and of
 * those the hub showed: computed again after a merge changed the store. */
int store_sync_digest_local(struct pbl_store *st, long long since);
/* Takes the store's mark: its sync clock's tick (0 before any write).
 * From then on, a write to a session or a record under it moves the
 * session's sync_rev past the mark; a session already past the last
 * mark taken stays where it is (it will be compared anyway). */
int store_sync_mark(struct pbl_store *st, long long *mark);
/* Calls fn with the UUID of each session written since mark `since`. */
int store_sync_changed(struct pbl_store *st, long long since, sync_row_fn fn,
                       void *ctx);
/* Calls fn with the UUID and deletion time of each tombstone (local schema
 * 13) written since mark `since` (store_sync_deleted.c). */
int store_sync_deleted(struct pbl_store *st, long long since, sync_row_fn fn,
                       void *ctx);
/* The number of those tombstones in *n. */
int store_sync_deleted_count(struct pbl_store *st, long long since, long *n);
int store_sync_want(struct pbl_store *st, bool push,
                    const struct sync_scope *scope, long *n);
int store_sync_wanted(struct pbl_store *st, sync_row_fn fn, void *ctx);

/* The same for the roster (store_sync_roster.c): the hub's digest of
 * each resident it shows (added after store_sync_digest_reset; the local
 * ones are computed by store_sync_digest_local) chooses the residents to
 * pull (the hub's that differ here or are missing) or to push (the local
 * ones that differ on the hub or are missing there); *n gets their
 * number, and store_sync_roster_wanted calls fn with each UUID. */
int store_sync_roster_digest_add(struct pbl_store *st, const char *uuid,
                                 const char *digest);
int store_sync_roster_want(struct pbl_store *st, bool push, long *n);
int store_sync_roster_wanted(struct pbl_store *st, sync_row_fn fn, void *ctx);

/* Calls fn with every local row of table t of the sessions chosen by the
 * last store_sync_want (of the residents chosen by the last
 * store_sync_roster_want, for a roster table). */
int store_sync_rows(struct pbl_store *st, enum sync_table t, sync_row_fn fn,
                    void *ctx);

/* Calls fn with every row of snapshot part p of the sessions chosen by
 * the last store_sync_want, each content hash once (the refs: every
 * session's modules). */
int store_sync_snapshots(struct pbl_store *st, enum sync_snapshot_part p,
                         sync_row_fn fn, void *ctx);

/* A staging database (a temporary pbl file) the hub's rows are written
 * into, parents first, then merged into the store by the rules above. */
struct sync_stage;
struct sync_stage *store_stage_open(char *err, size_t errsz);
/* The staging database itself (its tombstones: store_stage_deleted). */
struct pbl_store *store_stage_store(struct sync_stage *g);
/* Stages a tombstone of the hub: uuid, deleted_at, kind, facilitator,
 * resident (store_sync_deleted.c). */
int store_stage_deleted(struct sync_stage *g, const char *const *vals);
int store_stage_row(struct sync_stage *g, enum sync_table t, int n,
                    const char *const *vals);
const char *store_stage_error(const struct sync_stage *g);
/* Merges what was staged into st (STORE_ERROR: store_error(st)). */
int store_stage_merge(struct pbl_store *st, struct sync_stage *g,
                      struct sync_tally *t);
/* Removes the staging database. */
void store_stage_free(struct sync_stage *g);

/* The condition under which row $W replaces row $L of hub table t (the
 * rule of store_sync.c), or NULL when its rows never change. */
const char *sync_rule_newer(enum sync_table t);

/* Writes a rule's text to f with $W and $L replaced by the aliases of
 * the winning row (w) and the other (l). */
void sync_put_rule(FILE *f, const char *text, const char *w, const char *l);

/* ---- the console's background sync (sync_bg.c) ----------------------- */

/* Whether a hub is set: PBL_HUB, or the setting `pbl db set hub` stored. */
bool sync_hub_set(struct pbl_store *st);

/* Starts "pbl --db db_path sync" in a child, detached from the terminal;
 * 0 with *pid set, or -1 (fork failed). */
int sync_bg_start(const char *db_path, pid_t *pid);

/* Whether the child *pid has ended (then reaped, and *pid set to 0). */
bool sync_bg_done(pid_t *pid);

/* The home screen's line about the hub: the last sync (local time), or why the
 * last one failed; false (buf untouched) when no hub is set. */
bool sync_status_line(struct pbl_store *st, char *buf, size_t n);

#endif
