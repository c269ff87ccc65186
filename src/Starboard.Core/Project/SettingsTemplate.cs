namespace Starboard.Core.Project;

/// <summary>The commented starboard.yml that `starboard init` writes; every value shown is the default.</summary>
public static class SettingsTemplate
{
    public const string Text = """
        # Starboard project settings. Every value below is the default; delete what you do not change.

        # Where the warehouse lives: duckdb:PATH (embedded, the default is DATA_DIR/warehouse.duckdb).
        # Also settable with --warehouse or the STARBOARD_WAREHOUSE environment variable.
        # warehouse: duckdb:starboard-data/warehouse.duckdb

        # Days are counted in this IANA time zone; events are stored in UTC.
        timezone: UTC

        # Money is converted into this currency with the fx_rate records.
        reporting_currency: USD

        # Month (1-12) in which the fiscal year starts; fiscal years are named for the year they end in.
        fiscal_year_start_month: 1

        # Events without a session_id are sessionized per user: a gap longer than this starts a new session.
        session_timeout_minutes: 30

        # An incremental `starboard run` recomputes this many of the newest days (late-arriving data).
        lookback_days: 3

        # Core-tier users who average this many core actions per active day are power users.
        power_actions_per_day: 20

        # Acquisition channels that count as paid (CAC, new_users_paid).
        paid_channels: [paid_search, paid_social, display]

        # Targets for ratio KPIs, drawn as gauges.
        kpi_targets:
          conversion_rate: 0.05
          crash_free_sessions: 0.995
          stickiness: 0.2
          retention_d1: 0.4
          retention_d7: 0.2
          retention_d30: 0.1
          ltv_cac: 3.0

        # The action catalog: category, engagement weight and whether the action makes a user active (core).
        # Event names not listed here are core actions of category `other`.
        actions:
          app_open:          { category: navigation, engagement_weight: 1.0, is_core_action: true }
          screen_view:       { category: content_view, engagement_weight: 0.5, is_core_action: true }
          view_item:         { category: content_view, engagement_weight: 1.0, is_core_action: true }
          search:            { category: discovery, engagement_weight: 1.0, is_core_action: true }
          create_post:       { category: content_creation, engagement_weight: 3.0, is_core_action: true }
          upload_media:      { category: content_creation, engagement_weight: 3.0, is_core_action: true }
          comment:           { category: social_interaction, engagement_weight: 2.0, is_core_action: true }
          like:              { category: social_interaction, engagement_weight: 1.0, is_core_action: true }
          share:             { category: social_interaction, engagement_weight: 2.0, is_core_action: true }
          follow:            { category: social_interaction, engagement_weight: 1.5, is_core_action: true }
          add_to_cart:       { category: commerce, engagement_weight: 2.0, is_core_action: true }
          checkout_start:    { category: commerce, engagement_weight: 2.0, is_core_action: true }
          purchase_complete: { category: commerce, engagement_weight: 3.0, is_core_action: true }
          settings_change:   { category: settings, engagement_weight: 0.2, is_core_action: false }
          notification_open: { category: engagement, engagement_weight: 0.5, is_core_action: false }
          app_background:    { category: system, engagement_weight: 0.0, is_core_action: false }
        """;
}
