/* test_core_alone.c - the core (libpbl.a) links and works on its own.
 *
 * The Makefile links this program with libpbl.a as a whole archive (every
 * object, needed or not) and without the screens (libpbltui.a), the command
 * line (src/cli/) or curses: a core file that calls up into either layer,
 * or into curses, makes the link fail, and with it `make check`. The tests
 * walk the core's own path from a module file to a written record: load
 * the library, open a store, record a session on a loaded module, export
 * it. tests/cli/layers.sh names the offending symbol or #include. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "pbl/export.h"
#include "pbl/library.h"
#include "test_store_util.h"

/* The module fixtures and the shipped modules load, with no problem. */
static void library_loads_the_fixtures(void **state)
{
    (void)state;
    struct pbl_library lib = {0};
    struct pbl_diags d = {0};
    const char *paths[] = {"tests/fixtures/good", "modules"};
    assert_int_equal(library_load(&lib, paths, 2, &d), 0);
    assert_int_equal(d.n, 0);
    assert_int_equal(lib.nbad, 0);
    assert_true(lib.n >= 3);
    assert_non_null(library_find(&lib, lib.mods[0]->id));
    library_free(&lib);
    diags_free(&d);
}

/* A session on a loaded module, stored and exported as Markdown: the
 * module's title and the recorded answer come out. */
static void a_recorded_session_exports(void **state)
{
    (void)state;
    struct pbl_library lib = {0};
    struct pbl_diags d = {0};
    const char *paths[] = {"tests/fixtures/good"};
    assert_int_equal(library_load(&lib, paths, 1, &d), 0);
    assert_true(lib.n >= 1);
    char *dir = scratch_dir();
    assert_non_null(dir);
    struct pbl_store *st = open_in(dir, "pbl.db");
    assert_non_null(st);

    const struct pbl_module *mods[] = {lib.mods[0]};
    struct store_session_new n = {.kind = STORE_GROUP,
                                  .group_name = "Core alone",
                                  .facilitator = "Dr. F",
                                  .participants = "Ana",
                                  .modules = mods,
                                  .nmodules = 1};
    char uuid[STORE_UUID_LEN + 1];
    assert_int_equal(store_create_session(st, &n, uuid), STORE_OK);
    assert_int_equal(
        store_record_response(st, uuid, 0, 0, "linked without screens"),
        STORE_OK);

    char *out = NULL, *err = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&out, &len);
    assert_non_null(m);
    struct export_opts o = {.format = EXPORT_MD, .sel = {.all = true}};
    assert_int_equal(export_sessions(st, &o, m, &err), 0);
    fclose(m);
    assert_null(err);
    assert_non_null(strstr(out, "Core alone"));
    assert_non_null(strstr(out, lib.mods[0]->title));
    assert_non_null(strstr(out, "linked without screens"));

    free(out);
    store_close(st);
    rm_tree(dir);
    library_free(&lib);
    diags_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(library_loads_the_fixtures),
        cmocka_unit_test(a_recorded_session_exports),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
