/* fileio.h - careful reading of small input files. Generic. */
#ifndef PBL_FILEIO_H
#define PBL_FILEIO_H

#include <stddef.h>

#include "pbl/diag.h"

/* Reads a whole regular file of at most `max` bytes into a malloc'd,
 * NUL-terminated buffer and sets *len. Folders, pipes, devices, files over
 * the limit and read errors are reported in `d` (naming `path`); returns
 * NULL then. */
char *read_small_file(const char *path, size_t max, size_t *len,
                      struct pbl_diags *d);

#endif
