WITH candidates AS (
    -- Sessions that may start in the window: those with an event in it, and session records starting in it.
    SELECT COALESCE(e.session_id, d.session_id) AS session_id
    FROM {{ ref('stg_events') }} AS e
    -- Derived sessions are stored in time order; the window's events lie within a day of its UTC days.
    LEFT JOIN {{ ref('int_event_sessions') }} AS d
           ON d.event_id = e.event_id
          AND d.ts_us BETWEEN {{ epoch_micros(add_days(var('start_date'), -1)) }} AND {{ epoch_micros(add_days(var('end_date'), 2)) }}
    WHERE e.local_date BETWEEN {{ var('start_date') }} AND {{ var('end_date') }}
    UNION
    SELECT session_id FROM {{ ref('stg_sessions') }} WHERE local_date BETWEEN {{ var('start_date') }} AND {{ var('end_date') }}
),
candidate_days AS (
    -- The days the events naming those sessions fall on: every event of theirs is read from these days only.
    SELECT min(first_date) AS first_date, max(last_date) AS last_date
    FROM {{ ref('int_session_days') }}
    WHERE session_key IN (SELECT {{ hash_key(session_id) }} FROM candidates)
),
event_session AS (
    -- Every event of those sessions, wherever it falls.
    SELECT e.event_id, e.user_id, e.ts, e.name, e.platform, e.device, e.app_version, e.country, e.session_id
    FROM {{ ref('stg_events') }} AS e
    WHERE e.session_id IN (SELECT session_id FROM candidates)
      AND e.local_date BETWEEN (SELECT first_date FROM candidate_days) AND (SELECT last_date FROM candidate_days)
    UNION ALL
    SELECT e.event_id, e.user_id, e.ts, e.name, e.platform, e.device, e.app_version, e.country, d.session_id
    FROM {{ ref('int_event_sessions') }} AS d
    JOIN {{ ref('stg_events') }} AS e ON e.event_id = d.event_id
    WHERE d.session_id IN (SELECT session_id FROM candidates)
      -- A derived session spans at most 24 hours and has an event in the window, so all its events lie within a
      -- day of the window (two, with a daylight-saving change): only those days of events are read.
      AND e.local_date BETWEEN {{ add_days(var('start_date'), -2) }} AND {{ add_days(var('end_date'), 2) }}
      AND d.ts_us BETWEEN {{ epoch_micros(add_days(var('start_date'), -3)) }} AND {{ epoch_micros(add_days(var('end_date'), 4)) }}
),
from_events AS (
    SELECT session_id, min(user_id) AS user_id, min(ts) AS first_ts, max(ts) AS last_ts, count(*) AS actions,
           sum(CASE WHEN name = 'screen_view' THEN 1 ELSE 0 END) AS screens,
           min(platform) AS platform, min(device) AS device, min(app_version) AS app_version, min(country) AS country
    FROM event_session
    GROUP BY session_id
),
sessions AS (
    SELECT s.session_id, 'record' AS origin, s.user_id, s.started_at,
           COALESCE(s.ended_at, CASE WHEN e.last_ts > s.started_at THEN e.last_ts END, s.started_at) AS ended_at,
           COALESCE(s.platform, e.platform) AS platform, COALESCE(s.device, e.device) AS device,
           COALESCE(s.app_version, e.app_version) AS app_version, COALESCE(s.country, e.country) AS country,
           COALESCE(e.actions, 0) AS actions, COALESCE(e.screens, 0) AS screens
    FROM {{ ref('stg_sessions') }} AS s
    LEFT JOIN from_events AS e ON e.session_id = s.session_id
    WHERE s.local_date BETWEEN {{ var('start_date') }} AND {{ var('end_date') }}
    UNION ALL
    SELECT e.session_id, CASE WHEN e.session_id LIKE 'auto:%' THEN 'derived' ELSE 'events' END, e.user_id, e.first_ts, e.last_ts,
           e.platform, e.device, e.app_version, e.country, e.actions, e.screens
    FROM from_events AS e
    WHERE NOT EXISTS (SELECT 1 FROM {{ ref('stg_sessions') }} AS s WHERE s.session_id = e.session_id)
)
SELECT {{ hash_key(session_id) }} AS session_key, session_id, origin, user_id, started_at, ended_at,
       {{ local_date(started_at) }} AS local_date, platform, device, app_version, country, actions, screens
FROM sessions
WHERE {{ local_date(started_at) }} BETWEEN {{ var('start_date') }} AND {{ var('end_date') }}
