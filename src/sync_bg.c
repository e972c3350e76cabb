/* sync_bg.c - `pbl sync` in the background, for the console: a forked
 * child runs this same program ("pbl --db PATH sync", its output thrown
 * away), so the facilitator is never kept waiting; the outcome is what
 * that sync records in the settings (hub.last_sync, hub.last_error: see
 * cmd_sync.c), which the home screen shows, and which is still there
 * after the console has quit. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pbl/clock.h"
#include "pbl/sync.h"

/* See sync.h. */
bool sync_hub_set(struct pbl_store *st)
{
    const char *env = getenv("PBL_HUB");
    if (env && *env)
        return true;
    char *url = NULL;
    bool set = store_get_setting(st, "hub", &url) == STORE_OK && url && *url;
    free(url);
    return set;
}

/* See sync.h. */
int sync_bg_start(const char *db_path, pid_t *pid)
{
    pid_t p = fork();
    if (p < 0)
        return -1;
    if (p == 0) {
        int null = open("/dev/null", O_RDWR);
        if (null >= 0) {
            dup2(null, 0);
            dup2(null, 1);
            dup2(null, 2);
            if (null > 2)
                close(null);
        }
        setsid(); /* not the terminal's: its signals are the console's */
        char *argv[] = {"pbl", "--db", (char *)db_path, "sync", NULL};
        execv("/proc/self/exe", argv);
        _exit(127);
    }
    *pid = p;
    return 0;
}

/* See sync.h. */
bool sync_bg_done(pid_t *pid)
{
    if (*pid <= 0)
        return false;
    if (waitpid(*pid, NULL, WNOHANG) == 0)
        return false;
    *pid = 0;
    return true;
}

/* See sync.h. */
bool sync_status_line(struct pbl_store *st, char *buf, size_t n)
{
    if (!sync_hub_set(st))
        return false;
    char *last = NULL, *error = NULL;
    store_get_setting(st, "hub.last_sync", &last);
    store_get_setting(st, "hub.last_error", &error);
    if (error && *error)
        snprintf(buf, n, "hub: the last sync failed: %s", error);
    else if (last && *last) {
        char when[64];
        clock_when_text(last, false, when, sizeof when);
        snprintf(buf, n, "hub: last sync %s · S syncs now", when);
    } else
        snprintf(buf, n, "hub: never synced · S syncs now");
    free(last);
    free(error);
    return true;
}
