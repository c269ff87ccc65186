WITH events AS (
    SELECT event_id, user_id, ts, {{ epoch_micros(ts) }} AS us
    FROM {{ ref('stg_events') }}
    WHERE session_id IS NULL
),
gaps AS (
    SELECT event_id, user_id, us,
           CASE WHEN us - lag(us) OVER (PARTITION BY user_id ORDER BY us, event_id) <= {{ var('session_timeout_seconds') }} * 1000000
                THEN 0 ELSE 1 END AS starts_session
    FROM events
),
numbered AS (
    SELECT event_id, user_id, us,
           sum(starts_session) OVER (PARTITION BY user_id ORDER BY us, event_id ROWS UNBOUNDED PRECEDING) AS activity_run
    FROM gaps
),
runs AS (
    SELECT event_id, user_id, us, min(us) OVER (PARTITION BY user_id, activity_run) AS run_start
    FROM numbered
),
cut AS (
    -- 24-hour slices from the start of the run of activity; an event exactly 24 hours in stays in the slice.
    SELECT event_id, user_id, run_start,
           CASE WHEN us = run_start THEN 0 ELSE {{ int_div(us - run_start - 1, 86400000000) }} END AS slice
    FROM runs
)
SELECT event_id, 'auto:' || user_id || ':' || CAST(run_start + slice * 86400000000 AS VARCHAR) AS session_id
FROM cut
