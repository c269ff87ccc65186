WITH versions AS (
    SELECT u.*,
           row_number() OVER (PARTITION BY user_id ORDER BY updated_at) AS version_no,
           lead(updated_at) OVER (PARTITION BY user_id ORDER BY updated_at) AS next_updated_at,
           lead(signup_date) OVER (PARTITION BY user_id ORDER BY updated_at) AS next_signup_date,
           {{ local_date(updated_at) }} AS version_date,
           {{ epoch_micros(updated_at) }} AS updated_us,
           lead({{ local_date(updated_at) }}) OVER (PARTITION BY user_id ORDER BY updated_at) AS next_version_date
    FROM {{ ref('stg_users') }} AS u
),
latest AS (
    SELECT user_id, created_at AS signup_at, signup_date
    FROM versions
    WHERE next_updated_at IS NULL
),
first_touch AS (
    SELECT user_id, campaign_id
    FROM (
        SELECT user_id, campaign_id, row_number() OVER (PARTITION BY user_id ORDER BY updated_at) AS pick
        FROM {{ ref('stg_users') }}
        WHERE campaign_id IS NOT NULL
    ) AS t
    WHERE pick = 1
)
SELECT {{ hash_key(v.user_id, v.updated_us) }} AS user_sk,
       {{ hash_key(v.user_id) }} AS user_key,
       v.user_id, v.version_no,
       CASE WHEN v.version_no = 1 THEN CAST('1900-01-01 00:00:00' AS TIMESTAMP) ELSE v.updated_at END AS valid_from,
       COALESCE(v.next_updated_at, CAST('9999-12-31 00:00:00' AS TIMESTAMP)) AS valid_to,
       CASE WHEN v.version_no = 1 THEN CAST('1900-01-01' AS DATE) ELSE v.version_date END AS day_valid_from,
       COALESCE({{ add_days(v.next_version_date, -1) }}, CAST('9999-12-31' AS DATE)) AS day_valid_to,
       v.next_updated_at IS NULL AS is_current,
       v.updated_at, l.signup_at, {{ date_key(l.signup_date) }} AS signup_date_key,
       v.country, v.platform, v.plan, v.channel, v.campaign_id, f.campaign_id AS first_touch_campaign_id,
       CASE WHEN v.plan IS NULL OR v.plan = 'free' THEN 'free' ELSE 'paid' END AS segment,
       v.email
FROM versions AS v
JOIN latest AS l ON l.user_id = v.user_id
LEFT JOIN first_touch AS f ON f.user_id = v.user_id
