SELECT o.order_id, i.line_no, COALESCE({{ json_text(i.value, 'sku') }}, 'unknown') AS sku,
       {{ json_decimal(i.value, 'quantity') }} AS quantity, {{ json_decimal(i.value, 'unit_price') }} AS unit_price
FROM {{ ref('stg_orders') }} AS o
CROSS JOIN {{ json_array_rows(o.items, i) }}
