/* library_json.c - the library as JSON, for `pbl list --json`.
 *
 * SQLite quotes every string (json_quote) and builds each module's
 * object (json_object), so quoting and escaping of any UTF-8 text is
 * SQLite's, not ours; the lists are joined here, as json_group_array
 * would join them ("[a,b]"). No tables: only values bound to two
 * statements of an in-memory connection. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "pbl/library.h"

static const char quote_sql[] = "SELECT json_quote(?1)";

static const char object_sql[] =
    "SELECT json_object('id', ?1, 'title', ?2, 'version', ?3,"
    " 'summary', ?4, 'level', ?5, 'skills', json(?6), 'tags', json(?7),"
    " 'customers', json(?8), 'focus', ?9, 'objectives', json(?10),"
    " 'milestones', json(?11), 'questions', ?12, 'video', ?13,"
    " 'path', ?14)";

struct json_stmts {
    sqlite3_stmt *quote, *object;
};

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

/* Appends `s` quoted as a JSON string (null for NULL) to out. */
static int put_quoted(const struct json_stmts *j, FILE *out, const char *s)
{
    bind_text(j->quote, 1, s);
    int rc = sqlite3_step(j->quote);
    if (rc == SQLITE_ROW)
        fputs((const char *)sqlite3_column_text(j->quote, 0), out);
    sqlite3_reset(j->quote);
    return rc == SQLITE_ROW ? 0 : -1;
}

/* The n texts as a JSON array, malloc'd; NULL on failure. */
static char *json_array(const struct json_stmts *j, const char *const *v,
                        size_t n)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    int rc = out ? 0 : -1;
    if (out)
        fputc('[', out);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        if (i)
            fputc(',', out);
        rc = put_quoted(j, out, v[i]);
    }
    if (out) {
        fputc(']', out);
        fclose(out);
    }
    if (rc != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* Writes module m as one JSON object. */
static int write_module(const struct json_stmts *j, FILE *out,
                        const struct pbl_module *m)
{
    const char *skills[SKILL_COUNT];
    size_t nskills = 0;
    for (int k = 0; k < SKILL_COUNT; k++)
        if (m->skills & SKILL_BIT(k))
            skills[nskills++] = skill_name((enum pbl_skill)k);
    char *lists[5] = {
        json_array(j, skills, nskills),
        json_array(j, (const char *const *)m->tags.v, m->tags.n),
        json_array(j, (const char *const *)m->customers.v, m->customers.n),
        json_array(j, (const char *const *)m->objectives.v, m->objectives.n),
        json_array(j, (const char *const *)m->milestones.v, m->milestones.n),
    };
    int rc = 0;
    for (int i = 0; i < 5; i++)
        if (!lists[i])
            rc = -1;
    sqlite3_stmt *o = j->object;
    if (rc == 0) {
        bind_text(o, 1, m->id);
        bind_text(o, 2, m->title);
        sqlite3_bind_int(o, 3, m->version);
        bind_text(o, 4, m->summary);
        bind_text(o, 5, m->level);
        bind_text(o, 6, lists[0]);
        bind_text(o, 7, lists[1]);
        bind_text(o, 8, lists[2]);
        bind_text(o, 9,
                  m->focus >= 0 ? skill_name((enum pbl_skill)m->focus) : NULL);
        bind_text(o, 10, lists[3]);
        bind_text(o, 11, lists[4]);
        sqlite3_bind_int64(o, 12, (sqlite3_int64)m->nquestions);
        bind_text(o, 13, m->video.url);
        bind_text(o, 14, m->path);
        if (sqlite3_step(o) == SQLITE_ROW)
            fputs((const char *)sqlite3_column_text(o, 0), out);
        else
            rc = -1;
        sqlite3_reset(o);
        sqlite3_clear_bindings(o);
    }
    for (int i = 0; i < 5; i++)
        free(lists[i]);
    return rc;
}

int library_write_json(const struct pbl_library *lib, FILE *out)
{
    sqlite3 *db = NULL;
    struct json_stmts j = {NULL, NULL};
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = NULL;
    int rc = -1;
    if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, NULL) ==
            SQLITE_OK &&
        sqlite3_prepare_v2(db, quote_sql, -1, &j.quote, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, object_sql, -1, &j.object, NULL) == SQLITE_OK &&
        (mem = open_memstream(&buf, &len))) {
        rc = 0;
        fputc('[', mem);
        for (size_t i = 0; rc == 0 && i < lib->n; i++) {
            if (i)
                fputc(',', mem);
            rc = write_module(&j, mem, lib->mods[i]);
        }
        fputc(']', mem);
    }
    if (mem)
        fclose(mem);
    if (rc == 0) /* all or nothing, as before */
        fprintf(out, "%s\n", buf);
    free(buf);
    sqlite3_finalize(j.quote);
    sqlite3_finalize(j.object);
    sqlite3_close(db);
    return rc;
}
