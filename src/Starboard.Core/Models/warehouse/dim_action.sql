SELECT action_key, name, category, engagement_weight, is_core_action, TRUE AS is_configured
FROM {{ ref('action_catalog') }}
UNION ALL
SELECT {{ hash_key(name) }}, name, 'other', 1.0, TRUE, FALSE
FROM (SELECT DISTINCT name FROM {{ ref('stg_events') }}) AS seen
WHERE name NOT IN (SELECT name FROM {{ ref('action_catalog') }})
