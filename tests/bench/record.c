/* record.c - what committing an answer costs, for `make bench`.
 *
 *   record DIR N
 *
 * Commits N answers through the store (store_record_response(), its real
 * settings: WAL, synchronous=FULL, one BEGIN IMMEDIATE transaction per
 * answer) into DIR/store.db, and N bare inserts into DIR/bare.db, a
 * database with the same settings and one table, each INSERT committed on
 * its own (autocommit): the floor of a durable SQLite commit on this disk.
 * The two alternate, one commit each in turn (which goes first alternates
 * too), so that the disk's slow moments fall on both alike. Every answer
 * is a different question of a session (sessions of 25 modules of four
 * questions, made before the clock starts), with a realistic text of about
 * 300 characters.
 *
 * A third database takes the same bare insert inside BEGIN IMMEDIATE ...
 * COMMIT, as the store writes it: the cost of the explicit transaction,
 * apart from the store's own SQL.
 *
 * Prints, times in microseconds:
 *   store median P50 p99 P99 mean MEAN
 *   bare median P50 p99 P99 mean MEAN
 *   bare-tx median P50 p99 P99 mean MEAN */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pbl/store.h"

#define MODS 25
#define QUESTIONS 4

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void die(const char *what, const char *why)
{
    fprintf(stderr, "record: %s: %s\n", what, why);
    exit(1);
}

static char *dup_or_die(const char *s)
{
    char *p = strdup(s);
    if (!p)
        die("strdup", "out of memory");
    return p;
}

/* A module of four questions, laid out as module_parse() would. */
static struct pbl_module *make_module(int i)
{
    struct pbl_module *m = calloc(1, sizeof *m);
    char buf[64];
    if (!m)
        die("calloc", "out of memory");
    snprintf(buf, sizeof buf, "bench-%02d", i);
    m->path = dup_or_die(buf);
    m->id = dup_or_die(buf);
    m->title = dup_or_die("A benchmark module");
    m->version = 1;
    m->scenario = dup_or_die("Something happens in the reading room.");
    m->questions = calloc(QUESTIONS, sizeof *m->questions);
    if (!m->questions)
        die("calloc", "out of memory");
    m->nquestions = QUESTIONS;
    for (int q = 0; q < QUESTIONS; q++) {
        m->questions[q].prompt = dup_or_die("Who is/are the customer(s)?");
        m->questions[q].answer = dup_or_die("The model answer.");
    }
    snprintf(m->hash, sizeof m->hash, "fnv1a64:%016x", i);
    m->source = dup_or_die("schema: 1\n");
    return m;
}

static void stats(const char *name, double *v, long n)
{
    double sum = 0;
    for (long i = 0; i < n; i++)
        sum += v[i];
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    long p99 = (long)((double)n * 0.99);
    if (p99 >= n)
        p99 = n - 1;
    printf("%s median %.1f p99 %.1f mean %.1f\n", name, v[n / 2], v[p99],
           sum / (double)n);
}

static void bare_exec(sqlite3 *db, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
        die(sql, err ? err : "?");
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: record DIR N\n");
        return 2;
    }
    long n = atol(argv[2]);
    char path[4096];
    if (n < 1)
        die("N", "must be at least 1");

    /* the store, and the sessions the answers go into */
    struct pbl_store *st;
    char *err = NULL;
    snprintf(path, sizeof path, "%s/store.db", argv[1]);
    remove(path);
    if (store_open(path, STORE_CREATE, &st, &err) != STORE_OK)
        die(path, err);
    struct pbl_module *mods[MODS];
    for (int i = 0; i < MODS; i++)
        mods[i] = make_module(i);
    struct store_session_new sn = {.kind = STORE_GROUP,
                                   .group_name = "Bench group",
                                   .modules = (const struct pbl_module **)mods,
                                   .nmodules = MODS};
    long per = MODS * QUESTIONS, nsess = (n + per - 1) / per;
    char(*uuid)[STORE_UUID_LEN + 1] = calloc((size_t)nsess, sizeof *uuid);
    if (!uuid)
        die("calloc", "out of memory");
    for (long s = 0; s < nsess; s++)
        if (store_create_session(st, &sn, uuid[s]) != STORE_OK)
            die("create session", store_error(st));

    /* the bare database: same pragmas, one table, one prepared insert */
    sqlite3 *db;
    snprintf(path, sizeof path, "%s/bare.db", argv[1]);
    remove(path);
    if (sqlite3_open(path, &db) != SQLITE_OK)
        die(path, sqlite3_errmsg(db));
    bare_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                  "CREATE TABLE answers(id INTEGER PRIMARY KEY,"
                  " session INTEGER NOT NULL, q INTEGER NOT NULL, text TEXT,"
                  " at TEXT NOT NULL)");
    sqlite3_stmt *ins;
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO answers(session, q, text, at)"
                           " VALUES(?1, ?2, ?3, ?4)",
                           -1, &ins, NULL) != SQLITE_OK)
        die("prepare", sqlite3_errmsg(db));

    sqlite3 *dbx;
    snprintf(path, sizeof path, "%s/bare-tx.db", argv[1]);
    remove(path);
    if (sqlite3_open(path, &dbx) != SQLITE_OK)
        die(path, sqlite3_errmsg(dbx));
    bare_exec(dbx, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                   "CREATE TABLE answers(id INTEGER PRIMARY KEY,"
                   " session INTEGER NOT NULL, q INTEGER NOT NULL, text TEXT,"
                   " at TEXT NOT NULL)");
    sqlite3_stmt *insx, *begin, *commit;
    if (sqlite3_prepare_v2(dbx,
                           "INSERT INTO answers(session, q, text, at)"
                           " VALUES(?1, ?2, ?3, ?4)",
                           -1, &insx, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(dbx, "BEGIN IMMEDIATE", -1, &begin, NULL) !=
            SQLITE_OK ||
        sqlite3_prepare_v2(dbx, "COMMIT", -1, &commit, NULL) != SQLITE_OK)
        die("prepare", sqlite3_errmsg(dbx));

    double *ts = calloc((size_t)n, sizeof *ts), *tb = calloc((size_t)n, 8);
    double *tx = calloc((size_t)n, sizeof *tx);
    if (!ts || !tb || !tx)
        die("calloc", "out of memory");
    char text[512];
    for (long i = 0; i < n; i++) {
        snprintf(text, sizeof text,
                 "Answer %ld: the medicine resident who was promised a call "
                 "back, the trauma team who needed fast reads, and the two "
                 "patients. The group also named the technologists who "
                 "watched the argument, and said a short call to reset the "
                 "expectation would have kept the trust of both teams.",
                 i);
        long s = i / per, q = i % per;
        for (int turn = 0; turn < 2; turn++) {
            if ((turn == 0) == (i % 2 == 0)) {
                double t0 = now_us();
                if (store_record_response(st, uuid[s], (int)(q / QUESTIONS),
                                          (int)(q % QUESTIONS),
                                          text) != STORE_OK)
                    die("record", store_error(st));
                ts[i] = now_us() - t0;
            } else {
                char at[STORE_TIME_LEN + 1];
                double t0 = now_us();
                clock_now_iso(at);
                sqlite3_bind_int64(ins, 1, s);
                sqlite3_bind_int64(ins, 2, q);
                sqlite3_bind_text(ins, 3, text, -1, SQLITE_STATIC);
                sqlite3_bind_text(ins, 4, at, -1, SQLITE_STATIC);
                if (sqlite3_step(ins) != SQLITE_DONE)
                    die("insert", sqlite3_errmsg(db));
                sqlite3_reset(ins);
                tb[i] = now_us() - t0;
            }
        }
        char at[STORE_TIME_LEN + 1];
        double t0 = now_us();
        clock_now_iso(at);
        sqlite3_bind_int64(insx, 1, s);
        sqlite3_bind_int64(insx, 2, q);
        sqlite3_bind_text(insx, 3, text, -1, SQLITE_STATIC);
        sqlite3_bind_text(insx, 4, at, -1, SQLITE_STATIC);
        if (sqlite3_step(begin) != SQLITE_DONE ||
            sqlite3_step(insx) != SQLITE_DONE ||
            sqlite3_step(commit) != SQLITE_DONE)
            die("insert in a transaction", sqlite3_errmsg(dbx));
        sqlite3_reset(begin);
        sqlite3_reset(insx);
        sqlite3_reset(commit);
        tx[i] = now_us() - t0;
    }
    stats("store", ts, n);
    stats("bare", tb, n);
    stats("bare-tx", tx, n);
    sqlite3_finalize(ins);
    sqlite3_close(db);
    sqlite3_finalize(insx);
    sqlite3_finalize(begin);
    sqlite3_finalize(commit);
    sqlite3_close(dbx);
    store_close(st);
    for (int i = 0; i < MODS; i++)
        module_free(mods[i]);
    free(uuid);
    free(ts);
    free(tb);
    free(tx);
    return 0;
}
