/* robust_vanish.c - loading a module folder when a file vanishes between
 * the listing of the folder and the reading of the file, for
 * tests/cli/robust_hostile.sh.
 *
 *   robust_vanish VICTIM FOLDER
 *
 * Loads FOLDER with library_load(), as `pbl validate` and every other
 * command do, and prints the problems and a summary the way validate
 * does. The library reads a folder's names first (opendir, readdir,
 * closedir) and the files after; this program defines closedir(), so its
 * own runs first: it removes VICTIM, then closes the folder with the C
 * library's closedir(). The race is thus lost every time, at exactly the
 * worst moment. Exits 1 when a file had problems, like validate. (The
 * tool cannot call cmd_validate() itself: the command table links the
 * whole console.) */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "pbl/library.h"

static const char *victim;
static int vanished;

int closedir(DIR *d)
{
    static int (*real_closedir)(DIR *);
    if (!real_closedir)
        *(void **)&real_closedir = dlsym(RTLD_NEXT, "closedir");
    if (victim && !vanished) {
        if (unlink(victim) == 0)
            vanished = 1;
        else
            perror(victim);
    }
    return real_closedir ? real_closedir(d) : -1;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: robust_vanish VICTIM FOLDER\n");
        return 2;
    }
    victim = argv[1];
    struct pbl_library lib;
    struct pbl_diags d = {0};
    const char *paths[] = {argv[2]};
    if (library_load(&lib, paths, 1, &d) < 0) {
        fprintf(stderr, "robust_vanish: out of memory\n");
        return 1;
    }
    diags_print(&d, stdout);
    printf("%zu files checked: %zu good, %zu with problems (%zu modules "
           "loaded)\n",
           lib.nfiles, lib.nfiles - lib.nbad, lib.nbad, lib.n);
    int rc = lib.nbad ? 1 : 0;
    diags_free(&d);
    library_free(&lib);
    if (!vanished) {
        fprintf(stderr, "robust_vanish: %s was not removed in time\n", victim);
        return 3;
    }
    return rc;
}
