SELECT entity_key, entity_type, entity_value,
       CASE WHEN entity_type = 'all' THEN 'All' ELSE entity_type || ': ' || entity_value END AS label
FROM (
    SELECT {{ hash_key('all', 'ALL') }} AS entity_key, 'all' AS entity_type, 'ALL' AS entity_value
    UNION
    SELECT DISTINCT entity_key, entity_type, entity_value FROM {{ ref('kpi_measure_daily') }}
) AS members
