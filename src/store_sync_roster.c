/* store_sync_roster.c - which residents `pbl sync` exchanges. The roster
 * is not a session's: the hub's digest of each resident it shows (its
 * change time, name, former names and log entries) is compared with the
 * local one (ROSTER_LOCAL), so that a sync with nothing new reads no
 * roster rows, and the residents that differ are pulled or pushed whole
 * (their rows: store_sync_rows.c's roster tables). */
#include <stdio.h>

#include "pbl/sync.h"
#include "store_impl.h"

/* The roster's comparison tables, emptied: the hub's digest of each
 * resident, the local one, and the residents chosen. */
#define ROSTER_RESET                                                           \
    "CREATE TEMP TABLE IF NOT EXISTS sync_roster_hub("                         \
    "  uuid TEXT PRIMARY KEY, digest TEXT NOT NULL) WITHOUT ROWID;"            \
    "CREATE TEMP TABLE IF NOT EXISTS sync_roster_local("                       \
    "  uuid TEXT PRIMARY KEY, digest TEXT NOT NULL) WITHOUT ROWID;"            \
    "CREATE TEMP TABLE IF NOT EXISTS sync_roster_want("                        \
    "  uuid TEXT PRIMARY KEY) WITHOUT ROWID;"                                  \
    "DELETE FROM temp.sync_roster_hub; DELETE FROM temp.sync_roster_want;"

/* A resident's digest: what the merge rules move of it (its change time,
 * its name for a tie, its former names and log entries), the same text
 * as the hub's (hub_pull.c's HUB_ROSTER_DIGEST); computed with the
 * sessions' (store_sync_digest_local). */
#define ROSTER_LOCAL                                                           \
    "DELETE FROM temp.sync_roster_local;"                                      \
    "INSERT INTO temp.sync_roster_local SELECT r.uuid,"                        \
    " coalesce(r.changed_at, '') || '|' || r.name || '|' ||"                   \
    " (SELECT count(*) FROM resident_names n WHERE n.resident_id = r.id)"      \
    " || '|' || (SELECT count(*) FROM roster_events e"                         \
    " WHERE e.resident_id = r.id) FROM residents r WHERE r.uuid IS NOT NULL;"

/* See store_impl.h. */
int store_sync_roster_reset(struct pbl_store *st)
{
    return sqlite3_exec(st->db, ROSTER_RESET, NULL, NULL, NULL);
}

/* See store_impl.h. */
int store_sync_roster_local(struct pbl_store *st)
{
    return sqlite3_exec(st->db, ROSTER_LOCAL, NULL, NULL, NULL);
}

/* See sync.h. */
int store_sync_roster_digest_add(struct pbl_store *st, const char *uuid,
                                 const char *digest)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(
        st->db, "INSERT OR REPLACE INTO temp.sync_roster_hub VALUES(?1, ?2)",
        -1, &s, NULL);
    if (rc == SQLITE_OK) {
        store_bind_str(s, 1, uuid);
        store_bind_str(s, 2, digest ? digest : "");
        rc = sqlite3_step(s);
    }
    sqlite3_finalize(s);
    if (rc == SQLITE_DONE)
        return STORE_OK;
    store_note_sql(st, rc);
    return store_fail(st, "cannot compare with the hub");
}

/* See sync.h. */
int store_sync_roster_want(struct pbl_store *st, bool push, long *n)
{
    const char *sql = push ? "INSERT INTO temp.sync_roster_want SELECT l.uuid"
                             " FROM temp.sync_roster_local l LEFT JOIN"
                             " temp.sync_roster_hub h ON h.uuid = l.uuid"
                             " WHERE h.digest IS NOT l.digest"
                           : "INSERT INTO temp.sync_roster_want SELECT h.uuid"
                             " FROM temp.sync_roster_hub h LEFT JOIN"
                             " temp.sync_roster_local l ON l.uuid = h.uuid"
                             " WHERE l.digest IS NOT h.digest";
    int rc = sqlite3_exec(st->db, "DELETE FROM temp.sync_roster_want", NULL,
                          NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        store_note_sql(st, rc);
        return store_fail(st, "cannot compare with the hub");
    }
    *n = sqlite3_changes(st->db);
    return STORE_OK;
}

/* See sync.h. */
int store_sync_roster_wanted(struct pbl_store *st, sync_row_fn fn, void *ctx)
{
    return store_sync_each_uuid(st, "sync_roster_want", fn, ctx);
}
