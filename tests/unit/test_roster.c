/* test_roster.c - the roster of residents (roster.h): names normalised
 * (spaces, case, Unicode), classes, rename keeping the old name and the
 * records, retire, attendance with late arrivals and early leavers,
 * speakers, and one resident's record gathering group sessions attended
 * and self-study. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "pbl/roster.h"
#include "test_store_util.h"

/* A database with one group session of 3 questions. */
static int setup(void **state)
{
    return store_fixture_setup(state, 3);
}

#define teardown store_fixture_teardown

/* A self-study session under `name`; uuid filled. */
static void new_study(struct pbl_store *st, const char *name,
                      char uuid[static STORE_UUID_LEN + 1])
{
    struct pbl_module *m = make_module("promised-read", 2);
    const struct pbl_module *mods[] = {m};
    struct store_session_new n = {.kind = STORE_SELF_STUDY,
                                  .resident = name,
                                  .modules = mods,
                                  .nmodules = 1};
    assert_int_equal(store_create_session(st, &n, uuid), STORE_OK);
    free_module(m);
}

static void classes(void **state)
{
    (void)state;
    char out[ROSTER_CLASS_MAX];
    assert_int_equal(roster_class_parse("pgy2", out), 0);
    assert_string_equal(out, "PGY2");
    assert_int_equal(roster_class_parse("PGY5", out), 0);
    assert_string_equal(out, "PGY5");
    assert_int_equal(roster_class_parse("2027", out), 0);
    assert_string_equal(out, "2027");
    assert_int_equal(roster_class_parse("PGY6", out), -1);
    assert_int_equal(roster_class_parse("PGY0", out), -1);
    assert_int_equal(roster_class_parse("PGY22", out), -1);
    assert_int_equal(roster_class_parse("27", out), -1);
    assert_int_equal(roster_class_parse("1800", out), -1);
    assert_int_equal(roster_class_parse("", out), -1);
    assert_int_equal(roster_class_parse(NULL, out), -1);
}

static void add_normalises_names(void **state)
{
    struct store_fixture *f = *state;
    int64_t id;
    assert_int_equal(
        roster_add(f->st, "  Ana \t Rivera ", "pgy2", "ana@example.org", &id),
        STORE_OK);
    struct roster_resident r;
    assert_int_equal(roster_find(f->st, "ANA rivera", &r), STORE_OK);
    assert_int_equal(r.id, id);
    assert_string_equal(r.name, "Ana Rivera");
    assert_string_equal(r.klass, "PGY2");
    assert_string_equal(r.email, "ana@example.org");
    assert_true(r.active);
    assert_string_equal(r.added_at, "2026-01-02T03:04:05Z");
    roster_resident_free(&r);
    /* the same person however spelled is refused */
    assert_int_equal(roster_add(f->st, "ana  RIVERA", "PGY1", NULL, NULL),
                     STORE_ERROR);
    assert_non_null(strstr(store_error(f->st), "already on the roster"));
    /* Unicode case folding: "ÉLODIE" is "élodie" */
    assert_int_equal(roster_add(f->st, "Élodie Durand", "2027", NULL, NULL),
                     STORE_OK);
    assert_int_equal(roster_find(f->st, "ÉLODIE DURAND", &r), STORE_OK);
    assert_string_equal(r.name, "Élodie Durand");
    assert_null(r.email);
    roster_resident_free(&r);
    assert_int_equal(roster_add(f->st, "   ", "PGY1", NULL, NULL), STORE_ERROR);
    assert_non_null(strstr(store_error(f->st), "needs a name"));
    assert_int_equal(roster_add(f->st, "Ben", "PGY7", NULL, NULL), STORE_ERROR);
    assert_int_equal(roster_find(f->st, "nobody", &r), STORE_NOT_FOUND);
    assert_int_equal(sql_int(f->st, "SELECT count(*) FROM residents"), 2);
}

static void rename_keeps_history(void **state)
{
    struct store_fixture *f = *state;
    int64_t ana, ben;
    assert_int_equal(roster_add(f->st, "Ana Rivera", "PGY2", NULL, &ana),
                     STORE_OK);
    assert_int_equal(roster_add(f->st, "Ben Okafor", "PGY2", NULL, &ben),
                     STORE_OK);
    /* a self-study before the rename, under the old name */
    char old_study[STORE_UUID_LEN + 1];
    new_study(f->st, "ana rivera", old_study);
    assert_int_equal(roster_set_present(f->st, f->uuid, ana, true), STORE_OK);

    assert_int_equal(roster_rename(f->st, "Ben Okafor", "ana rivera"),
                     STORE_ERROR); /* taken */
    setenv("PBL_NOW", "2026-02-01T00:00:00Z", 1);
    assert_int_equal(roster_rename(f->st, "ana rivera", " Ana  Rivera-Lopez"),
                     STORE_OK);
    struct roster_resident r;
    assert_int_equal(roster_find(f->st, "Ana Rivera", &r), STORE_OK);
    assert_int_equal(r.id, ana);
    assert_string_equal(r.name, "Ana Rivera-Lopez");
    roster_resident_free(&r);
    struct pbl_strv former;
    assert_int_equal(roster_former_names(f->st, ana, &former), STORE_OK);
    assert_int_equal(former.n, 1);
    assert_string_equal(former.v[0], "Ana Rivera");
    store_strv_free(&former);

    /* the records follow the person: the group session attended and the
     * self-study under the former name */
    char new_study_uuid[STORE_UUID_LEN + 1];
    new_study(f->st, "Ana Rivera-Lopez", new_study_uuid);
    assert_int_equal(roster_link_study(f->st, new_study_uuid, ana), STORE_OK);
    struct roster_records rec;
    assert_int_equal(roster_resident_records(f->st, ana, &rec), STORE_OK);
    assert_int_equal(rec.n, 3);
    int groups = 0, studies = 0;
    for (size_t i = 0; i < rec.n; i++) {
        if (rec.v[i].kind == STORE_GROUP) {
            groups++;
            assert_string_equal(rec.v[i].uuid, f->uuid);
            assert_string_equal(rec.v[i].label, "Tuesday group");
        } else {
            studies++;
        }
    }
    assert_int_equal(groups, 1);
    assert_int_equal(studies, 2);
    roster_records_free(&rec);
    /* Ben has none */
    assert_int_equal(roster_resident_records(f->st, ben, &rec), STORE_OK);
    assert_int_equal(rec.n, 0);
    roster_records_free(&rec);
    /* a new resident may take a former name: the current name wins */
    int64_t other;
    assert_int_equal(roster_add(f->st, "Ana Rivera", "PGY1", NULL, &other),
                     STORE_OK);
    assert_int_equal(roster_find(f->st, "ana rivera", &r), STORE_OK);
    assert_int_equal(r.id, other);
    roster_resident_free(&r);
}

static void retire_lists(void **state)
{
    struct store_fixture *f = *state;
    assert_int_equal(roster_add(f->st, "Zoe", "PGY5", NULL, NULL), STORE_OK);
    assert_int_equal(roster_add(f->st, "adam", "PGY1", NULL, NULL), STORE_OK);
    assert_int_equal(roster_add(f->st, "Bea", "PGY3", NULL, NULL), STORE_OK);
    assert_int_equal(roster_retire(f->st, "zoe"), STORE_OK);
    assert_int_equal(roster_retire(f->st, "nobody"), STORE_NOT_FOUND);
    struct roster_list l;
    assert_int_equal(roster_list(f->st, false, &l), STORE_OK);
    assert_int_equal(l.n, 2);
    assert_string_equal(l.v[0].name, "adam");
    assert_string_equal(l.v[1].name, "Bea");
    roster_list_free(&l);
    assert_int_equal(roster_list(f->st, true, &l), STORE_OK);
    assert_int_equal(l.n, 3);
    assert_string_equal(l.v[2].name, "Zoe");
    assert_false(l.v[2].active);
    assert_string_equal(l.v[2].retired_at, "2026-01-02T03:04:05Z");
    roster_list_free(&l);
}

static void attendance_and_speakers(void **state)
{
    struct store_fixture *f = *state;
    int64_t ana, ben, cy;
    assert_int_equal(roster_add(f->st, "Ana", "PGY2", NULL, &ana), STORE_OK);
    assert_int_equal(roster_add(f->st, "Ben", "PGY2", NULL, &ben), STORE_OK);
    assert_int_equal(roster_add(f->st, "Cy", "PGY2", NULL, &cy), STORE_OK);
    assert_int_equal(roster_set_present(f->st, f->uuid, ana, true), STORE_OK);
    assert_int_equal(roster_set_present(f->st, f->uuid, ben, true), STORE_OK);
    /* Ben leaves early, Cy arrives late */
    setenv("PBL_NOW", "2026-01-02T04:00:00Z", 1);
    assert_int_equal(roster_set_present(f->st, f->uuid, ben, false), STORE_OK);
    assert_int_equal(roster_set_present(f->st, f->uuid, cy, true), STORE_OK);
    struct roster_attendance a;
    assert_int_equal(roster_list_attendance(f->st, f->uuid, &a), STORE_OK);
    assert_int_equal(a.n, 3);
    assert_string_equal(a.v[0].name, "Ana");
    assert_string_equal(a.v[0].left_at, "");
    assert_string_equal(a.v[1].name, "Ben");
    assert_string_equal(a.v[1].left_at, "2026-01-02T04:00:00Z");
    assert_string_equal(a.v[2].name, "Cy");
    assert_string_equal(a.v[2].joined_at, "2026-01-02T04:00:00Z");
    roster_attendance_free(&a);
    assert_int_equal(sql_int(f->st, "SELECT count(*) FROM events WHERE"
                                    " type IN ('attend', 'leave')"),
                     4);

    assert_int_equal(roster_set_speaker(f->st, f->uuid, 0, 1, cy, true),
                     STORE_OK);
    assert_int_equal(roster_set_speaker(f->st, f->uuid, 0, 1, ana, true),
                     STORE_OK);
    assert_int_equal(roster_set_speaker(f->st, f->uuid, 0, 1, ana, true),
                     STORE_OK); /* twice is once */
    int64_t *ids;
    size_t n;
    assert_int_equal(roster_list_speakers(f->st, f->uuid, 0, 1, &ids, &n),
                     STORE_OK);
    assert_int_equal(n, 2);
    assert_int_equal(ids[0], ana);
    assert_int_equal(ids[1], cy);
    free(ids);
    assert_int_equal(roster_set_speaker(f->st, f->uuid, 0, 1, cy, false),
                     STORE_OK);
    assert_int_equal(roster_list_speakers(f->st, f->uuid, 0, 1, &ids, &n),
                     STORE_OK);
    assert_int_equal(n, 1);
    free(ids);
    /* someone who did not attend cannot speak */
    int64_t dee;
    assert_int_equal(roster_add(f->st, "Dee", "PGY2", NULL, &dee), STORE_OK);
    assert_int_equal(roster_set_speaker(f->st, f->uuid, 0, 0, dee, true),
                     STORE_ERROR);
    assert_non_null(strstr(store_error(f->st), "attended"));
    struct roster_records rec;
    assert_int_equal(roster_resident_records(f->st, ana, &rec), STORE_OK);
    assert_int_equal(rec.n, 1);
    assert_int_equal(rec.v[0].spoke, 1);
    roster_records_free(&rec);
    /* self-study sessions take no attendance */
    char study[STORE_UUID_LEN + 1];
    new_study(f->st, "Ana", study);
    assert_int_equal(roster_set_present(f->st, study, ana, true), STORE_ERROR);
    /* deleting the session takes its attendance along */
    assert_int_equal(store_delete_session(f->st, f->uuid), STORE_OK);
    assert_int_equal(sql_int(f->st, "SELECT count(*) FROM attendance"), 0);
    assert_int_equal(sql_int(f->st, "SELECT count(*) FROM speakers"), 0);
}

/* Sets the fixture session's free-text participants. */
static void set_participants(struct pbl_store *st, const char *text)
{
    sqlite3_stmt *s = NULL;
    assert_int_equal(sqlite3_prepare_v2(store_db(st),
                                        "UPDATE sessions SET participants = ?1"
                                        " WHERE kind = 'group'",
                                        -1, &s, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(s, 1, text, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(s), SQLITE_DONE);
    sqlite3_finalize(s);
}

/* How many group sessions the resident's record holds. */
static size_t groups_of(struct pbl_store *st, int64_t id)
{
    struct roster_records rec;
    assert_int_equal(roster_resident_records(st, id, &rec), STORE_OK);
    size_t n = 0;
    for (size_t i = 0; i < rec.n; i++)
        n += rec.v[i].kind == STORE_GROUP;
    roster_records_free(&rec);
    return n;
}

/* A group session recorded before the roster (free-text participants, no
 * attendance) counts for the residents it names by a current or former
 * name, split on commas, semicolons and "and", case and spaces folded;
 * once it has attendance, only the attendance counts. */
static void older_sessions_by_name(void **state)
{
    struct store_fixture *f = *state;
    int64_t ana, ben, chen, dee, andy;
    assert_int_equal(roster_add(f->st, "Ana Rivera", "PGY2", NULL, &ana),
                     STORE_OK);
    assert_int_equal(roster_add(f->st, "Ben", "PGY2", NULL, &ben), STORE_OK);
    assert_int_equal(roster_add(f->st, "Chen Li", "PGY1", NULL, &chen),
                     STORE_OK);
    assert_int_equal(roster_add(f->st, "Dee", "PGY1", NULL, &dee), STORE_OK);
    assert_int_equal(roster_add(f->st, "Andy", "PGY1", NULL, &andy), STORE_OK);
    set_participants(f->st, "  ana  RIVERA, Ben;chen li and Andyx");
    assert_int_equal(groups_of(f->st, ana), 1);
    assert_int_equal(groups_of(f->st, ben), 1);
    assert_int_equal(groups_of(f->st, chen), 1);
    assert_int_equal(groups_of(f->st, dee), 0);
    assert_int_equal(groups_of(f->st, andy), 0); /* "Andyx" is not Andy */
    set_participants(f->st, "Dee AND Andy");
    assert_int_equal(groups_of(f->st, dee), 1);
    assert_int_equal(groups_of(f->st, andy), 1);
    assert_int_equal(groups_of(f->st, ana), 0);
    /* a former name counts */
    set_participants(f->st, "Ana Rivera");
    assert_int_equal(roster_rename(f->st, "Ana Rivera", "Ana Lopez"), STORE_OK);
    assert_int_equal(groups_of(f->st, ana), 1);
    /* attendance, once taken, is the record */
    assert_int_equal(roster_set_present(f->st, f->uuid, ben, true), STORE_OK);
    assert_int_equal(groups_of(f->st, ana), 0);
    assert_int_equal(groups_of(f->st, ben), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(classes),
        cmocka_unit_test_setup_teardown(add_normalises_names, setup, teardown),
        cmocka_unit_test_setup_teardown(rename_keeps_history, setup, teardown),
        cmocka_unit_test_setup_teardown(retire_lists, setup, teardown),
        cmocka_unit_test_setup_teardown(attendance_and_speakers, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(older_sessions_by_name, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
