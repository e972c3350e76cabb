/* test_phi.c - what looks like a patient identifier (phi.h): true ones of
 * each kind, realistic false positives from radiology teaching ("eGFR
 * 30", "PGY2", "14:15", "CT at 2 pm", doses, levels, sizes, and every
 * shipped module's own text), masking, a program's own patterns, and the
 * export seam (temporary views) counting each text once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "pbl/diag.h"
#include "pbl/library.h"
#include "pbl/phi.h"
#include "pbl/store_walk.h"
#include "test_store_util.h"

static int setup(void **state)
{
    *state = phi_default();
    return *state ? 0 : -1;
}

static int teardown(void **state)
{
    phi_free(*state);
    return 0;
}

/* Asserts that text holds exactly one identifier, of `kind`, spelled
 * `what`. */
static void expect_one(const struct phi_set *set, const char *text,
                       const char *kind, const char *what)
{
    struct phi_match m[4];
    size_t n = phi_find(set, text, m, 4);
    if (n != 1)
        fail_msg("'%s': %zu matches, wanted one %s", text, n, kind);
    assert_string_equal(m[0].kind, kind);
    if (strlen(what) != m[0].len || strncmp(text + m[0].start, what, m[0].len))
        fail_msg("'%s': matched '%.*s', wanted '%s'", text, (int)m[0].len,
                 text + m[0].start, what);
}

static void true_identifiers(void **state)
{
    const struct phi_set *set = *state;
    expect_one(set, "Pt MRN 00482913 came back", "record number",
               "MRN 00482913");
    expect_one(set, "medical record number: A-1234567", "record number",
               "medical record number: A-1234567");
    expect_one(set, "chart # 883201 reviewed", "record number",
               "chart # 883201");
    expect_one(set, "accession 20931122 was read twice", "record number",
               "accession 20931122");
    expect_one(set, "she was DOB 3/14/1962 per the chart", "date of birth",
               "DOB 3/14/1962");
    expect_one(set, "born on 1962-03-14", "date of birth",
               "born on 1962-03-14");
    expect_one(set, "seen on 03/14/2025 in clinic", "date", "03/14/2025");
    expect_one(set, "seen March 14, 2025 for pain", "date", "March 14, 2025");
    expect_one(set, "seen 14 Mar 2025", "date", "14 Mar 2025");
    expect_one(set, "call her at (415) 555-0134 tonight", "phone",
               "(415) 555-0134");
    expect_one(set, "daughter: 415-555-0134.", "phone", "415-555-0134");
    expect_one(set, "+44 20 7946 0958", "phone", "+44 20 7946 0958");
    expect_one(set, "emailed jane.doe@example.org the images", "email",
               "jane.doe@example.org");
    expect_one(set, "lives at 1427 Elm Street, alone", "street address",
               "1427 Elm Street");
    expect_one(set, "from 12 Old Mill Rd. by ambulance", "street address",
               "12 Old Mill Rd.");
    expect_one(set, "ref 123456789", "record number", "123456789");
}

static void false_positives(void **state)
{
    const struct phi_set *set = *state;
    static const char *const clean[] = {
        "eGFR 30, so no contrast",
        "a PGY2 on nights",
        "the read came at 14:15",
        "CT at 2 pm, MRI at 4",
        "BP 120/80, HR 100, T 38.5",
        "give 2.5 mg/kg, max 10 mg",
        "a 1.5 cm nodule in segment 7",
        "C5-C6 disc, L4/5 stenosis",
        "3/4 residents named it",
        "ASA 2, GCS 15, NIHSS 4",
        "the 2024 ACGME milestones, ICS1 and PROF2",
        "the stroke alert at 0200 hours",
        "about 1,000,000 studies a year",
        "2 view CT then a 3 T MRI",
        "see 3 patients with Dr Patel",
        "version 1.2.3",
        "12/2025 rotation",
        "room 4B, bay 12",
        "ext 4321 or pager 5678",
        "",
    };
    for (size_t i = 0; i < sizeof clean / sizeof clean[0]; i++) {
        struct phi_match m;
        if (phi_find(set, clean[i], &m, 1))
            fail_msg("'%s': '%.*s' taken for a %s", clean[i], (int)m.len,
                     clean[i] + m.start, m.kind);
    }
    assert_false(phi_contains(set, NULL, NULL));
}

/* Checks one text of a module; counts the texts checked. */
static void module_text_clean(const struct phi_set *set, const char *where,
                              const char *text, size_t *n)
{
    struct phi_match m;
    if (text && phi_find(set, text, &m, 1))
        fail_msg("%s: '%.*s' taken for a %s", where, (int)m.len, text + m.start,
                 m.kind);
    (*n)++;
}

static void shipped_modules_are_clean(void **state)
{
    const struct phi_set *set = *state;
    struct pbl_library lib = {0};
    struct pbl_diags d = {0};
    const char *paths[] = {"modules"};
    assert_int_equal(library_load(&lib, paths, 1, &d), 0);
    assert_true(lib.n > 5);
    size_t n = 0;
    for (size_t i = 0; i < lib.n; i++) {
        const struct pbl_module *mod = lib.mods[i];
        module_text_clean(set, mod->id, mod->scenario, &n);
        module_text_clean(set, mod->id, mod->summary, &n);
        for (size_t q = 0; q < mod->nquestions; q++) {
            const struct pbl_question *qu = &mod->questions[q];
            module_text_clean(set, mod->id, qu->prompt, &n);
            module_text_clean(set, mod->id, qu->answer, &n);
            module_text_clean(set, mod->id, qu->notes, &n);
            for (size_t p = 0; p < qu->points.n; p++)
                module_text_clean(set, mod->id, qu->points.v[p], &n);
        }
    }
    assert_true(n > 100);
    library_free(&lib);
    diags_free(&d);
}

static void masking(void **state)
{
    const struct phi_set *set = *state;
    size_t n;
    char *s = phi_mask(set, "Call 415-555-0134 re MRN 00482913; eGFR 30.", &n);
    assert_int_equal(n, 2);
    assert_string_equal(s, "Call " PHI_MASK " re " PHI_MASK "; eGFR 30.");
    free(s);
    s = phi_mask(set, "nothing here", &n);
    assert_int_equal(n, 0);
    assert_string_equal(s, "nothing here");
    free(s);
    assert_null(phi_mask(set, NULL, &n));
    const char *kind;
    assert_true(phi_contains(set, "x jane@example.org", &kind));
    assert_string_equal(kind, "email");
}

static void own_patterns(void **state)
{
    (void)state;
    struct phi_set *set = phi_default();
    char *err = NULL;
    assert_int_equal(phi_add_patterns(set,
                                      "# our hospital numbers\n"
                                      "\n"
                                      "hospital-id  H[[:digit:]]{6}\n",
                                      &err),
                     0);
    assert_null(err);
    expect_one(set, "patient h123456 on 5W", "hospital-id", "h123456");
    assert_int_equal(phi_add_patterns(set, "ok x\nbad (unclosed\n", &err), -1);
    assert_non_null(strstr(err, "line 2"));
    free(err);
    assert_int_equal(phi_add_patterns(set, "onlyakind\n", &err), -1);
    assert_non_null(strstr(err, "line 1"));
    free(err);
    phi_free(set);
}

/* The export seam: views mask what any query reads, each text counted
 * once however often it is read; the tables are untouched; a program's
 * own patterns from the settings apply. */
static void export_seam(void **state)
{
    (void)state;
    char *dir = scratch_dir();
    struct pbl_store *st = open_in(dir, "pbl.db");
    char uuid[STORE_UUID_LEN + 1];
    assert_int_equal(new_session(st, "Tuesday", 2, uuid), STORE_OK);
    assert_int_equal(
        store_record_response(st, uuid, 0, 0, "call 415-555-0134, eGFR 30"),
        STORE_OK);
    assert_int_equal(store_park_item(st, uuid, "ask about H123456", NULL),
                     STORE_OK);
    assert_int_equal(store_set_setting(st, PHI_SETTING, "ward H[0-9]{6}\n"),
                     STORE_OK);
    char *err = NULL;
    struct store_mask *m = store_mask_begin(st, &err);
    assert_non_null(m);
    for (int i = 0; i < 2; i++) { /* read twice, counted once */
        assert_int_equal(sql_int(st,
                                 "SELECT count(*) FROM responses WHERE text ="
                                 " 'call [identifier removed], eGFR 30'"),
                         1);
        assert_int_equal(sql_int(st, "SELECT count(*) FROM parking WHERE text"
                                     " = 'ask about [identifier removed]'"),
                         1);
    }
    assert_int_equal(store_mask_end(st, m), 2);
    assert_int_equal(sql_int(st, "SELECT count(*) FROM responses WHERE text"
                                 " LIKE '%415-555-0134%'"),
                     1);
    /* writes work again once the views are gone */
    assert_int_equal(store_record_response(st, uuid, 0, 1, "more"), STORE_OK);
    store_close(st);
    rm_tree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(true_identifiers, setup, teardown),
        cmocka_unit_test_setup_teardown(false_positives, setup, teardown),
        cmocka_unit_test_setup_teardown(shipped_modules_are_clean, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(masking, setup, teardown),
        cmocka_unit_test(own_patterns),
        cmocka_unit_test(export_seam),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
