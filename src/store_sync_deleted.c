/* store_sync_deleted.c - the local side of `pbl sync` for what it
 * compares by mark: the sessions written since a mark, and the
 * tombstones of deleted sessions (local schema 13) pushed and pulled. */
#include <stdio.h>

#include "store_impl.h"

/* See sync.h. */
int store_sync_changed(struct pbl_store *st, long long since, sync_row_fn fn,
                       void *ctx)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT uuid FROM sessions WHERE sync_rev > %lld",
             since);
    return store_sync_each_row(st, sql, 1, "sessions", fn, ctx);
}

/* See sync.h. */
int store_sync_deleted(struct pbl_store *st, long long since, sync_row_fn fn,
                       void *ctx)
{
    char sql[128];
    snprintf(sql, sizeof sql,
             "SELECT uuid, deleted_at FROM deleted_sessions"
             " WHERE sync_rev > %lld",
             since);
    return store_sync_each_row(st, sql, 2, "deleted sessions", fn, ctx);
}

/* sync_row_fn: counts a row. */
static int count_row(void *ctx, int n, const char *const *vals)
{
    (void)n;
    (void)vals;
    ++*(long *)ctx;
    return 0;
}

/* See sync.h. */
int store_sync_deleted_count(struct pbl_store *st, long long since, long *n)
{
    *n = 0;
    return store_sync_deleted(st, since, count_row, n);
}

/* See sync.h. */
int store_stage_deleted(struct sync_stage *g, const char *const *vals)
{
    struct pbl_store *st = store_stage_store(g);
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(
        st->db,
        "INSERT OR IGNORE INTO deleted_sessions(uuid, deleted_at, kind,"
        " facilitator, resident) VALUES(?1, ?2, ?3, ?4, ?5)",
        -1, &s, NULL);
    for (int i = 0; rc == SQLITE_OK && i < 5; i++)
        store_bind_str(s, i + 1, vals[i]);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc == SQLITE_DONE)
        return STORE_OK;
    store_note_sql(st, rc);
    return store_fail(st, "cannot stage a deleted session");
}
