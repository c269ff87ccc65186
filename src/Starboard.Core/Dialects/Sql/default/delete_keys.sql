DELETE FROM {target} WHERE EXISTS (SELECT 1 FROM {batch} AS b WHERE {key_match})
