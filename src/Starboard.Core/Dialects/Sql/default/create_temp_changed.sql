CREATE TEMPORARY TABLE {name} AS
SELECT {columns} FROM {batch}
EXCEPT
SELECT {columns} FROM {target}{where}
