DELETE FROM {target}
WHERE {within}(NOT EXISTS (SELECT 1 FROM {batch} AS b WHERE {key_match})
       OR EXISTS (SELECT 1 FROM {changed} AS b WHERE {key_match}))
