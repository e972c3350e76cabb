/* store_report_impl.h - what src/store_report*.c share: the TEMP tables
 * a report query reads and the SQL that sums skills and rates; not part
 * of the API. */
#ifndef PBL_STORE_REPORT_IMPL_H
#define PBL_STORE_REPORT_IMPL_H

#include "export_impl.h"
#include "pbl/skills.h"
#include "store_select.h"
#include "pbl/report.h"
#include "pbl/store_report.h"

/* The module discussions of the selection, one row each, with the
 * skills named in it and who held it (the group, or the resident in
 * self-study; fkey, its pbl_fold() key, groups the names that differ only
 * in spaces or case, shown as spelled in the first session; sid). A module
 * counts only once a question of it was reached (EX_REACHED): a session
 * stopped at module 2's video, or an empty attempt, did not discuss module
 * 2. Made once per report into a TEMP table (the connection's own temporary
 * schema; the database is only read), since five parts of the report read
 * it. */
#define DISC "temp.pbl_report_disc"
#define RDISC "temp.pbl_report_rdisc"
/* (hash, milestone): the milestones a module text names */
#define MS "temp.pbl_report_ms"

/* The number of skills in a set x (a string literal): its bits, summed. */
#define BIT_COUNT_(x, id, name, key, b) " + ((" x ") & " #b " != 0)"
#define BITS(x) "(0" PBL_SKILLS_WITH(BIT_COUNT_, x) ")"

/* Per group of discussions d: for each skill bit b, tB (a target), nB
 * (named) and mB (a target not named), each after a comma; PICK turns
 * them into the column of skill k. */
#define SUM3(id, name, key, b)                                                 \
    ", sum((d.tgt & " #b ") != 0) AS t" #b ","                                 \
    " sum((d.nmd & " #b ") != 0) AS n" #b ","                                  \
    " sum((d.tgt & " #b ") != 0 AND (d.nmd & " #b ") = 0) AS m" #b
#define SUMS PBL_SKILLS(SUM3)
#define PICK_WHEN(x, id, name, key, b) " WHEN " #b " THEN " x #b
#define PICK(x) "coalesce(CASE k.bit" PBL_SKILLS_WITH(PICK_WHEN, x) " END, 0)"
#define COUNTS                                                                 \
    PICK("a.t")                                                                \
    " AS target, " PICK("a.n") " AS named, " PICK("a.m") " AS missed"

/* The rates of a row with target, named, missed and discussions:
 * named_target_pct, how often a skill was named when it was a target,
 * and named_other_pct, when it was not (integer percentages, NULL when
 * there was no such discussion). */
#define PCT(num, den)                                                          \
    "(CASE WHEN (" den ") > 0 THEN CAST(round(100.0 * (" num ") / (" den       \
    ")) AS INTEGER) END)"
#define PCT_TARGET PCT("target - missed", "target")
#define PCT_OTHER PCT("named - target + missed", "discussions - target")
#define RATES                                                                  \
    PCT_TARGET " AS named_target_pct, " PCT_OTHER " AS named_other_pct"
#define RATES_JSON                                                             \
    "'named_target_pct', " PCT_TARGET ", 'named_other_pct', " PCT_OTHER

/* The key (RDISC's fkey) of the resident :who names: a roster
 * resident's current name, else a former one (its holder's current key),
 * else the name as typed (folded). */
#define WHO_FKEY                                                               \
    "coalesce((SELECT c.name_key FROM residents c"                             \
    " WHERE c.name_key = pbl_fold(:who)),"                                     \
    " (SELECT c.name_key FROM resident_names n JOIN residents c"               \
    " ON c.id = n.resident_id WHERE n.name_key = pbl_fold(:who)"               \
    " ORDER BY n.until DESC LIMIT 1), pbl_fold(:who))"

/* True when :who is NULL, or for the resident :who names: their key, or
 * a module discussion (its DISC id) they took part in. */
#define WHO_KEY(key) "(:who IS NULL OR " key " = " WHO_FKEY ")"
#define WHO(id)                                                                \
    "(:who IS NULL OR EXISTS (SELECT 1 FROM " RDISC " x WHERE x.did = " id     \
    " AND x.fkey = " WHO_FKEY "))"

/* A part of the report: its name and its query; `masked` when it shows
 * text people typed (read with patient identifiers masked, phi.h). */
struct srp_part {
    const char *part, *sql;
    bool masked;
};
extern const struct srp_part srp_parts[];
extern const int srp_nparts;

/* The milestones each selected module discussion serves (MS), read from
 * the `milestones:` of its snapshot's module text; EXPORT_OK or
 * EXPORT_ERROR with *err. */
int srp_make_milestones(sqlite3 *db, char **err);

#endif
