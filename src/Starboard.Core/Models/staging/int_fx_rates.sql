SELECT currency, rate_date, valid_to, rate FROM {{ ref('stg_fx_rates') }} WHERE currency <> {{ var('reporting_currency') }}
UNION ALL
SELECT {{ var('reporting_currency') }}, CAST('1900-01-01' AS DATE), CAST('9999-12-31' AS DATE), CAST(1 AS DECIMAL(18,10))
