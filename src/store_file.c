/* store_file.c - the database file before SQLite opens it, and the files
 * the store makes beside it.
 *
 *  - Every path is a plain file name: SQLite never reads one as a URI
 *    ("file:NAME?mode=memory" is a file of that name).
 *  - A new database is built whole under a hidden temporary name beside
 *    it and linked into place, so a pbl database is never an empty file;
 *    an existing file is used only when it is a pbl database: an empty
 *    file, a file that is not SQLite or a SQLite file without pbl's
 *    schema is refused, saying which, and left as it was.
 *  - An existing database (and its -wal and -shm) readable or writable by
 *    others is tightened to 0600, or refused with the reason; a folder
 *    others can write gives a warning.
 *  - A dangling link is named as one. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "pbl/fileio.h"
#include "store_impl.h"

/* "./" before a relative name that SQLite could take for a URI. */
char *store_plain_name(const char *path)
{
    bool uri_like = strncmp(path, "file:", 5) == 0;
    size_t n = strlen(path) + 3;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s%s", uri_like ? "./" : "", path);
    return p;
}

/* Appends a warning for the user to st->warning ("; " between two). */
void store_add_warning(struct pbl_store *st, const char *w)
{
    size_t old = st->warning ? strlen(st->warning) : 0;
    char *p = realloc(st->warning, old + strlen(w) + 3);
    if (!p)
        return; /* a warning lost to a lack of memory */
    snprintf(p + old, strlen(w) + 3, "%s%s", old ? "; " : "", w);
    st->warning = p;
}

/* Creates the missing folders of path's parent, each 0700 whatever the
 * umask. Returns 0, or -1 with a message naming the folder. */
static int make_parents(const char *path, char *err, size_t errsz)
{
    char *dir = strdup(path);
    if (!dir) {
        snprintf(err, errsz, "out of memory");
        return -1;
    }
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir) {
        free(dir);
        return 0;
    }
    *slash = '\0';
    for (char *p = dir + 1;; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char c = *p;
        *p = '\0';
        if (mkdir(dir, 0700) == 0) {
            chmod(dir, 0700);
        } else {
            struct stat sb;
            int e = errno;
            if (e != EEXIST || stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
                snprintf(err, errsz, "cannot create folder %s: %s", dir,
                         strerror(e == EEXIST ? ENOTDIR : e));
                free(dir);
                return -1;
            }
        }
        *p = c;
        if (c == '\0')
            break;
    }
    free(dir);
    return 0;
}

/* A hidden, private, empty file beside path: where a database or a
 * backup is built before it gets its name. */
char *store_temp_beside(const char *path, char *err, size_t errsz)
{
    const char *base;
    char *dir = path_folder(path, &base);
    size_t n = (dir ? strlen(dir) : 0) + strlen(base) + 16;
    char *tmp = dir ? malloc(n) : NULL;
    if (!tmp) {
        free(dir);
        snprintf(err, errsz, "out of memory");
        return NULL;
    }
    snprintf(tmp, n, "%s/.%s.XXXXXX", dir, base);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        struct stat sb;
        if (errno == ENOENT && stat(dir, &sb) != 0)
            snprintf(err, errsz,
                     "cannot create %s: the folder %s does not "
                     "exist",
                     path, dir);
        else
            snprintf(err, errsz, "cannot create %s: %s", path, strerror(errno));
        free(tmp);
        free(dir);
        return NULL;
    }
    fchmod(fd, 0600);
    close(fd);
    free(dir);
    return tmp;
}

/* Names a complete file: link(2) never replaces an existing name, so
 * two pbl (or a user) racing for the name cannot clobber each other. */
int store_publish(const char *tmp, const char *path, char *err, size_t errsz)
{
    if (sync_by_name(tmp, false) != 0) {
        snprintf(err, errsz, "cannot write %s: %s", path, strerror(errno));
        return -1;
    }
    int rc = link(tmp, path);
    if (rc != 0 && errno != EEXIST) {
        /* a file system without hard links: a rename, after a check */
        struct stat sb;
        if (lstat(path, &sb) == 0)
            errno = EEXIST;
        else
            rc = rename(tmp, path);
    }
    if (rc != 0) {
        snprintf(err, errsz,
                 errno == EEXIST ? "%s already exists; choose a new name"
                                 : "cannot create %s: %s",
                 path, strerror(errno));
        return errno == EEXIST ? 1 : -1;
    }
    unlink(tmp); /* gone already after a rename */
    char *dir = path_folder(path, NULL);
    if (dir)
        sync_by_name(dir, true); /* best effort */
    free(dir);
    return 0;
}

/* Removes tmp and what SQLite may have left beside it. */
static void remove_temp(const char *tmp)
{
    char side[PATH_MAX + 8];
    unlink(tmp);
    snprintf(side, sizeof side, "%s-wal", tmp);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", tmp);
    unlink(side);
    snprintf(side, sizeof side, "%s-journal", tmp);
    unlink(side);
}

/* Writes pbl's schema into the new file behind db, marked as closed
 * cleanly (the first open need not check it) and in WAL mode. No fsync
 * per step: the whole file is synced once before it gets its name, so
 * two pbl creating the database together finish nearly together. */
static int build_schema(sqlite3 *db, const char *path, char *err, size_t errsz)
{
    static const char *const steps[] = {
        "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF", NULL,
        "INSERT INTO meta(key, value) VALUES('clean_shutdown', '1')",
        "PRAGMA journal_mode = WAL"};
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
        if (!steps[i]) {
            if (store_migrate_db(db, 0, STORE_SCHEMA_VERSION, err, errsz) != 0)
                return -1;
            continue;
        }
        int rc = sqlite3_exec(db, steps[i], NULL, NULL, NULL);
        if (rc != SQLITE_OK) {
            snprintf(err, errsz, "cannot create %s: %s", path,
                     store_explain(rc, sqlite3_system_errno(db),
                                   sqlite3_errmsg(db)));
            return -1;
        }
    }
    return 0;
}

/* Builds a new, complete pbl database at `path`: the schema is written to
 * a hidden file beside it, which is then linked into place. When another
 * pbl was quicker, its database is used. 0, or -1 with err set. */
static int create_whole(const char *path, char *err, size_t errsz)
{
    if (make_parents(path, err, errsz) != 0)
        return -1;
    char *tmp = store_temp_beside(path, err, errsz);
    if (!tmp)
        return -1;
    char *plain = store_plain_name(tmp);
    sqlite3 *db = NULL;
    int rc = plain ? sqlite3_open_v2(plain, &db, SQLITE_OPEN_READWRITE, NULL)
                   : SQLITE_NOMEM;
    if (rc != SQLITE_OK)
        snprintf(err, errsz, "cannot create %s: %s", path,
                 store_explain(rc, db ? sqlite3_system_errno(db) : 0,
                               db ? sqlite3_errmsg(db) : NULL));
    else if (build_schema(db, path, err, errsz) != 0)
        rc = SQLITE_ERROR;
    /* the last close checkpoints the WAL into the file and removes it */
    if (sqlite3_close(db) != SQLITE_OK && rc == SQLITE_OK) {
        snprintf(err, errsz, "cannot create %s: %s", path, sqlite3_errmsg(db));
        rc = SQLITE_ERROR;
    }
    int r = rc == SQLITE_OK ? store_publish(tmp, path, err, errsz) : -1;
    remove_temp(tmp);
    free(plain);
    free(tmp);
    return r < 0 ? -1 : 0; /* 1: another pbl created it meanwhile */
}

/* What an existing regular file holds: refuses one that is empty or not
 * a SQLite file (pbl never makes such a file its database). */
static int check_content(const char *path, const struct stat *sb, char *err,
                         size_t errsz)
{
    static const char magic[16] = "SQLite format 3";
    char head[16] = {0};
    if (sb->st_size == 0) {
        /* a database killed before its first checkpoint: all in -wal */
        char wal[PATH_MAX + 8];
        struct stat wb;
        snprintf(wal, sizeof wal, "%s-wal", path);
        if (stat(wal, &wb) == 0 && wb.st_size > 0)
            return 0;
        snprintf(err, errsz,
                 "%s is an empty file, not a pbl database; pbl never turns an "
                 "existing file into its database (remove it, or choose "
                 "another --db)",
                 path);
        return -1;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        snprintf(err, errsz, "cannot open %s: %s", path, strerror(errno));
        return -1;
    }
    ssize_t n = read(fd, head, sizeof head);
    close(fd);
    if (n != (ssize_t)sizeof head || memcmp(head, magic, sizeof head) != 0) {
        snprintf(err, errsz,
                 "%s is not a database (not a SQLite file); pbl never turns "
                 "an existing file into its database",
                 path);
        return -1;
    }
    return 0;
}

/* Tightens the database and its -wal and -shm to 0600 when others may
 * read or write them. A file that cannot be tightened (not ours) is
 * refused for writing, with the reason, and warned about for reading. */
static int tighten(struct pbl_store *st, const char *path, bool readonly,
                   char *err, size_t errsz)
{
    static const char *const sides[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        char p[PATH_MAX + 8];
        struct stat sb;
        snprintf(p, sizeof p, "%s%s", path, sides[i]);
        if (stat(p, &sb) != 0 || !(sb.st_mode & 077) ||
            chmod(p, sb.st_mode & 0700) == 0)
            continue;
        char why[PATH_MAX + 256];
        snprintf(why, sizeof why,
                 "%s is open to others (mode %03o) and cannot be made "
                 "private: %s; its owner can run chmod 600 on it",
                 p, (unsigned)(sb.st_mode & 0777), strerror(errno));
        if (!readonly) {
            snprintf(err, errsz, "%s", why);
            return -1;
        }
        store_add_warning(st, why);
    }
    return 0;
}

/* Warns when others can write the database's folder: they could replace
 * or remove its files. */
static void warn_open_folder(struct pbl_store *st, const char *real)
{
    char *dir = path_folder(real, NULL);
    struct stat sb;
    struct statvfs fs;
    if (dir && stat(dir, &sb) == 0 && (sb.st_mode & S_IWOTH) &&
        !(statvfs(dir, &fs) == 0 && (fs.f_flag & ST_RDONLY))) {
        char w[PATH_MAX + 200];
        snprintf(w, sizeof w,
                 "warning: others can write the folder %s (mode %04o) "
                 "and replace the database; keep it in a private folder",
                 dir, (unsigned)(sb.st_mode & 07777));
        store_add_warning(st, w);
    }
    free(dir);
}

/* Everything about the file before SQLite opens it (see store_impl.h):
 * what it is, what it holds, who may read it, and a new one built whole
 * when it is missing and may be created. */
int store_prepare_file(struct pbl_store *st, unsigned flags, char *err,
                       size_t errsz)
{
    const char *path = st->path;
    bool ro = flags & STORE_READONLY;
    struct stat sb;
    for (int attempt = 0; lstat(path, &sb) != 0; attempt++) {
        if (errno != ENOENT && errno != ENOTDIR) {
            snprintf(err, errsz, "cannot open %s: %s", path, strerror(errno));
            return -1;
        }
        if (!(flags & STORE_CREATE) || ro) {
            snprintf(err, errsz, "no database at %s", path);
            return -1;
        }
        if (attempt > 0 || create_whole(path, err, errsz) != 0)
            return -1;
    }
    if (S_ISLNK(sb.st_mode) && stat(path, &sb) != 0) {
        char to[PATH_MAX] = "?";
        ssize_t n = readlink(path, to, sizeof to - 1);
        to[n > 0 ? n : 1] = '\0';
        snprintf(err, errsz, "%s is a dangling link to %s (%s)", path, to,
                 strerror(errno));
        return -1;
    }
    if (S_ISDIR(sb.st_mode)) {
        snprintf(err, errsz, "%s is a folder, not a database file", path);
        return -1;
    }
    if (!S_ISREG(sb.st_mode)) {
        snprintf(err, errsz, "%s is not a regular file", path);
        return -1;
    }
    if (check_content(path, &sb, err, errsz) != 0)
        return -1;
    char *real = realpath(path, NULL);
    int rc = tighten(st, real ? real : path, ro || (flags & STORE_MAY_READONLY),
                     err, errsz);
    if (rc == 0)
        warn_open_folder(st, real ? real : path);
    free(real);
    return rc;
}

/* Whether a failed open may be retried in SQLite's immutable mode. */
bool store_read_in_place(const char *path, unsigned flags)
{
    char wal[PATH_MAX + 8];
    struct stat sb;
    if (!(flags & (STORE_READONLY | STORE_MAY_READONLY)))
        return false;
    snprintf(wal, sizeof wal, "%s-wal", path);
    if (lstat(wal, &sb) == 0)
        return false;
    char *real = realpath(path, NULL);
    char *dir = real ? path_folder(real, NULL) : NULL;
    bool unwritable = dir && access(dir, W_OK) != 0;
    free(dir);
    free(real);
    return unwritable;
}

/* The URI SQLite reads a file in place through: every byte outside the
 * unreserved set is percent-encoded, so no name can add parameters. */
char *store_immutable_uri(const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    char *real = realpath(path, NULL);
    if (!real)
        return NULL;
    size_t n = strlen(real);
    char *uri = malloc(3 * n + sizeof "file:?immutable=1");
    if (uri) {
        char *o = stpcpy(uri, "file:");
        for (const unsigned char *c = (const unsigned char *)real; *c; c++) {
            if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
                (*c >= '0' && *c <= '9') || strchr("/._-~", *c)) {
                *o++ = (char)*c;
            } else {
                *o++ = '%';
                *o++ = hex[*c >> 4];
                *o++ = hex[*c & 15];
            }
        }
        strcpy(o, "?immutable=1");
    }
    free(real);
    return uri;
}
