/* test_review.c - the review text of one recorded session, read through
 * the store's walk as the exports read it: an open stage visit timed up
 * to the session's end, a module whose snapshot is damaged shown with
 * placeholders (never a failed review), every customer with its mark, and
 * the parking lot of the items raised or resolved in the session. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pbl/review.h"
#include "pbl/session.h"
#include "pbl/store_walk.h"
#include "test_session_util.h"
#include "test_store_util.h"

/* Runs `sql` on the fixture's database past its constraints (damage(),
 * test_store_util.h), with the store closed meanwhile. */
static void damage_closed(struct fixture *f, const char *sql)
{
    store_close(f->st);
    f->st = NULL;
    assert_int_equal(damage(f->db, sql), 0);
    char *err = NULL;
    assert_int_equal(store_open(f->db, 0, &f->st, &err), STORE_OK);
}

/* The review of session `uuid` as text (malloc'd). */
static char *review_text(struct fixture *f, const char *uuid)
{
    char *text = NULL, *err = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_non_null(out);
    int rc = review_write(f->st, uuid, out, &err);
    fclose(out);
    if (rc != 0)
        fail_msg("review_write: %s", err ? err : "?");
    return text;
}

/* Asserts that `line` is a whole line of `text`, after `from`; returns
 * where it ends, for checking the order of lines (a line asked for twice
 * must be there twice). */
static const char *has_line(const char *text, const char *from,
                            const char *line)
{
    size_t n = strlen(line);
    for (const char *p = strstr(from, line); p; p = strstr(p + 1, line))
        if ((p == text || p[-1] == '\n') && (p[n] == '\n' || !p[n]))
            return p + n;
    fail_msg("no line \"%s\" in:\n%s", line, from);
    return NULL;
}

/* A group session of `n` modules, standing on question `qidx` of the
 * first. */
static struct pbl_session *start_on_question(struct fixture *f,
                                             const struct pbl_module **mods,
                                             size_t n, int qidx)
{
    struct store_session_new sn = {.kind = STORE_GROUP,
                                   .group_name = "Tuesday",
                                   .modules = mods,
                                   .nmodules = n};
    struct pbl_session *s = NULL;
    char *err = NULL;
    assert_int_equal(session_start(f->st, &sn, &s, &err), 0);
    for (size_t i = 0; i < session_nstages(s); i++) {
        struct session_stage g = session_stage_at(s, i);
        if (g.kind == STAGE_QUESTION && g.modpos == 0 && g.qidx == qidx)
            assert_int_equal(session_goto(s, i), 0);
    }
    return s;
}

/* A group session (sample module then minimal) with question 1 answered
 * and its first customer marked. */
static void record_session(struct fixture *f, char uuid[STORE_UUID_LEN + 1])
{
    const struct pbl_module *mods[] = {f->sample, f->minimal};
    struct pbl_session *s = start_on_question(f, mods, 2, 0);
    assert_int_equal(session_type(s, "the trauma team", true), 0);
    assert_int_equal(session_enter(s), 0);
    assert_int_equal(session_toggle_customer(s, 0), 0); /* marked */
    strcpy(uuid, session_uuid(s));
    session_free(s);
}

static void review_reads_the_session_as_the_exports_do(void **state)
{
    struct fixture *f = *state;
    char earlier[STORE_UUID_LEN + 1], uuid[STORE_UUID_LEN + 1];
    int64_t before, here;
    /* an item raised the day before, in another session */
    setenv("PBL_NOW", "2026-03-03T09:00:00Z", 1);
    record_session(f, earlier);
    assert_int_equal(store_park_item(f->st, earlier, "Raised before", &before),
                     STORE_OK);
    setenv("PBL_NOW", "2026-03-04T10:00:00Z", 1);
    record_session(f, uuid);
    setenv("PBL_NOW", "2026-03-04T10:01:00Z", 1);
    assert_int_equal(store_park_item(f->st, uuid, "Still open", NULL),
                     STORE_OK);
    setenv("PBL_NOW", "2026-03-04T10:02:00Z", 1);
    assert_int_equal(store_park_item(f->st, uuid, "Settled here", &here),
                     STORE_OK);
    setenv("PBL_NOW", "2026-03-04T10:03:00Z", 1);
    assert_int_equal(store_resolve_park_item(f->st, here, uuid), STORE_OK);
    assert_int_equal(store_resolve_park_item(f->st, before, uuid), STORE_OK);
    /* the session ended at 10:05:30 with question 1's stage still open
     * since 10:00; the second module's snapshot lost its id and its
     * customers list (no longer JSON: the old reader refused it) */
    char sql[1024];
    snprintf(sql, sizeof sql,
             "UPDATE sessions SET status = 'finished',"
             " ended_at = '2026-03-04T10:05:30Z' WHERE uuid = '%s';"
             "DELETE FROM stage_timings WHERE session_id ="
             " (SELECT id FROM sessions WHERE uuid = '%s');"
             "INSERT INTO stage_timings(session_id, modpos, stage,"
             " planned_minutes, entered_at, left_at) SELECT id, 0, 'q1', 4,"
             " '2026-03-04T10:00:00Z', NULL FROM sessions WHERE uuid = '%s';"
             "UPDATE session_modules SET module_id = NULL,"
             " customers = '{not json' WHERE position = 1 AND session_id ="
             " (SELECT id FROM sessions WHERE uuid = '%s');",
             uuid, uuid, uuid, uuid);
    damage_closed(f, sql);
    char *text = review_text(f, uuid);
    /* the lines that must be there, in this order */
    static const char *const want[] = {
        "Ended: 2026-03-04T10:05:30Z (5 min)",
        "Question 1 of 2: Who is/are the customer(s)?",
        /* the open visit runs to the session's end: 5:30 of a 4-minute box */
        "Time: 5:30 of a 4-minute box (over)",
        "Answer: the trauma team",
        /* every customer, marked or not, then the key points */
        "Customers named (marked):",
        "  [x] internal medicine resident",
        "  [ ] trauma team",
        "Key points:",
        "  [ ] medicine resident",
        "  [ ] trauma team",
        "Model answer: The medicine resident and the trauma "
        "team.",
        /* never entered: no time spent */
        "Question 2 of 2: What went well?",
        "Time: 0:00",
        /* the damaged module is shown, its missing id as the exports show it */
        "== 2. Minimal (" STORE_MISSING ", version 1) ==",
        "Question 1 of 1: Who is the customer?",
        "Model answer: The patient.",
        /* the parking lot: raised or resolved here, in the order raised */
        "== Parking lot ==",
        "  [x] Raised before (raised in an earlier session,"
        " resolved 2026-03-04T10:03:00Z)",
        "  [ ] Still open",
        "  [x] Settled here (resolved 2026-03-04T10:03:00Z)",
        "== Review comments ==",
        "(none)",
    };
    const char *p = text;
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        p = has_line(text, p, want[i]);
    free(text);
    /* the P overlay's list is the same items in the same order, the
     * earlier session's named as raised there */
    static const char *const items[] = {"Raised before", "Still open",
                                        "Settled here"};
    struct store_park_list l;
    assert_int_equal(store_list_park_items_review(f->st, uuid, &l), STORE_OK);
    assert_int_equal(l.n, 3);
    for (size_t i = 0; i < l.n; i++)
        assert_string_equal(l.v[i].text, items[i]);
    assert_string_equal(l.v[0].session, earlier);
    assert_string_equal(l.v[2].resolved_in, uuid);
    store_park_list_free(&l);
    /* the earlier session shows its own item, resolved later elsewhere */
    text = review_text(f, earlier);
    has_line(text, text, "  [x] Raised before (resolved 2026-03-04T10:03:00Z)");
    assert_null(strstr(text, "Still open"));
    free(text);
}

/* What the walk's question records say of customers and skills. */
struct seen {
    int customers_questions, listed, judges;
    uint64_t marked;
    char first[64];
};

static void see_question(void *ctx, const struct walk_session *s,
                         const struct walk_module *m,
                         const struct walk_question *q)
{
    struct seen *seen = ctx;
    seen->judges += q->judges_skills;
    if (!q->customers_named)
        return;
    seen->customers_questions++;
    seen->marked |= q->customers_marked;
    seen->listed += q->ncustomers;
    if (q->ncustomers > 0)
        snprintf(seen->first, sizeof seen->first, "%s", q->customers[0]);
}

/* The full list of customers is read for a visitor that asks for it (the
 * review), and only then: the exports use the named ones alone. */
static void walk_lists_customers_when_asked(void **state)
{
    struct fixture *f = *state;
    char uuid[STORE_UUID_LEN + 1];
    record_session(f, uuid);
    const char *one[] = {uuid};
    struct store_selection sel = {.sessions = one, .nsessions = 1, .limit = -1};
    struct walk_visitor v = {.question = see_question};
    struct seen seen = {0};
    char *err = NULL;
    assert_int_equal(store_walk(f->st, &sel, &v, &seen, &err), 0);
    assert_int_equal(seen.customers_questions, 1);
    assert_int_equal(seen.marked, 1); /* the first customer */
    assert_int_equal(seen.listed, 0); /* not asked for */
    assert_int_equal(seen.judges, 0); /* no skills question here */
    v.customers = true;
    memset(&seen, 0, sizeof seen);
    assert_int_equal(store_walk(f->st, &sel, &v, &seen, &err), 0);
    assert_int_equal(seen.listed, 2);
    assert_string_equal(seen.first, "internal medicine resident");
}

/* A skills question judges what was named against the module's target
 * skills; its record says so (walk_question.judges_skills). */
static void review_judges_a_skills_question(void **state)
{
    struct fixture *f = *state;
    struct pbl_diags d = {0};
    struct pbl_module *m = module_load_file("modules/promised-read.yaml", &d);
    assert_non_null(m);
    const struct pbl_module *mods[] = {m};
    struct pbl_session *s = start_on_question(f, mods, 1, 1);
    assert_int_equal(session_toggle_skill(s, SKILL_RELIABILITY), 0);
    char uuid[STORE_UUID_LEN + 1];
    strcpy(uuid, session_uuid(s));
    session_free(s);
    module_free(m);
    char *text = review_text(f, uuid);
    const char *p = has_line(text, text,
                             "Question 2 of 4: What is/are the "
                             "relevant customer service skill(s)?");
    p = has_line(text, p, "Skills named: reliability");
    has_line(text, p, "Target skills missed: responsiveness, assurance");
    free(text);
}

/* A session that is not there is an error with its name, and no parts. */
static void review_of_an_unknown_session_fails(void **state)
{
    struct fixture *f = *state;
    struct review_parts p;
    char *err = NULL;
    assert_int_equal(review_parts(f->st, "nope", &p, &err), -1);
    assert_string_equal(err, "no session nope");
    assert_int_equal(p.n, 0);
    assert_null(p.v);
    free(err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            review_reads_the_session_as_the_exports_do, setup, teardown),
        cmocka_unit_test_setup_teardown(walk_lists_customers_when_asked, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(review_judges_a_skills_question, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(review_of_an_unknown_session_fails,
                                        setup, teardown),
    };
    return cmocka_run_group_tests_name("review", tests, NULL, NULL);
}
