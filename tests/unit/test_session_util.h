/* test_session_util.h - shared by the unit tests that drive sessions over
 * a real store: a scratch folder with a database, and the sample and
 * minimal fixture modules. cmocka setup/teardown functions; the fixture
 * is *state. PBL_NOW is unset on teardown. */
#ifndef TEST_SESSION_UTIL_H
#define TEST_SESSION_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pbl/session.h"

struct fixture {
    char dir[64];
    char db[96];
    struct pbl_store *st;
    struct pbl_module *sample, *minimal;
    char uuid[STORE_UUID_LEN + 1]; /* the session a test works on */
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    strcpy(f->dir, "/tmp/pbl-session.XXXXXX");
    if (!f || !mkdtemp(f->dir))
        return -1;
    snprintf(f->db, sizeof f->db, "%s/t.db", f->dir);
    char *err = NULL;
    struct pbl_diags d = {0};
    setenv("PBL_NOW", "2026-03-04T10:00:00Z", 1);
    if (store_open(f->db, STORE_CREATE, &f->st, &err) != STORE_OK)
        return -1;
    f->sample = module_load_file("tests/fixtures/good/sample-module.yaml", &d);
    f->minimal = module_load_file("tests/fixtures/good/minimal.yaml", &d);
    *state = f;
    return f->sample && f->minimal ? 0 : -1;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    store_close(f->st);
    module_free(f->sample);
    module_free(f->minimal);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", f->dir);
    int rc = system(cmd);
    free(f);
    unsetenv("PBL_NOW");
    return rc;
}

#endif
