/* roster.h - residents as people: the roster, who attended a group
 * session, who spoke to a question, and everything one resident did.
 *
 * Part of the store (src/store_roster.c, src/store_attend.c): the same
 * conventions as store.h (STORE_OK / STORE_ERROR / STORE_NOT_FOUND, the
 * message in store_error(), strings malloc'd and freed by the *_free
 * functions).
 *
 * Names are stored as text_name() gives them (spaces trimmed and
 * collapsed) and compared by text_name_key() (and Unicode case folded),
 * so " ana  RIVERA" finds "Ana Rivera". A resident keeps the names they
 * had: after a rename the old name still finds them, and their records
 * follow them (attendance by their id; self-study by the id, else by any
 * of their names). */
#ifndef PBL_ROSTER_H
#define PBL_ROSTER_H

#include <stdbool.h>
#include <stdint.h>

#include "pbl/store.h"

/* The longest class: "PGY1".."PGY5" or a four-digit graduation year. */
#define ROSTER_CLASS_MAX 8

struct roster_resident {
    int64_t id;
    char *name;  /* as stored (text_name) */
    char *email; /* or NULL */
    char klass[ROSTER_CLASS_MAX];
    bool active; /* false: graduated (retired) */
    char added_at[STORE_TIME_LEN + 1];
    char retired_at[STORE_TIME_LEN + 1]; /* "" while active */
};
struct roster_list {
    struct roster_resident *v;
    size_t n;
};

/* The class `s` names, normalised into out: "pgy2" -> "PGY2" (PGY1 to
 * PGY5), or a graduation year 1950..2199 ("2027"). 0, or -1 when it is
 * neither. */
int roster_class_parse(const char *s, char out[static ROSTER_CLASS_MAX]);

/* Adds an active resident; *id (when not NULL) gets the id. An empty name
 * or a bad class is STORE_ERROR; a name that is a current resident's
 * (by key) is STORE_ERROR with "already on the roster". */
int roster_add(struct pbl_store *st, const char *name, const char *klass,
               const char *email, int64_t *id);

/* Finds a resident by a current name, else by a former name (the one who
 * held it last). STORE_NOT_FOUND when nobody has had it. */
int roster_find(struct pbl_store *st, const char *name,
                struct roster_resident *out);
/* The same by id. */
int roster_get(struct pbl_store *st, int64_t id, struct roster_resident *out);

/* Renames a resident (found as by roster_find): the old name is kept as a
 * former one. A new name that is another current resident's is refused. */
int roster_rename(struct pbl_store *st, const char *old_name,
                  const char *new_name);

/* Marks a resident graduated (no longer offered on forms; records kept). */
int roster_retire(struct pbl_store *st, const char *name);

/* The roster, active residents first, then by name; graduated residents
 * only with `all`. */
int roster_list(struct pbl_store *st, bool all, struct roster_list *out);

/* A resident's former names, most recent first (freed with
 * store_strv_free). */
int roster_former_names(struct pbl_store *st, int64_t id, struct pbl_strv *out);

void roster_resident_free(struct roster_resident *r);
void roster_list_free(struct roster_list *l);

/* ---- attendance (src/store_attend.c) -------------------------------- */

struct roster_attendee {
    int64_t resident_id;
    char *name; /* the resident's current name */
    char joined_at[STORE_TIME_LEN + 1];
    char left_at[STORE_TIME_LEN + 1]; /* "" while present */
};
struct roster_attendance {
    struct roster_attendee *v;
    size_t n;
};

/* Records that resident `id` is at group session `uuid` from now (again,
 * when they had left: the leaving time is cleared), or, with present
 * false, that they left now. Logs an "attend" or "leave" event. */
int roster_set_present(struct pbl_store *st, const char *uuid, int64_t id,
                       bool present);
/* The residents who attended the session, by name. */
int roster_list_attendance(struct pbl_store *st, const char *uuid,
                           struct roster_attendance *out);
void roster_attendance_free(struct roster_attendance *a);

/* Marks (spoke) or unmarks an attendee as having spoken to question
 * `qidx` of module `modpos`. Only an attendee may speak. */
int roster_set_speaker(struct pbl_store *st, const char *uuid, int modpos,
                       int qidx, int64_t id, bool spoke);
/* The ids of the residents who spoke to a question, ascending: *ids is
 * malloc'd (NULL when none), *n their number. */
int roster_list_speakers(struct pbl_store *st, const char *uuid, int modpos,
                         int qidx, int64_t **ids, size_t *n);

/* Links a self-study session to its roster resident. */
int roster_link_study(struct pbl_store *st, const char *uuid, int64_t id);

/* One session of a resident's record. */
struct roster_record {
    char uuid[STORE_UUID_LEN + 1];
    enum store_kind kind;
    enum store_status status;
    char started_at[STORE_TIME_LEN + 1];
    char *label; /* group name (group) or the name studied under */
    int spoke;   /* questions they spoke to (group sessions) */
};
struct roster_records {
    struct roster_record *v;
    size_t n;
};

/* Everything resident `id` took part in, oldest first: the group
 * sessions they attended, and their self-study (sessions linked to them,
 * and older ones recorded under any name they have had). */
int roster_resident_records(struct pbl_store *st, int64_t id,
                            struct roster_records *out);
void roster_records_free(struct roster_records *r);

#endif
