/* export_file.c - writing a file atomically: the new content goes to a
 * file of its own in the target's folder, is flushed and synced, and only
 * then replaces the target by rename(2). A reader sees the old file or
 * the new one, never a part; a full disk, a file-size limit or a kill
 * leave the old file as it was.
 *
 * On Linux the new file is an unnamed O_TMPFILE, given a name with
 * linkat(2) just before the rename, so that even kill -9 during the
 * write leaves no temporary file behind. Elsewhere (or on a file system
 * without O_TMPFILE) it is a hidden ".NAME.XXXXXX" beside the target,
 * removed on every failure the process lives through.
 *
 * Writes go through a stdio stream over our own write function
 * (fopencookie), which keeps the errno of the first failed write, so the
 * message says why ("No space left on device", "File too large") even
 * after SQLite has run other system calls. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "export_impl.h"
#include "pbl/fileio.h"

struct sink {
    int fd;
    int err; /* errno of the first failed write, 0 when none */
};

static ssize_t sink_write(void *cookie, const char *buf, size_t n)
{
    struct sink *k = cookie;
    size_t done = 0;
    if (k->err)
        return 0;
    while (done < n) {
        ssize_t w = write(k->fd, buf + done, n - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            k->err = w < 0 ? errno : EIO;
            return 0;
        }
        done += (size_t)w;
    }
    return (ssize_t)n;
}

/* Opens the file the content is written to: an unnamed O_TMPFILE in
 * `dir` (*tmp stays NULL), else a new hidden file named *tmp. */
static int open_new(const char *dir, const char *base, char **tmp)
{
    *tmp = NULL;
#ifdef O_TMPFILE
    if (access("/proc/self/fd", X_OK) == 0) {
        int fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
        if (fd >= 0 ||
            (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL))
            return fd;
    }
#endif
    size_t n = strlen(dir) + strlen(base) + 16;
    *tmp = malloc(n);
    if (!*tmp) {
        errno = ENOMEM;
        return -1;
    }
    snprintf(*tmp, n, "%s/.%s.XXXXXX", dir, base);
    int fd = mkstemp(*tmp);
    if (fd < 0) {
        int e = errno;
        free(*tmp);
        *tmp = NULL;
        errno = e;
    }
    return fd;
}

/* Gives the unnamed file `fd` a hidden name in dir, in *tmp; -1 with
 * errno on failure. */
static int name_tmpfile(int fd, const char *dir, const char *base, char **tmp)
{
    char proc[64];
    size_t n = strlen(dir) + strlen(base) + 40;
    *tmp = malloc(n);
    if (!*tmp) {
        errno = ENOMEM;
        return -1;
    }
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    for (int attempt = 0; attempt < 100; attempt++) {
        snprintf(*tmp, n, "%s/.%s.%ld.%d", dir, base, (long)getpid(), attempt);
        if (linkat(AT_FDCWD, proc, AT_FDCWD, *tmp, AT_SYMLINK_FOLLOW) == 0)
            return 0;
        if (errno != EEXIST)
            break;
    }
    int e = errno;
    free(*tmp);
    *tmp = NULL;
    errno = e;
    return -1;
}

/* What a file that is not a regular file is, for messages. */
static const char *file_kind(mode_t m)
{
    if (S_ISDIR(m))
        return "a folder";
    if (S_ISFIFO(m))
        return "a pipe (FIFO)";
    if (S_ISCHR(m))
        return "a character device";
    if (S_ISBLK(m))
        return "a block device";
    if (S_ISSOCK(m))
        return "a socket";
    return "not a regular file";
}

/* Checks the target of -o before anything is written: its folder must
 * exist, and an existing target must be a regular file or a link to one
 * (a device, pipe or folder is never replaced). *real is the file to
 * replace: the link's target for a link, so the link stays. */
static int check_target(const char *path, const char *dir, char **real,
                        char **err)
{
    struct stat sb;
    *real = NULL;
    if (stat(dir, &sb) != 0)
        return ex_fail(err, EXPORT_ERROR, "cannot write %s: the folder %s %s",
                       path, dir,
                       errno == ENOENT ? "does not exist" : strerror(errno));
    if (!S_ISDIR(sb.st_mode))
        return ex_fail(err, EXPORT_ERROR, "cannot write %s: %s is not a folder",
                       path, dir);
    if (lstat(path, &sb) != 0)
        return errno == ENOENT
                   ? EXPORT_OK
                   : ex_fail(err, EXPORT_ERROR, "cannot write %s: %s", path,
                             strerror(errno));
    if (S_ISLNK(sb.st_mode)) {
        if (stat(path, &sb) != 0)
            return ex_fail(err, EXPORT_ERROR,
                           "cannot write %s: it is a link to a missing file",
                           path);
        if (S_ISREG(sb.st_mode) && !(*real = realpath(path, NULL)))
            return ex_fail(err, EXPORT_ERROR, "cannot write %s: %s", path,
                           strerror(errno));
    }
    if (S_ISDIR(sb.st_mode))
        return ex_fail(err, EXPORT_ERROR, "cannot write %s: it is a folder",
                       path);
    if (!S_ISREG(sb.st_mode))
        return ex_fail(err, EXPORT_ERROR,
                       "cannot write %s: it is %s, not a regular file; "
                       "name a file",
                       path, file_kind(sb.st_mode));
    return EXPORT_OK;
}

int export_write_atomic(const char *path, export_write_fn fn, void *ctx,
                        char **err)
{
    char *dir = NULL, *tmp = NULL, *real = NULL;
    const char *base;
    if (err)
        *err = NULL;
    if (!path || !*path)
        return ex_fail(err, EXPORT_USAGE, "no file name given");
    if (!(dir = path_folder(path, &base)))
        return ex_fail(err, EXPORT_ERROR, "out of memory");
    if (!*base) {
        free(dir);
        return ex_fail(err, EXPORT_ERROR, "cannot write %s: it is a folder",
                       path);
    }
    if (check_target(path, dir, &real, err) != EXPORT_OK) {
        free(dir);
        return EXPORT_ERROR;
    }
    const char *shown = path;
    if (real) { /* a link to a file: replace the file it points to */
        free(dir);
        if (!(dir = path_folder(real, &base))) {
            free(real);
            return ex_fail(err, EXPORT_ERROR, "out of memory");
        }
        path = real;
    }
    int fd = open_new(dir, base, &tmp);
    if (fd < 0) {
        int e = errno;
        free(dir);
        free(real);
        return ex_fail(err, EXPORT_ERROR, "cannot write %s: %s", shown,
                       strerror(e));
    }
    fchmod(fd, 0600);
    struct sink k = {fd, 0};
    cookie_io_functions_t io = {.write = sink_write};
    FILE *f = fopencookie(&k, "w", io);
    int rc = f ? fn(ctx, f, err)
               : ex_fail(err, EXPORT_ERROR, "cannot write %s: %s", shown,
                         strerror(errno));
    if (f && fflush(f) != 0 && !k.err)
        k.err = EIO;
    if (rc == EXPORT_OK && !k.err && fsync(fd) != 0)
        k.err = errno;
    if (rc == EXPORT_OK && !k.err && !tmp &&
        name_tmpfile(fd, dir, base, &tmp) != 0)
        k.err = errno;
    if (rc == EXPORT_OK && !k.err && rename(tmp, path) != 0)
        k.err = errno;
    if (rc == EXPORT_OK && k.err)
        rc = ex_fail(err, EXPORT_ERROR, "cannot write %s: %s", shown,
                     strerror(k.err));
    if (f)
        fclose(f);
    close(fd);
    if (rc != EXPORT_OK && tmp)
        unlink(tmp);
    else if (rc == EXPORT_OK)
        sync_by_name(dir, true); /* best effort */
    free(tmp);
    free(dir);
    free(real);
    return rc;
}

int export_write_stream(FILE *out, export_write_fn fn, void *ctx,
                        const char *what, char **err)
{
    if (err)
        *err = NULL;
    int rc = fn(ctx, out, err);
    if (rc == EXPORT_OK && (fflush(out) != 0 || ferror(out)))
        rc = ex_fail(err, EXPORT_ERROR, "cannot write the %s: %s", what,
                     strerror(errno ? errno : EIO));
    return rc;
}
