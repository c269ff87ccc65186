SELECT min(d) AS first_date, max(d) AS last_date
FROM (
    SELECT min(signup_date) AS d FROM {{ ref('stg_users') }} UNION ALL SELECT max(signup_date) FROM {{ ref('stg_users') }}
    UNION ALL SELECT min(local_date) FROM {{ ref('stg_sessions') }} UNION ALL SELECT max(local_date) FROM {{ ref('stg_sessions') }}
    UNION ALL SELECT min(local_date) FROM {{ ref('stg_events') }} UNION ALL SELECT max(local_date) FROM {{ ref('stg_events') }}
    UNION ALL SELECT min(local_date) FROM {{ ref('stg_orders') }} UNION ALL SELECT max(local_date) FROM {{ ref('stg_orders') }}
    UNION ALL SELECT min(local_date) FROM {{ ref('stg_payments') }} UNION ALL SELECT max(local_date) FROM {{ ref('stg_payments') }}
    UNION ALL SELECT min(local_date) FROM {{ ref('stg_refunds') }} UNION ALL SELECT max(local_date) FROM {{ ref('stg_refunds') }}
    UNION ALL SELECT min(local_date) FROM {{ ref('stg_subscriptions') }} UNION ALL SELECT max(local_date) FROM {{ ref('stg_subscriptions') }}
    UNION ALL SELECT min(local_date) FROM {{ ref('stg_errors') }} UNION ALL SELECT max(local_date) FROM {{ ref('stg_errors') }}
    UNION ALL SELECT min(spend_date) FROM {{ ref('stg_ad_spend') }} UNION ALL SELECT max(spend_date) FROM {{ ref('stg_ad_spend') }}
) AS days
