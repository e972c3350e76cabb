/* store_schema_tomb.c - local migration 13 (store_schema.c's migrations[]
 * ends with it; a file of its own keeps that one under the size limit). */
#include "store_impl.h"

/* 13: a deleted session stays deleted on every machine. Deleting a
 * session (the review screen's D) leaves a tombstone, its UUID with
 * when and whose it was, written by a trigger whoever deletes; a merge
 * or sync unions the tombstones, deletes the sessions they name and
 * never adds one back. A tombstone takes the next tick of sync_clock
 * (schema 11) when it is written here, deleted or merged in, so that the
 * incremental sync pushes it. */
const char store_migration_13[] =
    "CREATE TABLE deleted_sessions("
    "  uuid TEXT PRIMARY KEY CHECK (length(uuid) = 36),"
    "  deleted_at TEXT NOT NULL, kind TEXT, facilitator TEXT, resident TEXT,"
    "  sync_rev INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;"
    "CREATE INDEX deleted_sessions_sync_rev ON deleted_sessions(sync_rev);"
    "CREATE TRIGGER sessions_tombstone AFTER DELETE ON sessions BEGIN"
    "  INSERT OR IGNORE INTO deleted_sessions(uuid, deleted_at, kind,"
    "    facilitator, resident) VALUES(OLD.uuid,"
    "    strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), OLD.kind, OLD.facilitator,"
    "    OLD.resident);"
    " END;"
    "CREATE TRIGGER deleted_sessions_sync AFTER INSERT ON deleted_sessions"
    "  WHEN NEW.sync_rev = 0 BEGIN"
    "  UPDATE sync_clock SET tick = tick + 1;"
    "  UPDATE deleted_sessions SET sync_rev = (SELECT tick FROM sync_clock)"
    "    WHERE uuid = NEW.uuid;"
    " END;";
