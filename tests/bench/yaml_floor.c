/* yaml_floor.c - the floor for loading a module library: reads each file
 * the way pbl does (open, fstat, one read) and runs libyaml's event parser
 * over it to the end, keeping nothing. No tree, no schema check, no
 * messages: what is left of `pbl validate` once everything pbl adds is
 * taken away.
 *
 *   yaml_floor PATH...
 *
 * A PATH that is a folder stands for its *.yaml files, in name order (as
 * pbl reads them). Prints the number of files and events; exits 1 when a
 * file could not be read or parsed. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

static long nfiles, nevents;

static int parse_file(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        perror(path);
        return -1;
    }
    unsigned char *buf = malloc((size_t)st.st_size + 1);
    ssize_t got = buf ? read(fd, buf, (size_t)st.st_size) : -1;
    close(fd);
    if (got < 0) {
        perror(path);
        free(buf);
        return -1;
    }
    yaml_parser_t p;
    yaml_parser_initialize(&p);
    yaml_parser_set_input_string(&p, buf, (size_t)got);
    yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
    int rc = 0;
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            fprintf(stderr, "%s: %s\n", path, p.problem);
            rc = -1;
            break;
        }
        int end = ev.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&ev);
        nevents++;
        if (end)
            break;
    }
    yaml_parser_delete(&p);
    free(buf);
    nfiles++;
    return rc;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int parse_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        perror(dir);
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len < 6 ||
            strcmp(e->d_name + len - 5, ".yaml") != 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            names = realloc(names, cap * sizeof *names);
            if (!names)
                return -1;
        }
        size_t sz = strlen(dir) + len + 2;
        names[n] = malloc(sz);
        snprintf(names[n++], sz, "%s/%s", dir, e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_name);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        if (parse_file(names[i]) < 0)
            rc = -1;
        free(names[i]);
    }
    free(names);
    return rc;
}

int main(int argc, char **argv)
{
    int rc = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
            rc |= parse_dir(argv[i]) < 0;
        else
            rc |= parse_file(argv[i]) < 0;
    }
    printf("%ld files, %ld events\n", nfiles, nevents);
    return rc;
}
