WITH fresh AS (
    -- Events of the loads not yet staged; the first copy received stands.
    SELECT r.event_id, COALESCE(a.user_id, r.user_id) AS user_id, r.name, r.ts, r.session_id, r.platform, r.device,
           r.app_version, r.country, r.feature, r.properties, r.load_id,
           row_number() OVER (PARTITION BY r.event_id ORDER BY r.load_id, r.line) AS pick
    FROM {{ source('raw_events') }} AS r
    LEFT JOIN {{ ref('stg_aliases') }} AS a ON a.distinct_id = r.user_id
    WHERE {{ new_loads(r.load_id) }}
),
received AS (
    SELECT f.event_id, f.user_id, f.name, f.ts, {{ local_ts(f.ts) }} AS local_ts, {{ local_date(f.ts) }} AS local_date, f.session_id,
           f.platform, f.device, f.app_version, f.country, f.feature, f.properties, f.load_id
    FROM fresh AS f
    WHERE f.pick = 1 AND NOT EXISTS (SELECT 1 FROM {{ this() }} AS t WHERE t.event_id = f.event_id)
)
SELECT * FROM received
UNION ALL
-- Events staged before an alias of their user arrived now belong to the user it resolves to.
SELECT t.event_id, a.user_id, t.name, t.ts, t.local_ts, t.local_date, t.session_id, t.platform, t.device, t.app_version,
       t.country, t.feature, t.properties, t.load_id
FROM {{ this() }} AS t
JOIN {{ ref('stg_aliases') }} AS a ON a.distinct_id = t.user_id
