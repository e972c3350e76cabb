/* measure.c - runs commands several times, interleaved; prints each one's
 * wall time and peak memory, for tests/bench/run.sh.
 *
 *   measure [-n RUNS] [-w WARMUPS] [-o FILE] [-i FILE] -- COMMAND [ARG...]
 *           [::: COMMAND [ARG...]]...
 *
 * The commands run in turn, A B C A B C ..., so that a slow moment of a
 * noisy machine falls on all of them alike. Each run's standard output
 * goes to FILE (default /dev/null; a "%d" in it becomes the command's
 * number, 1, 2, ..., so that each keeps its own) and its standard input
 * comes from FILE given with -i (default /dev/null); standard error is
 * kept. Prints one
 * line per command, in order:
 *
 *   median_ms min_ms maxrss_kb status
 *
 * median and min over the RUNS timed runs (default 5), after WARMUPS
 * untimed ones (default 1); maxrss_kb is the largest peak resident set of
 * any run (getrusage of the child, so the measuring process is not
 * counted); status is the last run's exit status (128 + N for a signal).
 * Exits 1 when a run could not be started. */
#include <fcntl.h>
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

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Runs argv once; sets *ms, *rss_kb and *status. Returns -1 when it could
 * not be started. */
static int run_once(char **argv, const char *in, const char *out, double *ms,
                    long *rss_kb, int *status)
{
    double t0 = now_ms();
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int fi = open(in, O_RDONLY);
        int fo = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fi < 0 || fo < 0 || dup2(fi, 0) < 0 || dup2(fo, 1) < 0)
            _exit(126);
        close(fi);
        close(fo);
        execvp(argv[0], argv);
        perror(argv[0]);
        _exit(127);
    }
    int st;
    struct rusage ru;
    if (wait4(pid, &st, 0, &ru) < 0)
        return -1;
    *ms = now_ms() - t0;
    *rss_kb = ru.ru_maxrss;
    *status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    return *status == 127 ? -1 : 0;
}

#define MAX_CMDS 8

int main(int argc, char **argv)
{
    int runs = 5, warm = 1, i = 1;
    const char *in = "/dev/null", *out = "/dev/null";
    for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
        if (i + 1 >= argc)
            break;
        if (strcmp(argv[i], "-n") == 0)
            runs = atoi(argv[++i]);
        else if (strcmp(argv[i], "-w") == 0)
            warm = atoi(argv[++i]);
        else if (strcmp(argv[i], "-o") == 0)
            out = argv[++i];
        else if (strcmp(argv[i], "-i") == 0)
            in = argv[++i];
        else
            break;
    }
    if (i >= argc - 1 || strcmp(argv[i], "--") != 0 || runs < 1) {
        fprintf(stderr, "usage: measure [-n RUNS] [-w WARMUPS] [-o FILE] "
                        "[-i FILE] -- COMMAND [ARG...] [::: COMMAND...]\n");
        return 2;
    }
    /* split the rest at ":::" into commands */
    char **cmd[MAX_CMDS];
    int ncmd = 0;
    cmd[ncmd++] = argv + i + 1;
    for (int k = i + 1; k < argc; k++)
        if (strcmp(argv[k], ":::") == 0) {
            argv[k] = NULL;
            if (ncmd == MAX_CMDS || k + 1 >= argc) {
                fprintf(stderr, "measure: at most %d commands\n", MAX_CMDS);
                return 2;
            }
            cmd[ncmd++] = argv + k + 1;
        }
    double *t = calloc((size_t)(runs * ncmd), sizeof *t);
    long maxrss[MAX_CMDS] = {0};
    int status[MAX_CMDS] = {0};
    if (!t)
        return 1;
    for (int k = -warm; k < runs; k++)
        for (int c = 0; c < ncmd; c++) {
            double ms;
            long rss;
            char outc[4096];
            if (strstr(out, "%d"))
                snprintf(outc, sizeof outc, "%.*s%d%s",
                         (int)(strstr(out, "%d") - out), out, c + 1,
                         strstr(out, "%d") + 2);
            else
                snprintf(outc, sizeof outc, "%s", out);
            if (run_once(cmd[c], in, outc, &ms, &rss, &status[c]) < 0) {
                fprintf(stderr, "measure: cannot run %s\n", cmd[c][0]);
                return 1;
            }
            if (k >= 0)
                t[c * runs + k] = ms;
            if (rss > maxrss[c])
                maxrss[c] = rss;
        }
    for (int c = 0; c < ncmd; c++) {
        double *v = t + c * runs;
        qsort(v, (size_t)runs, sizeof *v, cmp_double);
        double median =
            runs % 2 ? v[runs / 2] : (v[runs / 2 - 1] + v[runs / 2]) / 2;
        printf("%.3f %.3f %ld %d\n", median, v[0], maxrss[c], status[c]);
    }
    free(t);
    return 0;
}
