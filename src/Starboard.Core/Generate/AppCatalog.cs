namespace Starboard.Core.Generate;

/// <summary>Where users come from: drives currency, time of day and the platform mix.</summary>
internal sealed record Country(string Code, string Currency, int UtcOffsetMinutes, double IosShare, double WebShare);

/// <summary>A release of the app; newer ones fix some crashes (3.2.0 regresses), so the crash-free rate trends.</summary>
internal sealed record AppRelease(string Version, double ReleasedAt, double CrashFactor);

internal sealed record ErrorKind(string Code, string Severity, string Message);

/// <summary>The fixed vocabulary of the synthetic app: countries, platforms, products, events, errors.</summary>
internal static class AppCatalog
{
    public const string ReportingCurrency = "USD";

    public static readonly WeightedChoice<Country> Countries = new(
        (new Country("US", "USD", -300, 0.50, 0.33), 28), (new Country("GB", "GBP", 0, 0.50, 0.33), 7),
        (new Country("DE", "EUR", 60, 0.35, 0.38), 7), (new Country("FR", "EUR", 60, 0.40, 0.35), 6),
        (new Country("ES", "EUR", 60, 0.30, 0.30), 4), (new Country("IT", "EUR", 60, 0.30, 0.30), 3),
        (new Country("NL", "EUR", 60, 0.40, 0.40), 2), (new Country("IN", "INR", 330, 0.08, 0.25), 12),
        (new Country("BR", "BRL", -180, 0.15, 0.25), 8), (new Country("JP", "JPY", 540, 0.65, 0.25), 5),
        (new Country("CA", "CAD", -300, 0.50, 0.33), 4), (new Country("AU", "AUD", 600, 0.55, 0.30), 3),
        (new Country("MX", "USD", -360, 0.25, 0.30), 3), (new Country("KR", "USD", 540, 0.30, 0.30), 2),
        (new Country("SE", "EUR", 60, 0.45, 0.35), 1.5), (new Country("PL", "EUR", 60, 0.25, 0.35), 1.5),
        (new Country("NG", "USD", 60, 0.10, 0.30), 1));

    /// <summary>Starting fx rates in USD per unit; the daily walk and the local price lists start from them.</summary>
    public static readonly (string Currency, double UsdPerUnit, double DailyVolatility)[] Currencies =
    [
        ("EUR", 1.085, 0.0035), ("GBP", 1.27, 0.0038), ("JPY", 0.0067, 0.0045), ("INR", 0.0120, 0.0030),
        ("BRL", 0.180, 0.0070), ("CAD", 0.735, 0.0030), ("AUD", 0.660, 0.0045),
    ];

    public static readonly string[] Platforms = ["web", "ios", "android", "other"];

    public static readonly Dictionary<string, WeightedChoice<string>> Devices = new()
    {
        ["web"] = new(("Chrome on Windows", 40), ("Chrome on macOS", 15), ("Safari on macOS", 15),
            ("Edge on Windows", 10), ("Firefox on Windows", 6), ("Chrome on Android", 8), ("Safari on iPhone", 6)),
        ["ios"] = new(("iPhone 16", 18), ("iPhone 15", 24), ("iPhone 14", 20), ("iPhone 13", 16),
            ("iPhone SE", 8), ("iPad Air", 9), ("iPad Pro", 5)),
        ["android"] = new(("Galaxy S24", 14), ("Galaxy A54", 18), ("Pixel 8", 10), ("Redmi Note 13", 16),
            ("OnePlus 12", 6), ("Galaxy Tab S9", 5), ("Moto G84", 12), ("Oppo A78", 9), ("Pixel 7a", 10)),
        ["other"] = new(("Smart TV", 40), ("Windows app", 35), ("Linux app", 10), ("Game console", 15)),
    };

    public static readonly AppRelease[] Releases =
    [
        new("3.0.0", -1.00, 1.00), new("3.1.0", 0.15, 0.85), new("3.2.0", 0.33, 1.70), new("3.2.1", 0.38, 0.70),
        new("3.3.0", 0.55, 0.60), new("3.4.0", 0.74, 0.45), new("3.5.0", 0.91, 0.35),
    ];

    public static readonly string[] Plans = ["free", "basic", "pro", "team"];

    public static readonly decimal[] PlanUsdPrices = [0m, 9.99m, 19.99m, 49.99m];

    /// <summary>In-app products: digital goods with local list prices.</summary>
    public static readonly (string Sku, decimal UsdPrice, double Weight)[] Products =
    [
        ("SKU-STICKERS-S", 0.99m, 20), ("SKU-STICKERS-L", 2.99m, 12), ("SKU-FILTERS", 4.99m, 14),
        ("SKU-CREDITS-100", 4.99m, 16), ("SKU-CREDITS-500", 19.99m, 7), ("SKU-CREDITS-1200", 39.99m, 3),
        ("SKU-THEME-DARK", 1.99m, 8), ("SKU-THEME-PACK", 6.99m, 5), ("SKU-BOOST-24H", 2.99m, 10),
        ("SKU-BOOST-7D", 12.99m, 4), ("SKU-GIFT-CARD-25", 25.00m, 2), ("SKU-TEMPLATE-PRO", 9.99m, 5),
        ("SKU-FONT-PACK", 3.99m, 4), ("SKU-STORAGE-50G", 14.99m, 3),
    ];

    /// <summary>What users do inside a session, after the opening event (the funnel steps are added separately).</summary>
    public static readonly WeightedChoice<string> SessionActions = new(
        ("screen_view", 30), ("view_item", 13), ("search", 8), ("like", 15), ("comment", 5), ("share", 3),
        ("follow", 3), ("create_post", 3), ("upload_media", 2), ("settings_change", 1), ("notification_open", 1));

    /// <summary>The same catalog for users who create content: more posts and uploads.</summary>
    public static readonly WeightedChoice<string> CreatorActions = new(
        ("screen_view", 24), ("view_item", 9), ("search", 6), ("like", 14), ("comment", 8), ("share", 4),
        ("follow", 3), ("create_post", 11), ("upload_media", 8), ("settings_change", 1), ("notification_open", 1));

    /// <summary>Every event name the generator writes (the lead's default action catalog).</summary>
    public static readonly string[] EventNames =
    [
        "app_open", "screen_view", "view_item", "search", "create_post", "upload_media", "comment", "like", "share",
        "follow", "add_to_cart", "checkout_start", "purchase_complete", "settings_change", "notification_open",
        "app_background",
    ];

    public static readonly string[] Features =
        ["search", "composer", "media", "comments", "sharing", "playlists", "export", "dark_mode", "notifications"];

    /// <summary>Features launched during the period (share of the period), so adoption curves start at zero.</summary>
    public const double PlaylistsLaunch = 0.40, ExportLaunch = 0.70;

    public static readonly string[] Screens = ["home", "feed", "profile", "explore", "notifications", "settings", "post"];

    public static readonly WeightedChoice<ErrorKind> CrashKinds = new(
        (new ErrorKind("E_NULL_REF", "fatal", "Object reference not set to an instance of an object"), 35),
        (new ErrorKind("E_OOM", "fatal", "Out of memory while decoding media"), 20),
        (new ErrorKind("E_NATIVE_CRASH", "fatal", "SIGSEGV in libmedia.so"), 15),
        (new ErrorKind("E_ANR", "fatal", "Application not responding for 5 seconds"), 15),
        (new ErrorKind("E_INDEX_RANGE", "fatal", "Index was outside the bounds of the array"), 15));

    public static readonly WeightedChoice<ErrorKind> ErrorKinds = new(
        (new ErrorKind("E_NET_TIMEOUT", "error", "Request timed out after 30s"), 35),
        (new ErrorKind("E_HTTP_500", "error", "Server returned 500 Internal Server Error"), 20),
        (new ErrorKind("E_HTTP_503", "error", "Service unavailable"), 10),
        (new ErrorKind("E_AUTH_EXPIRED", "error", "Session token expired"), 15),
        (new ErrorKind("E_UPLOAD_FAILED", "error", "Media upload failed"), 12),
        (new ErrorKind("E_PAYMENT_DECLINED", "error", "Payment provider declined the charge"), 8));

    public static readonly WeightedChoice<ErrorKind> WarningKinds = new(
        (new ErrorKind("W_SLOW_RENDER", "warning", "Frame took longer than 700ms"), 40),
        (new ErrorKind("W_CACHE_MISS", "warning", "Image cache miss storm"), 25),
        (new ErrorKind("W_DEPRECATED_API", "warning", "Deprecated API called"), 15),
        (new ErrorKind("W_LOW_STORAGE", "warning", "Device storage below 5%"), 20));

    /// <summary>Server-side errors that belong to no user or session.</summary>
    public static readonly WeightedChoice<ErrorKind> BackendKinds = new(
        (new ErrorKind("E_HTTP_500", "error", "Unhandled exception in /api/feed"), 40),
        (new ErrorKind("E_DB_DEADLOCK", "error", "Deadlock detected in orders writer"), 20),
        (new ErrorKind("E_QUEUE_BACKLOG", "warning", "Notification queue backlog above 10k"), 25),
        (new ErrorKind("E_WORKER_OOM", "fatal", "Media transcoder killed (OOM)"), 15));

    public static readonly string[] EmailDomains = ["example.com", "example.org", "example.net", "mail.example"];

    public static readonly string[] FirstNames =
    [
        "alex", "sam", "maria", "li", "priya", "lucas", "emma", "noah", "yuki", "ana", "omar", "sofia", "james",
        "chen", "fatima", "leon", "mia", "arjun", "julia", "tom", "ines", "kenji", "olga", "diego", "zoe",
    ];
}
