SELECT currency, rate_date,
       COALESCE({{ add_days(lead(rate_date) OVER (PARTITION BY currency ORDER BY rate_date), -1) }}, CAST('9999-12-31' AS DATE)) AS valid_to,
       rate
FROM (
    SELECT currency, date AS rate_date, rate,
           row_number() OVER (PARTITION BY currency, date ORDER BY load_id DESC, line DESC) AS pick
    FROM {{ source('raw_fx_rates') }}
) AS rates
WHERE pick = 1
