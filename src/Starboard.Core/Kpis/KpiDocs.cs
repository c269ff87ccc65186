using System.Text;

namespace Starboard.Core.Kpis;

/// <summary>`docs/kpis.md`: the ranked catalog with every KPI's definition, formula, rollup rule and rationale, generated from the catalog.</summary>
public static class KpiDocs
{
    public static string Markdown(KpiCatalog catalog)
    {
        var md = new StringBuilder();
        md.AppendLine("# KPI catalog");
        md.AppendLine();
        md.AppendLine("<!-- Generated from src/Starboard.Core/Catalog/kpis.yml: run the tests with STARBOARD_UPDATE_SNAPSHOTS=1 to regenerate. -->");
        md.AppendLine();
        md.AppendLine(Definitions);
        md.AppendLine("## The ranked list");
        md.AppendLine();
        md.AppendLine("| # | group | rank | code | name | rollup | breakdowns |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        var overall = 0;
        foreach (var k in catalog.Kpis)
            md.AppendLine($"| {++overall} | {k.Group} {k.GroupName} | {k.Rank} | [`{k.Code}`](#{k.Code}) | {Cell(k.Name)} | {Rule(k, catalog)} | all, {string.Join(", ", k.Breakdowns)} |");
        md.AppendLine();
        foreach (var group in catalog.Kpis.GroupBy(k => k.Group))
        {
            md.AppendLine($"## {group.Key}. {group.First().GroupName}");
            md.AppendLine();
            foreach (var k in group)
            {
                md.AppendLine($"### {k.Code}");
                md.AppendLine();
                md.AppendLine($"**{k.Name}** (rank {k.Rank} in group {k.Group}; {k.Unit}, shown as {k.Format}; {(k.HigherIsBetter ? "higher is better" : "lower is better")}; default view: {k.Visualization}).");
                md.AppendLine();
                md.AppendLine($"- Definition: {k.Definition}");
                md.AppendLine($"- Formula: `{k.Formula}`");
                md.AppendLine($"- Rollup over a window: {Rule(k, catalog)}");
                md.AppendLine($"- Breakdowns: all, {string.Join(", ", k.Breakdowns)}");
                md.AppendLine($"- Why this rank: {k.Rationale}");
                md.AppendLine();
            }
        }
        return md.ToString().Replace("\r\n", "\n");
    }

    /// <summary>The rollup rule in words, from how the KPI's terms are built.</summary>
    public static string Rule(KpiDefinition k, KpiCatalog catalog)
    {
        string Side(KpiTerm? t) => t switch
        {
            { Measure: { } m, TrailingDays: null } when catalog.Measure(m).Kind == MeasureKind.Users =>
                $"distinct {m} users over the window{(t.AllEntity ? " (whole)" : "")}",
            { Measure: { } m } => $"sum of {m}",
            { Kpi: { } c } => $"sum of daily {c}",
            _ => "sum",
        };
        return k.Rollup switch
        {
            Rollup.Sum => "sum of the days",
            Rollup.Average => "average of the window's days inside the data",
            Rollup.Last => "value on the window's last day",
            Rollup.Distinct => "distinct users over the whole window",
            Rollup.Ratio when k.Sql is not null => "ratio: sum of daily numerators / sum of daily denominators",
            _ => $"ratio: {Side(k.Value)} / {Side(k.Denominator)}",
        };
    }

    private static string Cell(string s) => s.Replace("|", "\\|");

    private const string Definitions = """
        Every KPI is computed per day (`fact_kpi_daily`) for the whole (`all`/`ALL`) and each member of its breakdowns,
        and rolled up over the dashboard windows (`agg_kpi_dashboard`: day, mtd, qtd, ytd, fqtd, fytd, l7, l28, l90, each
        with the same window a year earlier and the previous window of the same length). The rollup rule says how a
        window is formed: never an average of daily ratios, never a sum of daily distinct counts.

        ## Definitions

        - **Day**: a calendar day in the reporting time zone (`timezone`, default UTC). Events are stored in UTC and
          dated by their local time, so a day in New York runs from 05:00 UTC (04:00 in summer time).
        - **Active user, A(d)**: a user with at least one core action (an event whose name the action catalog marks
          core; by default every name is) or one succeeded payment on day d. A(S) is the users active on any day of span
          S; #A is its size. WAU and MAU are #A over the trailing 7 and 30 days ending on d.
        - **Session**: a session record (ending at `ended_at`, else at its last event); a session id named only by
          events (first to last event); or, for events without a session id, a run of a user's events with gaps of at
          most 30 minutes (`session_timeout_minutes`; a gap of exactly 30 minutes continues it), cut every 24 hours
          from its start. A session is dated by its local start day.
        - **Retention Dn**: classic n-day retention: of the users who signed up on d-n, the share active on d, dated on
          d (the day the window closes). `fact_retention_cohort` holds the whole matrix: cohort day x day 0..30 x entity,
          with cohort size and retained users.
        - **30-day churn**: of the users active in [d-59, d-30], the share not active in [d-29, d].
        - **Engagement tiers**: by active days in [d-29, d]: casual 1-5, regular 6-15, core 16+; power users are core
          users averaging at least `power_actions_per_day` (default 20) core actions per active day.
        - **LTV**: 30-day ARPU (net revenue of [d-29, d] over its distinct active users) divided by the 30-day churn.
        - **CAC**: ad spend divided by new users acquired through paid channels (`paid_channels`). **ROAS**: per
          campaign, net revenue of the users it first touched (their earliest version with a campaign) over its spend.
        - **Breakdowns**: a row counts under the user's version of its day (the last version updated by the end of
          the day; before the first, the first); over several days each user-day counts under that day's version, so a
          user who changed plan counts under each plan they had. Missing attributes and unknown users fall under
          `unknown`. Money is in the reporting currency at the rate of the record's local day (or the latest earlier).
        - **Windows**: a window outside the data's range (earliest to latest day of any record) is null; inside it,
          days without activity count as zero and an average is over the window's days inside the range. The prior
          year of a window is the same window as of the same day a year earlier (29 February as 28 February); the
          previous window is as of the previous day, 7, 28 or 90 days earlier, or the same day number of the previous
          month, quarter or year, clipped to its end. Percent changes are null when the base is 0 or null.

        """;
}
