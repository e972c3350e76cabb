/* skills.h - the five skills of the controlled vocabulary (RATER), named
 * once.
 *
 * PBL_SKILLS(X) lists them in their fixed order, one row each:
 *   X(ID, name, key, bit)
 * ID makes SKILL_ID of enum pbl_skill; `name` is the word modules, files
 * and exports use; `key` is the digit that tags it on a question screen
 * (its place, from 1); `bit` is SKILL_BIT(SKILL_ID) written out, so that
 * SQL text can be made from the list at compile time. The order and the
 * bits are part of the database's format (skill sets are stored as these
 * bits): a skill is only ever added at the end.
 *
 * PBL_SKILLS_WITH(X, arg) is the same list calling X(arg, ID, name, key,
 * bit), for rows that need one more value (an SQL column, say). */
#ifndef PBL_SKILLS_H
#define PBL_SKILLS_H

#define PBL_SKILLS_WITH(X, arg)                                                \
    X(arg, RELIABILITY, reliability, 1, 1)                                     \
    X(arg, RESPONSIVENESS, responsiveness, 2, 2)                               \
    X(arg, ASSURANCE, assurance, 3, 4)                                         \
    X(arg, EMPATHY, empathy, 4, 8)                                             \
    X(arg, TANGIBLES, tangibles, 5, 16)

#define PBL_SKILL_ROW_(X, id, name, key, bit) X(id, name, key, bit)
#define PBL_SKILLS(X) PBL_SKILLS_WITH(PBL_SKILL_ROW_, X)

#define PBL_SKILL_ENUM_(id, name, key, bit) SKILL_##id,
/* The five skills, as indexes; SKILL_BIT(s) is a skill's bit in a set. */
enum pbl_skill { PBL_SKILLS(PBL_SKILL_ENUM_) SKILL_COUNT };
#undef PBL_SKILL_ENUM_

#define SKILL_BIT(s) (1u << (s))
#define SKILL_ALL ((1u << SKILL_COUNT) - 1)

/* The names as one string literal, for messages:
 * "reliability, responsiveness, assurance, empathy, tangibles". */
#define PBL_SKILL_NAME_ITEM_(id, name, key, bit) ", " #name
#define PBL_SKILL_NAMES_TEXT (&(PBL_SKILLS(PBL_SKILL_NAME_ITEM_))[2])

/* SQL text made from the list: every skill's bit OR-ed, "(0 | 1 | 2 | 4 |
 * 8 | 16)", the largest valid skill set. */
#define PBL_SKILL_BIT_OR_(id, name, key, bit) " | " #bit
#define PBL_SKILL_ALL_SQL "(0" PBL_SKILLS(PBL_SKILL_BIT_OR_) ")"

/* SQL: the union of the skill sets in column `col` (a string literal)
 * over the rows of a GROUP BY; SQLite has no OR aggregate, so it is the
 * max of each bit, OR-ed. NULL when there is no row. */
#define PBL_SKILL_MAX_BIT_(col, id, name, key, bit) " | max(" col " & " #bit ")"
#define PBL_SKILLS_UNION_SQL(col)                                              \
    "(0" PBL_SKILLS_WITH(PBL_SKILL_MAX_BIT_, col) ")"

#endif
