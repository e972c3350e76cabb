/* robust_store_faults.c - fault injection on the store, through the session
 * state machine, for tests/cli/robust_store_faults.sh. Prints TAP.
 *
 *   robust_store_faults efbig MODULE_FILE
 *   robust_store_faults rofolder MODULE_FILE
 *   robust_store_faults enospc MODULE_FILE SMALL_FS_DIR
 *
 * A session over one module walks a fixed list of steps (move on, type a
 * draft, enter it, tag a skill, tick a point, reveal, park an issue, move
 * back, finish). For every step k, on a fresh database:
 *
 *   1. steps before k run normally;
 *   2. the fault starts: `efbig` lowers RLIMIT_FSIZE (SIGXFSZ ignored) so
 *      that writes fail with EFBIG (or come out short), first at the very
 *      next byte of the write-ahead log, then one, two and three pages
 *      further on, so that the failure falls at each page of the step's
 *      transaction; `enospc` does the same with a real full disk: the
 *      database lives on a small file system (a tmpfs the caller mounted)
 *      that a filler file takes up to the same points, so writes fail
 *      with ENOSPC; `rofolder` makes the database folder read-only (as a
 *      user without privileges: root drops to nobody first);
 *   3. step k and every step after it run anyway: each must succeed or
 *      fail with a clear one-line message (session_error()), and the
 *      program carries on;
 *   4. the fault ends; a second connection sees every acknowledged write
 *      (a step that returned 0): each value in the database is the last
 *      acknowledged one, or one attempted after it (a write reported as
 *      failed may still have been committed; none may be lost);
 *   5. the same session goes on: back to the first question, a new answer
 *      typed and entered, the session finished; all of that succeeds;
 *   6. the session is freed and the store closed; it opens again, the
 *      checks of 4 hold with the step-5 answer, `PRAGMA integrity_check`
 *      says ok, and the session can be resumed.
 *
 * The messages seen are printed as TAP comments. Output is held in memory
 * while a file-size limit is on (it would apply to standard output too). */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pbl/session.h"
#include "pbl/store.h"

/* ---- output ---------------------------------------------------------- */

static char out[1 << 20];
static size_t outlen;
static int ntest, nfail;

static void emit(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void emit(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(out + outlen, sizeof out - outlen, fmt, ap);
    va_end(ap);
    if (n > 0 && (size_t)n < sizeof out - outlen)
        outlen += (size_t)n;
}

static void flush_out(void)
{
    fwrite(out, 1, outlen, stdout);
    fflush(stdout);
    outlen = 0;
}

static void tap(int ok, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void tap(int ok, const char *fmt, ...)
{
    char buf[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    emit("%s %d - %s\n", ok ? "ok" : "not ok", ++ntest, buf);
    nfail += !ok && !strstr(buf, "# TODO"); /* TODO: a known bug */
}

/* The distinct messages seen, for the report. */
static char seen[32][300];
static int nseen;

static void saw(const char *msg)
{
    for (int i = 0; i < nseen; i++)
        if (strcmp(seen[i], msg) == 0)
            return;
    if (nseen < 32)
        snprintf(seen[nseen++], sizeof seen[0], "%s", msg);
}

/* ---- the steps --------------------------------------------------------- */

enum kind { NEXT, PREV, TYPE, ENTER, SKILL, POINT, REVEAL, PARK, FINISH };

static const struct step {
    enum kind kind;
    const char *text; /* TYPE, PARK */
    int arg;          /* SKILL: the skill; POINT: the point */
} steps[] = {
    {NEXT, NULL, 0}, /* video */
    {NEXT, NULL, 0}, /* question 1 */
    {TYPE, "The medicine resident", 0},
    {TYPE, "The medicine resident and the trauma team", 0},
    {ENTER, NULL, 0},
    {SKILL, NULL, SKILL_RELIABILITY},
    {POINT, NULL, 0},
    {REVEAL, NULL, 0},
    {PARK, "Who pages the medicine team overnight?", 0},
    {NEXT, NULL, 0}, /* question 2 */
    {TYPE, "He answered the trauma pages at once", 0},
    {ENTER, NULL, 0},
    {SKILL, NULL, SKILL_EMPATHY},
    {PREV, NULL, 0}, /* question 1 */
    {TYPE, "The medicine resident, the trauma team, both patients", 0},
    {NEXT, NULL, 0}, /* question 2: saves the draft of question 1 */
    {NEXT, NULL, 0}, /* summary */
    {FINISH, NULL, 0},
};
#define NSTEPS (sizeof steps / sizeof steps[0])
#define NQ 2

/* ---- what the database may hold ---------------------------------------- */

/* A value: the last acknowledged one, and those attempted after it. */
#define MAXV 24
struct value {
    char *v[MAXV]; /* v[0] acknowledged ("" stands for NULL: no value) */
    int n;
};

static void v_init(struct value *x, const char *initial)
{
    x->v[0] = strdup(initial);
    x->n = 1;
}

static void v_free(struct value *x)
{
    for (int i = 0; i < x->n; i++)
        free(x->v[i]);
    x->n = 0;
}

static void v_ack(struct value *x, const char *val)
{
    v_free(x);
    v_init(x, val);
}

static void v_try(struct value *x, const char *val)
{
    if (x->n < MAXV)
        x->v[x->n++] = strdup(val);
}

static int v_has(const struct value *x, const char *val)
{
    for (int i = 0; i < x->n; i++)
        if (strcmp(x->v[i], val) == 0)
            return 1;
    return 0;
}

struct model {
    struct value text[NQ], draft[NQ], skills[NQ], points[NQ], revealed[NQ];
    struct value parked, stage, status;
};

static void model_init(struct model *m)
{
    for (int q = 0; q < NQ; q++) {
        v_init(&m->text[q], "");
        v_init(&m->draft[q], "");
        v_init(&m->skills[q], "0");
        v_init(&m->points[q], "0");
        v_init(&m->revealed[q], "0");
    }
    v_init(&m->parked, "0");
    v_init(&m->stage, "0:scenario");
    v_init(&m->status, "active");
}

static void model_free(struct model *m)
{
    for (int q = 0; q < NQ; q++) {
        v_free(&m->text[q]);
        v_free(&m->draft[q]);
        v_free(&m->skills[q]);
        v_free(&m->points[q]);
        v_free(&m->revealed[q]);
    }
    v_free(&m->parked);
    v_free(&m->stage);
    v_free(&m->status);
}

/* Records the outcome of a write of `val` into x. */
static void outcome(struct value *x, int ok, const char *val)
{
    if (ok)
        v_ack(x, val);
    else
        v_try(x, val);
}

static void stage_label(struct pbl_session *s, char *buf, size_t n)
{
    struct session_stage g = session_stage(s);
    static const char *const names[] = {"scenario", "video", "q", "summary"};
    if (g.kind == STAGE_QUESTION)
        snprintf(buf, n, "%d:q%d", g.modpos, g.qidx + 1);
    else
        snprintf(buf, n, "%d:%s", g.modpos < 0 ? 0 : g.modpos, names[g.kind]);
}

/* What a text typed on the current question is, for the model. */
static char typed[NQ][200];
static int parked_n;

/* Runs one step; updates the model; returns 0 or -1 (with a message). */
static int run_step(struct pbl_session *s, struct model *m,
                    const struct step *st)
{
    struct session_stage g = session_stage(s);
    int q = g.kind == STAGE_QUESTION ? g.qidx : -1;
    char buf[64];
    int rc = 0;
    if (q < 0 && st->kind != NEXT && st->kind != PREV && st->kind != PARK &&
        st->kind != FINISH) {
        /* an earlier failure left the session on another stage: the step
         * must say so, and changes nothing */
        switch (st->kind) {
        case TYPE:
            return session_type(s, st->text, true);
        case ENTER:
            return session_enter(s);
        case SKILL:
            return session_toggle_skill(s, (enum pbl_skill)st->arg);
        case POINT:
            return session_toggle_point(s, st->arg);
        default:
            return session_reveal(s);
        }
    }
    switch (st->kind) {
    case NEXT:
    case PREV: {
        /* moving saves the draft of the question being left first */
        int unsaved = q >= 0 && typed[q][0] &&
                      strcmp(m->draft[q].v[0], typed[q]) != 0 &&
                      strcmp(m->text[q].v[0], typed[q]) != 0;
        rc = st->kind == NEXT ? session_next(s) : session_prev(s);
        if (unsaved)
            outcome(&m->draft[q], rc == 0, typed[q]);
        stage_label(s, buf, sizeof buf);
        outcome(&m->stage, rc == 0, buf);
        break;
    }
    case TYPE:
        snprintf(typed[q], sizeof typed[q], "%s", st->text);
        rc = session_type(s, st->text, true);
        outcome(&m->draft[q], rc == 0, st->text);
        break;
    case ENTER:
        rc = session_enter(s);
        outcome(&m->text[q], rc == 0, typed[q]);
        outcome(&m->draft[q], rc == 0, "");
        break;
    case SKILL: {
        const struct session_answer *a = session_answer(s, g.modpos, q);
        snprintf(buf, sizeof buf, "%u", a->skills ^ SKILL_BIT(st->arg));
        rc = session_toggle_skill(s, (enum pbl_skill)st->arg);
        outcome(&m->skills[q], rc == 0, buf);
        break;
    }
    case POINT: {
        const struct session_answer *a = session_answer(s, g.modpos, q);
        snprintf(buf, sizeof buf, "%llu",
                 (unsigned long long)(a->points ^ (UINT64_C(1) << st->arg)));
        rc = session_toggle_point(s, st->arg);
        outcome(&m->points[q], rc == 0, buf);
        break;
    }
    case REVEAL: {
        int was_entered = session_answer(s, g.modpos, q)->entered;
        rc = session_reveal(s);
        if (!was_entered && typed[q][0]) { /* reveal commits it first */
            outcome(&m->text[q], rc == 0, typed[q]);
            outcome(&m->draft[q], rc == 0, "");
        }
        outcome(&m->revealed[q], rc == 0, "1");
        break;
    }
    case PARK:
        rc = session_park(s, st->text);
        snprintf(buf, sizeof buf, "%d", parked_n + 1);
        outcome(&m->parked, rc == 0, buf);
        parked_n += rc == 0;
        break;
    case FINISH:
        rc = session_finish(s);
        outcome(&m->status, rc == 0, "finished");
        break;
    }
    return rc;
}

/* ---- checking the database --------------------------------------------- */

/* A regression (found here, fixed in 69282a6): when the store failed to
 * record a move to another stage, session.c had already moved the session
 * there in memory; moving "again" to that stage was then a no-op that
 * returned 0, so the stored position (where resume returns) stayed behind
 * the acknowledged one. Counted apart, for one test. */
static int position_bad, position_cases;
static char position_why[400];

/* A regression (found here, fixed in 69282a6): with writes failing for
 * EFBIG the message said "input/output error" (sqlite3_system_errno() is 0
 * by the time the store asks), not that a file is too large. */
static int vague_messages;
static char vague_example[300];

/* Checks every value of the model against the database at `path`,
 * through a connection of its own; returns the number of mismatches and
 * describes the first in `why`. */
static int check_db(const char *path, const char *uuid, struct model *m,
                    char *why, size_t whysz)
{
    struct pbl_store *st;
    char *err = NULL;
    int bad = 0;
    why[0] = '\0';
    if (store_open(path, STORE_READONLY, &st, &err) != STORE_OK) {
        snprintf(why, whysz, "cannot open: %s", err ? err : "?");
        free(err);
        return 1;
    }
    char buf[64];
#define EXPECT(val, x, what, ...)                                              \
    do {                                                                       \
        if (!v_has(x, val)) {                                                  \
            if (!bad++)                                                        \
                snprintf(why, whysz, what " is '%s', acknowledged '%s'",       \
                         __VA_ARGS__, val, (x)->v[0]);                         \
        }                                                                      \
    } while (0)
    for (int q = 0; q < NQ; q++) {
        struct store_response r;
        int rc = store_get_response(st, uuid, 0, q, &r);
        if (rc == STORE_NOT_FOUND) {
            memset(&r, 0, sizeof r);
        } else if (rc != STORE_OK) {
            snprintf(why, whysz, "cannot read: %s", store_error(st));
            store_close(st);
            return 1;
        }
        EXPECT(r.text ? r.text : "", &m->text[q], "the answer to q%d", q + 1);
        EXPECT(r.draft ? r.draft : "", &m->draft[q], "the draft of q%d", q + 1);
        snprintf(buf, sizeof buf, "%u", r.skills);
        EXPECT(buf, &m->skills[q], "the skills of q%d", q + 1);
        snprintf(buf, sizeof buf, "%llu", (unsigned long long)r.points);
        EXPECT(buf, &m->points[q], "the points of q%d", q + 1);
        EXPECT(r.revealed_at[0] ? "1" : "0", &m->revealed[q],
               "the reveal of q%d", q + 1);
        if (rc == STORE_OK)
            store_response_free(&r);
    }
    struct store_park_list pl;
    if (store_list_park_items(st, uuid, &pl) == STORE_OK) {
        snprintf(buf, sizeof buf, "%zu", pl.n);
        EXPECT(buf, &m->parked, "the parking lot's size%s", "");
        store_park_list_free(&pl);
    }
    struct store_session info;
    if (store_get_session(st, uuid, &info) == STORE_OK) {
        snprintf(buf, sizeof buf, "%d:%s", info.modpos, info.stage);
        /* counted apart, for one test (see main) */
        position_cases++;
        if (!v_has(&m->stage, buf) && !position_bad++)
            snprintf(position_why, sizeof position_why,
                     "the position is '%s', acknowledged '%s'", buf,
                     m->stage.v[0]);
        EXPECT(store_status_name(info.status), &m->status, "the status%s", "");
        store_session_free(&info);
    } else {
        bad++;
        snprintf(why, whysz, "the session is gone: %s", store_error(st));
    }
#undef EXPECT
    struct pbl_strv problems;
    if (store_integrity_check(st, &problems) != STORE_OK) {
        if (!bad++)
            snprintf(why, whysz, "integrity check failed: %s", store_error(st));
    } else {
        if (problems.n && !bad++)
            snprintf(why, whysz, "integrity: %s", problems.v[0]);
        store_strv_free(&problems);
    }
    store_close(st);
    return bad;
}

/* A message is clear: one line of words, no code or placeholder. (After
 * a failed move the session stays where it was, and the steps meant for
 * the next stage say that they do not apply there: also clear.) */
static int clear_message(const char *msg)
{
    if (!msg || strlen(msg) < 10 || strchr(msg, '\n'))
        return 0;
    return !strstr(msg, "(null)") && !strstr(msg, "SQLITE_") &&
           !strstr(msg, "unknown error") && !strstr(msg, "%");
}

/* ---- the faults ---------------------------------------------------------- */

static const char *mode;
static char dir[512], dbpath[600], filler[600];
static struct rlimit saved_fsize;

/* efbig and enospc fail writes at the same points; rofolder is apart. */
static int write_fault(void)
{
    return strcmp(mode, "rofolder") != 0;
}

/* Takes up every free byte of the file system but `slack`: a filler file
 * written until ENOSPC, then cut back. */
static void fill_disk(long slack)
{
    static char block[1 << 16];
    int fd = open(filler, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return;
    off_t size = 0;
    ssize_t n;
    while ((n = write(fd, block, sizeof block)) > 0)
        size += n;
    while ((n = write(fd, block, 512)) > 0) /* the last partial block */
        size += n;
    if (slack > 0 && ftruncate(fd, size > slack ? size - slack : 0) != 0)
        emit("# cannot cut the filler back: %s\n", strerror(errno));
    close(fd);
}

static long file_size(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (long)sb.st_size : 0;
}

/* variant: for efbig, the pages of slack before the limit bites. */
static void fault_on(int variant)
{
    if (strcmp(mode, "efbig") == 0) {
        char wal[700];
        snprintf(wal, sizeof wal, "%s-wal", dbpath);
        struct rlimit r = saved_fsize;
        r.rlim_cur = (rlim_t)(file_size(wal) + variant * (4096 + 24));
        if (variant > 0)
            r.rlim_cur += 100; /* inside a frame: a short write */
        setrlimit(RLIMIT_FSIZE, &r);
    } else if (strcmp(mode, "enospc") == 0) {
        fill_disk(variant * 4096L);
    } else {
        chmod(dir, 0555);
    }
}

static void fault_off(void)
{
    if (strcmp(mode, "efbig") == 0)
        setrlimit(RLIMIT_FSIZE, &saved_fsize);
    else if (strcmp(mode, "enospc") == 0)
        unlink(filler);
    else
        chmod(dir, 0700);
}

/* ---- one case --------------------------------------------------------------
 */

static const struct pbl_module *module;

static void run_case(size_t k, int variant)
{
    char what[80];
    snprintf(what, sizeof what, "fault before step %zu%s", k + 1,
             write_fault() ? (variant == 0   ? " (at the log's end)"
                              : variant == 1 ? " (one page on)"
                              : variant == 2 ? " (two pages on)"
                                             : " (three pages on)")
                           : "");
    for (const char *suffix = ""; suffix; suffix = *suffix == '\0'    ? "-wal"
                                                   : suffix[1] == 'w' ? "-shm"
                                                                      : NULL) {
        char p[700];
        snprintf(p, sizeof p, "%s%s", dbpath, suffix);
        unlink(p);
    }
    memset(typed, 0, sizeof typed);
    parked_n = 0;

    struct pbl_store *st;
    char *err = NULL;
    if (store_open(dbpath, STORE_CREATE, &st, &err) != STORE_OK) {
        tap(0, "%s: the store opens (%s)", what, err);
        free(err);
        return;
    }
    const struct pbl_module *mods[] = {module};
    struct store_session_new sn = {.kind = STORE_GROUP,
                                   .group_name = "Faults",
                                   .modules = mods,
                                   .nmodules = 1};
    struct pbl_session *s;
    if (session_start(st, &sn, &s, &err) != 0) {
        tap(0, "%s: the session starts (%s)", what, err);
        free(err);
        store_close(st);
        return;
    }
    char uuid[STORE_UUID_LEN + 1];
    snprintf(uuid, sizeof uuid, "%s", session_uuid(s));
    struct model m;
    model_init(&m);
    int ok = 1, failures = 0;
    char why[400] = "";
    for (size_t i = 0; i < NSTEPS; i++) {
        if (i == k)
            fault_on(variant);
        int rc = run_step(s, &m, &steps[i]);
        if (rc != 0) {
            failures++;
            saw(session_error(s));
            if (strstr(session_error(s), "input/output error") &&
                !vague_messages++)
                snprintf(vague_example, sizeof vague_example, "%s",
                         session_error(s));
            if (i < k && ok) {
                ok = 0;
                snprintf(why, sizeof why,
                         "step %zu failed before the fault: %s", i + 1,
                         session_error(s));
            } else if (!clear_message(session_error(s)) && ok) {
                ok = 0;
                snprintf(why, sizeof why, "step %zu: unclear message '%s'",
                         i + 1, session_error(s));
            }
        }
    }
    if (strcmp(mode, "rofolder") == 0) {
        /* a second pbl opening the database meanwhile */
        struct pbl_store *st2;
        if (store_open(dbpath, STORE_CREATE, &st2, &err) == STORE_OK) {
            store_close(st2);
        } else {
            saw(err);
            if (!clear_message(err) && ok) {
                ok = 0;
                snprintf(why, sizeof why, "a second open: unclear '%s'", err);
            }
            free(err);
            err = NULL;
        }
    }
    fault_off();
    tap(ok, "%s: every step succeeds or says why (%d failed)%s%s", what,
        failures, ok ? "" : ": ", why);
    if (check_db(dbpath, uuid, &m, why, sizeof why))
        tap(0, "%s: nothing acknowledged is lost: %s", what, why);
    else
        tap(1, "%s: nothing acknowledged is lost, integrity ok", what);

    /* the session goes on: back to question 1, a new answer, finished */
    int rg = session_goto(s, 2); /* scenario, video, q1 */
    if (rg == 0)
        v_ack(&m.stage, "0:q1");
    int rt = rg ? -1 : session_type(s, "Typed after the fault", true);
    int re = rt ? -1 : session_enter(s);
    if (re == 0) {
        v_ack(&m.text[0], "Typed after the fault");
        v_ack(&m.draft[0], "");
    }
    int rf = re ? -1 : session_finish(s);
    if (rf == 0)
        v_ack(&m.status, "finished");
    tap(rf == 0, "%s: the session goes on afterwards%s%s", what, rf ? ": " : "",
        rf ? session_error(s) : "");
    session_free(s);
    store_close(st);

    /* it opens again, everything is there, and it can be resumed */
    if (check_db(dbpath, uuid, &m, why, sizeof why)) {
        tap(0, "%s: after closing, nothing is lost: %s", what, why);
    } else if (store_open(dbpath, STORE_CREATE, &st, &err) != STORE_OK) {
        tap(0, "%s: it opens again: %s", what, err);
        free(err);
    } else {
        struct pbl_session *r;
        if (session_resume(st, uuid, &r, &err) == 0) {
            tap(1, "%s: after closing, nothing is lost; it opens and resumes",
                what);
            session_free(r);
        } else {
            tap(0, "%s: resume: %s", what, err);
            free(err);
        }
        store_close(st);
    }
    model_free(&m);
}

/* ---- rofolder as root: drop to nobody --------------------------------------
 */

static int drop_privileges(void)
{
    if (geteuid() != 0)
        return 0;
    if (chown(dir, 65534, 65534) != 0)
        return -1;
    if (setgroups(0, NULL) != 0)
        return -1;
    if (setgid(65534) != 0 || setuid(65534) != 0)
        return -1;
    return geteuid() == 65534 ? 0 : -1;
}

int main(int argc, char **argv)
{
    int enospc = argc == 4 && strcmp(argv[1], "enospc") == 0;
    if ((argc != 3 && !enospc) ||
        (strcmp(argv[1], "efbig") != 0 && strcmp(argv[1], "rofolder") != 0 &&
         !enospc)) {
        fprintf(stderr, "usage: robust_store_faults efbig|rofolder MODULE\n"
                        "       robust_store_faults enospc MODULE DIR\n");
        return 2;
    }
    mode = argv[1];
    struct pbl_diags d = {0};
    struct pbl_module *mod = module_load_file(argv[2], &d);
    if (!mod || mod->nquestions < NQ || mod->questions[0].points.n < 1) {
        diags_print(&d, stderr);
        fprintf(stderr,
                "robust_store_faults: %s: need a module of %d "
                "questions, the first with key points\n",
                argv[2], NQ);
        return 1;
    }
    diags_free(&d);
    module = mod;
    signal(SIGXFSZ, SIG_IGN);
    getrlimit(RLIMIT_FSIZE, &saved_fsize);
    const char *tmp = enospc ? argv[3] : getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/pbl-faults-XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror("robust_store_faults: mkdtemp");
        return 1;
    }
    snprintf(dbpath, sizeof dbpath, "%s/pbl.db", dir);
    snprintf(filler, sizeof filler, "%s/filler", dir);
    if (strcmp(mode, "rofolder") == 0 && drop_privileges() != 0) {
        printf("ok 1 # SKIP cannot drop privileges to test a read-only "
               "folder as root\n");
        rmdir(dir);
        return 0;
    }

    for (size_t k = 0; k < NSTEPS; k++) {
        int variants = write_fault() ? 4 : 1;
        for (int v = 0; v < variants; v++) {
            run_case(k, v);
            flush_out();
        }
    }
    /* a fault before the session starts: it does not start, and says why */
    {
        struct pbl_store *st;
        char *err = NULL;
        unlink(dbpath);
        if (store_open(dbpath, STORE_CREATE, &st, &err) == STORE_OK) {
            const struct pbl_module *mods[] = {module};
            struct store_session_new sn = {
                .kind = STORE_GROUP, .modules = mods, .nmodules = 1};
            struct pbl_session *s = NULL;
            fault_on(0);
            int rc = session_start(st, &sn, &s, &err);
            fault_off();
            if (rc == 0) {
                tap(1, "a fault as the session starts: it starts anyway "
                       "(nothing to write?)");
                session_free(s);
            } else {
                saw(err);
                tap(clear_message(err),
                    "a fault as the session starts: "
                    "it does not, and says why: %s",
                    err);
                free(err);
            }
            store_close(st);
            struct store_session_list l;
            if (store_open(dbpath, STORE_READONLY, &st, &err) == STORE_OK &&
                store_list_sessions(st, STORE_LIST_ALL, &l) == STORE_OK) {
                tap(rc != 0 ? l.n == 0 : l.n == 1,
                    "a fault as the session starts: no half session is "
                    "left (%zu)",
                    l.n);
                store_session_list_free(&l);
            } else {
                tap(0, "a fault as the session starts: reopen: %s",
                    err ? err : store_error(st));
            }
            store_close(st);
        } else {
            tap(0, "the store opens: %s", err);
        }
        free(err);
    }
    /* the folder or file read-only before opening: a clear refusal */
    if (strcmp(mode, "rofolder") == 0) {
        struct pbl_store *st;
        char *err = NULL;
        char fresh[700];
        snprintf(fresh, sizeof fresh, "%s/new.db", dir);
        chmod(dir, 0555);
        int rc = store_open(fresh, STORE_CREATE, &st, &err);
        tap(rc != STORE_OK && clear_message(err),
            "a new database in a read-only folder is refused clearly: %s",
            err ? err : "(opened)");
        if (err)
            saw(err);
        free(err);
        err = NULL;
        if (rc == STORE_OK)
            store_close(st);
        chmod(dbpath, 0400);
        rc = store_open(dbpath, STORE_CREATE, &st, &err);
        tap(rc != STORE_OK && clear_message(err),
            "a read-only database is refused clearly: %s",
            err ? err : "(opened)");
        if (err)
            saw(err);
        free(err);
        if (rc == STORE_OK)
            store_close(st);
        chmod(dbpath, 0600);
        chmod(dir, 0700);
    }
    tap(position_bad == 0,
        "the stored position follows every acknowledged move (%d of %d "
        "checks wrong%s%s)",
        position_bad, position_cases, position_bad ? ": " : "", position_why);
    if (write_fault())
        tap(vague_messages == 0,
            "a failed write says why (file too large, disk full), not "
            "only \"input/output error\" (%d times%s%s)",
            vague_messages, vague_messages ? ", e.g. " : "", vague_example);
    for (int i = 0; i < nseen; i++)
        emit("# message seen: %s\n", seen[i]);
    flush_out();
    module_free(mod);
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "robust_store_faults: could not remove %s\n", dir);
    return nfail ? 1 : 0;
}
