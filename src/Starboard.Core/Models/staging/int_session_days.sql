WITH fresh AS (
    -- Sessions named by events of the loads not yet read (an event's first copy), with the days of those events.
    SELECT {{ hash_key(session_id) }} AS session_key, min(first_date) AS first_date, max(last_date) AS last_date, max(load_id) AS load_id
    FROM (
        SELECT session_id, min(local_date) AS first_date, max(local_date) AS last_date, max(load_id) AS load_id
        FROM {{ ref('stg_events') }}
        WHERE session_id IS NOT NULL AND {{ new_loads(load_id) }}
        GROUP BY session_id
    ) AS named
    GROUP BY {{ hash_key(session_id) }}
)
SELECT f.session_key,
       CASE WHEN t.first_date < f.first_date THEN t.first_date ELSE f.first_date END AS first_date,
       CASE WHEN t.last_date > f.last_date THEN t.last_date ELSE f.last_date END AS last_date,
       f.load_id
FROM fresh AS f
LEFT JOIN {{ this() }} AS t ON t.session_key = f.session_key
