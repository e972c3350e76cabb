/* export_fixture.c - builds the database the export and report tests
 * run on, through the real store API, with a fixed clock and fixed
 * UUIDs, so that every export of it is byte for byte the same.
 *
 *   export_fixture DB            the fixture: three sessions (below)
 *   export_fixture DB --many N   N more group sessions of promised-read,
 *                                every question answered (for size and
 *                                memory tests; not byte-stable)
 *   export_fixture DB --unreached  the fixture and three sessions the
 *                                report must not count as discussed
 *   export_fixture DB --roster   the fixture and its roster (below)
 *
 * Run from the top of the repository: it loads
 * tests/export/promised-read.yaml (a frozen copy of the shipped module)
 * and tests/fixtures/good/{sample-module,minimal}.yaml.
 *
 * The fixture:
 *  1. 00000000-0000-4000-8000-000000000001, group "Tuesday group",
 *     2026-03-03, finished: promised-read (every question answered, with
 *     hostile text: a formula, quotes, commas, newlines, <script>, &amp;,
 *     emoji and right-to-left text) and sample-module ("@SUM(1)", "-2");
 *     every stage timed (some over their time box), two parking-lot items,
 *     a review comment.
 *  2. 00000000-0000-4000-8000-000000000002, self-study by Noor,
 *     2026-03-05, finished: minimal (a leading tab), sample-module (gave
 *     up on Q1, Markdown look-alikes on Q2), self-ratings.
 *  3. 00000000-0000-4000-8000-000000000003, group 'Thursday "B" group',
 *     2026-03-06, still active: sample-module with a draft only; resolves
 *     session 1's first parking-lot item.
 * With --roster, the roster: Ana (PGY1), Ben and Chen (PGY2), who
 * attended session 1, and Noor (PGY1), renamed Noor Haddad after her
 * self-study (which was recorded under "Noor" and is not linked to her).
 * Without it the fixture is what schema 3 could hold (no roster). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "pbl/module.h"
#include "pbl/roster.h"
#include "pbl/store.h"
#include "store_raw.h"

static struct pbl_store *st;
static bool with_roster; /* --roster */

static void check(int rc, const char *what)
{
    if (rc != STORE_OK) {
        fprintf(stderr, "export_fixture: %s: %s\n", what, store_error(st));
        exit(1);
    }
}

/* Sets the frozen clock. */
static void at(const char *iso)
{
    setenv("PBL_NOW", iso, 1);
}

static struct pbl_module *load(const char *path)
{
    struct pbl_diags d = {0};
    struct pbl_module *m = module_load_file(path, &d);
    if (!m) {
        fprintf(stderr, "export_fixture: cannot load %s\n", path);
        exit(1);
    }
    diags_free(&d);
    return m;
}

/* Gives the session a fixed UUID (test code: a raw write). */
static void set_uuid(char uuid[static STORE_UUID_LEN + 1], const char *fixed)
{
    char sql[160];
    snprintf(sql, sizeof sql,
             "UPDATE sessions SET uuid = '%s' WHERE uuid = '%s'", fixed, uuid);
    if (sqlite3_exec(store_db(st), sql, NULL, NULL, NULL) != SQLITE_OK) {
        fprintf(stderr, "export_fixture: %s\n", sqlite3_errmsg(store_db(st)));
        exit(1);
    }
    strcpy(uuid, fixed);
}

/* Enters stage `stage` of module `pos` at time `when`. */
static void stage(const char *uuid, int pos, const char *name, int minutes,
                  const char *when)
{
    at(when);
    check(store_stage_enter(st, uuid, pos, name, minutes), "enter a stage");
}

/* Records an answer with its tags and ticks, then reveals. */
static void answer(const char *uuid, int pos, int q, const char *text,
                   unsigned skills, uint64_t points, const char *when)
{
    at(when);
    if (text)
        check(store_record_response(st, uuid, pos, q, text), "record");
    check(store_set_skills(st, uuid, pos, q, skills), "tag skills");
    check(store_set_points(st, uuid, pos, q, points), "tick points");
    check(store_mark_revealed(st, uuid, pos, q), "reveal");
}

#define R SKILL_BIT(SKILL_RELIABILITY)
#define RS SKILL_BIT(SKILL_RESPONSIVENESS)
#define A SKILL_BIT(SKILL_ASSURANCE)
#define E SKILL_BIT(SKILL_EMPATHY)
#define T SKILL_BIT(SKILL_TANGIBLES)

static void session1(struct pbl_module *pr, struct pbl_module *sample,
                     int64_t *park)
{
    char u[STORE_UUID_LEN + 1];
    const struct pbl_module *mods[] = {pr, sample};
    struct store_session_new n = {.kind = STORE_GROUP,
                                  .group_name = "Tuesday group",
                                  .facilitator = "Dr. O'Neil",
                                  .participants = "Ana, Ben & Chen",
                                  .notes = "Room 4B; the projector\nflickered.",
                                  .modules = mods,
                                  .nmodules = 2};
    at("2026-03-03T14:00:00Z");
    check(store_create_session(st, &n, u), "create session 1");
    set_uuid(u, "00000000-0000-4000-8000-000000000001");
    static const char *const attended[][2] = {
        {"Ana", "PGY1"}, {"Ben", "PGY2"}, {"Chen", "PGY2"}};
    for (int i = 0; with_roster && i < 3; i++) {
        int64_t id;
        check(roster_add(st, attended[i][0], attended[i][1], NULL, &id),
              "roster add");
        check(roster_set_present(st, u, id, true), "attend");
    }
    stage(u, 0, "scenario", 0, "2026-03-03T14:00:00Z");
    stage(u, 0, "video", 3, "2026-03-03T14:02:30Z");
    stage(u, 0, "q1", 4, "2026-03-03T14:06:00Z");
    answer(u, 0, 0,
           "The medicine resident who was promised a call back, and the "
           "trauma team.",
           R | RS, 0x3, "2026-03-03T14:09:00Z");
    stage(u, 0, "q2", 4, "2026-03-03T14:10:00Z");
    answer(u, 0, 1, "=HYPERLINK(\"http://example.com/x\",\"Click me\")", R | E,
           0x1, "2026-03-03T14:15:30Z");
    at("2026-03-03T14:12:00Z");
    check(
        store_park_item(st, u, "How do we escalate a delayed read?", &park[0]),
        "park");
    stage(u, 0, "q3", 5, "2026-03-03T14:16:00Z");
    answer(u, 0, 2,
           "He said \"of course\", then forgot,\nand the call never came.\n"
           "<script>alert('x')</script> &amp; more",
           RS, 0x0, "2026-03-03T14:20:00Z");
    /* changed after the model answer was shown */
    at("2026-03-03T14:20:30Z");
    check(store_record_response(st, u, 0, 2,
                                "He said \"of course\", then forgot,\nand "
                                "the call never came.\n=responsiveness "
                                "<b>after</b> the reveal"),
          "edit after reveal");
    stage(u, 0, "q4", 7, "2026-03-03T14:21:00Z");
    answer(u, 0, 3,
           "Call back within 15 minutes \xF0\x9F\x99\x82 \xE2\x80\x94 "
           "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D, "
           "\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7",
           R | A, 0x5, "2026-03-03T14:25:00Z");
    stage(u, 1, "scenario", 0, "2026-03-03T14:26:00Z");
    stage(u, 1, "video", 3, "2026-03-03T14:28:00Z");
    stage(u, 1, "q1", 4, "2026-03-03T14:31:00Z");
    answer(u, 1, 0, "@SUM(1)", RS, 0x2, "2026-03-03T14:34:00Z");
    stage(u, 1, "q2", 0, "2026-03-03T14:35:00Z");
    answer(u, 1, 1, "-2", 0, 0, "2026-03-03T14:37:00Z");
    at("2026-03-03T14:38:00Z");
    check(store_park_item(st, u,
                          "\tWho owns the call-back list, the "
                          "resident or the desk?",
                          &park[1]),
          "park");
    stage(u, 0, "summary", 0, "2026-03-03T14:40:00Z");
    at("2026-03-03T14:45:00Z");
    check(store_finish_session(st, u), "finish");
    at("2026-03-04T09:00:00Z");
    check(store_add_review_comment(st, u,
                                   "Good discussion; +assurance next time."),
          "comment");
}

static void session2(struct pbl_module *minimal, struct pbl_module *sample)
{
    char u[STORE_UUID_LEN + 1];
    const struct pbl_module *mods[] = {minimal, sample};
    struct store_session_new n = {.kind = STORE_SELF_STUDY,
                                  .resident = "Noor",
                                  .modules = mods,
                                  .nmodules = 2};
    at("2026-03-05T08:00:00Z");
    check(store_create_session(st, &n, u), "create session 2");
    set_uuid(u, "00000000-0000-4000-8000-000000000002");
    stage(u, 0, "scenario", 0, "2026-03-05T08:00:00Z");
    stage(u, 0, "q1", 0, "2026-03-05T08:01:00Z");
    answer(u, 0, 0, "\tLeading tab, then the patient.", 0, 0,
           "2026-03-05T08:03:00Z");
    check(store_set_rating(st, u, 0, 0, STORE_RATING_GOT), "rate");
    stage(u, 1, "scenario", 0, "2026-03-05T08:04:00Z");
    stage(u, 1, "video", 3, "2026-03-05T08:05:00Z");
    stage(u, 1, "q1", 4, "2026-03-05T08:09:00Z");
    at("2026-03-05T08:10:00Z");
    check(store_set_gave_up(st, u, 1, 0, true), "give up");
    check(store_mark_revealed(st, u, 1, 0), "reveal");
    stage(u, 1, "q2", 0, "2026-03-05T08:12:00Z");
    answer(u, 1, 1,
           "1. **not bold** [not a link](http://x.example) `code` # hash\n"
           "- not a list\n> not a quote\n\n| a | b |",
           R, 0, "2026-03-05T08:15:00Z");
    check(store_set_rating(st, u, 1, 1, STORE_RATING_PARTLY), "rate");
    stage(u, 0, "summary", 0, "2026-03-05T08:16:00Z");
    at("2026-03-05T08:18:00Z");
    check(store_finish_session(st, u), "finish");
}

static void session3(struct pbl_module *sample, const int64_t *park)
{
    char u[STORE_UUID_LEN + 1];
    const struct pbl_module *mods[] = {sample};
    struct store_session_new n = {.kind = STORE_GROUP,
                                  .group_name = "Thursday \"B\" group",
                                  .facilitator = "Dr. Kim",
                                  .modules = mods,
                                  .nmodules = 1};
    at("2026-03-06T10:00:00Z");
    check(store_create_session(st, &n, u), "create session 3");
    set_uuid(u, "00000000-0000-4000-8000-000000000003");
    stage(u, 0, "scenario", 0, "2026-03-06T10:00:00Z");
    stage(u, 0, "video", 3, "2026-03-06T10:02:00Z");
    stage(u, 0, "q1", 4, "2026-03-06T10:04:00Z");
    at("2026-03-06T10:05:00Z");
    check(store_save_draft(st, u, 0, 0, "The trauma team, and"), "draft");
    check(store_resolve_park_item(st, park[0], u), "resolve");
}

/* What the report must not count as discussed (issue 11.2): a group
 * session stopped at module 2's video (module 1 answered), an empty
 * self-study attempt, and an abandoned attempt with an answer. All
 * started before session 1, so "the most recent session" stays session
 * 3. */
static void unreached(struct pbl_module *pr, struct pbl_module *sample,
                      struct pbl_module *minimal)
{
    char u[STORE_UUID_LEN + 1];
    const struct pbl_module *mods[] = {sample, pr};
    struct store_session_new n = {.kind = STORE_GROUP,
                                  .group_name = "Tuesday group",
                                  .facilitator = "Dr. O'Neil",
                                  .modules = mods,
                                  .nmodules = 2};
    at("2026-03-01T14:00:00Z");
    check(store_create_session(st, &n, u), "create session 4");
    set_uuid(u, "00000000-0000-4000-8000-000000000004");
    stage(u, 0, "scenario", 0, "2026-03-01T14:00:00Z");
    stage(u, 0, "q1", 4, "2026-03-01T14:03:00Z");
    answer(u, 0, 0, "The trauma team.", RS, 0x2, "2026-03-01T14:06:00Z");
    stage(u, 1, "scenario", 0, "2026-03-01T14:08:00Z");
    stage(u, 1, "video", 3, "2026-03-01T14:10:00Z");
    at("2026-03-01T14:12:00Z");
    check(store_stage_pause(st, u, "quit"), "quit");

    const struct pbl_module *one[] = {minimal};
    struct store_session_new a = {.kind = STORE_SELF_STUDY,
                                  .resident = "Noor",
                                  .modules = one,
                                  .nmodules = 1};
    at("2026-03-02T08:00:00Z");
    check(store_create_session(st, &a, u), "create session 5");
    set_uuid(u, "00000000-0000-4000-8000-000000000005");
    stage(u, 0, "scenario", 0, "2026-03-02T08:00:00Z");
    stage(u, 0, "q1", 0, "2026-03-02T08:01:00Z");
    check(store_save_draft(st, u, 0, 0, "  \n"), "blank draft");

    at("2026-03-02T09:00:00Z");
    check(store_create_session(st, &a, u), "create session 6");
    set_uuid(u, "00000000-0000-4000-8000-000000000006");
    stage(u, 0, "q1", 0, "2026-03-02T09:00:00Z");
    answer(u, 0, 0, "The patient.", 0, 0, "2026-03-02T09:02:00Z");
    at("2026-03-02T09:03:00Z");
    check(store_abandon_session(st, u), "abandon");
}

/* N group sessions of promised-read, every question answered. */
static void many(struct pbl_module *pr, long count)
{
    sqlite3_exec(store_db(st), "PRAGMA synchronous=OFF", NULL, NULL, NULL);
    const struct pbl_module *mods[] = {pr};
    struct store_session_new n = {.kind = STORE_GROUP,
                                  .group_name = "Load group",
                                  .modules = mods,
                                  .nmodules = 1};
    at("2026-04-01T10:00:00Z");
    for (long i = 0; i < count; i++) {
        char u[STORE_UUID_LEN + 1], text[160];
        check(store_create_session(st, &n, u), "create");
        for (int q = 0; q < (int)pr->nquestions; q++) {
            snprintf(text, sizeof text,
                     "Answer %ld.%d, \"quoted\", with a comma\nand a line.", i,
                     q + 1);
            check(store_record_response(st, u, 0, q, text), "record");
        }
    }
}

int main(int argc, char **argv)
{
    with_roster = argc == 3 && strcmp(argv[2], "--roster") == 0;
    if (argc != 2 && !(argc == 4 && strcmp(argv[2], "--many") == 0) &&
        !(argc == 3 && strcmp(argv[2], "--unreached") == 0) && !with_roster) {
        fprintf(stderr, "usage: export_fixture DB [--many N | --unreached | "
                        "--roster]\n");
        return 2;
    }
    char *err = NULL;
    at("2026-03-03T14:00:00Z");
    if (store_open(argv[1], STORE_CREATE, &st, &err) != STORE_OK) {
        fprintf(stderr, "export_fixture: %s\n", err);
        free(err);
        return 1;
    }
    struct pbl_module *pr = load("tests/export/promised-read.yaml");
    struct pbl_module *sample = load("tests/fixtures/good/sample-module.yaml");
    struct pbl_module *minimal = load("tests/fixtures/good/minimal.yaml");
    if (argc == 4) {
        many(pr, atol(argv[3]));
    } else {
        int64_t park[2];
        session1(pr, sample, park);
        session2(minimal, sample);
        if (with_roster) {
            check(roster_add(st, "Noor", "PGY1", NULL, NULL), "roster add");
            at("2026-03-05T18:00:00Z");
            check(roster_rename(st, "Noor", "Noor Haddad"), "roster rename");
        }
        session3(sample, park);
        if (argc == 3 && !with_roster)
            unreached(pr, sample, minimal);
    }
    module_free(pr);
    module_free(sample);
    module_free(minimal);
    store_close(st);
    return 0;
}
