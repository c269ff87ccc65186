INSERT INTO {target} ({columns})
SELECT {columns} FROM (
{select}
) AS model_output
