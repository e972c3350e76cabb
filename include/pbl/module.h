/* module.h - one scenario module, as read from a schema-1 YAML file.
 *
 * The keys of schema 1 are a contract (see modules/README.md): every file
 * that validates today loads in every later version. */
#ifndef PBL_MODULE_H
#define PBL_MODULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pbl/diag.h"
#include "pbl/skills.h" /* enum pbl_skill, SKILL_BIT: the five skills */

/* "reliability" for SKILL_RELIABILITY, and so on. */
const char *skill_name(enum pbl_skill s);
/* The skill named by s (exact, lower case), or -1. */
int skill_from_name(const char *s);

enum pbl_question_kind { QKIND_CUSTOMERS, QKIND_SKILLS, QKIND_TEXT };
const char *question_kind_name(enum pbl_question_kind k);

/* What is wrong with a module id ("must be 1 to 64 of a-z, 0-9 and '-'",
 * "must start with a-z or 0-9"), or NULL when it is a good one. */
const char *module_id_problem(const char *id);

struct pbl_strv {
    char **v;
    size_t n;
};

struct pbl_question {
    char *prompt;
    enum pbl_question_kind kind;
    int minutes; /* time box; 0 when none */
    char *answer;
    struct pbl_strv points; /* key points of the model answer */
    char *notes;            /* facilitator only; NULL when none */
    bool judge_skills;      /* judge_skills: true on a question not of kind
                               skills */
};

/* A role-play card: who the role is and what only that role knows. */
struct pbl_role {
    char *name;
    char *knows;
};

/* Whether the skills tagged on q are judged against the module's targets
 * (matched, missed, extra): on the skills question, or where the question
 * says `judge_skills: true`. Elsewhere tags are shown without a verdict. */
bool question_judges_skills(const struct pbl_question *q);

struct pbl_video {
    char *url; /* NULL when the module has no video */
    char *title;
    int minutes;             /* its length as written; 0 when not given */
    char *file;              /* a local copy, relative to the module's
                                folder; NULL when none */
    int file_line, file_col; /* where `file` is written, for messages */
};

struct pbl_module {
    char *path;   /* file it came from, or a caller's label */
    char *origin; /* a snapshot's: the file its session was started from
                     (for the local video); NULL otherwise */
    char *id;
    int id_line, id_col; /* where the id is written, for messages */
    char *title;
    int version;
    char *summary; /* NULL when absent, like every optional string */
    char *level;
    struct pbl_strv tags;
    struct pbl_strv customers;
    struct pbl_strv *customer_aliases; /* customers.n lists of other names
                                          that count as naming that
                                          customer; NULL when none */
    unsigned skills;                   /* SKILL_BIT set */
    int focus; /* the primary skill (enum pbl_skill), or -1 */
    struct pbl_strv objectives;
    struct pbl_strv milestones; /* ACGME milestone ids, such as ICS1 */
    int *milestone_at;          /* line and column of each id, in pairs */
    char *prework;              /* to read before the session; or NULL */
    struct pbl_role *roles;     /* role-play cards */
    size_t nroles;
    char *scenario;
    int scenario_minutes; /* the scenario's time box as written; 0 when not
                             given (see module_stage_plan) */
    struct pbl_video video;
    struct pbl_question *questions;
    size_t nquestions;
    char hash[32]; /* from a snapshot: the hash it was saved with; empty
                      for a module read from a file (see module_hash) */
    char *source;  /* the file's full text, kept for session snapshots */
    size_t source_len;
};

/* What the session plan counts for a stage whose module gives no time:
 * reading the scenario aloud, a video of unknown length, a question
 * without `minutes`. */
#define MODULE_DEFAULT_SCENARIO_MINUTES 5
#define MODULE_DEFAULT_VIDEO_MINUTES 5
#define MODULE_DEFAULT_QUESTION_MINUTES 5

/* The planned minutes of each stage of a module: its scenario, its video
 * (0 when it has none) and each question, written or defaulted. */
int module_scenario_plan(const struct pbl_module *m);
int module_video_plan(const struct pbl_module *m);
int module_question_plan(const struct pbl_question *q);
/* The sum of the above: the minutes the module is planned to take. */
int module_planned_minutes(const struct pbl_module *m);

/* A module's local video file (module_video.c). What is wrong with the
 * path as written (absolute, or leaving the module's folder with '..'),
 * or NULL when it is a good one. */
const char *module_video_file_problem(const char *file);
/* The file's path as the system's opener needs it: the module's folder
 * (the folder of m->origin, else of m->path) joined with video.file, with "./"
 * in front when it could be read as an option. Returns 0, or -1 when the module
 * names no file or the path does not fit in n bytes. */
int module_video_path(const struct pbl_module *m, char *buf, size_t n);
/* Whether the file exists as a regular file. */
bool module_video_file_exists(const struct pbl_module *m);
/* For `pbl validate`: a message at the `file` key when the file named is
 * missing or not a regular file. Returns the number of problems (0 or 1). */
int module_check_video_file(const struct pbl_module *m, struct pbl_diags *d);

/* Files larger than this are refused before parsing. */
#define MODULE_MAX_BYTES (1024 * 1024)
/* Deeper nesting than this is refused (no stack exhaustion). */
#define MODULE_MAX_DEPTH 64

/* Parses a module from memory. `label` names the source in messages.
 * Every problem found is appended to `d`; returns the module when there
 * were none, else NULL. */
struct pbl_module *module_parse(const char *label, const char *buf, size_t len,
                                struct pbl_diags *d);

/* Reads and parses one file, refusing what is not a regular file, is over
 * MODULE_MAX_BYTES, or cannot be read, with a message in `d`. */
struct pbl_module *module_load_file(const char *path, struct pbl_diags *d);

void module_free(struct pbl_module *m);

/* Fills the keys a session snapshot does not keep in columns (focus,
 * objectives, milestones, prework, roles, customer aliases) by reading the
 * module's source text again; where that fails they take their defaults. */
void module_adopt_keys(struct pbl_module *m);

/* Writes the content hash of the module's file to out: "fnv1a64:" and 16
 * hex digits over its source, or the hash a snapshot was saved with. Only
 * a snapshot needs it, so loading a library never spends time on it. */
void module_hash(const struct pbl_module *m, char out[32]);

/* Frees everything but the module's path, id and the id's position: what
 * a caller that only checks files (pbl validate) needs to find duplicate
 * ids, so its memory does not grow with the library. */
void module_keep_identity(struct pbl_module *m);

/* The skills vocabulary file (modules/skills.yaml): a name and a short
 * definition for each of the five skills; optionally what customer
 * service is and the kinds of customers, for the session's opening. */
struct pbl_skill_info {
    char *name;
    char *definition;
    char *looks_like;
};
/* The kinds of customers the skills file names (external, internal). */
#define VOCAB_MAX_KINDS 4
struct pbl_vocabulary {
    struct pbl_skill_info skill[SKILL_COUNT];
    char *customer_service; /* what customer service is; NULL when absent */
    struct pbl_skill_info kind[VOCAB_MAX_KINDS]; /* name and definition */
    size_t nkinds;
};

/* Parses a vocabulary file from memory; 0 on success, else -1 with the
 * problems in `d`. */
int vocabulary_parse(const char *label, const char *buf, size_t len,
                     struct pbl_vocabulary *out, struct pbl_diags *d);
int vocabulary_load_file(const char *path, struct pbl_vocabulary *out,
                         struct pbl_diags *d);
void vocabulary_free(struct pbl_vocabulary *v);

#endif
