WITH touched AS (
    -- Errors staged again in this run: those with a copy in a load not yet staged, and those whose user an alias
    -- (re)names since. Each is staged from all its copies, as a full build would stage it.
    SELECT error_id FROM {{ source('raw_errors') }} WHERE {{ new_loads(load_id) }}
    UNION
    SELECT error_id FROM {{ this() }} WHERE user_id IN (SELECT distinct_id FROM {{ ref('stg_aliases') }})
    UNION
    SELECT error_id FROM {{ source('raw_errors') }}
    WHERE user_id IN (SELECT distinct_id FROM {{ source('raw_aliases') }} WHERE {{ new_loads(load_id) }})
)
SELECT error_id, ts, {{ local_ts(ts) }} AS local_ts, {{ local_date(ts) }} AS local_date, code, severity, user_id, session_id,
       message, platform, app_version, load_id
FROM (
    SELECT r.error_id, r.ts, r.code, r.severity, COALESCE(a.user_id, r.user_id) AS user_id, r.session_id, r.message,
           r.platform, r.app_version, r.load_id,
           row_number() OVER (PARTITION BY r.error_id ORDER BY r.load_id DESC, r.line DESC) AS pick
    FROM {{ source('raw_errors') }} AS r
    LEFT JOIN {{ ref('stg_aliases') }} AS a ON a.distinct_id = r.user_id
    WHERE r.error_id IN (SELECT error_id FROM touched)
) AS received
WHERE pick = 1
