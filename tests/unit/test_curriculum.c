/* test_curriculum.c - the curriculum keys of a module (focus, objectives,
 * milestones, prework, roles, judge_skills, customer aliases), the
 * milestone list they are checked against, and the shipped curriculum's
 * own promises: every module says its focus, objectives and milestones,
 * each skill leads at least three modules, the questions use one wording. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "pbl/fileio.h"
#include "pbl/library.h"
#include "pbl/milestones.h"
#include "pbl/module.h"
#include "pbl/study.h"
#include "test_tmpdir.h"

static const char full[] =
    "schema: 1\n"
    "id: full\n"
    "title: Every key\n"
    "version: 1\n"
    "customers:\n"
    "  - patient\n"
    "  - {name: ER attending, aliases: [ED attending, emergency "
    "physician]}\n"
    "skills: [empathy, assurance]\n"
    "focus: empathy\n"
    "objectives: [Name the customers, Plan an apology]\n"
    "milestones: [ICS1, PROF1]\n"
    "prework: Read the department's apology policy.\n"
    "roles:\n"
    "  - {name: Patient, knows: She waited an hour.}\n"
    "  - {name: Resident, knows: The scanner was down.}\n"
    "scenario: S\n"
    "questions:\n"
    "  - {prompt: Who?, kind: customers, answer: A}\n"
    "  - {prompt: Which skills?, kind: skills, answer: A}\n"
    "  - {prompt: Well?, answer: A, judge_skills: true}\n"
    "  - {prompt: Role-play, answer: A, minutes: 12}\n";

static struct pbl_module *parse(const char *text)
{
    struct pbl_diags d = {0};
    struct pbl_module *m = module_parse("t.yaml", text, strlen(text), &d);
    diags_print(&d, stderr);
    diags_free(&d);
    return m;
}

/* Each key lands where the screens, show and exports read it. */
static void curriculum_keys_are_read(void **state)
{
    struct pbl_module *m = parse(full);
    assert_non_null(m);
    assert_int_equal(m->focus, SKILL_EMPATHY);
    assert_int_equal(m->objectives.n, 2);
    assert_string_equal(m->objectives.v[1], "Plan an apology");
    assert_int_equal(m->milestones.n, 2);
    assert_string_equal(m->milestones.v[0], "ICS1");
    assert_int_equal(m->milestone_at[0], 11); /* line of ICS1 */
    assert_int_equal(m->milestone_at[1], 14); /* its column */
    assert_string_equal(m->prework, "Read the department's apology policy.");
    assert_int_equal(m->nroles, 2);
    assert_string_equal(m->roles[1].name, "Resident");
    assert_string_equal(m->roles[1].knows, "The scanner was down.");
    assert_int_equal(m->customers.n, 2);
    assert_string_equal(m->customers.v[1], "ER attending");
    assert_int_equal(m->customer_aliases[0].n, 0);
    assert_int_equal(m->customer_aliases[1].n, 2);
    /* skills are judged on the skills question, and where a question
     * asks for it */
    assert_false(question_judges_skills(&m->questions[0]));
    assert_true(question_judges_skills(&m->questions[1]));
    assert_true(question_judges_skills(&m->questions[2]));
    assert_false(question_judges_skills(&m->questions[3]));
    assert_int_equal(m->questions[3].minutes, 12);
    module_free(m);
}

/* A file written before the keys existed loads with their defaults. */
static void old_module_gets_defaults(void **state)
{
    struct pbl_module *m =
        parse("schema: 1\nid: old\ntitle: T\nversion: 1\nscenario: S\n"
              "customers: [patient]\nquestions:\n"
              "  - {prompt: P, kind: skills, answer: A}\n"
              "  - {prompt: Q, answer: A}\n");
    assert_non_null(m);
    assert_int_equal(m->focus, -1);
    assert_int_equal(m->objectives.n, 0);
    assert_int_equal(m->milestones.n, 0);
    assert_null(m->prework);
    assert_int_equal(m->nroles, 0);
    assert_true(question_judges_skills(&m->questions[0]));
    assert_false(question_judges_skills(&m->questions[1]));
    module_free(m);
}

/* "ED attending" names the ER attending; the customer's own name still
 * counts, and an alias of one customer never counts for another. */
static void aliases_count_as_naming_the_customer(void **state)
{
    struct pbl_module *m = parse(full);
    assert_non_null(m);
    assert_true(study_module_customers_named("the ED attending", m) == 2);
    assert_true(study_module_customers_named("The emergency physicians", m) ==
                2);
    assert_true(study_module_customers_named("the ER attending", m) == 2);
    assert_true(study_module_customers_named("the patient and the ED "
                                             "attending",
                                             m) == 3);
    assert_true(study_module_customers_named("the ED resident", m) == 0);
    /* without aliases, the plain matcher does not see the synonym */
    assert_true(study_customers_named("the ED attending", &m->customers) == 0);
    module_free(m);
}

/* A session's snapshot keeps only some keys in columns; the rest come
 * back from its source text. */
static void snapshot_adopts_keys_from_source(void **state)
{
    struct pbl_module *m = parse(full);
    assert_non_null(m);
    m->focus = 0;
    module_adopt_keys(m);
    assert_int_equal(m->focus, SKILL_EMPATHY);
    assert_int_equal(m->nroles, 2);
    assert_int_equal(m->customer_aliases[1].n, 2);
    /* with no source, the defaults */
    free(m->source);
    m->source = NULL;
    module_adopt_keys(m);
    assert_int_equal(m->focus, -1);
    module_free(m);
}

static const char list[] = "schema: 1\nmilestones:\n"
                           "  - {id: ICS1, name: Patient communication}\n"
                           "  - {id: PROF1, name: Professional behavior}\n";

static const char names_unknown[] =
    "schema: 1\nid: unknown-ms\ntitle: T\nversion: 1\nscenario: S\n"
    "milestones: [ICS1, ICS9]\n"
    "questions:\n  - {prompt: P, answer: A}\n";

/* An id not on the list refuses the module, with the message at the id;
 * the list is found in the folder of a file given alone, as by `pbl
 * validate FILE`, and in a folder given as a path. */
static void unknown_milestone_is_refused_at_the_id(void **state)
{
    char dir[128], file[160];
    snprintf(dir, sizeof dir, "%s/ms", tmpdir);
    mkdir(dir, 0700);
    write_file(dir, "milestones.yaml", list);
    write_file(dir, "a.yaml", names_unknown);
    write_file(dir, "b.yaml", full);
    snprintf(file, sizeof file, "%s/a.yaml", dir);
    for (int as_file = 0; as_file < 2; as_file++) {
        struct pbl_library lib;
        struct pbl_diags d = {0};
        const char *paths[] = {as_file ? file : dir};
        assert_int_equal(library_load(&lib, paths, 1, &d), 0);
        assert_int_equal(d.n, 1);
        assert_int_equal(d.v[0].line, 6);
        assert_int_equal(d.v[0].col, 20);
        assert_non_null(strstr(d.v[0].msg, "unknown milestone 'ICS9'"));
        assert_null(library_find(&lib, "unknown-ms"));
        assert_int_equal(lib.n, as_file ? 0 : 1); /* b.yaml loads */
        assert_int_equal(lib.nfiles, as_file ? 1 : 3);
        assert_int_equal(lib.nbad, 1);
        library_free(&lib);
        diags_free(&d);
    }
}

/* No list anywhere: the ids cannot be checked, and pbl says so at each
 * id instead of passing them silently. */
static void milestones_without_a_list_are_reported(void **state)
{
    char dir[128];
    snprintf(dir, sizeof dir, "%s/nolist", tmpdir);
    mkdir(dir, 0700);
    write_file(dir, "a.yaml", names_unknown);
    struct pbl_library lib;
    struct pbl_diags d = {0};
    const char *paths[] = {dir};
    assert_int_equal(library_load(&lib, paths, 1, &d), 0);
    assert_int_equal(d.n, 2);
    assert_non_null(strstr(d.v[0].msg, "cannot check milestone 'ICS1': no "
                                       "milestones.yaml"));
    assert_int_equal(lib.n, 0);
    library_free(&lib);
    diags_free(&d);
}

static void milestone_list_errors_are_located(void **state)
{
    const char text[] = "schema: 1\nmilestones:\n"
                        "  - {id: ICS1, name: A}\n"
                        "  - {id: ICS1, name: B}\n"
                        "  - {id: PROF1}\n";
    struct pbl_milestones l;
    struct pbl_diags d = {0};
    assert_int_equal(milestones_parse("m.yaml", text, sizeof text - 1, &l, &d),
                     -1);
    assert_int_equal(d.n, 2);
    assert_int_equal(d.v[0].line, 4);
    assert_int_equal(d.v[0].col, 10);
    assert_non_null(strstr(d.v[0].msg, "milestone 'ICS1' is listed twice"));
    assert_non_null(strstr(d.v[1].msg, "missing required key 'name'"));
    diags_free(&d);
}

/* The workshop's four questions, as every shipped module asks them (the
 * protagonist's role named in the last two). */
static int standard_prompt(size_t i, const char *prompt)
{
    static const char *const first[] = {
        "Who is/are the customer(s)?",
        "What is/are the relevant customer service skill(s)?"};
    if (i < 2)
        return strcmp(prompt, first[i]) == 0;
    const char *head = i == 2 ? "What did the " : "How could the ";
    const char *tail = i == 2 ? " do well?" : " improve?";
    size_t h = strlen(head), t = strlen(tail), n = strlen(prompt);
    return n > h + t && strncmp(prompt, head, h) == 0 &&
           strcmp(prompt + n - t, tail) == 0;
}

/* The shipped curriculum keeps its promises to faculty and to the
 * program director. */
static void shipped_curriculum_is_complete(void **state)
{
    struct pbl_library lib;
    struct pbl_diags d = {0};
    const char *paths[] = {"modules"};
    assert_int_equal(library_load(&lib, paths, 1, &d), 0);
    diags_print(&d, stderr);
    assert_int_equal(d.n, 0);
    assert_true(lib.have_milestones);
    assert_true(lib.n >= 24);
    int focus[SKILL_COUNT] = {0};
    for (size_t i = 0; i < lib.n; i++) {
        const struct pbl_module *m = lib.mods[i];
        if (m->focus < 0 || m->objectives.n == 0 || m->milestones.n == 0)
            fail_msg("%s: needs focus, objectives and milestones", m->id);
        focus[m->focus]++;
        assert_true(m->nquestions >= 4);
        for (size_t q = 0; q < 4; q++)
            if (!standard_prompt(q, m->questions[q].prompt))
                fail_msg("%s: question %zu is not in the standard wording: "
                         "%s",
                         m->id, q + 1, m->questions[q].prompt);
        for (size_t q = 0; q < m->nquestions; q++) {
            const struct pbl_question *qu = &m->questions[q];
            if ((strstr(qu->prompt, "Role-play") ||
                 (qu->notes && strstr(qu->notes, "Role-play"))) &&
                !m->nroles)
                fail_msg("%s: role-play needs role cards (roles)", m->id);
        }
    }
    for (int k = 0; k < SKILL_COUNT; k++)
        if (focus[k] < 3)
            fail_msg("%s is the focus of %d modules; at least 3 wanted",
                     skill_name((enum pbl_skill)k), focus[k]);
    library_free(&lib);
}

/* The author guide shows a shipped module whole; it must be the file as
 * shipped, or a faculty member copies an example that no longer loads. */
static void guide_example_is_the_shipped_module(void **state)
{
    size_t glen = 0, mlen = 0;
    struct pbl_diags d = {0};
    char *guide = read_small_file("modules/README.md", 1 << 20, &glen, &d);
    char *mod = read_small_file("modules/extravasation-recovery.yaml", 1 << 20,
                                &mlen, &d);
    assert_non_null(guide);
    assert_non_null(mod);
    const char *mark = strstr(guide, "<!-- module: extravasation-recovery -->"
                                     "\n```yaml\n");
    assert_non_null(mark);
    const char *body = strchr(strchr(mark, '\n') + 1, '\n') + 1;
    const char *end = strstr(body, "\n```\n");
    assert_non_null(end);
    assert_int_equal((size_t)(end + 1 - body), mlen);
    assert_memory_equal(body, mod, mlen);
    free(guide);
    free(mod);
    diags_free(&d);
}

int main(void)
{
    static const struct CMUnitTest tests[] = {
        cmocka_unit_test(curriculum_keys_are_read),
        cmocka_unit_test(old_module_gets_defaults),
        cmocka_unit_test(aliases_count_as_naming_the_customer),
        cmocka_unit_test(snapshot_adopts_keys_from_source),
        cmocka_unit_test(unknown_milestone_is_refused_at_the_id),
        cmocka_unit_test(milestones_without_a_list_are_reported),
        cmocka_unit_test(milestone_list_errors_are_located),
        cmocka_unit_test(shipped_curriculum_is_complete),
        cmocka_unit_test(guide_example_is_the_shipped_module),
    };
    return cmocka_run_group_tests_name("curriculum", tests, make_tmpdir,
                                       remove_tmpdir);
}
