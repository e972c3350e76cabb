/* limits_run.c - runs a command and reports what it took, for the
 * robustness tests (tests/cli/robust_hostile.sh): wall time, peak memory,
 * exit status; kills it when it runs past a deadline.
 *
 *   limits_run REPORT SECONDS COMMAND [ARG...]
 *
 * The command's standard input, output and error are passed through.
 * Writes one line to the file REPORT:
 *
 *   ms MILLISECONDS kb PEAK_RSS_KB status STATUS
 *
 * STATUS is the exit status, 128 + N after signal N, or "timeout" when
 * the command was still running after SECONDS and was killed (SIGKILL).
 * Exits 0 when the report was written. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: limits_run REPORT SECONDS COMMAND [ARG...]\n");
        return 2;
    }
    double limit = atof(argv[2]) * 1e3, t0 = now_ms();
    pid_t pid = fork();
    if (pid < 0) {
        perror("limits_run: fork");
        return 1;
    }
    if (pid == 0) {
        execvp(argv[3], argv + 3);
        perror(argv[3]);
        _exit(127);
    }
    int st = 0, timed_out = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    for (;;) {
        pid_t r = wait4(pid, &st, WNOHANG, &ru);
        if (r == pid)
            break;
        if (r < 0 && errno != EINTR) {
            perror("limits_run: wait");
            return 1;
        }
        if (!timed_out && now_ms() - t0 > limit) {
            kill(pid, SIGKILL);
            timed_out = 1;
        }
        struct timespec ts = {0, 2000000}; /* 2 ms */
        nanosleep(&ts, NULL);
    }
    double ms = now_ms() - t0;
    FILE *f = fopen(argv[1], "w");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    char status[32];
    if (timed_out)
        snprintf(status, sizeof status, "timeout");
    else if (WIFSIGNALED(st))
        snprintf(status, sizeof status, "%d", 128 + WTERMSIG(st));
    else
        snprintf(status, sizeof status, "%d", WEXITSTATUS(st));
    fprintf(f, "ms %.0f kb %ld status %s\n", ms, ru.ru_maxrss, status);
    return fclose(f) == 0 ? 0 : 1;
}
