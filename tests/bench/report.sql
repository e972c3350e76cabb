-- report.sql - the reference for `pbl report --format csv`: the same
-- sections in SQL for the sqlite3 command-line tool, over every session:
--   sqlite3 -readonly -csv -header DB '.read report.sql'
-- A discussion is one module in one session; a skill is named when the
-- group tagged it on any question of the discussion, missed when it is a
-- target of the module and was not named.
CREATE TEMP VIEW disc AS
  SELECT m.id AS id, s.id AS session_id, s.kind AS kind,
         coalesce(s.group_name, s.resident) AS who, m.module_id AS module,
         m.skills AS target,
         (SELECT coalesce(max(r.skills & 1), 0) | coalesce(max(r.skills & 2), 0)
               | coalesce(max(r.skills & 4), 0) | coalesce(max(r.skills & 8), 0)
               | coalesce(max(r.skills & 16), 0)
            FROM responses r
           WHERE r.session_id = m.session_id AND r.modpos = m.position) AS named
  FROM session_modules m JOIN sessions s ON s.id = m.session_id;
CREATE TEMP TABLE skill(bit INTEGER, name TEXT);
INSERT INTO skill VALUES (1, 'reliability'), (2, 'responsiveness'),
  (4, 'assurance'), (8, 'empathy'), (16, 'tangibles');
CREATE TEMP TABLE d AS SELECT * FROM disc;

SELECT 'summary' AS section, count(DISTINCT session_id) AS sessions,
       count(*) AS discussions,
       (SELECT substr(min(started_at), 1, 10) FROM sessions) AS first_session,
       (SELECT substr(max(started_at), 1, 10) FROM sessions) AS last_session
FROM d;

SELECT 'skills' AS section, k.name AS skill,
       sum((d.target & k.bit) > 0) AS target, sum((d.named & k.bit) > 0) AS named,
       sum((d.target & k.bit) > 0 AND (d.named & k.bit) = 0) AS missed
FROM d, skill k GROUP BY k.bit ORDER BY k.bit;

SELECT 'by_module' AS section, d.module, count(*) AS discussions, k.name AS skill,
       sum((d.target & k.bit) > 0) AS target, sum((d.named & k.bit) > 0) AS named,
       sum((d.target & k.bit) > 0 AND (d.named & k.bit) = 0) AS missed
FROM d, skill k GROUP BY d.module, k.bit ORDER BY d.module, k.bit;

SELECT 'by_group' AS section, d.kind, d.who AS name, count(*) AS discussions,
       k.name AS skill, sum((d.target & k.bit) > 0) AS target,
       sum((d.named & k.bit) > 0) AS named,
       sum((d.target & k.bit) > 0 AND (d.named & k.bit) = 0) AS missed
FROM d, skill k GROUP BY d.kind, d.who, k.bit ORDER BY d.kind, d.who, k.bit;

SELECT 'missed_points' AS section,
       sum(NOT (coalesce(r.points, 0) >> p.idx) & 1) AS missed, count(*) AS discussed,
       m.module_id AS module, 'Q' || (q.idx + 1) AS question, p.text AS key_point
FROM snapshot_points p
JOIN snapshot_questions q ON q.id = p.question_id
JOIN session_modules m ON m.id = q.session_module_id
LEFT JOIN responses r ON r.session_id = m.session_id AND r.modpos = m.position
                     AND r.qidx = q.idx
GROUP BY m.module_id, q.idx, p.text
ORDER BY missed DESC, discussed DESC, module, question LIMIT 10;

SELECT 'stages' AS section, stage, count(*) AS times,
       avg(strftime('%s', left_at) - strftime('%s', entered_at)) AS average,
       avg(planned_minutes * 60) AS time_box,
       sum(strftime('%s', left_at) - strftime('%s', entered_at) > planned_minutes * 60
           AND planned_minutes > 0) AS over_box
FROM stage_timings WHERE left_at IS NOT NULL GROUP BY stage ORDER BY stage;

SELECT 'parking' AS section, p.raised_at AS raised, s.kind,
       coalesce(s.group_name, s.resident) AS name, s.uuid AS session, p.text AS item
FROM parking p JOIN sessions s ON s.id = p.session_id
WHERE p.resolved_at IS NULL ORDER BY p.raised_at;
