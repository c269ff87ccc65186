DELETE FROM {target}
WHERE {time_column} BETWEEN {start} AND {end}
  AND (NOT EXISTS (SELECT 1 FROM {batch} AS b WHERE {key_match})
       OR EXISTS (SELECT 1 FROM {changed} AS b WHERE {key_match}))
