DELETE FROM {target} WHERE NOT EXISTS (SELECT 1 FROM {batch} AS b WHERE {key_match})
