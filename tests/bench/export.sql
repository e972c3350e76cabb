-- export.sql - the reference for `pbl export --format csv|json --all`: the
-- same rows (one per question of every module of every session, oldest
-- session first) with the same columns, as one SQL query for the sqlite3
-- command-line tool:  sqlite3 -readonly -csv|-json -header DB '.read export.sql'
-- (key points as names, reached and missed, the time spent on the question
-- from the stage timings, the skills as names, the customers marked as
-- named, and an answer edited after its reveal with its text at reveal).
SELECT s.uuid AS session, s.started_at, s.kind, s.status,
       s.group_name AS "group", s.facilitator, s.resident, s.participants,
       m.position + 1 AS module_number, m.module_id, m.version AS module_version,
       m.title AS module_title, q.idx + 1 AS question_number,
       q.prompt AS question, r.text AS answer, r.draft,
       trim(CASE WHEN r.skills & 1 THEN 'reliability; ' ELSE '' END ||
            CASE WHEN r.skills & 2 THEN 'responsiveness; ' ELSE '' END ||
            CASE WHEN r.skills & 4 THEN 'assurance; ' ELSE '' END ||
            CASE WHEN r.skills & 8 THEN 'empathy; ' ELSE '' END ||
            CASE WHEN r.skills & 16 THEN 'tangibles; ' ELSE '' END, '; ')
         AS skills_tagged,
       (SELECT group_concat(p.text, char(10)) FROM snapshot_points p
         WHERE p.question_id = q.id AND (r.points >> p.idx) & 1)
         AS points_reached,
       (SELECT group_concat(p.text, char(10)) FROM snapshot_points p
         WHERE p.question_id = q.id AND NOT (r.points >> p.idx) & 1)
         AS points_missed,
       q.answer AS model_answer, r.rating AS self_rating,
       CASE WHEN r.gave_up THEN 'yes' ELSE 'no' END AS gave_up,
       r.revealed_at, r.updated_at, q.minutes AS time_box_minutes,
       (SELECT sum(strftime('%s', t.left_at) - strftime('%s', t.entered_at))
          FROM stage_timings t
         WHERE t.session_id = s.id AND t.modpos = m.position
           AND t.stage = 'q' || (q.idx + 1) AND t.left_at IS NOT NULL)
         AS seconds_spent,
       CASE WHEN q.kind = 'customers' THEN coalesce(
         (SELECT group_concat(c.value, '; ') FROM json_each(m.customers) c
           WHERE (coalesce(r.customers, 0) >> c.key) & 1), '') END
         AS customers_named,
       CASE WHEN r.revealed_text IS NOT NULL
             AND coalesce(r.draft, r.text, '') <> r.revealed_text
            THEN 'yes' ELSE 'no' END AS edited_after_reveal,
       CASE WHEN r.revealed_text IS NOT NULL
             AND coalesce(r.draft, r.text, '') <> r.revealed_text
            THEN r.revealed_text END AS answer_at_reveal
FROM sessions s
JOIN session_modules m ON m.session_id = s.id
JOIN snapshot_questions q ON q.session_module_id = m.id
JOIN responses r ON r.session_id = s.id AND r.modpos = m.position
                     AND r.qidx = q.idx
ORDER BY s.started_at, s.id, m.position, q.idx;
