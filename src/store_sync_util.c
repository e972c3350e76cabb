/* store_sync_util.c - what a merge (store_sync.c) or a sync does beside
 * its rules: the report of what moved (a tally), and the removal of what
 * a merge or sync killed before it could clean up left in TMPDIR. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "pbl/sync.h"

/* See sync.h. Only folders named as pbl names them, of this user, an
 * hour old, and only the files pbl puts in them. */
void sync_sweep_temp(void)
{
    static const char *const files[] = {
        "hub.db",  "hub.db-wal",  "hub.db-shm",  "hub.db-journal",
        "copy.db", "copy.db-wal", "copy.db-shm", "copy.db-journal"};
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp)
        tmp = "/tmp";
    DIR *d = opendir(tmp);
    if (!d)
        return;
    time_t now = time(NULL);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strncmp(e->d_name, "pbl-sync-", 9) != 0 &&
            strncmp(e->d_name, "pbl-merge-", 10) != 0)
            continue;
        char dir[4096];
        struct stat sb;
        snprintf(dir, sizeof dir, "%s/%s", tmp, e->d_name);
        if (lstat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode) ||
            sb.st_uid != getuid() || now - sb.st_mtime < 3600)
            continue;
        for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
            char f[4200];
            snprintf(f, sizeof f, "%s/%s", dir, files[i]);
            unlink(f);
        }
        rmdir(dir);
    }
    closedir(d);
}

/* See sync.h. */
long sync_tally_total(const struct sync_tally *t)
{
    long n = t->updated + t->deleted;
    for (int k = 0; k < SYNC_NKINDS; k++)
        n += t->added[k];
    return n;
}

/* See sync.h. */
void sync_tally_print(FILE *out, const char *what, const struct sync_tally *t)
{
    static const char *const names[SYNC_NKINDS][2] = {
        {"session", "sessions"},
        {"module snapshot", "module snapshots"},
        {"answer", "answers"},
        {"stage time", "stage times"},
        {"parking-lot item", "parking-lot items"},
        {"event", "events"},
        {"review comment", "review comments"},
        {"resident", "residents"},
        {"former name", "former names"},
        {"attendee", "attendees"},
        {"speaker mark", "speaker marks"}};
    if (sync_tally_total(t) == 0 && t->conflicts == 0) {
        fprintf(out, "%s: nothing moved\n", what);
        return;
    }
    fprintf(out, "%s:", what);
    const char *sep = " ";
    for (int k = 0; k < SYNC_NKINDS; k++) {
        if (!t->added[k])
            continue;
        fprintf(out, "%s%ld %s", sep, t->added[k], names[k][t->added[k] != 1]);
        sep = ", ";
    }
    if (*sep == ',')
        fputs(" added", out);
    if (t->updated)
        fprintf(out, "%s%ld updated by a later write", *sep == ',' ? "; " : " ",
                t->updated);
    if (t->deleted)
        fprintf(out, "%s%ld session%s deleted",
                (*sep == ',' || t->updated) ? "; " : " ", t->deleted,
                t->deleted == 1 ? "" : "s");
    if (t->conflicts)
        fprintf(out, "%s%ld conflict%s (the earlier write is in the event log)",
                (*sep == ',' || t->updated || t->deleted) ? "; " : " ",
                t->conflicts, t->conflicts == 1 ? "" : "s");
    fputc('\n', out);
}
