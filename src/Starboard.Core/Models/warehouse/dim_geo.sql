SELECT {{ hash_key(country_code) }} AS geo_key, country_code, country_name, region, subregion
FROM {{ ref('geo_countries') }}
UNION ALL
SELECT {{ hash_key('unknown') }}, 'unknown', 'Unknown', 'unknown', 'unknown'
