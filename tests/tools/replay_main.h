/* replay_main.h - a main() for a libFuzzer target, so that `make check`
 * (gcc, no libFuzzer) runs it too: included after the target's source by
 * tests/tools/robust_replay_*.c, for tests/cli/robust_fuzz_replay.sh.
 *
 *   robust_replay_TARGET COUNT PATH...
 *
 * Feeds the target every file under each PATH (a file, or a folder read
 * one level deep: the saved regressions and the seed corpora), then COUNT
 * inputs made from those files by seeded random mutations (flipped,
 * inserted, deleted and repeated bytes, and splices of two files), the
 * same on every run. A broken property aborts, as under libFuzzer. Prints
 * how many inputs ran. */
#include <dirent.h>
#include <sys/stat.h>

static unsigned char **corpus;
static size_t *corpus_len, ncorpus;

static void add_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return;
    unsigned char *buf = malloc(1 << 20);
    size_t n = buf ? fread(buf, 1, 1 << 20, f) : 0;
    fclose(f);
    if (!buf)
        return;
    unsigned char **c = realloc(corpus, (ncorpus + 1) * sizeof *c);
    size_t *l = realloc(corpus_len, (ncorpus + 1) * sizeof *l);
    if (c)
        corpus = c;
    if (l)
        corpus_len = l;
    if (!c || !l) {
        free(buf);
        return;
    }
    corpus[ncorpus] = buf;
    corpus_len[ncorpus++] = n;
}

static void add_path(const char *path)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return;
    if (!S_ISDIR(sb.st_mode)) {
        if (S_ISREG(sb.st_mode))
            add_file(path);
        return;
    }
    DIR *d = opendir(path);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char p[4096];
        snprintf(p, sizeof p, "%s/%s", path, e->d_name);
        if (stat(p, &sb) == 0 && S_ISREG(sb.st_mode))
            add_file(p);
    }
    if (d)
        closedir(d);
}

static uint64_t replay_seed = 0x9E3779B97F4A7C15ULL;
static size_t pick(size_t n)
{
    replay_seed ^= replay_seed << 13;
    replay_seed ^= replay_seed >> 7;
    replay_seed ^= replay_seed << 17;
    return n ? (size_t)(replay_seed % n) : 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s COUNT PATH...\n", argv[0]);
        return 2;
    }
    long count = atol(argv[1]);
    for (int i = 2; i < argc; i++)
        add_path(argv[i]);
    if (ncorpus == 0) {
        fprintf(stderr, "%s: no input files\n", argv[0]);
        return 1;
    }
    for (size_t i = 0; i < ncorpus; i++)
        LLVMFuzzerTestOneInput(corpus[i], corpus_len[i]);
    unsigned char *buf = malloc(1 << 21);
    if (!buf)
        return 1;
    for (long k = 0; k < count; k++) {
        size_t c = pick(ncorpus), n = corpus_len[c];
        memcpy(buf, corpus[c], n);
        for (size_t m = 1 + pick(8); m > 0; m--) {
            size_t at = pick(n + 1), len = 1 + pick(16);
            switch (pick(5)) {
            case 0: /* flip a byte */
                if (n)
                    buf[pick(n)] ^= (unsigned char)(1 + pick(255));
                break;
            case 1: /* insert random bytes */
                if (n + len < (1 << 21)) {
                    memmove(buf + at + len, buf + at, n - at);
                    for (size_t j = 0; j < len; j++)
                        buf[at + j] = (unsigned char)pick(256);
                    n += len;
                }
                break;
            case 2: /* delete bytes */
                if (at + len <= n) {
                    memmove(buf + at, buf + at + len, n - at - len);
                    n -= len;
                }
                break;
            case 3: /* repeat a piece */
                if (at + len <= n && n + len < (1 << 21)) {
                    memmove(buf + at + len, buf + at, n - at);
                    n += len;
                }
                break;
            default: { /* splice: the end of another input */
                size_t o = pick(ncorpus), from = pick(corpus_len[o] + 1);
                size_t take = corpus_len[o] - from;
                if (at + take < (1 << 21)) {
                    memcpy(buf + at, corpus[o] + from, take);
                    n = at + take;
                }
            }
            }
        }
        LLVMFuzzerTestOneInput(buf, n);
    }
    printf("%zu saved inputs and %ld mutations\n", ncorpus, count);
    free(buf);
    for (size_t i = 0; i < ncorpus; i++)
        free(corpus[i]);
    free(corpus);
    free(corpus_len);
    return 0;
}
