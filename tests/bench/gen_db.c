/* gen_db.c - writes a synthetic session database for the export and report
 * benchmarks.
 *
 *   gen_db SEED ANSWERS DB MODULE_DIR
 *
 * Creates DB (which must not exist) and records sessions into it until it
 * holds ANSWERS entered answers: group sessions of one to four modules of
 * MODULE_DIR (a library made by gen_library), and one session in five a
 * resident's self-study of one module. Sessions start on dates spread over
 * two years (PBL_NOW is set for each, so the store stamps them so), are
 * created through the store API (so the snapshots are exactly what pbl
 * writes) and finished; every question gets an answer of 80 to 400
 * characters, the skills tagged, the key points ticked, the reveal time and
 * in self-study a rating (one in six a give-up). As in a real run, each
 * stage visited has its timing (scenario, video, each question, the
 * summary, with their time boxes); one session in four raised one or two
 * parking-lot items (a third of them resolved later); one answer in ten
 * holds a draft beside it, and one session in twenty was left unfinished,
 * its last answer only a draft and its last stage still open.
 *
 * Only the speed of writing differs from a real run: the connection runs
 * with synchronous=OFF, and the answers (which the store would write one
 * transaction each) are inserted in batches of 20,000 rows with the same
 * columns the store writes. The same SEED and ANSWERS give the same
 * content (UUIDs aside, which the store draws at random). */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pbl/clock.h"
#include "pbl/library.h"
#include "pbl/store.h"
#include "store_raw.h"

static uint64_t rng_state;

static uint64_t rnd(void)
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static int between(int lo, int hi)
{
    return lo + (int)(rnd() % (uint64_t)(hi - lo + 1));
}

static const char *const groups[] = {
    "PGY1 Tuesday", "PGY1 Thursday", "PGY2 A",        "PGY2 B",
    "PGY3 on call", "PGY3 days",     "PGY4 fellows",  "Night float",
    "Neuro block",  "Body block",    "Peds rotation", "MSK rotation",
    "Chest block",  "IR rotation",   "Breast block",  "Ultrasound"};
static const char *const people[] = {
    "Dr. Rivera", "Dr. Osei",     "Dr. Lindgren", "Dr. Nakamura",
    "Dr. Haddad", "Dr. Kowalski", "Dr. Mensah",   "Dr. Silva",
    "Dr. Petrov", "Dr. Okafor",   "Dr. Laurent",  "Dr. Singh"};
static const char *const residents[] = {
    "Ana Costa",   "Ben Adler",  "Chen Wei",     "Dara Byrne",
    "Emeka Obi",   "Farah Aziz", "Gustav Berg",  "Hana Kimura",
    "Ivan Horvat", "Jia Li",     "Kofi Asante",  "Lena Novak",
    "Maya Levi",   "Nils Dahl",  "Olga Ivanova", "Pedro Ramos",
    "Quinn Walsh", "Rin Sato",   "Sara Nilsson", "Tomás Ortega"};
static const char *const phrases[] = {
    "the medicine resident who was promised a call back",
    "the trauma team",
    "the patient's family, who were never told why",
    "reliability: the promise was not kept",
    "responsiveness — he answered the trauma pages at once",
    "a short call to reset the expectation",
    "explain the delay without jargon",
    "the technologists who watched the argument",
    "empathy for a frightened parent",
    "the broken television and worn chairs say something",
    "assurance: he knew the findings and said so clearly",
    "follow up afterwards",
    "name the worry before the facts",
    "keep calm in front of the team",
    "“I will call you by eleven” instead of “soon”"};

static void die(const char *what, const char *why)
{
    fprintf(stderr, "gen_db: %s: %s\n", what, why);
    exit(1);
}

static void exec(sqlite3 *db, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
        die(sql, err ? err : "?");
}

/* An answer of 80 to 400 characters made of phrases. */
static void answer_text(char *buf, size_t size)
{
    size_t want = (size_t)between(80, 400), n = 0;
    buf[0] = '\0';
    while (n < want && n + 80 < size) {
        const char *p = phrases[rnd() % (sizeof phrases / sizeof *phrases)];
        n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? "; " : "", p);
    }
    if (n + 2 < size) {
        buf[n++] = '.';
        buf[n] = '\0';
    }
    if (buf[0] >= 'a' && buf[0] <= 'z')
        buf[0] = (char)(buf[0] - 'a' + 'A');
}

/* One visit to a stage of module m of the session: from `from` for
 * `secs` seconds; returns when it was left. */
static time_t add_stage(sqlite3_stmt *s, const char *uuid, int m,
                        const char *name, int planned, time_t from, int secs)
{
    char in[CLOCK_ISO_LEN + 1], out[CLOCK_ISO_LEN + 1];
    clock_iso(from, in);
    clock_iso(from + secs, out);
    sqlite3_bind_text(s, 1, uuid, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 2, m);
    sqlite3_bind_text(s, 3, name, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 4, planned);
    sqlite3_bind_text(s, 5, in, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 6, out, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(s) != SQLITE_DONE)
        die("stage", sqlite3_errmsg(sqlite3_db_handle(s)));
    sqlite3_reset(s);
    return from + secs;
}

/* n parking-lot items raised in the session that started at t; one in
 * three resolved a week later. */
static void add_parking(sqlite3_stmt *s, const char *uuid, time_t t, int n)
{
    for (int i = 0; i < n; i++) {
        char raised[CLOCK_ISO_LEN + 1], resolved[CLOCK_ISO_LEN + 1];
        clock_iso(t + 600 * (i + 1), raised);
        clock_iso(t + 7 * 86400, resolved);
        sqlite3_bind_text(s, 1, uuid, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2,
                          phrases[rnd() % (sizeof phrases / sizeof *phrases)],
                          -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 3, raised, -1, SQLITE_TRANSIENT);
        if (rnd() % 3 == 0)
            sqlite3_bind_text(s, 4, resolved, -1, SQLITE_TRANSIENT);
        else
            sqlite3_bind_null(s, 4);
        if (sqlite3_step(s) != SQLITE_DONE)
            die("parking", sqlite3_errmsg(sqlite3_db_handle(s)));
        sqlite3_reset(s);
    }
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: gen_db SEED ANSWERS DB MODULE_DIR\n");
        return 2;
    }
    rng_state = strtoull(argv[1], NULL, 10);
    long want = atol(argv[2]);
    const char *dbpath = argv[3];
    const char *dirs[] = {argv[4]};
    struct pbl_library lib;
    struct pbl_diags d = {0};
    if (library_load(&lib, dirs, 1, &d) < 0 || lib.n == 0)
        die(argv[4], "no modules");
    diags_free(&d);
    FILE *f = fopen(dbpath, "r");
    if (f) {
        fclose(f);
        die(dbpath, "exists already");
    }
    struct pbl_store *st;
    char *err = NULL;
    if (store_open(dbpath, STORE_CREATE, &st, &err) != STORE_OK)
        die(dbpath, err);
    sqlite3 *db = store_db(st);
    exec(db, "PRAGMA synchronous = OFF");

    sqlite3_stmt *ins, *finish, *stage, *park;
    if (sqlite3_prepare_v2(
            db,
            ("INSERT INTO responses(session_id, modpos, qidx, text, skills,"
             " points, revealed_at, rating, gave_up, draft, draft_saved_at,"
             " created_at, updated_at)"
             " VALUES((SELECT id FROM sessions WHERE uuid = ?1), ?2, ?3, ?4,"
             " ?5, ?6, ?7, ?8, ?9, ?10, CASE WHEN ?10 IS NULL THEN NULL"
             " ELSE ?7 END, ?7, ?7)"),
            -1, &ins, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(
            db,
            ("INSERT INTO stage_timings(session_id, modpos, stage,"
             " planned_minutes, entered_at, left_at)"
             " VALUES((SELECT id FROM sessions WHERE uuid = ?1), ?2, ?3, ?4,"
             " ?5, ?6)"),
            -1, &stage, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(
            db,
            ("INSERT INTO parking(session_id, text, raised_at, resolved_at)"
             " VALUES((SELECT id FROM sessions WHERE uuid = ?1), ?2, ?3, ?4)"),
            -1, &park, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           ("UPDATE sessions SET status = 'finished',"
                            " ended_at = ?2, cur_stage = 'summary'"
                            " WHERE uuid = ?1"),
                           -1, &finish, NULL) != SQLITE_OK)
        die("prepare", sqlite3_errmsg(db));

    /* First the sessions, each through the store (its own transaction),
     * from 2024-01-01 on; then the answers, in batches. */
    struct plan {
        char uuid[STORE_UUID_LEN + 1];
        time_t t;
        bool self;
        int nm;
        const struct pbl_module *mods[4];
    } *plan = NULL;
    size_t nplan = 0, cap = 0;
    /* about 8.8 answers a session: spread them over two years */
    int step = (int)(63072000.0 * 8.8 / (double)want);
    if (step < 60)
        step = 60;
    time_t t = 1704103200;
    for (long planned = 0; planned < want; nplan++) {
        if (nplan == cap) {
            cap = cap ? cap * 2 : 1024;
            plan = realloc(plan, cap * sizeof *plan);
            if (!plan)
                die("realloc", "out of memory");
        }
        struct plan *p = &plan[nplan];
        t += between(step / 2, step * 3 / 2);
        char env[32];
        snprintf(env, sizeof env, "%lld", (long long)t);
        setenv("PBL_NOW", env, 1);
        p->t = t;
        p->self = rnd() % 5 == 0;
        p->nm = p->self ? 1 : between(1, 4);
        for (int i = 0; i < p->nm; i++) {
            p->mods[i] = lib.mods[rnd() % lib.n];
            planned += (long)p->mods[i]->nquestions;
        }
        struct store_session_new sn = {
            .kind = p->self ? STORE_SELF_STUDY : STORE_GROUP,
            .group_name = p->self ? NULL : groups[rnd() % 16],
            .facilitator = p->self ? NULL : people[rnd() % 12],
            .resident = p->self ? residents[rnd() % 20] : NULL,
            .participants = p->self ? NULL : "Ana, Ben, Chen, Dara",
            .modules = p->mods,
            .nmodules = (size_t)p->nm};
        if (store_create_session(st, &sn, p->uuid) != STORE_OK)
            die("create session", store_error(st));
    }

    long done = 0, in_batch = 0;
    char from[CLOCK_ISO_LEN + 1];
    char text[512], now[CLOCK_ISO_LEN + 1], at[CLOCK_ISO_LEN + 1];
    static const char *const ratings[] = {"got", "partly", "missed"};
    for (size_t k = 0; k < nplan; k++) {
        const struct plan *p = &plan[k];
        if (in_batch == 0)
            exec(db, "BEGIN");
        time_t q_at = p->t;
        bool unfinished = rnd() % 20 == 0;
        for (int m = 0; m < p->nm && done < want; m++) {
            const struct pbl_module *mod = p->mods[m];
            q_at = add_stage(stage, p->uuid, m, "scenario", 0, q_at,
                             between(60, 300));
            if (mod->video.url)
                q_at = add_stage(stage, p->uuid, m, "video", mod->video.minutes,
                                 q_at, between(60, 400));
            for (size_t q = 0; q < mod->nquestions && done < want; q++) {
                const struct pbl_question *qq = &mod->questions[q];
                bool last = unfinished &&
                            (done + 1 == want ||
                             (m + 1 == p->nm && q + 1 == mod->nquestions));
                char sname[32];
                snprintf(sname, sizeof sname, "q%zu", q + 1);
                time_t spent = between(120, 480);
                clock_iso(q_at, from);
                q_at += spent;
                clock_iso(q_at, at);
                sqlite3_bind_text(stage, 1, p->uuid, -1, SQLITE_STATIC);
                sqlite3_bind_int(stage, 2, m);
                sqlite3_bind_text(stage, 3, sname, -1, SQLITE_TRANSIENT);
                sqlite3_bind_int(stage, 4, qq->minutes);
                sqlite3_bind_text(stage, 5, from, -1, SQLITE_TRANSIENT);
                if (last) /* still open when the session stopped */
                    sqlite3_bind_null(stage, 6);
                else
                    sqlite3_bind_text(stage, 6, at, -1, SQLITE_STATIC);
                if (sqlite3_step(stage) != SQLITE_DONE)
                    die("stage", sqlite3_errmsg(db));
                sqlite3_reset(stage);
                answer_text(text, sizeof text);
                uint64_t pmask = (UINT64_C(1) << qq->points.n) - 1;
                sqlite3_bind_text(ins, 1, p->uuid, -1, SQLITE_STATIC);
                sqlite3_bind_int(ins, 2, m);
                sqlite3_bind_int(ins, 3, (int)q);
                if (last) /* only a draft: never entered */
                    sqlite3_bind_null(ins, 4);
                else
                    sqlite3_bind_text(ins, 4, text, -1, SQLITE_STATIC);
                sqlite3_bind_int(ins, 5, (int)(rnd() & SKILL_ALL));
                sqlite3_bind_int64(ins, 6, (sqlite3_int64)(rnd() & pmask));
                sqlite3_bind_text(ins, 7, at, -1, SQLITE_STATIC);
                /* a give-up takes no rating (schema 6 refuses both) */
                bool gave_up = p->self && rnd() % 6 == 0;
                if (p->self && !gave_up)
                    sqlite3_bind_text(ins, 8, ratings[rnd() % 3], -1,
                                      SQLITE_STATIC);
                else
                    sqlite3_bind_null(ins, 8);
                sqlite3_bind_int(ins, 9, gave_up);
                if (last || rnd() % 10 == 0)
                    sqlite3_bind_text(ins, 10, text, -1, SQLITE_STATIC);
                else
                    sqlite3_bind_null(ins, 10);
                if (sqlite3_step(ins) != SQLITE_DONE)
                    die("insert", sqlite3_errmsg(db));
                sqlite3_reset(ins);
                done++;
                in_batch++;
            }
        }
        if (rnd() % 4 == 0)
            add_parking(park, p->uuid, p->t, between(1, 2));
        if (!unfinished) {
            add_stage(stage, p->uuid, 0, "summary", 0, q_at, 300);
            clock_iso(q_at + 300, now);
            sqlite3_bind_text(finish, 1, p->uuid, -1, SQLITE_STATIC);
            sqlite3_bind_text(finish, 2, now, -1, SQLITE_STATIC);
            if (sqlite3_step(finish) != SQLITE_DONE)
                die("finish", sqlite3_errmsg(db));
            sqlite3_reset(finish);
        }
        if (in_batch >= 20000 || k + 1 == nplan) {
            exec(db, "COMMIT");
            in_batch = 0;
        }
    }
    long nsessions = (long)nplan;
    free(plan);
    sqlite3_finalize(ins);
    sqlite3_finalize(finish);
    sqlite3_finalize(stage);
    sqlite3_finalize(park);
    exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
    store_close(st);
    library_free(&lib);
    printf("%ld answers in %ld sessions\n", done, nsessions);
    return 0;
}
