/* store_walk.h - reading recorded sessions in order, for every output
 * (the Markdown, CSV, HTML and JSON exports; the hub sync and other
 * writers to come): the store alone knows the tables.
 *
 * A selection names the sessions; store_walk() reads them, oldest start
 * first, and hands each part to a visitor: the session, each module as
 * snapshotted, each question with its response and key points, the
 * module's stage times, the parking lot and the review comments. The
 * rows are read one at a time (never a whole result in memory). Strings
 * in the records are valid only during the call, NULL for a missing
 * value. */
#ifndef PBL_STORE_WALK_H
#define PBL_STORE_WALK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pbl/clock.h"

struct pbl_store;

/* The sessions to read. Every list may be empty (no filter). */
struct store_selection {
    const char *const *sessions; /* full UUIDs */
    size_t nsessions;
    const char *const *groups; /* group names (spaces, case ignored) */
    size_t ngroups;
    const char *const *residents; /* resident names (the same) */
    size_t nresidents;
    /* module ids: sessions that used one, and in them only these modules */
    const char *const *modules;
    size_t nmodules;
    const char *const *statuses; /* "active", "finished", "abandoned" */
    size_t nstatuses;
    const char *from, *to; /* "YYYY-MM-DD", inclusive, UTC; NULL: open */
    const char *kind;      /* "group" or "self-study"; NULL: both */
    long long limit;       /* only the N most recent; -1: no limit */
    /* times the writers show (md, html) in UTC, not the local time zone;
     * the store reads it not */
    bool utc;
};

struct walk_doc {
    long long nsessions;
    const char *exported_at; /* now, ISO 8601 UTC */
    const char *json;        /* with walk_visitor.json: the document's head */
};

struct walk_session {
    int number; /* 1, 2, ... in this walk */
    const char *uuid, *kind, *status, *group, *facilitator, *resident,
        *participants, *notes, *started_at, *ended_at;
    long long duration;     /* seconds; -1 while active */
    long long summary_secs; /* seconds on the summary; -1 when never seen */
    int nmodules, nparking, ncomments;
    const char *json; /* with walk_visitor.json: the session as JSON */
};

struct walk_module {
    int number; /* position + 1 */
    const char *id, *title, *summary, *level, *scenario, *video_url,
        *video_title, *hash;
    int version, video_minutes;
    unsigned target, named; /* SKILL_BIT sets */
    int nquestions, nstages;
    const char *json; /* with walk_visitor.json: the module as JSON */
};

struct walk_question {
    int number; /* index + 1 */
    const char *prompt, *kind, *model_answer;
    int minutes;                /* time box; 0 when none */
    long long secs;             /* time spent; -1 when never entered */
    bool recorded;              /* a response row exists */
    const char *answer, *draft; /* entered answer; unsent draft */
    unsigned skills;            /* tagged */
    uint64_t points;            /* ticked */
    const char *rating;         /* "got", "partly", "missed" or NULL */
    bool gave_up;               /* self-study */
    const char *revealed_at, *updated_at;
    /* customers question: the customers marked as named, "a; b" ("" when
     * none); NULL on other questions */
    const char *customers_named;
    /* customers question: every customer of the module, in its order
     * (with walk_visitor.customers), and which of them were marked (bit
     * i: customers[i]); NULL, 0 and 0 on other questions */
    const char *const *customers;
    int ncustomers;
    uint64_t customers_marked;
    bool judges_skills; /* a skills question, or one that judges them */
    /* the answer when the model answer was first shown; NULL if never */
    const char *answer_at_reveal;
    bool edited_after_reveal;     /* changed since (store.h) */
    const char *reached, *missed; /* key points, one a line, or NULL */
    int npoints;
    const char *json; /* with walk_visitor.json: the question as JSON */
};

struct walk_point {
    int number;
    const char *text;
    bool reached;
};

struct walk_stage {
    const char *stage; /* "scenario", "video", "q1", ... */
    int visits;
    long long secs;
    int planned_minutes;
};

struct walk_park {
    const char *text, *raised_at, *resolved_at, *resolved_in;
    bool raised_here; /* else raised earlier, resolved in this session */
};

struct walk_comment {
    const char *text, *created_at;
};

/* Any callback may be NULL. */
struct walk_visitor {
    /* true: each session, module and question comes as one JSON object
     * built by the store (the records' `json`, with everything of that
     * record in it: a session's parking lot and comments, a module's
     * stages, a question's key points), and only `number` and `json` are
     * set; point, stage, park and comment are not called. The fast path
     * of the JSON export. */
    bool json;
    /* true: a customers question's record lists every customer
     * (walk_question.customers; the review text); else the list is not
     * read */
    bool customers;
    void (*begin)(void *ctx, const struct walk_doc *d);
    void (*session)(void *ctx, const struct walk_session *s);
    void (*module)(void *ctx, const struct walk_session *s,
                   const struct walk_module *m);
    void (*question)(void *ctx, const struct walk_session *s,
                     const struct walk_module *m,
                     const struct walk_question *q);
    void (*point)(void *ctx, const struct walk_question *q,
                  const struct walk_point *p);
    void (*question_end)(void *ctx, const struct walk_session *s,
                         const struct walk_question *q);
    void (*stage)(void *ctx, const struct walk_module *m,
                  const struct walk_stage *t);
    void (*module_end)(void *ctx, const struct walk_module *m);
    void (*park)(void *ctx, const struct walk_session *s,
                 const struct walk_park *p);
    void (*comment)(void *ctx, const struct walk_session *s,
                    const struct walk_comment *c);
    void (*session_end)(void *ctx, const struct walk_session *s);
    void (*end)(void *ctx, const struct walk_doc *d);
};

/* Walks the selected sessions, calling `v` with `ctx`. 0, or -1 with
 * *err set ("cannot read the sessions: ..."; malloc'd). */
int store_walk(struct pbl_store *st, const struct store_selection *sel,
               const struct walk_visitor *v, void *ctx, char **err);

/* The number of sessions selected in *n: 0, or -1 with *err set. */
int store_count_selected(struct pbl_store *st,
                         const struct store_selection *sel, long long *n,
                         char **err);

/* A read transaction around several reads (one consistent snapshot even
 * while a session is recorded meanwhile): store_read_begin returns true
 * when it began one, which store_read_end(st, true) ends. */
bool store_read_begin(struct pbl_store *st);
void store_read_end(struct pbl_store *st, bool began);

/* ---- masking an export (store_mask.c) ------------------------------ */

/* Masks every answer, draft, review comment and parking-lot item that the
 * connection of `st` reads from now on, until store_mask_end(): temporary
 * views of the same names shadow the tables, their text passed through
 * phi_mask() (phi.h). The store must not be written meanwhile. Returns the
 * masking under way, or NULL with *err set. */
struct store_mask;
struct store_mask *store_mask_begin(struct pbl_store *st, char **err);
/* Drops the views and frees m; returns how many identifiers were masked,
 * each text counted once however often it was read. NULL gives 0. */
size_t store_mask_end(struct pbl_store *st, struct store_mask *m);

#endif
