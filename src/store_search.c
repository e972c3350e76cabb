/* store_search.c - bringing the full-text index of recorded answers up
 * to date (schema 4: the answers' triggers only note what changed, in
 * search_pending; see store_schema.c). Review comments and parking-lot
 * items are indexed by their triggers as they are written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_impl.h"

/* The steps, in one transaction: take the old words out, forget the
 * changed answers' index rows, index their text as it is now. */
static const char sync_sql[] =
    "INSERT INTO search_fts(search_fts, rowid, body)"
    " SELECT 'delete', d.id, p.old_text FROM search_pending p"
    " JOIN search_docs d ON d.session_id = p.session_id AND d.src = 0"
    " AND d.k1 = p.modpos AND d.k2 = p.qidx WHERE p.old_text IS NOT NULL;"
    "DELETE FROM search_docs WHERE src = 0 AND (session_id, k1, k2) IN"
    " (SELECT session_id, modpos, qidx FROM search_pending);"
    "INSERT INTO search_docs(session_id, src, k1, k2)"
    " SELECT r.session_id, 0, r.modpos, r.qidx FROM search_pending p"
    " JOIN responses r ON r.session_id = p.session_id"
    " AND r.modpos = p.modpos AND r.qidx = p.qidx WHERE r.text IS NOT NULL;"
    "INSERT INTO search_fts(rowid, body) SELECT d.id, r.text"
    " FROM search_pending p JOIN search_docs d ON d.session_id = p.session_id"
    " AND d.src = 0 AND d.k1 = p.modpos AND d.k2 = p.qidx"
    " JOIN responses r ON r.session_id = p.session_id"
    " AND r.modpos = p.modpos AND r.qidx = p.qidx WHERE r.text IS NOT NULL;"
    "DELETE FROM search_pending;";

/* Whether any answer changed since the last sync. */
static bool pending(struct pbl_store *st)
{
    sqlite3_stmt *s = NULL;
    bool any = true; /* when in doubt, sync */
    if (sqlite3_prepare_v2(st->db, "SELECT 1 FROM search_pending LIMIT 1", -1,
                           &s, NULL) == SQLITE_OK)
        any = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_finalize(s);
    return any;
}

int store_search_sync(struct pbl_store *st)
{
    if (st->readonly || !pending(st))
        return STORE_OK;
    if (store_begin(st, "update the search index") != STORE_OK)
        return STORE_ERROR;
    int rc = sqlite3_exec(st->db, sync_sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        store_note_sql(st, rc);
        store_fail(st, "cannot update the search index");
        store_rollback(st);
        return STORE_ERROR;
    }
    return store_commit(st, "update the search index");
}

/* The word as an FTS5 prefix query: one quoted string (quotes doubled),
 * then '*'. malloc'd, or NULL. */
static char *fts_prefix(const char *w)
{
    size_t n = strlen(w), len = 0;
    char *out = malloc(2 * n + 4);
    if (!out)
        return NULL;
    out[len++] = '"';
    for (size_t i = 0; i < n; i++) {
        if (w[i] == '"')
            out[len++] = '"';
        out[len++] = w[i];
    }
    out[len++] = '"';
    out[len++] = '*';
    out[len] = '\0';
    return out;
}

static const char sql_text_match[] =
    "SELECT DISTINCT s.uuid FROM search_fts f"
    " JOIN search_docs d ON d.id = f.rowid"
    " JOIN sessions s ON s.id = d.session_id WHERE search_fts MATCH ?1";

int store_search_text(struct pbl_store *st, const char *word,
                      void (*fn)(void *ctx, const char *uuid), void *ctx,
                      char *why, size_t whysz)
{
    char *pattern = fts_prefix(word);
    sqlite3_stmt *s = NULL;
    if (!pattern) {
        snprintf(why, whysz, "out of memory");
        return -1;
    }
    int rc = sqlite3_prepare_v2(st->db, sql_text_match, -1, &s, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_text(s, 1, pattern, -1, SQLITE_STATIC);
    while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        fn(ctx, (const char *)sqlite3_column_text(s, 0));
        rc = SQLITE_OK;
    }
    int out = 0;
    if (rc != SQLITE_DONE) {
        snprintf(why, whysz, "cannot search the answers: %s",
                 sqlite3_errmsg(st->db));
        out = -1;
    }
    sqlite3_finalize(s);
    free(pattern);
    return out;
}
