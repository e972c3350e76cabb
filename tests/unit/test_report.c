/* test_report.c - the store's reader for the report (store_report.h):
 * rows bound by column name whatever order the caller asks for, a
 * column or part that does not exist refused with a message, the
 * narrowing to one resident, and the academic year's start. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "pbl/roster.h"
#include "pbl/store_report.h"
#include "test_store_util.h"

struct fixture {
    char *dir;
    struct pbl_store *st;
    struct store_report *q;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    char uuid[STORE_UUID_LEN + 1];
    f->dir = scratch_dir();
    f->st = open_in(f->dir, "pbl.db");
    setenv("PBL_NOW", "2026-03-03T10:00:00Z", 1);
    /* participants "Ana, Ben"; make_module targets reliability and
     * empathy; empathy named on the first question. The roster: Ana and
     * Ben attended (Ana since renamed Ana Rivera), Cy did not. */
    if (!f->st || new_session(f->st, "Tuesday group", 2, uuid) != 0 ||
        store_set_skills(f->st, uuid, 0, 0, SKILL_BIT(SKILL_EMPATHY)) != 0)
        return -1;
    static const char *const names[] = {"Ana", "Ben", "Cy"};
    for (int i = 0; i < 3; i++) {
        int64_t id;
        if (roster_add(f->st, names[i], "PGY1", NULL, &id) != STORE_OK ||
            (i < 2 && roster_set_present(f->st, uuid, id, true) != STORE_OK))
            return -1;
    }
    if (roster_rename(f->st, "Ana", "Ana Rivera") != STORE_OK)
        return -1;
    struct export_selection all = {.all = true};
    char *err = NULL;
    if (store_report_open(f->st, &all, NULL, &f->q, &err) != EXPORT_OK)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    store_report_close(f->q);
    store_close(f->st);
    rm_tree(f->dir);
    free(f);
    unsetenv("PBL_NOW");
    return 0;
}

/* Keeps the cells of the row of skill "empathy". */
struct keep {
    long long a, b;
    int skill_at; /* the cell with the skill's name */
    int rows;
};

static int keep_empathy(void *arg, const struct store_report_cell *c,
                        const char *json)
{
    struct keep *k = arg;
    int other = k->skill_at == 0 ? 1 : 0;
    k->rows++;
    if (strcmp(c[k->skill_at].text, "empathy") == 0) {
        k->a = c[other].num;
        k->b = c[other + 1].num;
        assert_non_null(strstr(json, "\"skill\":\"empathy\""));
    }
    return 0;
}

static void binds_by_name(void **state)
{
    struct fixture *f = *state;
    char *err = NULL;
    static const char *const forward[] = {"skill", "target", "named"};
    struct keep k = {0, 0, 0, 0};
    assert_int_equal(
        store_report_rows(f->q, "skills", forward, 3, keep_empathy, &k, &err),
        EXPORT_OK);
    assert_int_equal(k.rows, SKILL_COUNT);
    assert_int_equal(k.a, 1); /* a target */
    assert_int_equal(k.b, 1); /* named */
    /* the other way round: the cells follow the names asked for */
    static const char *const backward[] = {"missed", "named", "skill"};
    struct keep r = {0, 0, 2, 0};
    assert_int_equal(
        store_report_rows(f->q, "skills", backward, 3, keep_empathy, &r, &err),
        EXPORT_OK);
    assert_int_equal(r.a, 0); /* missed */
    assert_int_equal(r.b, 1); /* named */
}

static int count(void *arg, const struct store_report_cell *c, const char *json)
{
    ++*(int *)arg;
    return 0;
}

static void refuses_what_is_not_there(void **state)
{
    struct fixture *f = *state;
    char *err = NULL;
    int n = 0;
    static const char *const bad[] = {"skill", "nope"};
    assert_int_equal(store_report_rows(f->q, "skills", bad, 2, count, &n, &err),
                     EXPORT_ERROR);
    assert_string_equal(err, "no column 'nope' in 'skills'");
    free(err);
    err = NULL;
    assert_int_equal(
        store_report_rows(f->q, "no_such_part", bad, 1, count, &n, &err),
        EXPORT_ERROR);
    assert_string_equal(err, "no report part 'no_such_part'");
    free(err);
    assert_int_equal(n, 0);
}

/* Keeps the text of the first cell of each row, "a|b|...". */
static int names_of(void *arg, const struct store_report_cell *c,
                    const char *json)
{
    (void)json;
    char *buf = arg;
    size_t len = strlen(buf);
    snprintf(buf + len, 128 - len, "%s%s", len ? "|" : "",
             c[0].text ? c[0].text : "-");
    return 0;
}

static void narrows_to_a_resident(void **state)
{
    struct fixture *f = *state;
    char *err = NULL;
    static const char *const cols[] = {"resident"};
    char names[128] = "";
    assert_int_equal(
        store_report_rows(f->q, "residents", cols, 1, names_of, names, &err),
        EXPORT_OK);
    /* who attended, by their current names; not Cy, who did not */
    assert_string_equal(names, "Ana Rivera|Ben");
    static const char *const who[] = {"  ANA ", "ana rivera"};
    for (int i = 0; i < 2; i++) { /* a former name finds her too */
        store_report_set_who(f->q, who[i]);
        names[0] = '\0';
        assert_int_equal(store_report_rows(f->q, "residents", cols, 1, names_of,
                                           names, &err),
                         EXPORT_OK);
        assert_string_equal(names, "Ana Rivera");
    }
    store_report_set_who(f->q, "Zed");
    names[0] = '\0';
    assert_int_equal(
        store_report_rows(f->q, "residents", cols, 1, names_of, names, &err),
        EXPORT_OK);
    assert_string_equal(names, "");
    store_report_set_who(f->q, NULL);
}

static void year_start_is_a_day(void **state)
{
    (void)state;
    assert_true(store_report_year_start_ok("07-01"));
    assert_true(store_report_year_start_ok("12-31"));
    assert_true(store_report_year_start_ok("02-28"));
    assert_false(store_report_year_start_ok("02-29"));
    assert_false(store_report_year_start_ok("13-01"));
    assert_false(store_report_year_start_ok("7-1"));
    assert_false(store_report_year_start_ok("07-01x"));
    assert_false(store_report_year_start_ok("00-10"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(binds_by_name, setup, teardown),
        cmocka_unit_test_setup_teardown(refuses_what_is_not_there, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(narrows_to_a_resident, setup, teardown),
        cmocka_unit_test(year_start_is_a_day),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
