/* test_module.c - the module loader: every error class, reported at the
 * right line and column, and good files loaded into the right structure. */
#include <dirent.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "pbl/fileio.h"
#include "pbl/library.h"
#include "pbl/milestones.h"
#include "pbl/module.h"
#include "pbl/yaml_tree.h"
#include "test_tmpdir.h"

#define FIXTURES "tests/fixtures"

/* Reads the "# expect: L:C: message" lines at the end of a bad fixture and
 * checks that the loader reported exactly those problems. */
static void check_bad_fixture(void **state)
{
    const char *path = *state;
    struct pbl_diags d = {0};
    size_t len;
    char *buf = read_small_file(path, MODULE_MAX_BYTES, &len, &d);
    assert_non_null(buf);
    struct pbl_module *m = module_parse(path, buf, len, &d);
    assert_null(m);
    size_t nexpect = 0;
    for (char *p = strstr(buf, "# expect: "); p;
         p = strstr(p + 1, "# expect: ")) {
        int line, col, used = 0;
        assert_int_equal(sscanf(p, "# expect: %d:%d: %n", &line, &col, &used),
                         2);
        char *msg = p + used, *eol = strchr(msg, '\n');
        if (eol)
            *eol = '\0';
        int found = 0;
        for (size_t i = 0; i < d.n; i++)
            found |= d.v[i].line == line && d.v[i].col == col &&
                     strstr(d.v[i].msg, msg) != NULL;
        if (!found) {
            diags_print(&d, stderr);
            fail_msg("%s: no problem '%d:%d: %s'", path, line, col, msg);
        }
        nexpect++;
        if (eol)
            *eol = '\n';
    }
    assert_true(nexpect > 0);
    if (d.n != nexpect) {
        diags_print(&d, stderr);
        fail_msg("%s: %zu problems reported, %zu expected", path, d.n, nexpect);
    }
    for (size_t i = 0; i < d.n; i++)
        assert_string_equal(d.v[i].file, path);
    free(buf);
    diags_free(&d);
}

static void good_module_structure(void **state)
{
    struct pbl_diags d = {0};
    struct pbl_module *m =
        module_load_file(FIXTURES "/good/sample-module.yaml", &d);
    diags_print(&d, stderr);
    assert_non_null(m);
    assert_int_equal(d.n, 0);
    assert_string_equal(m->id, "sample-module");
    assert_int_equal(m->id_line, 2);
    assert_string_equal(m->title, "A sample module");
    assert_int_equal(m->version, 2);
    assert_string_equal(m->summary, "A short summary.");
    assert_string_equal(m->level, "PGY2");
    assert_int_equal(m->tags.n, 2);
    assert_string_equal(m->tags.v[1], "internal-customer");
    assert_int_equal(m->customers.n, 2);
    assert_string_equal(m->customers.v[0], "internal medicine resident");
    assert_int_equal(m->skills, SKILL_BIT(SKILL_RELIABILITY) |
                                    SKILL_BIT(SKILL_RESPONSIVENESS));
    assert_string_equal(m->scenario, "First paragraph of the scenario,\n"
                                     "still the first paragraph.\n\n"
                                     "Second paragraph.\n");
    assert_string_equal(m->video.url, "https://youtu.be/example");
    assert_string_equal(m->video.title, "The video");
    assert_int_equal(m->video.minutes, 3);
    assert_int_equal(m->nquestions, 2);
    assert_string_equal(m->questions[0].prompt, "Who is/are the customer(s)?");
    assert_int_equal(m->questions[0].kind, QKIND_CUSTOMERS);
    assert_int_equal(m->questions[0].minutes, 4);
    assert_int_equal(m->questions[0].points.n, 2);
    assert_string_equal(m->questions[0].points.v[1], "trauma team");
    assert_string_equal(m->questions[0].notes, "Ask who else is waiting.\n");
    assert_int_equal(m->questions[1].kind, QKIND_TEXT);
    assert_int_equal(m->questions[1].minutes, 0);
    assert_null(m->questions[1].notes);
    assert_string_equal(m->questions[1].answer, "He answered the phone.");
    char hash[32];
    module_hash(m, hash);
    assert_memory_equal(hash, "fnv1a64:", 8);
    assert_int_equal(strlen(hash), 24);
    assert_non_null(strstr(m->source, "id: sample-module"));
    module_free(m);
}

static void minimal_module_has_defaults(void **state)
{
    struct pbl_diags d = {0};
    struct pbl_module *m = module_load_file(FIXTURES "/good/minimal.yaml", &d);
    assert_non_null(m);
    assert_null(m->summary);
    assert_null(m->video.url);
    assert_int_equal(m->skills, 0);
    assert_int_equal(m->tags.n, 0);
    assert_int_equal(m->nquestions, 1);
    module_free(m);
}

/* The plan counts what a module writes, and a default where it writes no
 * time: for the scenario, a video of unknown length and a question. */
static void planned_minutes_use_written_boxes_or_defaults(void **state)
{
    static const char text[] =
        "schema: 1\nid: p\ntitle: P\nversion: 1\nscenario: S.\n"
        "scenario_minutes: 3\n"
        "video: {url: https://example.org/v, minutes: 8}\n"
        "questions:\n"
        "  - {prompt: Who?, answer: A, minutes: 4}\n"
        "  - {prompt: Else?, answer: B}\n";
    struct pbl_diags d = {0};
    struct pbl_module *m = module_parse("p", text, sizeof text - 1, &d);
    diags_print(&d, stderr);
    assert_non_null(m);
    assert_int_equal(m->scenario_minutes, 3);
    assert_int_equal(module_scenario_plan(m), 3);
    assert_int_equal(module_video_plan(m), 8);
    assert_int_equal(module_question_plan(&m->questions[1]),
                     MODULE_DEFAULT_QUESTION_MINUTES);
    assert_int_equal(module_planned_minutes(m),
                     3 + 8 + 4 + MODULE_DEFAULT_QUESTION_MINUTES);
    module_free(m);

    m = module_load_file(FIXTURES "/good/minimal.yaml", &d);
    assert_non_null(m);
    assert_int_equal(m->scenario_minutes, 0);
    assert_int_equal(module_video_plan(m), 0);
    assert_int_equal(module_planned_minutes(m),
                     MODULE_DEFAULT_SCENARIO_MINUTES +
                         MODULE_DEFAULT_QUESTION_MINUTES);
    module_free(m);
    diags_free(&d);
}

/* A local video file: a path inside the module's folder, found beside the
 * module file; pbl validate reports a missing one at its key. */
static void video_file_is_relative_to_the_module(void **state)
{
    assert_null(module_video_file_problem("videos/a.mp4"));
    assert_null(module_video_file_problem("a..b.mp4"));
    assert_non_null(module_video_file_problem("/tmp/a.mp4"));
    assert_non_null(module_video_file_problem("~/a.mp4"));
    assert_non_null(module_video_file_problem(".."));
    assert_non_null(module_video_file_problem("a/../../b.mp4"));
    assert_non_null(module_video_file_problem(""));

    static const char text[] =
        "schema: 1\nid: v\ntitle: V\nversion: 1\nscenario: S.\n"
        "video: {url: https://example.org/v, file: videos/v.mp4}\n"
        "questions:\n"
        "  - {prompt: Who?, answer: A}\n";
    struct pbl_diags d = {0};
    struct pbl_module *m =
        module_parse("lib/v.yaml", text, sizeof text - 1, &d);
    diags_print(&d, stderr);
    assert_non_null(m);
    assert_string_equal(m->video.file, "videos/v.mp4");
    char path[256];
    assert_int_equal(module_video_path(m, path, sizeof path), 0);
    assert_string_equal(path, "lib/videos/v.mp4");
    assert_int_equal(module_video_path(m, path, 10), -1);
    assert_false(module_video_file_exists(m));
    assert_int_equal(module_check_video_file(m, &d), 1);
    assert_int_equal(d.n, 1);
    assert_int_equal(d.v[0].line, 6);
    assert_int_equal(d.v[0].col, 43);
    assert_non_null(strstr(d.v[0].msg, "video file 'videos/v.mp4' not found"));
    diags_free(&d);
    free(m->path); /* beside no folder: "./" keeps it from being an option */
    m->path = strdup("v.yaml");
    assert_int_equal(module_video_path(m, path, sizeof path), 0);
    assert_string_equal(path, "./videos/v.mp4");
    module_free(m);
}

/* Skills tagged are judged against the targets on the skills question, or
 * where a question says judge_skills: true; never on "what went well". */
static void skills_are_judged_on_the_skills_question_only(void **state)
{
    static const char text[] =
        "schema: 1\nid: j\ntitle: J\nversion: 1\nscenario: S.\n"
        "questions:\n"
        "  - {prompt: Who?, kind: customers, answer: A}\n"
        "  - {prompt: Which skills?, kind: skills, answer: B}\n"
        "  - {prompt: What went well?, answer: C}\n"
        "  - {prompt: What could improve?, answer: D, judge_skills: true}\n"
        "  - {prompt: Else?, kind: skills, answer: E, judge_skills: false}\n";
    struct pbl_diags d = {0};
    struct pbl_module *m = module_parse("j", text, sizeof text - 1, &d);
    diags_print(&d, stderr);
    assert_non_null(m);
    assert_int_equal(m->nquestions, 5);
    assert_false(question_judges_skills(&m->questions[0]));
    assert_true(question_judges_skills(&m->questions[1]));
    assert_false(question_judges_skills(&m->questions[2]));
    assert_true(question_judges_skills(&m->questions[3]));
    assert_true(question_judges_skills(&m->questions[4]));
    assert_false(question_judges_skills(NULL));
    module_free(m);
    diags_free(&d);
}

static void bom_is_accepted(void **state)
{
    struct pbl_diags d = {0};
    struct pbl_module *m =
        module_load_file(FIXTURES "/good/bom-module.yaml", &d);
    diags_print(&d, stderr);
    assert_non_null(m);
    assert_string_equal(m->id, "bom-module");
    module_free(m);
}

static void empty_file_is_refused(void **state)
{
    struct pbl_diags d = {0};
    assert_null(module_parse("empty.yaml", "", 0, &d));
    assert_null(module_parse("blank.yaml", "\n  \n", 4, &d));
    assert_int_equal(d.n, 2);
    assert_non_null(strstr(d.v[0].msg, "empty file"));
    assert_string_equal(d.v[1].file, "blank.yaml");
    diags_free(&d);
}

static void comment_only_file_is_refused(void **state)
{
    struct pbl_diags d = {0};
    const char text[] = "# nothing but a comment\n";
    assert_null(module_parse("c.yaml", text, sizeof text - 1, &d));
    assert_int_equal(d.n, 1);
    assert_non_null(strstr(d.v[0].msg, "empty document"));
    diags_free(&d);
}

/* The checks skip plain ASCII a word at a time: a control character or a
 * bad byte is still found at every offset within and after a word. */
static void controls_and_bad_utf8_found_at_every_offset(void **state)
{
    static const struct {
        const char *escape; /* as written in a double-quoted YAML string */
        const char *cp;
    } controls[] = {{"\\e", "U+001B"},
                    {"\\x7f", "U+007F"},
                    {"\\x85", "U+0085"},
                    {"\\x01", "U+0001"}};
    for (size_t k = 0; k < sizeof controls / sizeof *controls; k++) {
        for (int at = 0; at < 20; at++) {
            char text[512];
            snprintf(text, sizeof text,
                     "schema: 1\nid: c\ntitle: T\nversion: 1\n"
                     "scenario: \"%.*s%s and after it\"\n"
                     "questions:\n  - {prompt: P, answer: A}\n",
                     at, "abcdefghijklmnopqrstuvwxyz", controls[k].escape);
            struct pbl_diags d = {0};
            assert_null(module_parse("c.yaml", text, strlen(text), &d));
            assert_int_equal(d.n, 1);
            assert_non_null(strstr(d.v[0].msg, controls[k].cp));
            diags_free(&d);
        }
    }
    char buf[40];
    memset(buf, 'a', sizeof buf);
    assert_int_equal(utf8_invalid_offset(buf, sizeof buf), -1);
    for (int at = 0; at < 32; at++) {
        memset(buf, 'a', sizeof buf);
        buf[at] = (char)0xFF;
        assert_int_equal(utf8_invalid_offset(buf, sizeof buf), at);
        memcpy(buf + at, "\xC3\xA9", 2); /* é is fine */
        assert_int_equal(utf8_invalid_offset(buf, sizeof buf), -1);
        buf[at + 1] = 'a'; /* a lead byte without its continuation */
        assert_int_equal(utf8_invalid_offset(buf, sizeof buf), at);
    }
}

/* Strict UTF-8 as the loader checks it: overlong forms, surrogates, code
 * points past U+10FFFF, stray continuation bytes and a sequence cut by
 * the end are refused at their first byte; four-byte and U+FFFD are
 * fine. */
static void utf8_check_is_strict(void **state)
{
    static const struct {
        const char *text;
        long bad;
    } cases[] = {
        {"ab\xC0\x80", 2},
        {"a\xE0\x80\x80", 1},
        {"\xED\xA0\x80z", 0},
        {"xy\xF4\x90\x80\x80", 2},
        {"\x80", 0},
        {"abc\xE2\x82", 3},
        {"\xEF\xBF\xBD ok", -1},
        {"\xF0\x9F\x98\x80 \xC3\xA9", -1},
        {"\xF4\x8F\xBF\xBF", -1},
        {"\xF8\x88\x80\x80\x80", 0},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++)
        assert_int_equal(
            utf8_invalid_offset(cases[k].text, strlen(cases[k].text)),
            cases[k].bad);
}

static void oversized_file_is_refused(void **state)
{
    char path[128];
    snprintf(path, sizeof path, "%s/big.yaml", tmpdir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "schema: 1\nscenario: |\n");
    for (int i = 0; i < 30000; i++)
        fprintf(f, "  %s\n", "a line of scenario text, repeated until too big");
    fclose(f);
    struct pbl_diags d = {0};
    assert_null(module_load_file(path, &d));
    assert_int_equal(d.n, 1);
    assert_non_null(strstr(d.v[0].msg, "modules are limited to 1048576"));
    diags_free(&d);
}

static void folder_and_fifo_are_refused(void **state)
{
    char fifo[128];
    snprintf(fifo, sizeof fifo, "%s/pipe.yaml", tmpdir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    struct pbl_diags d = {0};
    assert_null(module_load_file(fifo, &d));
    assert_null(module_load_file(tmpdir, &d));
    assert_null(module_load_file("/nonexistent/x.yaml", &d));
    assert_int_equal(d.n, 3);
    assert_non_null(strstr(d.v[0].msg, "not a regular file"));
    assert_non_null(strstr(d.v[1].msg, "is a folder"));
    assert_non_null(strstr(d.v[2].msg, "No such file"));
    diags_free(&d);
    unlink(fifo);
}

static const char module_a[] = "schema: 1\nid: same\ntitle: A\nversion: 1\n"
                               "scenario: S\nquestions:\n"
                               "  - {prompt: P, answer: A}\n";

/* library_load and library_check give the same messages; the check keeps
 * only each module's path and id. */
static void duplicate_ids_name_both_files(void **state)
{
    for (int check = 0; check < 2; check++) {
        char dir[128];
        snprintf(dir, sizeof dir, "%s/lib", tmpdir);
        mkdir(dir, 0700);
        write_file(dir, "a.yaml", module_a);
        write_file(dir, "b.yaml", module_a);
        write_file(dir, "c.yaml",
                   "schema: 1\nid: other\ntitle: C\nversion: 1\n"
                   "scenario: S\nquestions:\n  - {prompt: P, answer: A}\n");
        write_file(dir, "d.yaml", "schema: 1\nid: broken\n");
        write_file(dir, "notes.txt", "not a module");
        struct pbl_library lib;
        struct pbl_diags d = {0};
        const char *paths[] = {dir};
        assert_int_equal(
            (check ? library_check : library_load)(&lib, paths, 1, &d), 0);
        assert_int_equal(lib.nfiles, 4);
        assert_int_equal(lib.nbad, 3);
        assert_int_equal(lib.n, 1);
        assert_string_equal(lib.mods[0]->id, "other");
        assert_non_null(strstr(lib.mods[0]->path, "c.yaml"));
        if (check)
            assert_true(!lib.mods[0]->title && !lib.mods[0]->source &&
                        !lib.mods[0]->nquestions);
        else
            assert_string_equal(lib.mods[0]->title, "C");
        assert_non_null(library_find(&lib, "other"));
        assert_null(library_find(&lib, "same"));
        int a_names_b = 0, b_names_a = 0;
        for (size_t i = 0; i < d.n; i++) {
            if (strstr(d.v[i].file, "a.yaml") && strstr(d.v[i].msg, "b.yaml") &&
                d.v[i].line == 2 && d.v[i].col == 5)
                a_names_b = 1;
            if (strstr(d.v[i].file, "b.yaml") && strstr(d.v[i].msg, "a.yaml"))
                b_names_a = 1;
        }
        assert_true(a_names_b && b_names_a);
        library_free(&lib);
        diags_free(&d);
    }
}

static void shipped_vocabulary_defines_five_skills(void **state)
{
    struct pbl_vocabulary v;
    struct pbl_diags d = {0};
    assert_int_equal(vocabulary_load_file("modules/skills.yaml", &v, &d), 0);
    for (int k = 0; k < SKILL_COUNT; k++) {
        assert_non_null(v.skill[k].name);
        assert_true(strlen(v.skill[k].definition) > 20);
    }
    assert_string_equal(v.skill[SKILL_TANGIBLES].name, "Tangibles");
    vocabulary_free(&v);
}

/* What parse_small_file handed its parser. */
struct seen_file {
    char label[64];
    char text[64];
    size_t len;
};

/* A parser that keeps what it was given and fails on an empty file. */
static int keep_text(const char *label, const char *buf, size_t len, void *out,
                     struct pbl_diags *d)
{
    struct seen_file *seen = out;
    snprintf(seen->label, sizeof seen->label, "%s", label);
    snprintf(seen->text, sizeof seen->text, "%s", buf);
    seen->len = len;
    if (len)
        return 0;
    diags_add(d, label, 0, 0, "empty");
    return -1;
}

/* The skills and milestones loaders read through parse_small_file: the
 * parser gets the text labelled with the path and its result comes back;
 * a file that cannot be read never reaches the parser. */
static void small_files_are_read_then_parsed(void **state)
{
    char path[256];
    snprintf(path, sizeof path, "%s/f.yaml", tmpdir);
    write_file(tmpdir, "f.yaml", "schema: 1\n");
    struct seen_file seen = {0};
    struct pbl_diags d = {0};
    assert_int_equal(parse_small_file(path, 100, keep_text, &seen, &d), 0);
    assert_string_equal(seen.label, path);
    assert_string_equal(seen.text, "schema: 1\n");
    assert_int_equal(seen.len, 10);
    assert_int_equal(d.n, 0);
    /* over the limit: refused before parsing */
    memset(&seen, 0, sizeof seen);
    assert_int_equal(parse_small_file(path, 4, keep_text, &seen, &d), -1);
    assert_int_equal(seen.len, 0);
    assert_string_equal(seen.label, "");
    assert_int_equal(d.n, 1);
    diags_free(&d);
    /* the parser's failure is the result */
    write_file(tmpdir, "f.yaml", "");
    assert_int_equal(parse_small_file(path, 100, keep_text, &seen, &d), -1);
    assert_string_equal(seen.label, path);
    assert_int_equal(d.n, 1);
    diags_free(&d);
    struct pbl_milestones m;
    snprintf(path, sizeof path, "%s/missing.yaml", tmpdir);
    assert_int_equal(milestones_load_file(path, &m, &d), -1);
    assert_int_equal(d.n, 1);
    diags_free(&d);
}

static void vocabulary_errors_are_located(void **state)
{
    const char text[] = "schema: 1\nskills:\n"
                        "  - {id: reliability, name: R, definition: D}\n"
                        "  - {id: kindness, name: K, definition: D}\n"
                        "  - {id: reliability, name: R, definition: D}\n";
    struct pbl_vocabulary v;
    struct pbl_diags d = {0};
    assert_int_equal(vocabulary_parse("s.yaml", text, sizeof text - 1, &v, &d),
                     -1);
    assert_int_equal(d.n, 6); /* kindness, reliability twice, 4 undefined */
    assert_int_equal(d.v[0].line, 4);
    assert_int_equal(d.v[0].col, 10);
    assert_non_null(strstr(d.v[0].msg, "unknown skill 'kindness'"));
    assert_non_null(strstr(d.v[1].msg, "defined twice (first at line 3)"));
    assert_non_null(
        strstr(d.v[2].msg, "skill 'responsiveness' is not defined"));
    diags_free(&d);
}

static void shipped_library_loads_cleanly(void **state)
{
    struct pbl_library lib;
    struct pbl_diags d = {0};
    const char *paths[] = {"modules"};
    assert_int_equal(library_load(&lib, paths, 1, &d), 0);
    diags_print(&d, stderr);
    assert_int_equal(d.n, 0);
    assert_true(lib.have_vocab);
    assert_true(lib.n >= 12);
    /* every skill is the focus of at least three modules */
    int count[SKILL_COUNT] = {0};
    for (size_t i = 0; i < lib.n; i++)
        for (int k = 0; k < SKILL_COUNT; k++)
            count[k] += (lib.mods[i]->skills & SKILL_BIT(k)) != 0;
    for (int k = 0; k < SKILL_COUNT; k++)
        assert_true(count[k] >= 3);
    const struct pbl_module *m = library_find(&lib, "promised-read");
    assert_non_null(m);
    assert_string_equal(m->video.url, "https://youtu.be/r0wWDJvIgVM");
    library_free(&lib);
}

static void skill_names_round_trip(void **state)
{
    for (int k = 0; k < SKILL_COUNT; k++)
        assert_int_equal(skill_from_name(skill_name((enum pbl_skill)k)), k);
    assert_int_equal(skill_from_name("Empathy"), -1);
    /* the list PBL_SKILLS: its order, bits and message text */
    assert_string_equal(skill_name(SKILL_RELIABILITY), "reliability");
    assert_string_equal(skill_name(SKILL_TANGIBLES), "tangibles");
    assert_int_equal(SKILL_BIT(SKILL_EMPATHY), 8);
    assert_int_equal(SKILL_ALL, 31);
    assert_string_equal(PBL_SKILL_NAMES_TEXT, "reliability, responsiveness, "
                                              "assurance, empathy, tangibles");
    assert_string_equal(PBL_SKILL_ALL_SQL, "(0 | 1 | 2 | 4 | 8 | 16)");
    assert_string_equal(PBL_SKILLS_UNION_SQL("x"),
                        "(0 | max(x & 1) | max(x & 2) | max(x & 4)"
                        " | max(x & 8) | max(x & 16))");
    assert_string_equal(question_kind_name(QKIND_SKILLS), "skills");
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
    static char *names[256];
    size_t n = 0;
    DIR *dp = opendir(FIXTURES "/bad");
    if (!dp) {
        fprintf(stderr, "run from the repository root\n");
        return 1;
    }
    struct dirent *e;
    while ((e = readdir(dp)) && n < 256)
        if (strstr(e->d_name, ".yaml")) {
            names[n] = malloc(strlen(e->d_name) + sizeof FIXTURES "/bad/");
            sprintf(names[n++], FIXTURES "/bad/%s", e->d_name);
        }
    closedir(dp);
    qsort(names, n, sizeof *names, cmp_str);
    static const struct CMUnitTest fixed[] = {
        cmocka_unit_test(good_module_structure),
        cmocka_unit_test(minimal_module_has_defaults),
        cmocka_unit_test(bom_is_accepted),
        cmocka_unit_test(planned_minutes_use_written_boxes_or_defaults),
        cmocka_unit_test(video_file_is_relative_to_the_module),
        cmocka_unit_test(skills_are_judged_on_the_skills_question_only),
        cmocka_unit_test(controls_and_bad_utf8_found_at_every_offset),
        cmocka_unit_test(empty_file_is_refused),
        cmocka_unit_test(comment_only_file_is_refused),
        cmocka_unit_test(oversized_file_is_refused),
        cmocka_unit_test(folder_and_fifo_are_refused),
        cmocka_unit_test(duplicate_ids_name_both_files),
        cmocka_unit_test(shipped_vocabulary_defines_five_skills),
        cmocka_unit_test(vocabulary_errors_are_located),
        cmocka_unit_test(small_files_are_read_then_parsed),
        cmocka_unit_test(utf8_check_is_strict),
        cmocka_unit_test(shipped_library_loads_cleanly),
        cmocka_unit_test(skill_names_round_trip),
    };
    size_t nfixed = sizeof fixed / sizeof fixed[0];
    struct CMUnitTest *tests = calloc(n + nfixed, sizeof *tests);
    memcpy(tests, fixed, sizeof fixed);
    for (size_t i = 0; i < n; i++)
        tests[nfixed + i] =
            (struct CMUnitTest){.name = names[i] + sizeof FIXTURES "/bad/" - 1,
                                .test_func = check_bad_fixture,
                                .initial_state = names[i]};
    int rc = _cmocka_run_group_tests("module loader", tests, n + nfixed,
                                     make_tmpdir, remove_tmpdir);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(tests);
    return rc;
}
