/* module_video.c - a module's local video file: `video: {file: ...}`, a
 * path relative to the module's folder, for rooms without internet.
 *
 * The path must stay inside the module's folder: an absolute path or a
 * '..' part is refused when the module is read, so a module shared as a
 * folder keeps working wherever the folder is copied, and a module file
 * cannot point the opener at anything else on the machine. */
#include "pbl/module.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

const char *module_video_file_problem(const char *file)
{
    if (!file[0])
        return "is empty";
    if (file[0] == '/' || file[0] == '~')
        return "must be relative to the module's folder, like "
               "videos/promised-read.mp4";
    for (const char *p = file; *p;) {
        size_t n = strcspn(p, "/");
        if (n == 2 && p[0] == '.' && p[1] == '.')
            return "must stay inside the module's folder (no '..')";
        p += n + (p[n] == '/');
    }
    return NULL;
}

int module_video_path(const struct pbl_module *m, char *buf, size_t n)
{
    if (!m->video.file)
        return -1;
    const char *from = m->origin ? m->origin : m->path;
    const char *slash = from ? strrchr(from, '/') : NULL;
    int dir = slash ? (int)(slash - from) : 0;
    /* "./" before a path that could be taken for an option */
    const char *dot = !slash || from[0] == '-' ? "./" : "";
    int len = slash
                  ? snprintf(buf, n, "%s%.*s/%s", dot, dir, from, m->video.file)
                  : snprintf(buf, n, "%s%s", dot, m->video.file);
    return len >= 0 && (size_t)len < n ? 0 : -1;
}

bool module_video_file_exists(const struct pbl_module *m)
{
    char path[4096];
    struct stat st;
    return module_video_path(m, path, sizeof path) == 0 &&
           stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int module_check_video_file(const struct pbl_module *m, struct pbl_diags *d)
{
    char path[4096];
    struct stat st;
    if (!m->video.file)
        return 0;
    if (module_video_path(m, path, sizeof path) < 0) {
        diags_add(d, m->path, m->video.file_line, m->video.file_col,
                  "video file '%s': the path is too long", m->video.file);
        return 1;
    }
    if (stat(path, &st) != 0) {
        diags_add(d, m->path, m->video.file_line, m->video.file_col,
                  "video file '%s' not found (looked for %s)", m->video.file,
                  path);
        return 1;
    }
    if (!S_ISREG(st.st_mode)) {
        diags_add(d, m->path, m->video.file_line, m->video.file_col,
                  "video file '%s' is not a regular file", m->video.file);
        return 1;
    }
    return 0;
}
