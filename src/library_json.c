/* library_json.c - the library as JSON, for `pbl list --json`.
 *
 * SQLite writes the JSON (json_object / json_group_array), so quoting and
 * escaping of any UTF-8 text is SQLite's, not ours. */
#include <sqlite3.h>
#include <stdio.h>

#include "pbl/library.h"

static const char schema_sql[] =
    "CREATE TABLE m(pos INTEGER PRIMARY KEY, id, title, version, summary,"
    " level, questions, video, path, focus);"
    "CREATE TABLE items(pos, kind, value);";

static const char query_sql[] =
    "SELECT json_group_array(json_object("
    " 'id', id, 'title', title, 'version', version, 'summary', summary,"
    " 'level', level,"
    " 'skills', (SELECT json_group_array(value) FROM items"
    "            WHERE items.pos = m.pos AND kind = 's'),"
    " 'tags', (SELECT json_group_array(value) FROM items"
    "          WHERE items.pos = m.pos AND kind = 't'),"
    " 'customers', (SELECT json_group_array(value) FROM items"
    "               WHERE items.pos = m.pos AND kind = 'c'),"
    " 'focus', focus,"
    " 'objectives', (SELECT json_group_array(value) FROM items"
    "                WHERE items.pos = m.pos AND kind = 'o'),"
    " 'milestones', (SELECT json_group_array(value) FROM items"
    "                WHERE items.pos = m.pos AND kind = 'm'),"
    " 'questions', questions, 'video', video, 'path', path))"
    " FROM (SELECT * FROM m ORDER BY pos) AS m";

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

static int add_item(sqlite3_stmt *st, size_t pos, const char *kind,
                    const char *value)
{
    sqlite3_bind_int64(st, 1, (sqlite3_int64)pos);
    sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
    bind_text(st, 3, value);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Every text of a list, as items of one kind. */
static int add_items(sqlite3_stmt *st, size_t pos, const char *kind,
                     const struct pbl_strv *v)
{
    for (size_t k = 0; k < v->n; k++)
        if (add_item(st, pos, kind, v->v[k]))
            return -1;
    return 0;
}

static int fill(sqlite3 *db, const struct pbl_library *lib)
{
    sqlite3_stmt *mod = NULL, *item = NULL;
    int rc = sqlite3_prepare_v2(db, "INSERT INTO m VALUES(?,?,?,?,?,?,?,?,?,?)",
                                -1, &mod, NULL) |
             sqlite3_prepare_v2(db, "INSERT INTO items VALUES(?,?,?)", -1,
                                &item, NULL);
    for (size_t i = 0; rc == SQLITE_OK && i < lib->n; i++) {
        const struct pbl_module *m = lib->mods[i];
        sqlite3_bind_int64(mod, 1, (sqlite3_int64)i);
        bind_text(mod, 2, m->id);
        bind_text(mod, 3, m->title);
        sqlite3_bind_int(mod, 4, m->version);
        bind_text(mod, 5, m->summary);
        bind_text(mod, 6, m->level);
        sqlite3_bind_int64(mod, 7, (sqlite3_int64)m->nquestions);
        bind_text(mod, 8, m->video.url);
        bind_text(mod, 9, m->path);
        bind_text(mod, 10,
                  m->focus >= 0 ? skill_name((enum pbl_skill)m->focus) : NULL);
        if (sqlite3_step(mod) != SQLITE_DONE)
            rc = SQLITE_ERROR;
        sqlite3_reset(mod);
        for (int k = 0; k < SKILL_COUNT; k++)
            if ((m->skills & SKILL_BIT(k)) &&
                add_item(item, i, "s", skill_name((enum pbl_skill)k)))
                rc = SQLITE_ERROR;
        if (add_items(item, i, "t", &m->tags))
            rc = SQLITE_ERROR;
        if (add_items(item, i, "c", &m->customers) ||
            add_items(item, i, "o", &m->objectives) ||
            add_items(item, i, "m", &m->milestones))
            rc = SQLITE_ERROR;
    }
    sqlite3_finalize(mod);
    sqlite3_finalize(item);
    return rc == SQLITE_OK ? 0 : -1;
}

int library_write_json(const struct pbl_library *lib, FILE *out)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *q = NULL;
    int rc = -1;
    if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, NULL) ==
            SQLITE_OK &&
        sqlite3_exec(db, schema_sql, NULL, NULL, NULL) == SQLITE_OK &&
        fill(db, lib) == 0 &&
        sqlite3_prepare_v2(db, query_sql, -1, &q, NULL) == SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW) {
        fprintf(out, "%s\n", (const char *)sqlite3_column_text(q, 0));
        rc = 0;
    }
    sqlite3_finalize(q);
    sqlite3_close(db);
    return rc;
}
