/* library.c - loads every module on the search path. */
#include "pbl/library.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pbl/util.h"

static int has_yaml_suffix(const char *name)
{
    size_t n = strlen(name);
    return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
           (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

static int is_vocabulary(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    return strcmp(base, "skills.yaml") == 0 || strcmp(base, "skills.yml") == 0;
}

static int is_milestones(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    return strcmp(base, "milestones.yaml") == 0 ||
           strcmp(base, "milestones.yml") == 0;
}

/* Loads a milestones file unless one is loaded already (the first found
 * wins); one named on the path counts among the files examined, one found
 * beside a module does not, since the user did not ask for it. */
static void load_milestones(struct pbl_library *lib, const char *path,
                            struct pbl_diags *d, int counted)
{
    lib->nfiles += counted;
    if (lib->have_milestones)
        return;
    size_t before = d->n;
    if (milestones_load_file(path, &lib->milestones, d) == 0)
        lib->have_milestones = 1;
    lib->nbad += counted && d->n > before;
}

/* With no list loaded yet, looks for milestones.yaml in the folder of a
 * module file, so `pbl validate FILE` checks ids as the library would. */
static void find_milestones_beside(struct pbl_library *lib, const char *path)
{
    if (lib->have_milestones)
        return;
    const char *slash = strrchr(path, '/');
    size_t n = slash ? (size_t)(slash - path) : 1;
    char *dir = slash ? strndup(path, n) : strdup(".");
    if (!dir ||
        (lib->milestones_tried && strcmp(dir, lib->milestones_tried) == 0)) {
        free(dir);
        return;
    }
    free(lib->milestones_tried);
    lib->milestones_tried = dir;
    struct pbl_diags quiet = {0};
    size_t len = strlen(dir) + sizeof "/milestones.yaml";
    char *file = malloc(len);
    struct stat st;
    if (file) {
        snprintf(file, len, "%s/milestones.yaml", dir);
        if (stat(file, &st) == 0 && S_ISREG(st.st_mode))
            load_milestones(lib, file, &quiet, 0);
    }
    diags_free(&quiet); /* a broken list is reported where it is loaded */
    free(file);
}

/* Every milestone id of m must be on the list; returns the number of
 * problems reported at the ids. */
static int check_milestones(const struct pbl_library *lib,
                            const struct pbl_module *m, struct pbl_diags *d)
{
    int bad = 0;
    for (size_t i = 0; i < m->milestones.n; i++) {
        const char *id = m->milestones.v[i];
        int line = m->milestone_at[2 * i], col = m->milestone_at[2 * i + 1];
        if (!lib->have_milestones)
            diags_add(d, m->path, line, col,
                      "cannot check milestone '%s': no milestones.yaml "
                      "beside the module or on the module path",
                      id);
        else if (!milestones_find(&lib->milestones, id))
            diags_add(d, m->path, line, col,
                      "unknown milestone '%s'; the known ids are listed in %s",
                      id, lib->milestones.path);
        else
            continue;
        bad++;
    }
    return bad;
}

static int add_module(struct pbl_library *lib, struct pbl_module *m,
                      size_t *cap)
{
    struct pbl_module **v = util_grow(lib->mods, cap, lib->n + 1, sizeof *v);
    if (!v)
        return -1;
    lib->mods = v;
    lib->mods[lib->n++] = m;
    return 0;
}

/* Loads one file, counting it as bad when it added problems. */
static int load_one(struct pbl_library *lib, const char *path,
                    struct pbl_diags *d, size_t *cap)
{
    if (is_milestones(path)) {
        load_milestones(lib, path, d, 1);
        return 0;
    }
    size_t before = d->n;
    lib->nfiles++;
    if (is_vocabulary(path)) {
        struct pbl_vocabulary v;
        if (vocabulary_load_file(path, &v, d) == 0) {
            if (lib->have_vocab)
                vocabulary_free(&v); /* the first one found wins */
            else
                lib->vocab = v, lib->have_vocab = 1;
        }
    } else {
        find_milestones_beside(lib, path);
        struct pbl_module *m = module_load_file(path, d);
        if (m && check_milestones(lib, m, d)) {
            module_free(m);
            m = NULL;
        }
        /* pbl validate: the local video must be there (the console
         * still loads a module whose file is missing: it has the link) */
        if (m && lib->identities_only && module_check_video_file(m, d)) {
            module_free(m);
            m = NULL;
        }
        if (m && lib->identities_only)
            module_keep_identity(m);
        if (m && add_module(lib, m, cap) < 0) {
            module_free(m);
            return -1;
        }
    }
    lib->nbad += d->n > before;
    return 0;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads a folder's YAML files in name order, so results never depend on
 * the order the file system lists them. */
static int load_dir(struct pbl_library *lib, const char *dir,
                    struct pbl_diags *d, size_t *cap)
{
    DIR *dp = opendir(dir);
    if (!dp) {
        diags_add(d, dir, 0, 0, "cannot open folder");
        lib->nbad++;
        return 0;
    }
    char **names = NULL;
    size_t n = 0, ncap = 0;
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(dp)) && rc == 0) {
        if (e->d_name[0] == '.' || !has_yaml_suffix(e->d_name))
            continue;
        char **v = util_grow(names, &ncap, n + 1, sizeof *v);
        if (!v) {
            rc = -1;
            break;
        }
        names = v;
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        if (!(names[n] = malloc(len)))
            rc = -1;
        else
            snprintf(names[n++], len, "%s/%s", dir, e->d_name);
    }
    closedir(dp);
    if (n)
        qsort(names, n, sizeof *names, cmp_name);
    for (size_t i = 0; i < n; i++) {
        if (rc == 0)
            rc = load_one(lib, names[i], d, cap);
        free(names[i]);
    }
    free(names);
    return rc;
}

static int cmp_module(const void *a, const void *b)
{
    const struct pbl_module *x = *(struct pbl_module *const *)a;
    const struct pbl_module *y = *(struct pbl_module *const *)b;
    int c = strcmp(x->id, y->id);
    return c ? c : strcmp(x->path, y->path);
}

/* Sorts by id and drops every module whose id another file also uses,
 * telling each file which other file holds the same id. */
static void drop_duplicates(struct pbl_library *lib, struct pbl_diags *d)
{
    if (lib->n == 0)
        return; /* qsort of no array is undefined */
    qsort(lib->mods, lib->n, sizeof *lib->mods, cmp_module);
    size_t keep = 0;
    for (size_t i = 0; i < lib->n;) {
        size_t j = i + 1;
        while (j < lib->n && strcmp(lib->mods[i]->id, lib->mods[j]->id) == 0)
            j++;
        if (j - i == 1) {
            lib->mods[keep++] = lib->mods[i++];
            continue;
        }
        for (size_t k = i; k < j; k++) {
            const struct pbl_module *m = lib->mods[k];
            const struct pbl_module *other = lib->mods[k == i ? i + 1 : i];
            diags_add(d, m->path, m->id_line, m->id_col,
                      "duplicate id '%s': also used by %s; neither is loaded",
                      m->id, other->path);
            lib->nbad++;
        }
        for (size_t k = i; k < j; k++)
            module_free(lib->mods[k]);
        i = j;
    }
    lib->n = keep;
}

/* True when paths[i] names the same file or folder as an earlier path
 * ("modules" and "./modules", or a link to it): compared by device and
 * inode, so each is loaded once. */
static bool named_before(const char *const *paths, size_t i)
{
    struct stat a, b;
    if (stat(paths[i], &a) != 0)
        return false;
    for (size_t k = 0; k < i; k++)
        if (stat(paths[k], &b) == 0 && a.st_dev == b.st_dev &&
            a.st_ino == b.st_ino)
            return true;
    return false;
}

static int load_paths(struct pbl_library *lib, const char *const *paths,
                      size_t npaths, struct pbl_diags *d)
{
    size_t cap = 0;
    for (size_t i = 0; i < npaths; i++) {
        struct stat st;
        int rc;
        if (named_before(paths, i))
            continue;
        if (stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode))
            rc = load_dir(lib, paths[i], d, &cap);
        else
            rc = load_one(lib, paths[i], d, &cap);
        if (rc < 0)
            return -1;
    }
    drop_duplicates(lib, d);
    return 0;
}

int library_load(struct pbl_library *lib, const char *const *paths,
                 size_t npaths, struct pbl_diags *d)
{
    memset(lib, 0, sizeof *lib);
    return load_paths(lib, paths, npaths, d);
}

int library_check(struct pbl_library *lib, const char *const *paths,
                  size_t npaths, struct pbl_diags *d)
{
    memset(lib, 0, sizeof *lib);
    lib->identities_only = 1;
    return load_paths(lib, paths, npaths, d);
}

const struct pbl_module *library_find(const struct pbl_library *lib,
                                      const char *id)
{
    size_t lo = 0, hi = lib->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(id, lib->mods[mid]->id);
        if (c == 0)
            return lib->mods[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

void library_free(struct pbl_library *lib)
{
    for (size_t i = 0; i < lib->n; i++)
        module_free(lib->mods[i]);
    free(lib->mods);
    if (lib->have_vocab)
        vocabulary_free(&lib->vocab);
    if (lib->have_milestones)
        milestones_free(&lib->milestones);
    free(lib->milestones_tried);
    memset(lib, 0, sizeof *lib);
}

size_t library_search_path(const char *const *given, size_t ngiven,
                           const char *env, const char *datadir,
                           const char ***out, char **storage)
{
    size_t n = 0, len = 0;
    char *buf;
    if (ngiven) {
        for (size_t i = 0; i < ngiven; i++)
            len += strlen(given[i]) + 1;
    } else if (env && *env) {
        len = strlen(env) + 1;
    } else {
        len = strlen(datadir) + sizeof "/modules" + sizeof "./modules";
    }
    buf = malloc(len);
    const char **v = calloc(ngiven + len + 1, sizeof *v);
    if (!buf || !v) {
        free(buf);
        free(v);
        *out = NULL, *storage = NULL;
        return 0;
    }
    char *p = buf;
    if (ngiven) {
        for (size_t i = 0; i < ngiven; i++) {
            v[n++] = p;
            p = stpcpy(p, given[i]) + 1;
        }
    } else if (env && *env) {
        strcpy(buf, env);
        for (char *tok = strtok(buf, ":"); tok; tok = strtok(NULL, ":"))
            v[n++] = tok;
    } else {
        struct stat st;
        if (stat("./modules", &st) == 0 && S_ISDIR(st.st_mode))
            strcpy(buf, "./modules");
        else
            snprintf(buf, len, "%s/modules", datadir);
        v[n++] = buf;
    }
    *out = v;
    *storage = buf;
    return n;
}
