SELECT {{ hash_key(platform) }} AS platform_key, platform, platform_group, is_mobile
FROM (
    SELECT 'web' AS platform, 'web' AS platform_group, FALSE AS is_mobile
    UNION ALL SELECT 'ios', 'mobile', TRUE
    UNION ALL SELECT 'android', 'mobile', TRUE
    UNION ALL SELECT 'other', 'other', FALSE
    UNION ALL SELECT 'unknown', 'unknown', FALSE
) AS platforms
