/* test_store_snapshot.c - a session keeps a full copy of each module it
 * used: it loads back field for field, survives the deletion of the YAML
 * file, and can be read with plain SQL and JSON functions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "pbl/review.h"
#include "test_store_util.h"

static void assert_same_strv(const struct pbl_strv *a, const struct pbl_strv *b)
{
    assert_int_equal(a->n, b->n);
    assert_non_null(b->v);
    for (size_t i = 0; i < a->n; i++)
        assert_string_equal(a->v[i], b->v[i]);
    assert_null(b->v[b->n]);
}

static void assert_same_opt(const char *a, const char *b)
{
    if (!a)
        assert_null(b);
    else
        assert_string_equal(a, b);
}

/* Every field but the path is copied exactly. */
static void assert_same_module(const struct pbl_module *a,
                               const struct pbl_module *b)
{
    assert_string_equal(a->id, b->id);
    assert_string_equal(a->title, b->title);
    assert_int_equal(a->version, b->version);
    assert_same_opt(a->summary, b->summary);
    assert_same_opt(a->level, b->level);
    assert_same_strv(&a->tags, &b->tags);
    assert_same_strv(&a->customers, &b->customers);
    assert_int_equal(a->skills, b->skills);
    assert_string_equal(a->scenario, b->scenario);
    assert_same_opt(a->video.url, b->video.url);
    assert_same_opt(a->video.title, b->video.title);
    assert_int_equal(a->video.minutes, b->video.minutes);
    assert_int_equal(a->nquestions, b->nquestions);
    for (size_t i = 0; i < a->nquestions; i++) {
        const struct pbl_question *p = &a->questions[i], *q = &b->questions[i];
        assert_string_equal(p->prompt, q->prompt);
        assert_int_equal(p->kind, q->kind);
        assert_int_equal(p->minutes, q->minutes);
        assert_int_equal(p->judge_skills, q->judge_skills);
        assert_string_equal(p->answer, q->answer);
        assert_same_opt(p->notes, q->notes);
        assert_same_strv(&p->points, &q->points);
    }
    char ha[32], hb[32];
    module_hash(a, ha);
    module_hash(b, hb);
    assert_string_equal(ha, hb);
    assert_same_opt(a->source, b->source);
}

static void snapshot_round_trip(void **state)
{
    (void)state;
    char *dir = scratch_dir();
    struct pbl_store *st = open_in(dir, "pbl.db");
    char id[STORE_UUID_LEN + 1];
    struct pbl_module *a = make_module("promised-read", 5);
    struct pbl_module *b = make_module("emergent-lp", 1);
    assert_true(a->nquestions > 0);
    a->questions[a->nquestions - 1].judge_skills = true; /* kept too */
    free(b->summary);
    b->summary = NULL; /* optional fields absent */
    free(b->level);
    b->level = NULL;
    free(b->video.url);
    b->video.url = NULL;
    free(b->video.title);
    b->video.title = NULL;
    b->video.minutes = 0;
    strv_drop(&b->tags);
    b->tags = (struct pbl_strv){NULL, 0};
    const struct pbl_module *mods[] = {a, b};
    struct store_session_new n = {
        .kind = STORE_GROUP, .group_name = "g", .modules = mods, .nmodules = 2};
    assert_int_equal(store_create_session(st, &n, id), STORE_OK);

    struct pbl_module *m = NULL;
    assert_int_equal(store_load_snapshot(st, id, 0, &m), STORE_OK);
    assert_same_module(a, m);
    char want[80];
    snprintf(want, sizeof want, "snapshot:%s:0", id);
    assert_string_equal(m->path, want);
    free_module(m);
    assert_int_equal(store_load_snapshot(st, id, 1, &m), STORE_OK);
    assert_same_module(b, m);
    assert_int_equal(m->tags.n, 0);
    free_module(m);
    assert_int_equal(store_load_snapshot(st, id, 2, &m), STORE_NOT_FOUND);
    assert_null(m);
    assert_int_equal(store_load_snapshot(st, "nope", 0, &m), STORE_NOT_FOUND);

    /* a module added later goes to the next position */
    int pos = -1;
    assert_int_equal(store_add_module(st, id, a, &pos), STORE_OK);
    assert_int_equal(pos, 2);
    assert_int_equal(store_add_module(st, "nope", a, &pos), STORE_NOT_FOUND);
    assert_int_equal(store_load_snapshot(st, id, 2, &m), STORE_OK);
    assert_same_module(a, m);
    /* the loader's own module_free() frees a snapshot */
    module_free(m);
    free_module(a);
    free_module(b);
    store_close(st);
    rm_tree(dir);
}

/* Write a YAML file, snapshot a module "loaded" from it, delete the file
 * and close the store: the copy still has everything, source included. */
static void snapshot_survives_deleting_the_yaml(void **state)
{
    (void)state;
    char *dir = scratch_dir();
    char *yaml = path_in(dir, "promised-read.yaml");
    static const char text[] = "schema: 1\nid: promised-read\n"
                               "title: The promised read\nversion: 3\n"
                               "scenario: |\n  A read slips.\n";
    FILE *fp = fopen(yaml, "w");
    fputs(text, fp);
    fclose(fp);
    struct pbl_module *a = make_module("promised-read", 4);
    free(a->path);
    a->path = strdup(yaml);
    free(a->source);
    a->source = strdup(text);

    struct pbl_store *st = open_in(dir, "pbl.db");
    const struct pbl_module *mods[] = {a};
    struct store_session_new n = {
        .kind = STORE_GROUP, .group_name = "g", .modules = mods, .nmodules = 1};
    char id[STORE_UUID_LEN + 1];
    assert_int_equal(store_create_session(st, &n, id), STORE_OK);
    store_close(st);
    assert_int_equal(unlink(yaml), 0);

    st = open_in(dir, "pbl.db");
    struct pbl_module *m = NULL;
    assert_int_equal(store_load_snapshot(st, id, 0, &m), STORE_OK);
    assert_same_module(a, m);
    assert_string_equal(m->source, text);
    free_module(m);
    store_close(st);
    free_module(a);
    free(yaml);
    rm_tree(dir);
}

/* Review and export read snapshots with SQL: lists are JSON arrays. */
static void snapshot_is_plain_sql(void **state)
{
    (void)state;
    char *dir = scratch_dir();
    struct pbl_store *st = open_in(dir, "pbl.db");
    char id[STORE_UUID_LEN + 1];
    assert_int_equal(new_session(st, "g", 4, id), STORE_OK);
    assert_int_equal(sql_int(st, "SELECT count(*) FROM session_modules,"
                                 " json_each(session_modules.customers)"),
                     3);
    assert_int_equal(sql_int(st, "SELECT count(*) FROM session_modules,"
                                 " json_each(session_modules.tags)"
                                 " WHERE value LIKE 'tag \"quoted\" \\ %'"),
                     2);
    assert_int_equal(sql_int(st, "SELECT count(*) FROM snapshot_questions q"
                                 " JOIN snapshot_points p"
                                 " ON p.question_id = q.id"),
                     0 + 1 + 2 + 3);
    assert_int_equal(sql_int(st, "SELECT skills FROM session_modules"),
                     SKILL_BIT(SKILL_RELIABILITY) | SKILL_BIT(SKILL_EMPATHY));
    assert_int_equal(sql_int(st, "SELECT count(*) FROM snapshot_questions"
                                 " WHERE kind IN ('customers', 'skills',"
                                 " 'text')"),
                     4);
    store_close(st);
    rm_tree(dir);
}

/* A damaged snapshot: text it must have reads as STORE_MISSING, numbers
 * out of range as a safe value, and review still writes the session. */
static void damaged_snapshot_reads_with_placeholders(void **state)
{
    (void)state;
    char *dir = scratch_dir();
    char *p = path_in(dir, "pbl.db");
    struct pbl_store *st = open_in(dir, "pbl.db");
    char id[STORE_UUID_LEN + 1];
    assert_int_equal(new_session(st, "g", 2, id), STORE_OK);
    store_close(st);
    assert_int_equal(
        damage(p, "UPDATE session_modules SET title = NULL, scenario = NULL,"
                  " module_id = NULL, video_minutes = 9223372036854775807,"
                  " version = -1;"
                  "UPDATE snapshot_questions SET prompt = NULL, answer = NULL,"
                  " minutes = 2147483647;"
                  "UPDATE sessions SET cur_modpos = 2147483647"),
        0);
    char *err = NULL;
    assert_int_equal(store_open(p, 0, &st, &err), STORE_OK);
    struct pbl_module *m = NULL;
    assert_int_equal(store_load_snapshot(st, id, 0, &m), STORE_OK);
    assert_string_equal(m->title, STORE_MISSING);
    assert_string_equal(m->scenario, STORE_MISSING);
    assert_string_equal(m->id, STORE_MISSING);
    assert_int_equal(m->video.minutes, 0);
    assert_int_equal(m->version, 0);
    assert_int_equal(m->nquestions, 2);
    assert_string_equal(m->questions[0].prompt, STORE_MISSING);
    assert_string_equal(m->questions[1].answer, STORE_MISSING);
    assert_int_equal(m->questions[0].minutes, 0);
    module_free(m);
    struct store_session s;
    assert_int_equal(store_get_session(st, id, &s), STORE_OK);
    assert_int_equal(s.modpos, -1);
    store_session_free(&s);
    int pos = 7;
    char stage[STORE_STAGE_MAX];
    assert_int_equal(store_get_session_position(st, id, &pos, stage), STORE_OK);
    assert_int_equal(pos, 0);
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_non_null(out);
    assert_int_equal(review_write(st, id, out, &err), 0);
    fclose(out);
    assert_non_null(strstr(text, "Scenario: " STORE_MISSING));
    assert_non_null(strstr(text, "Model answer: " STORE_MISSING));
    free(text);
    store_close(st);
    free(p);
    rm_tree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(snapshot_round_trip),
        cmocka_unit_test(snapshot_survives_deleting_the_yaml),
        cmocka_unit_test(snapshot_is_plain_sql),
        cmocka_unit_test(damaged_snapshot_reads_with_placeholders),
    };
    return cmocka_run_group_tests_name("store_snapshot", tests, NULL, NULL);
}
