/* fileio.h - careful reading of small input files, and small helpers for
 * the files pbl writes. Generic. */
#ifndef PBL_FILEIO_H
#define PBL_FILEIO_H

#include <stdbool.h>
#include <stddef.h>

#include "pbl/diag.h"

/* Reads a whole regular file of at most `max` bytes into a malloc'd,
 * NUL-terminated buffer and sets *len. Folders, pipes, devices, files over
 * the limit and read errors are reported in `d` (naming `path`); returns
 * NULL then. */
char *read_small_file(const char *path, size_t max, size_t *len,
                      struct pbl_diags *d);

/* Parses a file's text into out: 0, or -1 with the problems in d. */
typedef int (*file_parse_fn)(const char *label, const char *buf, size_t len,
                             void *out, struct pbl_diags *d);

/* Reads a small file (as read_small_file) and hands its text, labelled
 * with path, to parse; returns what parse returns, or -1 when the file
 * cannot be read. */
int parse_small_file(const char *path, size_t max, file_parse_fn parse,
                     void *out, struct pbl_diags *d);

/* The folder part of path, malloc'd ("." when it has none, "/" for a
 * name in the root); *base, when not NULL, is set to the name after the
 * last '/'. NULL when out of memory. */
char *path_folder(const char *path, const char **base);

/* fsync(2) of a file, or of a folder (so that a new name in it survives a
 * power cut), by name; 0, or -1 with errno set. */
int sync_by_name(const char *path, bool folder);

#endif
