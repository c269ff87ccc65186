DELETE FROM {target} WHERE ({columns}) IN (SELECT {columns} FROM {batch})
