SELECT {{ hash_key(code, severity) }} AS error_type_key, code, severity, severity = 'fatal' AS is_fatal,
       CASE severity WHEN 'fatal' THEN 1 WHEN 'error' THEN 2 ELSE 3 END AS severity_rank,
       sample_message, first_seen_at
FROM (
    SELECT code, severity, min(message) AS sample_message, min(ts) AS first_seen_at
    FROM {{ ref('stg_errors') }}
    GROUP BY code, severity
) AS kinds
