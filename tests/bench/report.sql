-- report.sql - the reference for `pbl report --format csv`: the same
-- tables, rows and values in plain SQL for the sqlite3 command-line tool,
-- over every session:
--   sqlite3 -readonly -csv -header DB '.read report.sql'
-- tests/bench/run.sh compares its rows with pbl's (tests/bench/
-- same_csv.py) and fails the row when they differ, so the reference
-- cannot drift from what pbl computes. As in pbl (src/report.c):
--  - abandoned sessions are left out (no --status given), and so is a
--    module no question of which was reached (an answer, a draft, a tag, a
--    tick, a reveal or a give-up); the summary says how many sessions
--    that left out;
--  - a discussion is one module in one session; a skill is named when the
--    group tagged it on any question of the discussion, missed when it is
--    a target of the module and was not named; by module and by group,
--    only the skills that were a target or named;
--  - a key point counts once per reached response to its question,
--    against one snapshot of the same module text (module and hash), the
--    ten most missed;
--  - a stage's time is summed per visit of one module of one session (an
--    open stage runs to the session's end), averaged, rounded;
--  - open parking-lot items with their date and the session's short id;
--  - rates are integer percentages (empty when nothing to divide by):
--    named when a target (target - missed over target), named when not
--    (named - target + missed over discussions - target), a key point
--    reached (over its reached responses);
--  - self-study by module: attempts, those finished, questions reached,
--    self-ratings, give-ups;
--  - residents: the roster residents who attended a group session
--    (attendance), and a self-study's resident: the one it is linked to,
--    else the roster resident with that current name, else with that
--    former name (the last to hold it), else the name as typed, grouped
--    by lower case (pbl folds Unicode case and spaces).
--    a give-up's rating (older records have one) is not counted;
--  - milestones (read from the module texts by pbl) are not computed
--    here: the benchmark's modules name none, and pbl's empty section
--    is left out of the comparison (same_csv.py);
-- Days are UTC's: run pbl with TZ=UTC to compare.
-- Text cells get the CSV formula guard of pbl's csv_write_cell (a leading
-- ' before = + - @ tab or CR).
CREATE TEMP TABLE skill(bit INTEGER, name TEXT);
INSERT INTO skill VALUES (1, 'reliability'), (2, 'responsiveness'),
  (4, 'assurance'), (8, 'empathy'), (16, 'tangibles');
CREATE TEMP VIEW reached AS
  SELECT * FROM responses r
  WHERE trim(coalesce(r.text, r.draft, ''), ' ' || char(9, 10, 13)) <> ''
     OR r.skills <> 0 OR r.points <> 0 OR r.revealed_at IS NOT NULL
     OR r.gave_up <> 0;
CREATE TEMP TABLE d AS
  SELECT m.id AS id, m.session_id AS sid, m.module_id AS module,
         m.skills AS target, s.status AS status,
         coalesce(max(r.skills & 1) | max(r.skills & 2) | max(r.skills & 4)
                  | max(r.skills & 8) | max(r.skills & 16), 0) AS named,
         CASE s.kind WHEN 'group' THEN 'group' ELSE 'resident' END AS kind,
         CASE s.kind WHEN 'group' THEN s.group_name ELSE s.resident END AS who
  FROM session_modules m JOIN sessions s ON s.id = m.session_id
  JOIN reached r ON r.session_id = m.session_id AND r.modpos = m.position
  WHERE s.status <> 'abandoned'
  GROUP BY m.id;
CREATE TEMP VIEW guard AS SELECT '=+-@' || char(9) || char(13) AS first;

SELECT 'summary' AS section, coalesce(sum(counted), 0) AS sessions,
       (SELECT count(*) FROM d) AS discussions,
       substr(min(CASE WHEN counted THEN started_at END), 1, 10)
         AS first_session,
       substr(max(CASE WHEN counted THEN started_at END), 1, 10)
         AS last_session,
       coalesce(sum(NOT counted), 0) AS left_out_nothing_reached,
       (SELECT count(*) FROM sessions WHERE status = 'abandoned')
         AS left_out_by_status,
       (SELECT group_concat(n || ' ' || status, ', ') FROM
         (SELECT status, count(*) AS n FROM sessions
          WHERE status = 'abandoned' GROUP BY status ORDER BY status))
         AS left_out_statuses
FROM (SELECT s.started_at AS started_at,
             s.id IN (SELECT sid FROM d) AS counted
      FROM sessions s WHERE s.status <> 'abandoned');

SELECT section, skill, target, named, missed,
       CASE WHEN target > 0
            THEN CAST(round(100.0 * (target - missed) / target) AS INTEGER)
            END AS named_target_pct,
       CASE WHEN n - target > 0
            THEN CAST(round(100.0 * (named - target + missed) / (n - target))
                      AS INTEGER) END AS named_other_pct
FROM (
SELECT 'skills' AS section, k.name AS skill, (SELECT count(*) FROM d) AS n,
       k.bit AS bit,
       sum((d.target & k.bit) > 0) AS target, sum((d.named & k.bit) > 0) AS named,
       sum((d.target & k.bit) > 0 AND (d.named & k.bit) = 0) AS missed
FROM skill k LEFT JOIN d GROUP BY k.bit) ORDER BY bit;

SELECT *,
       CASE WHEN target > 0
            THEN CAST(round(100.0 * (target - missed) / target) AS INTEGER)
            END AS named_target_pct,
       CASE WHEN discussions - target > 0
            THEN CAST(round(100.0 * (named - target + missed)
                            / (discussions - target)) AS INTEGER)
            END AS named_other_pct
FROM (
  SELECT 'by_module' AS section,
         CASE WHEN instr((SELECT first FROM guard), substr(d.module, 1, 1)) > 0
              THEN '''' || d.module ELSE d.module END AS module,
         (SELECT count(*) FROM d e WHERE e.module = d.module) AS discussions,
         k.name AS skill,
         sum((d.target & k.bit) > 0) AS target, sum((d.named & k.bit) > 0) AS named,
         sum((d.target & k.bit) > 0 AND (d.named & k.bit) = 0) AS missed
  FROM d, skill k GROUP BY d.module, k.bit ORDER BY d.module, k.bit)
WHERE target > 0 OR named > 0;

SELECT *,
       CASE WHEN target > 0
            THEN CAST(round(100.0 * (target - missed) / target) AS INTEGER)
            END AS named_target_pct,
       CASE WHEN discussions - target > 0
            THEN CAST(round(100.0 * (named - target + missed)
                            / (discussions - target)) AS INTEGER)
            END AS named_other_pct
FROM (
  SELECT 'by_group' AS section, d.kind AS kind,
         CASE WHEN instr((SELECT first FROM guard), substr(d.who, 1, 1)) > 0
              THEN '''' || d.who ELSE d.who END AS name,
         (SELECT count(*) FROM d e WHERE e.kind = d.kind AND e.who IS d.who)
           AS discussions,
         k.name AS skill, sum((d.target & k.bit) > 0) AS target,
         sum((d.named & k.bit) > 0) AS named,
         sum((d.target & k.bit) > 0 AND (d.named & k.bit) = 0) AS missed
  FROM d, skill k GROUP BY d.kind, d.who, k.bit ORDER BY d.kind, d.who, k.bit)
WHERE target > 0 OR named > 0;

WITH byq AS (
  SELECT m.module_id AS module, r.qidx AS qidx, r.points AS points,
         count(*) AS cnt, min(q.id) AS qid
  FROM session_modules m JOIN sessions s ON s.id = m.session_id
  JOIN reached r ON r.session_id = m.session_id AND r.modpos = m.position
  JOIN snapshot_questions q ON q.session_module_id = m.id AND q.idx = r.qidx
  WHERE s.status <> 'abandoned'
  GROUP BY m.module_id, m.hash, r.qidx, r.points),
pts AS (
  SELECT b.module AS module, b.qidx + 1 AS question, p.idx AS pidx,
         p.text AS point, sum(b.cnt) AS discussed,
         sum(b.cnt * (((b.points >> p.idx) & 1) = 0)) AS missed
  FROM byq b JOIN snapshot_points p ON p.question_id = b.qid
  GROUP BY b.module, b.qidx, p.idx, p.text HAVING missed > 0)
SELECT 'missed_points' AS section, missed, discussed,
       CASE WHEN instr((SELECT first FROM guard), substr(module, 1, 1)) > 0
            THEN '''' || module ELSE module END AS module,
       'Q' || question AS question,
       CASE WHEN instr((SELECT first FROM guard), substr(point, 1, 1)) > 0
            THEN '''' || point ELSE point END AS key_point
FROM pts ORDER BY missed DESC, module, question, pidx LIMIT 10;

WITH st AS (
  SELECT t.stage AS stage, max(t.planned_minutes) AS planned,
         sum(max(0, CAST(strftime('%s', coalesce(t.left_at, s.ended_at)) AS INTEGER)
                    - CAST(strftime('%s', t.entered_at) AS INTEGER))) AS secs
  FROM stage_timings t JOIN sessions s ON s.id = t.session_id
  WHERE s.status <> 'abandoned'
    AND (t.stage = 'summary' OR EXISTS (SELECT 1 FROM session_modules m
         WHERE m.session_id = t.session_id AND m.position = t.modpos))
  GROUP BY t.session_id, t.modpos, t.stage)
SELECT 'stages' AS section, stage, count(*) AS times,
       CAST(round(avg(secs)) AS INTEGER) AS average,
       CAST(round(avg(nullif(planned, 0)) * 60) AS INTEGER) AS time_box,
       sum(planned > 0 AND secs > planned * 60) AS over_box
FROM st GROUP BY stage
ORDER BY CASE stage WHEN 'scenario' THEN 0 WHEN 'video' THEN 1
         WHEN 'summary' THEN 1000000
         ELSE 1 + CAST(substr(stage, 2) AS INTEGER) END;

SELECT 'open_parking' AS section, substr(p.raised_at, 1, 10) AS raised,
       CASE s.kind WHEN 'group' THEN 'group' ELSE 'resident' END AS kind,
       CASE WHEN instr((SELECT first FROM guard),
                       substr(CASE s.kind WHEN 'group' THEN s.group_name ELSE s.resident END, 1, 1)) > 0
            THEN '''' ELSE '' END
         || CASE s.kind WHEN 'group' THEN s.group_name ELSE s.resident END AS name,
       substr(s.uuid, 1, 8) AS session,
       CASE WHEN instr((SELECT first FROM guard), substr(p.text, 1, 1)) > 0
            THEN '''' || p.text ELSE p.text END AS item
FROM parking p JOIN sessions s ON s.id = p.session_id
WHERE p.resolved_at IS NULL ORDER BY p.raised_at, p.id;

WITH byq AS (
  SELECT m.module_id AS module, r.qidx AS qidx, r.points AS points,
         count(*) AS cnt, min(q.id) AS qid
  FROM session_modules m JOIN sessions s ON s.id = m.session_id
  JOIN reached r ON r.session_id = m.session_id AND r.modpos = m.position
  JOIN snapshot_questions q ON q.session_module_id = m.id AND q.idx = r.qidx
  WHERE s.status <> 'abandoned'
  GROUP BY m.module_id, m.hash, r.qidx, r.points),
pts AS (
  SELECT b.module AS module, b.qidx + 1 AS qnum, p.idx AS pidx,
         p.text AS point, sum(b.cnt) AS discussed,
         sum(b.cnt * (((b.points >> p.idx) & 1) = 0)) AS missed
  FROM byq b JOIN snapshot_points p ON p.question_id = b.qid
  GROUP BY b.module, b.qidx, p.idx, p.text)
SELECT 'key_points' AS section,
       CASE WHEN instr((SELECT first FROM guard), substr(module, 1, 1)) > 0
            THEN '''' || module ELSE module END AS module,
       'Q' || qnum AS question,
       CASE WHEN instr((SELECT first FROM guard), substr(point, 1, 1)) > 0
            THEN '''' || point ELSE point END AS key_point,
       discussed, discussed - missed AS reached,
       CAST(round(100.0 * (discussed - missed) / discussed) AS INTEGER)
         AS reached_pct
FROM pts ORDER BY pts.module, qnum, pidx;

SELECT 'self_study' AS section,
       CASE WHEN instr((SELECT first FROM guard), substr(d.module, 1, 1)) > 0
            THEN '''' || d.module ELSE d.module END AS module,
       count(DISTINCT d.id) AS attempts,
       count(DISTINCT CASE WHEN d.status = 'finished' THEN d.id END)
         AS finished,
       count(r.qidx) AS answered,
       coalesce(sum(r.rating = 'got' AND NOT r.gave_up), 0) AS got,
       coalesce(sum(r.rating = 'partly' AND NOT r.gave_up), 0) AS partly,
       coalesce(sum(r.rating = 'missed' AND NOT r.gave_up), 0) AS rated_missed,
       coalesce(sum(r.gave_up), 0) AS gave_up
FROM d JOIN session_modules m ON m.id = d.id
LEFT JOIN reached r ON r.session_id = m.session_id AND r.modpos = m.position
WHERE d.kind = 'resident' GROUP BY d.module ORDER BY d.module;

WITH x AS (
  SELECT r.name_key AS fkey, r.name AS who, d.id AS did, 'group' AS via
  FROM d JOIN attendance a ON a.session_id = d.sid
  JOIN residents r ON r.id = a.resident_id WHERE d.kind = 'group'
  UNION ALL
  SELECT coalesce(r.name_key, lower(d.who)), coalesce(r.name, d.who), d.id,
         'self-study'
  FROM d JOIN sessions s ON s.id = d.sid
  LEFT JOIN residents r ON r.id = coalesce(s.resident_id,
    (SELECT c.id FROM residents c WHERE c.name_key = lower(d.who)),
    (SELECT n.resident_id FROM resident_names n
     WHERE n.name_key = lower(d.who) ORDER BY n.until DESC LIMIT 1))
  WHERE d.kind = 'resident'),
a AS (
  SELECT x.fkey AS fkey, min(x.did) AS first, x.who AS who,
         sum(x.via = 'group') AS group_discussions,
         sum(x.via = 'self-study') AS study_discussions,
         count(DISTINCT d.module) AS modules,
         sum((d.target & 1) + (d.target >> 1 & 1) + (d.target >> 2 & 1)
             + (d.target >> 3 & 1) + (d.target >> 4 & 1)) AS target,
         sum(((d.target & d.named) & 1) + ((d.target & d.named) >> 1 & 1)
             + ((d.target & d.named) >> 2 & 1)
             + ((d.target & d.named) >> 3 & 1)
             + ((d.target & d.named) >> 4 & 1)) AS named_target
  FROM x JOIN d ON d.id = x.did GROUP BY x.fkey),
rt AS (
  SELECT x.fkey AS fkey, sum(r.rating = 'got' AND NOT r.gave_up) AS got,
         sum(r.rating = 'partly' AND NOT r.gave_up) AS partly,
         sum(r.rating = 'missed' AND NOT r.gave_up) AS rated_missed, sum(r.gave_up) AS gave_up
  FROM x JOIN session_modules m ON m.id = x.did
  JOIN responses r ON r.session_id = m.session_id AND r.modpos = m.position
  WHERE x.via = 'self-study' GROUP BY x.fkey)
SELECT 'residents' AS section,
       CASE WHEN instr((SELECT first FROM guard), substr(a.who, 1, 1)) > 0
            THEN '''' || a.who ELSE a.who END AS resident,
       group_discussions, study_discussions, modules, target, named_target,
       CASE WHEN target > 0
            THEN CAST(round(100.0 * named_target / target) AS INTEGER)
            END AS named_target_pct,
       coalesce(rt.got, 0) AS got, coalesce(rt.partly, 0) AS partly,
       coalesce(rt.rated_missed, 0) AS rated_missed,
       coalesce(rt.gave_up, 0) AS gave_up
FROM a LEFT JOIN rt ON rt.fkey = a.fkey ORDER BY a.fkey;
