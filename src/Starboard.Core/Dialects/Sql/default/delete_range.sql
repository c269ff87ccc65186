DELETE FROM {target} WHERE {time_column} BETWEEN {start} AND {end}
