WITH fresh AS (
    -- Users with events without a session id from loads not yet sessionized, and their earliest such event.
    SELECT user_id, min({{ epoch_micros(ts) }}) AS first_us
    FROM {{ ref('stg_events') }}
    WHERE session_id IS NULL AND {{ new_loads(load_id) }}
    GROUP BY user_id
),
bounds AS (
    -- Each such user is sessionized again from the start of the run of activity their earliest new event joins:
    -- the run of their last earlier event when that is within the timeout before it, else the new event itself.
    -- Earlier runs stand (a gap of more than the timeout follows them), so only the table's rows of the timeout
    -- before each new event are read, a few row groups of a table kept in time order.
    SELECT f.user_id, COALESCE(max(t.run_start_us), f.first_us) AS from_us
    FROM fresh AS f
    LEFT JOIN {{ this() }} AS t
           ON t.user_id = f.user_id
          AND t.ts_us BETWEEN f.first_us - {{ var('session_timeout_seconds') }} * 1000000 AND f.first_us
          AND t.ts_us >= (SELECT min(first_us) FROM fresh) - {{ var('session_timeout_seconds') }} * 1000000
    GROUP BY f.user_id, f.first_us
),
events AS (
    SELECT e.event_id, e.user_id, {{ epoch_micros(e.ts) }} AS us, e.load_id
    FROM {{ ref('stg_events') }} AS e
    JOIN bounds AS b ON b.user_id = e.user_id
    WHERE e.session_id IS NULL AND {{ epoch_micros(e.ts) }} >= b.from_us
      -- An event's local day is at most one before its UTC day, so only the days from the earliest start (less a
      -- margin) are read, not every session-less event.
      AND e.local_date >= (SELECT {{ add_days(add_days('1970-01-01', int_div(min(from_us), 86400000000)), -2) }} FROM bounds)
),
gaps AS (
    SELECT event_id, user_id, us, load_id,
           CASE WHEN us - lag(us) OVER (PARTITION BY user_id ORDER BY us, event_id) <= {{ var('session_timeout_seconds') }} * 1000000
                THEN 0 ELSE 1 END AS starts_session
    FROM events
),
numbered AS (
    SELECT event_id, user_id, us, load_id,
           sum(starts_session) OVER (PARTITION BY user_id ORDER BY us, event_id ROWS UNBOUNDED PRECEDING) AS activity_run
    FROM gaps
),
runs AS (
    SELECT event_id, user_id, us, load_id, min(us) OVER (PARTITION BY user_id, activity_run) AS run_start
    FROM numbered
),
cut AS (
    -- 24-hour slices from the start of the run of activity; an event exactly 24 hours in stays in the slice.
    SELECT event_id, user_id, us, load_id, run_start,
           CASE WHEN us = run_start THEN 0 ELSE {{ int_div(us - run_start - 1, 86400000000) }} END AS slice
    FROM runs
)
SELECT event_id, 'auto:' || user_id || ':' || CAST(run_start + slice * 86400000000 AS VARCHAR) AS session_id,
       user_id, us AS ts_us, run_start AS run_start_us, load_id
FROM cut
