/* fileio.c - careful reading of small input files, and small helpers for
 * the files pbl writes. */
#include "pbl/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Reads a whole regular file of at most `max` bytes into a malloc'd,
 * NUL-terminated buffer. Refuses FIFOs, devices and folders up front so a
 * stray path can never block or flood the loader. */
char *read_small_file(const char *path, size_t max, size_t *len,
                      struct pbl_diags *d)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        diags_add(d, path, 0, 0, "cannot read: %s", strerror(errno));
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    char *buf = NULL;
    if (S_ISDIR(st.st_mode)) {
        diags_add(d, path, 0, 0, "is a folder, not a module file");
    } else if (!S_ISREG(st.st_mode)) {
        diags_add(d, path, 0, 0, "not a regular file (a pipe or device?)");
    } else if ((unsigned long long)st.st_size > max) {
        diags_add(d, path, 0, 0,
                  "file is %lld bytes; modules are limited to %zu",
                  (long long)st.st_size, max);
    } else if (!(buf = malloc((size_t)st.st_size + 1))) {
        diags_add(d, path, 0, 0, "out of memory");
    } else {
        size_t got = 0;
        ssize_t r = 1;
        while (got < (size_t)st.st_size &&
               ((r = read(fd, buf + got, (size_t)st.st_size - got)) > 0 ||
                (r < 0 && errno == EINTR)))
            got += r > 0 ? (size_t)r : 0;
        if (r < 0) {
            diags_add(d, path, 0, 0, "cannot read: %s", strerror(errno));
            free(buf);
            buf = NULL;
        } else {
            buf[got] = '\0';
            *len = got;
        }
    }
    close(fd);
    return buf;
}

/* See fileio.h: read_small_file, then parse, then the buffer freed. */
int parse_small_file(const char *path, size_t max, file_parse_fn parse,
                     void *out, struct pbl_diags *d)
{
    size_t len = 0;
    char *buf = read_small_file(path, max, &len, d);
    if (!buf)
        return -1;
    int rc = parse(path, buf, len, out, d);
    free(buf);
    return rc;
}

/* Splits path at its last '/' (see fileio.h). */
char *path_folder(const char *path, const char **base)
{
    const char *slash = strrchr(path, '/');
    if (base)
        *base = slash ? slash + 1 : path;
    if (!slash)
        return strdup(".");
    return strndup(path, slash == path ? 1 : (size_t)(slash - path));
}

/* Opens path just to fsync it, keeping fsync's errno (see fileio.h). */
int sync_by_name(const char *path, bool folder)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | (folder ? O_DIRECTORY : 0));
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    int e = errno;
    close(fd);
    errno = e;
    return rc;
}
