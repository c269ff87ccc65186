INSERT INTO {target} ({columns})
SELECT {columns} FROM (
{select}
) AS model_output
ON CONFLICT ({key_columns}) DO UPDATE SET {update_assignments}
