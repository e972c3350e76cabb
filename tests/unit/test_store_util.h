/* test_store_util.h - shared by the store's unit tests: a scratch folder,
 * a module built by hand (so the tests do not depend on the YAML loader)
 * and a store opened in the scratch folder. Included by test_store*.c
 * only; every function is static and may go unused in one of them. */
#ifndef TEST_STORE_UTIL_H
#define TEST_STORE_UTIL_H

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pbl/store.h"
#include "store_raw.h"

#define UNUSED __attribute__((unused))

/* A fresh folder under TMPDIR; the caller removes it with rm_tree. */
UNUSED static char *scratch_dir(void)
{
    const char *tmp = getenv("TMPDIR");
    char tmpl[512];
    snprintf(tmpl, sizeof tmpl, "%s/pbl-store-XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    char *d = mkdtemp(tmpl);
    return d ? strdup(d) : NULL;
}

/* rm -rf dir (scratch folders only). */
UNUSED static void rm_tree(char *dir)
{
    if (!dir)
        return;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "chmod -R u+rwx '%s' 2>/dev/null; rm -rf '%s'",
             dir, dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    free(dir);
}

/* dir + "/" + name, malloc'd. */
UNUSED static char *path_in(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

/* A list of n strings "<prefix> 1", "<prefix> 2", ... */
static struct pbl_strv make_strv(const char *prefix, size_t n)
{
    struct pbl_strv v = {calloc(n + 1, sizeof(char *)), n};
    for (size_t i = 0; i < n; i++) {
        char buf[128];
        snprintf(buf, sizeof buf, "%s %zu", prefix, i + 1);
        v.v[i] = strdup(buf);
    }
    return v;
}

/* A module with `nq` questions, every field filled, as the loader would
 * allocate it. */
UNUSED static struct pbl_module *make_module(const char *id, size_t nq)
{
    struct pbl_module *m = calloc(1, sizeof *m);
    char buf[256];
    snprintf(buf, sizeof buf, "modules/%s.yaml", id);
    m->path = strdup(buf);
    m->id = strdup(id);
    m->title = strdup("The promised read");
    m->version = 3;
    m->summary = strdup("On call, a promised CT read slips — again.");
    m->level = strdup("PGY2");
    m->tags = make_strv("tag \"quoted\" \\ back", 2);
    m->customers = make_strv("customer", 3);
    m->skills = SKILL_BIT(SKILL_RELIABILITY) | SKILL_BIT(SKILL_EMPATHY);
    m->scenario = strdup("Line one.\n\nLine two, with ünïcödé and a tab\t.");
    m->video.url = strdup("https://example.org/v");
    m->video.title = strdup("A video");
    m->video.minutes = 3;
    m->questions = calloc(nq ? nq : 1, sizeof *m->questions);
    m->nquestions = nq;
    for (size_t i = 0; i < nq; i++) {
        struct pbl_question *q = &m->questions[i];
        snprintf(buf, sizeof buf, "Question %zu?", i + 1);
        q->prompt = strdup(buf);
        q->kind = (enum pbl_question_kind)(i % 3);
        q->minutes = (int)i + 1;
        snprintf(buf, sizeof buf, "Answer %zu.", i + 1);
        q->answer = strdup(buf);
        q->points = make_strv("point", i % 4);
        q->notes = i % 2 ? NULL : strdup("Facilitator note.");
    }
    m->source = strdup("schema: 1\nid: x\n# the whole file\n");
    m->source_len = strlen(m->source);
    /* the hash of its text, as a module read from a file has it (db check
     * compares the two) */
    char hash[32];
    module_hash(m, hash);
    memcpy(m->hash, hash, sizeof m->hash);
    return m;
}

UNUSED static void strv_drop(struct pbl_strv *v)
{
    for (size_t i = 0; i < v->n; i++)
        free(v->v[i]);
    free(v->v);
}

/* Frees a module built by a test or loaded from a snapshot: the loader's
 * own module_free(), so a field added to the module is freed here too. */
UNUSED static void free_module(struct pbl_module *m)
{
    module_free(m);
}

/* Writes `sql` to the file at `path` past its NOT NULL and CHECK
 * constraints, as a hand edit or a bad disk would: 0, or -1 with the
 * reason on standard error. */
UNUSED static int damage(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    char *err = NULL;
    int ok = sqlite3_open(path, &db) == SQLITE_OK &&
             sqlite3_exec(db,
                          "PRAGMA writable_schema = ON;"
                          "UPDATE sqlite_schema SET sql = replace(sql,"
                          " 'NOT NULL', '') WHERE type = 'table'",
                          NULL, NULL, &err) == SQLITE_OK;
    sqlite3_close(db);
    db = NULL;
    ok = ok && sqlite3_open(path, &db) == SQLITE_OK &&
         sqlite3_exec(db,
                      "PRAGMA ignore_check_constraints = ON;"
                      "PRAGMA foreign_keys = OFF",
                      NULL, NULL, &err) == SQLITE_OK &&
         sqlite3_exec(db, sql, NULL, NULL, &err) == SQLITE_OK;
    sqlite3_close(db);
    if (!ok)
        fprintf(stderr, "cannot damage %s: %s\n", path, err ? err : "?");
    sqlite3_free(err);
    return ok ? 0 : -1;
}

/* Opens (creating) dir/name; fails the test with the message otherwise. */
UNUSED static struct pbl_store *open_in(const char *dir, const char *name)
{
    char *p = path_in(dir, name);
    struct pbl_store *st = NULL;
    char *err = NULL;
    int rc = store_open(p, STORE_CREATE, &st, &err);
    if (rc != STORE_OK)
        fprintf(stderr, "store_open %s: %s\n", p, err ? err : "?");
    free(err);
    free(p);
    return st;
}

/* A group session on one module of nq questions; uuid filled. */
UNUSED static int new_session(struct pbl_store *st, const char *group,
                              size_t nq, char uuid[static STORE_UUID_LEN + 1])
{
    struct pbl_module *m = make_module("promised-read", nq);
    const struct pbl_module *mods[] = {m};
    struct store_session_new n = {.kind = STORE_GROUP,
                                  .group_name = group,
                                  .facilitator = "Dr. F",
                                  .participants = "Ana, Ben",
                                  .modules = mods,
                                  .nmodules = 1};
    int rc = store_create_session(st, &n, uuid);
    free_module(m);
    return rc;
}

/* A test's set-up: PBL_NOW set to now, a database in a new scratch folder
 * (*dir, *st) and one group session ("Tuesday group", nq questions) whose
 * UUID goes to uuid. 0, or -1 when any of it failed. */
UNUSED static int scratch_session(char **dir, struct pbl_store **st,
                                  const char *now, size_t nq,
                                  char uuid[static STORE_UUID_LEN + 1])
{
    setenv("PBL_NOW", now, 1);
    *dir = scratch_dir();
    *st = *dir ? open_in(*dir, "pbl.db") : NULL;
    return *st && new_session(*st, "Tuesday group", nq, uuid) == 0 ? 0 : -1;
}

/* The matching tear-down: closes st, removes dir, frees fixture, unsets
 * PBL_NOW; 0 (what a cmocka teardown returns). */
UNUSED static int scratch_session_end(void *fixture, struct pbl_store *st,
                                      char *dir)
{
    store_close(st);
    rm_tree(dir);
    free(fixture);
    unsetenv("PBL_NOW");
    return 0;
}

/* The fixture of most store tests: a scratch folder, a database in it
 * and one group session made at 2026-01-02T03:04:05Z. */
struct store_fixture {
    char *dir;
    struct pbl_store *st;
    char uuid[STORE_UUID_LEN + 1];
};

/* A cmocka set-up making a store_fixture whose session has nq
 * questions; 0, or -1. */
UNUSED static int store_fixture_setup(void **state, size_t nq)
{
    struct store_fixture *f = calloc(1, sizeof *f);
    *state = f;
    return f ? scratch_session(&f->dir, &f->st, "2026-01-02T03:04:05Z", nq,
                               f->uuid)
             : -1;
}

/* Its cmocka tear-down. */
UNUSED static int store_fixture_teardown(void **state)
{
    struct store_fixture *f = *state;
    return scratch_session_end(f, f->st, f->dir);
}

/* Sets a session's free notes, as a test's set-up: pbl itself writes them
 * only when it creates the session. STORE_OK, STORE_NOT_FOUND for an
 * unknown uuid, STORE_ERROR. */
UNUSED static int set_session_notes(struct pbl_store *st, const char *uuid,
                                    const char *notes)
{
    sqlite3_stmt *s = NULL;
    int rc = STORE_ERROR;
    if (sqlite3_prepare_v2(store_db(st),
                           "UPDATE sessions SET notes = ?2 WHERE uuid = ?1", -1,
                           &s, NULL) == SQLITE_OK) {
        sqlite3_bind_text(s, 1, uuid, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, notes, -1, SQLITE_STATIC);
        if (sqlite3_step(s) == SQLITE_DONE)
            rc = sqlite3_changes(store_db(st)) ? STORE_OK : STORE_NOT_FOUND;
    }
    sqlite3_finalize(s);
    return rc;
}

/* One integer from a SQL query on the store's connection; -1 on error. */
UNUSED static long long sql_int(struct pbl_store *st, const char *sql)
{
    sqlite3_stmt *s = NULL;
    long long v = -1;
    if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

#endif
