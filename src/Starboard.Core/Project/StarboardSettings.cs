namespace Starboard.Core.Project;

/// <summary>What `starboard.yml` configures. Every field has a default, so a project runs without the file.</summary>
public sealed class StarboardSettings
{
    /// <summary>Warehouse URI (`duckdb:PATH`, `postgres://…`, `mysql://…`); null means the embedded file in the data dir.</summary>
    public string? Warehouse { get; set; }

    /// <summary>IANA time zone that days are counted in.</summary>
    public string Timezone { get; set; } = "UTC";

    public string ReportingCurrency { get; set; } = "USD";

    /// <summary>Month (1-12) in which the fiscal year starts.</summary>
    public int FiscalYearStartMonth { get; set; } = 1;

    public int SessionTimeoutMinutes { get; set; } = 30;

    /// <summary>How many of the newest days an incremental run recomputes (late-arriving data).</summary>
    public int LookbackDays { get; set; } = 3;

    public int PowerActionsPerDay { get; set; } = 20;

    public List<string> PaidChannels { get; set; } = ["paid_search", "paid_social", "display"];

    /// <summary>The action catalog by event name. Names not listed are core actions of category `other`.</summary>
    public Dictionary<string, ActionSettings> Actions { get; set; } = DefaultActions();

    /// <summary>Targets for ratio KPIs, drawn as gauges (kpi code -> target value).</summary>
    public Dictionary<string, double> KpiTargets { get; set; } = new()
    {
        ["conversion_rate"] = 0.05,
        ["crash_free_sessions"] = 0.995,
        ["stickiness"] = 0.2,
        ["retention_d1"] = 0.4,
        ["retention_d7"] = 0.2,
        ["retention_d30"] = 0.1,
        ["ltv_cac"] = 3.0,
    };

    public static Dictionary<string, ActionSettings> DefaultActions() => new()
    {
        ["app_open"] = new("navigation", 1.0, true),
        ["screen_view"] = new("content_view", 0.5, true),
        ["view_item"] = new("content_view", 1.0, true),
        ["search"] = new("discovery", 1.0, true),
        ["create_post"] = new("content_creation", 3.0, true),
        ["upload_media"] = new("content_creation", 3.0, true),
        ["comment"] = new("social_interaction", 2.0, true),
        ["like"] = new("social_interaction", 1.0, true),
        ["share"] = new("social_interaction", 2.0, true),
        ["follow"] = new("social_interaction", 1.5, true),
        ["add_to_cart"] = new("commerce", 2.0, true),
        ["checkout_start"] = new("commerce", 2.0, true),
        ["purchase_complete"] = new("commerce", 3.0, true),
        ["settings_change"] = new("settings", 0.2, false),
        ["notification_open"] = new("engagement", 0.5, false),
        ["app_background"] = new("system", 0.0, false),
    };
}

/// <summary>One entry of the action catalog (`dim_action`).</summary>
public sealed class ActionSettings
{
    public ActionSettings() { }

    public ActionSettings(string category, double engagementWeight, bool isCoreAction)
    {
        Category = category;
        EngagementWeight = engagementWeight;
        IsCoreAction = isCoreAction;
    }

    public string Category { get; set; } = "other";
    public double EngagementWeight { get; set; } = 1.0;
    public bool IsCoreAction { get; set; } = true;
}
