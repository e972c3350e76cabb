/* test_study.c - the self-study rules: the customers a free-text answer
 * names, the skills picked against the module's, the spaced revisit, and a
 * resident's progress over the library read from a real database built
 * with the session API (states, dates, counts, skills coverage, the
 * "practise next" list, the weakest skills and the picker's labels). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "pbl/clock.h"
#include "pbl/session.h"
#include "pbl/study.h"

/* ---- customers -------------------------------------------------------- */

/* One matching case: an answer, up to four customers (NULL-ended), and
 * the bits that must come back. */
struct named_case {
    const char *answer;
    const char *customers[5];
    uint64_t want;
};

/* Runs each case, naming the one that fails. */
static void check_named(const struct named_case *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char *v[4];
        size_t k = 0;
        while (k < 4 && c[i].customers[k]) {
            v[k] = (char *)c[i].customers[k];
            k++;
        }
        struct pbl_strv customers = {v, k};
        uint64_t got = study_customers_named(c[i].answer, &customers);
        if (got != c[i].want)
            fail_msg("\"%s\": got %#llx, want %#llx", c[i].answer,
                     (unsigned long long)got, (unsigned long long)c[i].want);
    }
}

/* The example of the issue (plurals, "the", dots, punctuation), whole
 * words only and in a row, short words kept whole, and nothing found when
 * there is nothing to find. */
static void customers_named_in_free_text(void **state)
{
    static const struct named_case cases[] = {
        {"The ER residents, and the E.R. attending!",
         {"ER resident", "ER attending"},
         3},
        {"the E.R. attending", {"ER resident", "ER attending"}, 2},
        {"GI fellow", {"the gi fellows"}, 1},
        {"the gi fellows", {"GI fellow"}, 1},
        {"The patients' families.", {"patient family"}, 1},
        {"the ER's charge nurse", {"ER charge nurses"}, 1},
        {"both of the bosses", {"boss"}, 1},
        {"the people waiting", {"person waiting"}, 1},
        {"trauma team,referring doctor",
         {"referring doctor", "trauma team"},
         3},
        {"nurses\u2014and the techs", {"nurse", "tech"}, 3},
        {"Les r\u00e9sidents", {"r\u00e9sident"}, 1},
        /* whole words, in a row; short words kept whole */
        {"the outpatient clinic", {"patient"}, 0},
        {"the outpatient and the patient", {"patient"}, 1},
        {"the trauma team",
         {"ER resident", "trauma team", "referring physician"},
         2},
        {"the ER resident and attending", {"ER attending"}, 0},
        {"attending ER", {"ER attending"}, 0},
        {"I called IT.", {"IT"}, 1},
        {"then I called", {"IT"}, 0},
        {"the I.T. desk", {"IT"}, 1},
        {"the ICUs were full", {"ICU"}, 1},
        {"his bus", {"bu"}, 0},
        /* nothing to find */
        {"?!... -- ,", {"ER resident"}, 0},
        {"", {"ER resident"}, 0},
        {"the ER resident", {NULL}, 0},
        {"the", {"the", "", "..."}, 0},
    };
    (void)state;
    check_named(cases, sizeof cases / sizeof cases[0]);
    struct pbl_strv none = {NULL, 0};
    assert_int_equal(study_customers_named(NULL, &none), 0);
    assert_int_equal(study_customers_named("x", NULL), 0);
}

/* Bit i for customer i, up to the 64th; the rest are not looked at. */
static void customers_beyond_64_are_ignored(void **state)
{
    (void)state;
    char names[70][16];
    char *v[70];
    for (int i = 0; i < 70; i++) {
        snprintf(names[i], sizeof names[i], "c%d", i);
        v[i] = names[i];
    }
    struct pbl_strv customers = {v, 70};
    assert_true(study_customers_named("c0, c63 and c64", &customers) ==
                ((UINT64_C(1) << 63) | 1));
}

/* The normal form itself: what the matching compares. */
static void normal_form(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"The E.R. residents!", " er resident "},
        {"", " "},
        {"  ?! ", " "},
        {"O'Neil's families", " oneil family "},
        {"O\u2019Neil\u2019s", " oneil "},
        {"U.S.A. classes, boxes; ties", " usa class box tie "},
        {"the ICUs and bosses' families", " icu and boss family "},
        {"Dr.Smith", " dr smith "},
        {"children\u00a0and women", " child and woman "},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = study_normalise(cases[i][0]);
        assert_non_null(got);
        assert_string_equal(got, cases[i][1]);
        free(got);
    }
}

/* ---- skills and the revisit ------------------------------------------ */

/* The skills picked against the target: matched, missed and extra. */
static void skills_are_matched_missed_and_extra(void **state)
{
    (void)state;
    unsigned picked = SKILL_BIT(SKILL_RELIABILITY) | SKILL_BIT(SKILL_EMPATHY) |
                      SKILL_BIT(SKILL_TANGIBLES);
    unsigned target = SKILL_BIT(SKILL_RELIABILITY) |
                      SKILL_BIT(SKILL_RESPONSIVENESS) |
                      SKILL_BIT(SKILL_EMPATHY);
    unsigned matched = 99, missed = 99, extra = 99;
    study_compare_skills(picked, target, &matched, &missed, &extra);
    assert_int_equal(matched,
                     SKILL_BIT(SKILL_RELIABILITY) | SKILL_BIT(SKILL_EMPATHY));
    assert_int_equal(missed, SKILL_BIT(SKILL_RESPONSIVENESS));
    assert_int_equal(extra, SKILL_BIT(SKILL_TANGIBLES));
    study_compare_skills(0, target, &matched, &missed, &extra);
    assert_int_equal(matched, 0);
    assert_int_equal(missed, target);
    assert_int_equal(extra, 0);
    study_compare_skills(target, target, &matched, NULL, NULL);
    assert_int_equal(matched, target);
}

/* The spaced revisit: missed 1 day, partly 3, got 14, not rated 3. */
static void revisit_days_follow_the_rating(void **state)
{
    (void)state;
    assert_int_equal(study_revisit_days(STORE_RATING_MISSED), 1);
    assert_int_equal(study_revisit_days(STORE_RATING_PARTLY), 3);
    assert_int_equal(study_revisit_days(STORE_RATING_GOT), 14);
    assert_int_equal(study_revisit_days(STORE_RATING_NONE), 3);
}

/* ---- progress over a real database ----------------------------------- */

enum { ALPHA, BETA, DELTA, GAMMA, NLIB }; /* library order: sorted by id */

struct fixture {
    char dir[64];
    char db[96];
    struct pbl_store *st;
    struct pbl_module *mods[NLIB];
    struct pbl_module *retired;
    struct pbl_library lib; /* borrows mods: never library_free'd */
    char uuid_a[STORE_UUID_LEN + 1], uuid_b[STORE_UUID_LEN + 1],
        uuid_c[STORE_UUID_LEN + 1];
};

/* A module `id` with these target skills and nq questions, parsed from a
 * YAML text like a module file; fails the test on any problem. */
static struct pbl_module *make_module(const char *id, const char *skills,
                                      int nq)
{
    char yaml[1024];
    int n = snprintf(yaml, sizeof yaml,
                     "schema: 1\nid: %s\ntitle: Module %s\nversion: 1\n"
                     "customers: [ER resident, ER attending]\n"
                     "skills: [%s]\nscenario: A read is late.\nquestions:\n",
                     id, id, skills);
    for (int q = 0; q < nq; q++)
        n += snprintf(yaml + n, sizeof yaml - (size_t)n,
                      "  - prompt: Question %d?\n    answer: Answer %d.\n", q,
                      q);
    struct pbl_diags d = {0};
    struct pbl_module *m = module_parse(id, yaml, (size_t)n, &d);
    assert_non_null(m);
    return m;
}

/* Starts a self-study (or group) session of `resident` at time `when`. */
static struct pbl_session *begin(struct fixture *f, enum store_kind kind,
                                 const char *resident, const char *when,
                                 const struct pbl_module *const *mods, size_t n)
{
    setenv("PBL_NOW", when, 1);
    struct store_session_new sn = {.kind = kind,
                                   .group_name =
                                       kind == STORE_GROUP ? "Tuesday" : NULL,
                                   .resident = resident,
                                   .modules = mods,
                                   .nmodules = n};
    struct pbl_session *s = NULL;
    char *err = NULL;
    assert_int_equal(session_start(f->st, &sn, &s, &err), 0);
    return s;
}

/* Moves to question q of the module at modpos. */
static void to_question(struct pbl_session *s, int modpos, int q)
{
    for (size_t i = 0; i < session_nstages(s); i++) {
        struct session_stage g = session_stage_at(s, i);
        if (g.kind == STAGE_QUESTION && g.modpos == modpos && g.qidx == q) {
            assert_int_equal(session_goto(s, i), 0);
            return;
        }
    }
    fail_msg("no such question");
}

/* Answers the current question, tags `skills`, reveals and rates. */
static void answer(struct pbl_session *s, const char *text, unsigned skills,
                   enum store_rating r)
{
    assert_int_equal(session_type(s, text, false), 0);
    assert_int_equal(session_enter(s), 0);
    for (int k = 0; k < SKILL_COUNT; k++)
        if (skills & SKILL_BIT(k))
            assert_int_equal(session_toggle_skill(s, (enum pbl_skill)k), 0);
    assert_int_equal(session_reveal(s), 0);
    if (r != STORE_RATING_NONE)
        assert_int_equal(session_rate(s, r), 0);
}

/* Finishes the session at time `when` and frees it. */
static void finish(struct pbl_session *s, const char *when)
{
    setenv("PBL_NOW", when, 1);
    assert_int_equal(session_finish(s), 0);
    session_free(s);
}

/* Builds the database of the tests, resident Ana:
 *  A 03-01 09:00..10:00 alpha (got, partly, got; tags empathy and
 *    reliability) and beta (given up), finished;
 *  B 03-02 09:00..09:20 gamma (got; tagged tangibles only), finished;
 *  C 03-03 09:00 beta again (tagged assurance), still active;
 *  D 03-03 10:00 delta, abandoned; E delta finished by Ben; F delta in a
 *    group session that names Ana; G 03-04 retired (not in the library,
 *    tagged assurance), finished. */
static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    strcpy(f->dir, "/tmp/pbl-study.XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->db, sizeof f->db, "%s/t.db", f->dir);
    char *err = NULL;
    setenv("PBL_NOW", "2026-03-01T09:00:00Z", 1);
    if (store_open(f->db, STORE_CREATE, &f->st, &err) != STORE_OK)
        return -1;
    f->mods[ALPHA] = make_module("alpha", "reliability, empathy", 3);
    f->mods[BETA] = make_module("beta", "assurance, tangibles", 1);
    f->mods[GAMMA] = make_module("gamma", "empathy", 1);
    f->mods[DELTA] = make_module("delta", "responsiveness", 1);
    /* studied, but no longer in the library */
    f->retired = make_module("retired", "assurance", 1);
    f->lib.mods = f->mods;
    f->lib.n = NLIB;
    const struct pbl_module *m;
    struct pbl_session *s;

    const struct pbl_module *a_mods[] = {f->mods[ALPHA], f->mods[BETA]};
    s = begin(f, STORE_SELF_STUDY, "Ana", "2026-03-01T09:00:00Z", a_mods, 2);
    strcpy(f->uuid_a, session_uuid(s));
    to_question(s, 0, 0);
    answer(s, "The ER residents, and the E.R. attending!",
           SKILL_BIT(SKILL_EMPATHY), STORE_RATING_GOT);
    to_question(s, 0, 1);
    answer(s, "reliability", SKILL_BIT(SKILL_RELIABILITY), STORE_RATING_PARTLY);
    to_question(s, 0, 2);
    answer(s, "call them back", 0, STORE_RATING_GOT);
    to_question(s, 1, 0);
    assert_int_equal(session_give_up(s, false), 0);
    finish(s, "2026-03-01T10:00:00Z");

    m = f->mods[GAMMA];
    s = begin(f, STORE_SELF_STUDY, "Ana", "2026-03-02T09:00:00Z", &m, 1);
    strcpy(f->uuid_b, session_uuid(s));
    to_question(s, 0, 0);
    answer(s, "listen", SKILL_BIT(SKILL_TANGIBLES), STORE_RATING_GOT);
    finish(s, "2026-03-02T09:20:00Z");

    m = f->mods[BETA];
    s = begin(f, STORE_SELF_STUDY, "Ana", "2026-03-03T09:00:00Z", &m, 1);
    strcpy(f->uuid_c, session_uuid(s));
    to_question(s, 0, 0);
    assert_int_equal(session_toggle_skill(s, SKILL_ASSURANCE), 0);
    assert_int_equal(session_type(s, "half an answer", true), 0);
    session_free(s); /* left active */

    m = f->mods[DELTA];
    s = begin(f, STORE_SELF_STUDY, "Ana", "2026-03-03T10:00:00Z", &m, 1);
    setenv("PBL_NOW", "2026-03-03T10:05:00Z", 1);
    assert_int_equal(store_abandon_session(f->st, session_uuid(s)), STORE_OK);
    session_free(s);
    finish(begin(f, STORE_SELF_STUDY, "Ben", "2026-03-03T11:00:00Z", &m, 1),
           "2026-03-03T11:30:00Z");
    finish(begin(f, STORE_GROUP, "Ana", "2026-03-03T12:00:00Z", &m, 1),
           "2026-03-03T12:30:00Z");

    m = f->retired;
    s = begin(f, STORE_SELF_STUDY, "Ana", "2026-03-04T09:00:00Z", &m, 1);
    to_question(s, 0, 0);
    answer(s, "because", SKILL_BIT(SKILL_ASSURANCE), STORE_RATING_MISSED);
    finish(s, "2026-03-04T09:10:00Z");

    unsetenv("PBL_NOW");
    *state = f;
    return 0;
}

/* Closes the store, frees the modules and removes the temporary folder. */
static int teardown(void **state)
{
    struct fixture *f = *state;
    store_close(f->st);
    for (int i = 0; i < NLIB; i++)
        module_free(f->mods[i]);
    module_free(f->retired);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", f->dir);
    int rc = system(cmd);
    free(f);
    return rc;
}

/* Reads Ana's (or another resident's) progress; fails on an error. */
static void progress_of(struct fixture *f, const struct pbl_library *lib,
                        const char *resident, struct study_progress *p)
{
    char *err = NULL;
    int rc = study_progress(f->st, resident, lib, p, &err);
    if (rc != 0)
        fail_msg("%s", err ? err : "no message");
    assert_null(err);
}

/* Checks the weakest-first order of the skills. */
static void expect_order(const struct study_progress *p, enum pbl_skill a,
                         enum pbl_skill b, enum pbl_skill c, enum pbl_skill d,
                         enum pbl_skill e)
{
    const enum pbl_skill want[SKILL_COUNT] = {a, b, c, d, e};
    enum pbl_skill order[SKILL_COUNT];
    study_weakest_skills(p, order);
    for (int k = 0; k < SKILL_COUNT; k++)
        assert_int_equal(order[k], want[k]);
}

/* "2026-03-01T10:00:00Z" as a time. */
static time_t at(const char *iso)
{
    time_t t = 0;
    assert_int_equal(clock_parse_iso(iso, &t), 0);
    return t;
}

/* What one module's progress must be: its state, last date and session,
 * finished attempts, the latest finished attempt's got / partly / missed /
 * gave up, its result, and when it is due (NULL: never). */
struct expect {
    enum study_state state;
    const char *date, *uuid;
    int attempts, got, partly, missed, gave_up;
    enum store_rating result;
    const char *due;
    const char *label; /* the picker's line */
};

/* Checks a module's progress against what is expected of it. */
static void expect_module(const struct study_module_progress *m,
                          struct expect e)
{
    assert_int_equal(m->state, e.state);
    assert_string_equal(m->last_date, e.date);
    assert_string_equal(m->last_uuid, e.uuid);
    assert_int_equal(m->attempts, e.attempts);
    assert_int_equal(m->got, e.got);
    assert_int_equal(m->partly, e.partly);
    assert_int_equal(m->missed, e.missed);
    assert_int_equal(m->gave_up, e.gave_up);
    assert_int_equal(m->result, e.result);
    assert_true(m->due == (e.due ? at(e.due) : 0));
    char buf[128];
    study_progress_label(m, buf, sizeof buf);
    assert_string_equal(buf, e.label);
}

/* States, dates, sessions, counts and labels of each module. */
static void progress_of_each_module(void **state)
{
    struct fixture *f = *state;
    struct study_progress p;
    progress_of(f, &f->lib, "Ana", &p);
    assert_int_equal(p.n, NLIB);
    assert_int_equal(p.done, 3);
    for (int i = 0; i < NLIB; i++)
        assert_ptr_equal(p.v[i].module, f->mods[i]);
    expect_module(&p.v[ALPHA],
                  (struct expect){STUDY_DONE, "2026-03-01T10:00:00Z", f->uuid_a,
                                  1, 2, 1, 0, 0, STORE_RATING_PARTLY,
                                  "2026-03-04T10:00:00Z",
                                  "done 2026-03-01 \u00b7 2 got, 1 partly"});
    /* beta: given up in A (so missed), then started again in C */
    expect_module(
        &p.v[BETA],
        (struct expect){STUDY_IN_PROGRESS, "2026-03-03T09:00:00Z", f->uuid_c, 1,
                        0, 0, 0, 1, STORE_RATING_MISSED, "2026-03-02T10:00:00Z",
                        "in progress since 2026-03-03 \u00b7 last: 1 gave up"});
    expect_module(&p.v[GAMMA],
                  (struct expect){STUDY_DONE, "2026-03-02T09:20:00Z", f->uuid_b,
                                  1, 1, 0, 0, 0, STORE_RATING_GOT,
                                  "2026-03-16T09:20:00Z",
                                  "done 2026-03-02 \u00b7 1 got"});
    /* delta: abandoned, someone else's, or in a group session */
    expect_module(&p.v[DELTA],
                  (struct expect){STUDY_NOT_STARTED, "", "", 0, 0, 0, 0, 0,
                                  STORE_RATING_NONE, NULL, "not started"});
    study_progress_free(&p);
    assert_null(p.v);
    assert_int_equal(p.n, 0);
}

/* How often each skill was named when it mattered, the weakest skills,
 * and what to practise next. */
static void skills_coverage_and_practise_next(void **state)
{
    struct fixture *f = *state;
    struct study_progress p;
    progress_of(f, &f->lib, "Ana", &p);
    /* finished: alpha (reliability, empathy), beta (assurance, tangibles),
     * gamma (empathy); retired is not in the library, C is not finished */
    static const int mattered[SKILL_COUNT] = {1, 0, 1, 2, 1};
    static const int named_k[SKILL_COUNT] = {1, 0, 0, 1, 0};
    for (int k = 0; k < SKILL_COUNT; k++) {
        assert_int_equal(p.mattered[k], mattered[k]);
        assert_int_equal(p.named[k], named_k[k]);
    }
    expect_order(&p, SKILL_ASSURANCE, SKILL_TANGIBLES, SKILL_EMPATHY,
                 SKILL_RELIABILITY, SKILL_RESPONSIVENESS);
    /* practise next: only what is due (beta missed 03-01 10:00 -> due
     * 03-02 10:00; alpha partly -> 03-04 10:00; gamma got 03-02 09:20 ->
     * 03-16 09:20), missed first */
    size_t idx[NLIB];
    assert_int_equal(
        study_practise_next(&p, at("2026-03-02T10:00:00Z"), idx, NLIB), 1);
    assert_int_equal(idx[0], BETA);
    assert_int_equal(
        study_practise_next(&p, at("2026-03-20T00:00:00Z"), idx, NLIB), 3);
    assert_int_equal(idx[0], BETA);
    assert_int_equal(idx[1], ALPHA);
    assert_int_equal(idx[2], GAMMA);
    assert_int_equal(
        study_practise_next(&p, at("2026-03-20T00:00:00Z"), idx, 1), 1);
    assert_int_equal(idx[0], BETA);
    assert_int_equal(study_practise_next(&p, 0, idx, 0), 0);
    study_progress_free(&p);
}

/* The spaced revisit on the clock: a module missed or partly is not due
 * the minute it is finished; it comes back after one and three days, and
 * until then it is "coming up" with its due date. The clock is PBL_NOW. */
static void revisits_are_spaced_on_the_clock(void **state)
{
    struct fixture *f = *state;
    struct study_progress p;
    progress_of(f, &f->lib, "Ana", &p);
    size_t idx[NLIB];
    char due[64];
    setenv("PBL_NOW", "2026-03-01T10:01:00Z", 1);
    assert_int_equal(study_practise_next(&p, clock_now(), idx, NLIB), 0);
    assert_int_equal(study_coming_up(&p, clock_now(), idx, NLIB), 3);
    assert_int_equal(idx[0], BETA);
    assert_int_equal(idx[1], ALPHA);
    assert_int_equal(idx[2], GAMMA);
    study_due_label(p.v[BETA].due, clock_now(), due, sizeof due);
    assert_string_equal(due, "due 2026-03-02, in 24 h");
    study_due_label(p.v[ALPHA].due, clock_now(), due, sizeof due);
    assert_string_equal(due, "due 2026-03-04, in 3 days");
    setenv("PBL_NOW", "2026-03-02T09:59:59Z", 1);
    assert_int_equal(study_practise_next(&p, clock_now(), idx, NLIB), 0);
    setenv("PBL_NOW", "2026-03-02T10:00:00Z", 1);
    assert_int_equal(study_practise_next(&p, clock_now(), idx, NLIB), 1);
    assert_int_equal(idx[0], BETA);
    study_due_label(p.v[BETA].due, clock_now(), due, sizeof due);
    assert_string_equal(due, "due since 2026-03-02");
    assert_int_equal(study_coming_up(&p, clock_now(), idx, NLIB), 2);
    assert_int_equal(idx[0], ALPHA);
    setenv("PBL_NOW", "2026-03-04T10:00:00Z", 1);
    assert_int_equal(study_practise_next(&p, clock_now(), idx, NLIB), 2);
    assert_int_equal(idx[0], BETA);
    assert_int_equal(idx[1], ALPHA);
    study_due_label(p.v[GAMMA].due, clock_now(), due, sizeof due);
    assert_string_equal(due, "due 2026-03-16, in 12 days");
    study_due_label(p.v[GAMMA].due, at("2026-03-15T09:20:00Z"), due,
                    sizeof due);
    assert_string_equal(due, "due 2026-03-16, in 1 day");
    unsetenv("PBL_NOW");
    study_progress_free(&p);
}

/* A name is the same person however it is spaced or cased (Unicode
 * case folding): "  ANA " is Ana. */
static void resident_names_are_folded(void **state)
{
    struct fixture *f = *state;
    struct study_progress p;
    progress_of(f, &f->lib, "  ANA ", &p);
    assert_int_equal(p.done, 3);
    assert_int_equal(p.v[ALPHA].state, STUDY_DONE);
    study_progress_free(&p);
}

/* Nobody of that name (or no name): every module not started. */
static void unknown_resident_has_nothing_started(void **state)
{
    struct fixture *f = *state;
    const char *who[] = {"Zoe", "An a", NULL};
    for (size_t w = 0; w < 3; w++) {
        struct study_progress p;
        progress_of(f, &f->lib, who[w], &p);
        assert_int_equal(p.n, NLIB);
        assert_int_equal(p.done, 0);
        for (int i = 0; i < NLIB; i++) {
            assert_int_equal(p.v[i].state, STUDY_NOT_STARTED);
            assert_int_equal(p.v[i].attempts, 0);
        }
        for (int k = 0; k < SKILL_COUNT; k++)
            assert_int_equal(p.mattered[k] + p.named[k], 0);
        size_t idx[NLIB];
        assert_int_equal(
            study_practise_next(&p, at("2030-01-01T00:00:00Z"), idx, NLIB), 0);
        expect_order(&p, SKILL_RELIABILITY, SKILL_RESPONSIVENESS,
                     SKILL_ASSURANCE, SKILL_EMPATHY, SKILL_TANGIBLES);
        study_progress_free(&p);
    }
}

/* A library without alpha and beta: their attempts are ignored, even in
 * the skills coverage; an empty library is empty progress; no library is
 * an error. */
static void modules_missing_from_the_library_are_ignored(void **state)
{
    struct fixture *f = *state;
    struct pbl_module *only[] = {f->mods[GAMMA]};
    struct pbl_library lib = {.mods = only, .n = 1};
    struct study_progress p;
    progress_of(f, &lib, "Ana", &p);
    assert_int_equal(p.n, 1);
    assert_int_equal(p.done, 1);
    assert_ptr_equal(p.v[0].module, f->mods[GAMMA]);
    assert_int_equal(p.v[0].state, STUDY_DONE);
    static const int mattered[SKILL_COUNT] = {0, 0, 0, 1, 0};
    for (int k = 0; k < SKILL_COUNT; k++) {
        assert_int_equal(p.mattered[k], mattered[k]);
        assert_int_equal(p.named[k], 0);
    }
    study_progress_free(&p);

    struct pbl_library empty = {0};
    progress_of(f, &empty, "Ana", &p);
    assert_int_equal(p.n, 0);
    assert_int_equal(p.done, 0);
    study_progress_free(&p);
    /* no library at all: an error that says why, nothing to free */
    char *err = NULL;
    assert_int_equal(study_progress(f->st, "Ana", NULL, &p, &err), -1);
    assert_non_null(strstr(err, "study progress"));
    assert_null(p.v);
    free(err);
}

/* ---- the list, the skills and the labels on hand-made progress ------- */

/* A finished module of the hand-made progress. */
static struct study_module_progress done(enum store_rating r, time_t due)
{
    struct study_module_progress m = {
        .state = STUDY_DONE, .attempts = 1, .result = r, .due = due};
    return m;
}

/* Missed before partly before got before not rated, oldest due first,
 * ties in library order; at most max; got and not rated only once due. */
static void practise_next_order_and_limit(void **state)
{
    (void)state;
    struct study_module_progress v[] = {
        done(STORE_RATING_GOT, 50),     done(STORE_RATING_PARTLY, 300),
        done(STORE_RATING_MISSED, 200), {.state = STUDY_NOT_STARTED},
        done(STORE_RATING_NONE, 40),    done(STORE_RATING_MISSED, 100),
        done(STORE_RATING_PARTLY, 300), done(STORE_RATING_GOT, 1000),
        done(STORE_RATING_GOT, 20),
    };
    struct study_progress p = {.v = v, .n = sizeof v / sizeof v[0]};
    size_t idx[9];
    static const size_t want[] = {5, 2, 1, 6, 8, 0, 4};
    size_t n = study_practise_next(&p, 300, idx, 9);
    assert_int_equal(n, 7);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(idx[i], want[i]);
    for (size_t max = 1; max <= 7; max++) {
        size_t part[9];
        assert_int_equal(study_practise_next(&p, 300, part, max), max);
        for (size_t i = 0; i < max; i++)
            assert_int_equal(part[i], want[i]);
    }
    /* before anything is due: nothing; at 100, what was due by then */
    assert_int_equal(study_practise_next(&p, 0, idx, 9), 0);
    static const size_t at100[] = {5, 8, 0, 4};
    assert_int_equal(study_practise_next(&p, 100, idx, 9), 4);
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(idx[i], at100[i]);
    /* coming up at 100: not yet due, soonest first, ties in library order */
    static const size_t soon[] = {2, 1, 6, 7};
    assert_int_equal(study_coming_up(&p, 100, idx, 9), 4);
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(idx[i], soon[i]);
    assert_int_equal(study_coming_up(&p, 100, idx, 2), 2);
    assert_int_equal(idx[1], 1);
    assert_int_equal(study_coming_up(&p, 1000, idx, 9), 0);
}

/* Weakest first by the share named when it mattered, ties in enum order,
 * never-mattered skills last. */
static void weakest_skills_by_share(void **state)
{
    (void)state;
    struct study_progress p = {
        .mattered = {4, 0, 3, 2, 6},
        .named = {2, 0, 3, 1, 2},
    };
    /* tangibles 1/3, reliability 1/2 = empathy 1/2, assurance 1, never */
    expect_order(&p, SKILL_TANGIBLES, SKILL_RELIABILITY, SKILL_EMPATHY,
                 SKILL_ASSURANCE, SKILL_RESPONSIVENESS);
}

/* Every form of the picker's line, and cutting it short. */
static void labels_of_every_form(void **state)
{
    (void)state;
    char buf[64];
    struct study_module_progress m = {.state = STUDY_DONE, .attempts = 2};
    strcpy(m.last_date, "2026-11-23T08:00:00Z");
    study_progress_label(&m, buf, sizeof buf);
    assert_string_equal(buf, "done 2026-11-23 \u00b7 not rated");
    m.got = 3;
    m.missed = 1;
    m.gave_up = 2;
    study_progress_label(&m, buf, sizeof buf);
    assert_string_equal(buf,
                        "done 2026-11-23 \u00b7 3 got, 1 missed, 2 gave up");
    m.state = STUDY_IN_PROGRESS;
    m.attempts = 0;
    study_progress_label(&m, buf, sizeof buf);
    assert_string_equal(buf, "in progress since 2026-11-23");
    m.state = STUDY_NOT_STARTED;
    study_progress_label(&m, buf, sizeof buf);
    assert_string_equal(buf, "not started");
    /* cut short: never half a character, always terminated */
    m.state = STUDY_DONE;
    study_progress_label(&m, buf, 18);
    assert_string_equal(buf, "done 2026-11-23 ");
    study_progress_label(&m, buf, 19);
    assert_string_equal(buf, "done 2026-11-23 \u00b7");
    study_progress_label(&m, buf, 5);
    assert_string_equal(buf, "done");
    buf[0] = 'x';
    study_progress_label(&m, buf, 0);
    assert_int_equal(buf[0], 'x');
}

/* One group: its setup builds the database once for the tests that read
 * it; the others ignore it. */
int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(customers_named_in_free_text),
        cmocka_unit_test(customers_beyond_64_are_ignored),
        cmocka_unit_test(normal_form),
        cmocka_unit_test(skills_are_matched_missed_and_extra),
        cmocka_unit_test(revisit_days_follow_the_rating),
        cmocka_unit_test(practise_next_order_and_limit),
        cmocka_unit_test(weakest_skills_by_share),
        cmocka_unit_test(labels_of_every_form),
        cmocka_unit_test(progress_of_each_module),
        cmocka_unit_test(skills_coverage_and_practise_next),
        cmocka_unit_test(revisits_are_spaced_on_the_clock),
        cmocka_unit_test(resident_names_are_folded),
        cmocka_unit_test(unknown_resident_has_nothing_started),
        cmocka_unit_test(modules_missing_from_the_library_are_ignored),
    };
    return cmocka_run_group_tests_name("study", tests, setup, teardown);
}
