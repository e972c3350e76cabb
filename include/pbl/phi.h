/* phi.h - what looks like a patient identifier in text residents typed.
 *
 * Residents type what they saw, and records leave the building as
 * exports. The patterns of what looks like a medical record number, a
 * date of birth (or any full date), a phone number, an email address or
 * a street address are listed in one place (phi.c), as POSIX extended
 * regular expressions; a program adds its own with `pbl db set
 * phi-patterns FILE` (kept in the database's settings, so every export
 * of it masks the same). A match must stand alone: a letter or digit just
 * before or after it makes it no match ("PGY2", "eGFR 30" and "14:15"
 * are not identifiers).
 *
 * Plain C, no ncurses: the console marks such text, exports mask it. */
#ifndef PBL_PHI_H
#define PBL_PHI_H

#include <stdbool.h>
#include <stddef.h>

struct pbl_store;
struct phi_set;

/* What masked text is replaced by. */
#define PHI_MASK "[identifier removed]"
/* The setting that holds a program's own patterns (the file's text). */
#define PHI_SETTING "phi-patterns"

/* One identifier found: bytes [start, start + len) of the text, and the
 * kind of pattern ("phone", ...; the set's string). */
struct phi_match {
    size_t start, len;
    const char *kind;
};

/* The built-in patterns, compiled; NULL when memory ran out. */
struct phi_set *phi_default(void);
void phi_free(struct phi_set *set);

/* Adds patterns from text, one a line: "KIND REGEX" (the kind a word,
 * then spaces, then a POSIX extended regular expression, matched without
 * regard to case); blank lines and lines starting with # are skipped.
 * 0, or -1 with *err a malloc'd message naming the line. */
int phi_add_patterns(struct phi_set *set, const char *text, char **err);

/* The built-in patterns plus those set in the store (PHI_SETTING).
 * NULL with *err set when they cannot be read or compiled. */
struct phi_set *phi_for_store(struct pbl_store *st, char **err);

/* Finds the identifiers in text, first to last, not overlapping: fills
 * at most max of out and returns how many there are (may exceed max). */
size_t phi_find(const struct phi_set *set, const char *text,
                struct phi_match *out, size_t max);

/* Whether text holds anything that looks like an identifier; *kind (when
 * not NULL) gets the first one's kind. */
bool phi_contains(const struct phi_set *set, const char *text,
                  const char **kind);

/* text with every identifier replaced by PHI_MASK, malloc'd (NULL when
 * memory ran out); *count (when not NULL) gets how many were replaced. */
char *phi_mask(const struct phi_set *set, const char *text, size_t *count);
/* The same with another replacement (the console's "[hidden]"). */
char *phi_replace(const struct phi_set *set, const char *text, const char *with,
                  size_t *count);

#endif
