/* test_export.c - export and report over a store built with the store
 * API: which sessions a selection takes, each format's output read back
 * (JSON checked by SQLite's json_valid and json_extract), the errors a
 * caller sees, and the atomic file writer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <dirent.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "pbl/export.h"
#include "pbl/report.h"
#include "pbl/store_walk.h"
#include "test_store_util.h"

static const char hostile[] = "=HYPERLINK(\"http://x\",\"y\"), \"q\"\n"
                              "<script>alert(1)</script> &amp; "
                              "\xF0\x9F\x99\x82 \xD7\xA9\xD7\x9C";

struct fixture {
    char *dir;
    struct pbl_store *st;
    char first[STORE_UUID_LEN + 1], second[STORE_UUID_LEN + 1];
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    f->dir = scratch_dir();
    f->st = open_in(f->dir, "pbl.db");
    setenv("PBL_NOW", "2026-03-03T10:00:00Z", 1);
    if (!f->st || new_session(f->st, "Tuesday group", 3, f->first) != 0)
        return -1;
    store_record_response(f->st, f->first, 0, 0, hostile);
    store_set_skills(f->st, f->first, 0, 0, SKILL_BIT(SKILL_EMPATHY));
    store_set_points(f->st, f->first, 0, 1, 1);
    store_park_item(f->st, f->first, "open item", NULL);
    setenv("PBL_NOW", "2026-03-05T10:00:00Z", 1);
    if (new_session(f->st, "Thursday group", 2, f->second) != 0)
        return -1;
    store_record_response(f->st, f->second, 0, 1, "second answer");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    return scratch_session_end(f, f->st, f->dir);
}

/* Runs an export into a malloc'd string (*out), returning its code. */
static int run_export(struct fixture *f, enum export_format fmt,
                      const struct export_selection *sel, char **out,
                      char **err)
{
    size_t n;
    FILE *m = open_memstream(out, &n);
    struct export_opts o = {.format = fmt};
    if (sel)
        o.sel = *sel;
    int rc = export_sessions(f->st, &o, m, err);
    fclose(m);
    return rc;
}

/* One text value of SQL over the store's connection, malloc'd. */
static char *sql_text(struct pbl_store *st, const char *sql, const char *arg)
{
    sqlite3_stmt *s = NULL;
    char *v = NULL;
    if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) == SQLITE_OK) {
        sqlite3_bind_text(s, 1, arg, -1, SQLITE_STATIC);
        if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
            v = strdup((const char *)sqlite3_column_text(s, 0));
    }
    sqlite3_finalize(s);
    return v;
}

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p++)
        n++;
    return n;
}

/* What a visitor of store_walk saw. */
struct seen {
    int begins, sessions, modules, questions, points, parks, ends;
    long long nsessions;
    char groups[128], answer[256];
    unsigned skills;
    uint64_t ticked;
    int npoints, json_objects;
};

static void seen_begin(void *ctx, const struct walk_doc *d)
{
    struct seen *c = ctx;
    c->begins++;
    c->nsessions = d->nsessions;
    if (d->json)
        c->json_objects++;
}

static void seen_session(void *ctx, const struct walk_session *s)
{
    struct seen *c = ctx;
    c->sessions++;
    if (s->json)
        c->json_objects++;
    else
        snprintf(c->groups + strlen(c->groups),
                 sizeof c->groups - strlen(c->groups), "%s;", s->group);
}

static void seen_module(void *ctx, const struct walk_session *s,
                        const struct walk_module *m)
{
    struct seen *c = ctx;
    c->modules++;
    if (m->json)
        c->json_objects++;
    (void)s;
}

static void seen_question(void *ctx, const struct walk_session *s,
                          const struct walk_module *m,
                          const struct walk_question *q)
{
    struct seen *c = ctx;
    c->questions++;
    if (q->json)
        c->json_objects++;
    if (q->answer && m->number == 1 && q->number == 1) {
        snprintf(c->answer, sizeof c->answer, "%s", q->answer);
        c->skills = q->skills;
    }
    c->ticked |= q->points;
    c->npoints += q->npoints;
    (void)s;
}

static void seen_point(void *ctx, const struct walk_question *q,
                       const struct walk_point *p)
{
    struct seen *c = ctx;
    c->points++;
    (void)q;
    (void)p;
}

static void seen_park(void *ctx, const struct walk_session *s,
                      const struct walk_park *p)
{
    struct seen *c = ctx;
    if (p->text && strcmp(p->text, "open item") == 0 && p->raised_here)
        c->parks++;
    (void)s;
}

static void seen_end(void *ctx, const struct walk_doc *d)
{
    struct seen *c = ctx;
    c->ends++;
    (void)d;
}

/* Issue 13.2: the store's walk is the one read path of every output: a
 * visitor gets each session, module, question, key point and parking-lot
 * item as typed records (read by column name), oldest first; with
 * `json` set, the same records as JSON objects built by the store. */
static void the_store_walks_the_selected_sessions(void **state)
{
    struct fixture *f = *state;
    struct walk_visitor v = {
        .begin = seen_begin,
        .session = seen_session,
        .module = seen_module,
        .question = seen_question,
        .point = seen_point,
        .park = seen_park,
        .end = seen_end,
    };
    struct store_selection all = {.limit = -1};
    struct seen c = {0};
    char *err = NULL;
    assert_int_equal(store_walk(f->st, &all, &v, &c, &err), 0);
    assert_null(err);
    assert_int_equal(c.begins, 1);
    assert_int_equal(c.ends, 1);
    assert_int_equal(c.nsessions, 2);
    assert_int_equal(c.sessions, 2);
    assert_string_equal(c.groups, "Tuesday group;Thursday group;");
    assert_int_equal(c.modules, 2);
    assert_int_equal(c.questions, 5); /* three and two */
    assert_string_equal(c.answer, hostile);
    assert_int_equal(c.skills, SKILL_BIT(SKILL_EMPATHY));
    assert_int_equal(c.ticked, 1); /* the first key point of a question */
    assert_int_equal(c.npoints, c.points); /* (none in these modules) */
    assert_int_equal(c.parks, 1);
    assert_int_equal(c.json_objects, 0);
    long long n = 0;
    assert_int_equal(store_count_selected(f->st, &all, &n, &err), 0);
    assert_int_equal(n, 2);

    /* a selection: one group, by name */
    const char *groups[] = {"thursday  GROUP"};
    struct store_selection one = {.groups = groups, .ngroups = 1, .limit = -1};
    memset(&c, 0, sizeof c);
    assert_int_equal(store_walk(f->st, &one, &v, &c, &err), 0);
    assert_string_equal(c.groups, "Thursday group;");
    assert_int_equal(c.questions, 2);

    /* the JSON path: one object a record, nothing else set */
    v.json = true;
    memset(&c, 0, sizeof c);
    assert_int_equal(store_walk(f->st, &all, &v, &c, &err), 0);
    assert_int_equal(c.json_objects, 1 + 2 + 2 + 5);
    assert_string_equal(c.groups, "");
    assert_int_equal(c.points + c.parks, 0);
}

static void default_is_the_most_recent_session(void **state)
{
    struct fixture *f = *state;
    char *out = NULL, *err = NULL;
    assert_int_equal(run_export(f, EXPORT_MD, NULL, &out, &err), EXPORT_OK);
    assert_null(err);
    assert_non_null(strstr(out, f->second));
    assert_null(strstr(out, f->first));
    assert_non_null(strstr(out, "# Session notes"));
    free(out);
    struct export_selection all = {.all = true};
    assert_int_equal(run_export(f, EXPORT_MD, &all, &out, &err), EXPORT_OK);
    /* oldest first */
    assert_true(strstr(out, f->first) < strstr(out, f->second));
    free(out);
}

static void selections_filter(void **state)
{
    struct fixture *f = *state;
    char *out = NULL, *err = NULL;
    char prefix[9];
    memcpy(prefix, f->first, 8);
    prefix[8] = '\0';
    const char *ids[] = {prefix};
    struct export_selection by_id = {.sessions = ids, .nsessions = 1};
    assert_int_equal(run_export(f, EXPORT_CSV, &by_id, &out, &err), EXPORT_OK);
    assert_non_null(strstr(out, f->first));
    assert_null(strstr(out, f->second));
    free(out);
    const char *groups[] = {"tuesday GROUP"};
    struct export_selection by_group = {.groups = groups, .ngroups = 1};
    assert_int_equal(run_export(f, EXPORT_CSV, &by_group, &out, &err),
                     EXPORT_OK);
    assert_non_null(strstr(out, f->first));
    assert_null(strstr(out, f->second));
    free(out);
    struct export_selection dates = {.from = "2026-03-04", .to = "2026-03-05"};
    assert_int_equal(run_export(f, EXPORT_CSV, &dates, &out, &err), EXPORT_OK);
    assert_null(strstr(out, f->first));
    assert_non_null(strstr(out, f->second));
    free(out);
    struct export_selection to = {.to = "2026-03-03"};
    assert_int_equal(run_export(f, EXPORT_CSV, &to, &out, &err), EXPORT_OK);
    assert_non_null(strstr(out, f->first)); /* --to is inclusive */
    assert_null(strstr(out, f->second));
    free(out);
    struct export_selection study = {.kind = "study"};
    assert_int_equal(run_export(f, EXPORT_CSV, &study, &out, &err),
                     EXPORT_EMPTY);
    assert_non_null(strstr(err, "no sessions match"));
    free(err);
    free(out);
}

static void unknown_sessions_and_bad_dates_are_errors(void **state)
{
    struct fixture *f = *state;
    char *out = NULL, *err = NULL;
    const char *ids[] = {"zz"};
    struct export_selection sel = {.sessions = ids, .nsessions = 1};
    assert_int_equal(run_export(f, EXPORT_MD, &sel, &out, &err),
                     EXPORT_NOT_FOUND);
    assert_string_equal(err, "no session matches 'zz'");
    assert_string_equal(out, "");
    free(err);
    free(out);
    err = NULL;
    struct export_selection bad = {.from = "2026-02-30"};
    assert_int_equal(run_export(f, EXPORT_MD, &bad, &out, &err), EXPORT_USAGE);
    assert_non_null(strstr(err, "not a date"));
    free(err);
    free(out);
}

static void json_is_valid_and_exact(void **state)
{
    struct fixture *f = *state;
    char *out = NULL, *err = NULL;
    struct export_selection all = {.all = true};
    assert_int_equal(run_export(f, EXPORT_JSON, &all, &out, &err), EXPORT_OK);
    char *valid = sql_text(f->st, "SELECT json_valid(?1)", out);
    assert_string_equal(valid, "1");
    free(valid);
    char *answer = sql_text(f->st,
                            "SELECT json_extract(?1, '$.sessions[0].modules[0]"
                            ".questions[0].answer')",
                            out);
    assert_string_equal(answer, hostile);
    free(answer);
    char *tags = sql_text(f->st,
                          "SELECT json_extract(?1, '$.sessions[0].modules[0]"
                          ".questions[0].skills_tagged')",
                          out);
    assert_string_equal(tags, "[\"empathy\"]");
    free(tags);
    char *point = sql_text(f->st,
                           "SELECT json_extract(?1, '$.sessions[0].modules[0]"
                           ".questions[1].key_points[0].reached')",
                           out);
    assert_string_equal(point, "1");
    free(point);
    char *park = sql_text(f->st,
                          "SELECT json_extract(?1, '$.sessions[0]"
                          ".parking_lot[0].text')",
                          out);
    assert_string_equal(park, "open item");
    free(park);
    char *n =
        sql_text(f->st, "SELECT json_array_length(?1, '$.sessions')", out);
    assert_string_equal(n, "2");
    free(n);
    free(out);
}

static void csv_has_a_row_per_answer(void **state)
{
    struct fixture *f = *state;
    char *out = NULL, *err = NULL;
    struct export_selection all = {.all = true};
    assert_int_equal(run_export(f, EXPORT_CSV, &all, &out, &err), EXPORT_OK);
    /* header + 2 questions of the first session (answer; ticks) + 1 */
    assert_int_equal(count(out, f->first), 2);
    assert_int_equal(count(out, f->second), 1);
    assert_non_null(strstr(out, "\"'=HYPERLINK(\"\"http://x\"\""));
    assert_non_null(strstr(out, "\r\n"));
    free(out);
}

static void html_escapes_everything(void **state)
{
    struct fixture *f = *state;
    char *out = NULL, *err = NULL;
    struct export_selection all = {.all = true};
    assert_int_equal(run_export(f, EXPORT_HTML, &all, &out, &err), EXPORT_OK);
    assert_null(strstr(out, "<script"));
    assert_non_null(strstr(out, "&lt;script&gt;"));
    assert_non_null(strstr(out, "&amp;amp;"));
    assert_non_null(strstr(out, "</html>"));
    assert_int_equal(count(out, "<section class=\"session\">"), 2);
    free(out);
}

static void report_counts_skills(void **state)
{
    struct fixture *f = *state;
    char *out = NULL, *err = NULL;
    size_t n;
    FILE *m = open_memstream(&out, &n);
    struct report_opts o = {.format = REPORT_JSON};
    assert_int_equal(report_write(f->st, &o, m, &err), EXPORT_OK);
    fclose(m);
    char *valid = sql_text(f->st, "SELECT json_valid(?1)", out);
    assert_string_equal(valid, "1");
    free(valid);
    /* make_module targets reliability and empathy; the first session
     * named empathy */
    char *v = sql_text(f->st,
                       "SELECT json_extract(?1, '$.skills[3].named')"
                       " || '/' || json_extract(?1, '$.skills[0].missed')"
                       " || '/' || json_extract(?1, '$.summary.sessions')",
                       out);
    assert_string_equal(v, "1/2/2");
    free(v);
    free(out);
    m = open_memstream(&out, &n);
    o.format = REPORT_TEXT;
    assert_int_equal(report_write(f->st, &o, m, &err), EXPORT_OK);
    fclose(m);
    assert_non_null(strstr(out, "Skill report: 2 sessions, 2 module"));
    assert_non_null(strstr(out, "open item"));
    free(out);
}

/* ---- the atomic writer --------------------------------------------- */

static int write_hello(void *ctx, FILE *out, char **err)
{
    (void)ctx;
    (void)err;
    fputs("hello\n", out);
    return EXPORT_OK;
}

static int write_then_fail(void *ctx, FILE *out, char **err)
{
    (void)ctx;
    fputs("partial", out);
    *err = strdup("nothing");
    return EXPORT_EMPTY;
}

static int entries(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        n += e->d_name[0] != '.' || strlen(e->d_name) > 2;
    closedir(d);
    return n;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    static char buf[256];
    size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    buf[n] = '\0';
    if (f)
        fclose(f);
    return buf;
}

static void atomic_write_replaces_or_keeps(void **state)
{
    (void)state;
    char *dir = scratch_dir();
    char *path = path_in(dir, "out.txt");
    char *err = NULL;
    FILE *old = fopen(path, "w");
    fputs("old\n", old);
    fclose(old);
    assert_int_equal(export_write_atomic(path, write_then_fail, NULL, &err),
                     EXPORT_EMPTY);
    assert_string_equal(err, "nothing");
    free(err);
    err = NULL;
    assert_string_equal(slurp(path), "old\n");
    assert_int_equal(entries(dir), 1);
    assert_int_equal(export_write_atomic(path, write_hello, NULL, &err),
                     EXPORT_OK);
    assert_null(err);
    assert_string_equal(slurp(path), "hello\n");
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    assert_int_equal(entries(dir), 1);
    free(path);
    path = path_in(dir, "no/such/folder.txt");
    assert_int_equal(export_write_atomic(path, write_hello, NULL, &err),
                     EXPORT_ERROR);
    assert_non_null(strstr(err, "cannot write"));
    assert_non_null(strstr(err, "does not exist")); /* names the folder */
    free(err);
    err = NULL;
    assert_int_equal(export_write_atomic(dir, write_hello, NULL, &err),
                     EXPORT_ERROR);
    assert_non_null(strstr(err, "it is a folder"));
    free(err);
    free(path);
    rm_tree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(the_store_walks_the_selected_sessions,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(default_is_the_most_recent_session,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(selections_filter, setup, teardown),
        cmocka_unit_test_setup_teardown(
            unknown_sessions_and_bad_dates_are_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(json_is_valid_and_exact, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(csv_has_a_row_per_answer, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(html_escapes_everything, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(report_counts_skills, setup, teardown),
        cmocka_unit_test(atomic_write_replaces_or_keeps),
    };
    return cmocka_run_group_tests_name("export", tests, NULL, NULL);
}
