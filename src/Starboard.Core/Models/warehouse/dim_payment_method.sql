SELECT {{ hash_key(method) }} AS payment_method_key, method,
       CASE WHEN method = 'unknown' THEN 'unknown'
            WHEN method IN ('card', 'credit_card', 'debit_card') THEN 'card'
            WHEN method IN ('apple_pay', 'google_pay', 'paypal', 'amazon_pay') THEN 'wallet'
            WHEN method IN ('bank_transfer', 'sepa_debit', 'ach', 'ideal') THEN 'bank'
            ELSE 'other' END AS method_group
FROM (
    SELECT method FROM {{ ref('stg_payments') }} WHERE method IS NOT NULL
    UNION
    SELECT 'unknown'
) AS methods
