using Starboard.Core.Graph;
using Starboard.Core.Schema;

namespace Starboard.IntegrationTests.Star;

/// <summary>
/// The whole warehouse built from a generated app: every dimension and fact is populated, every primary key is
/// unique, and every foreign key of the model holds in the data. The embedded warehouse declares no foreign keys
/// (DuckDB cannot keep them through rebuilds), so this is what proves that facts computing dimension keys as
/// hashes of natural keys, without lookups, always land on a dimension row.
/// </summary>
public sealed class StarSchemaIntegrityTests(GeneratedWarehouse fixture) : IClassFixture<GeneratedWarehouse>
{
    private readonly Pipeline.TestWarehouse _w = fixture.W;

    private IEnumerable<TableDefinition> Built => _w.Project.Graph.Ordered
        .Where(m => m.Materialization != Materialization.DdlOnly).Select(m => m.Table);

    [Fact]
    public void Should_Populate_Every_Dimension_And_Fact()
    {
        var empty = Built.Where(t => t.IsDimension || t.IsFact)
            .Where(t => _w.Scalar<long>($"SELECT count(*) FROM {t.Name}") == 0).Select(t => t.Name).ToList();
        empty.ShouldBeEmpty();
    }

    [Fact]
    public void Should_Keep_Every_Primary_Key_Unique()
    {
        var duplicated = Built.Where(t => t.PrimaryKey.Count > 0).Where(t =>
        {
            var key = string.Join(", ", t.PrimaryKey);
            return _w.Scalar<long>($"SELECT count(*) FROM (SELECT {key} FROM {t.Name} GROUP BY {key} HAVING count(*) > 1) AS d") > 0;
        }).Select(t => t.Name).ToList();
        duplicated.ShouldBeEmpty();
    }

    [Fact]
    public void Should_Find_A_Dimension_Row_For_Every_Foreign_Key()
    {
        var orphans = new List<string>();
        foreach (var t in Built)
            foreach (var fk in t.ForeignKeys)
            {
                var on = string.Join(" AND ", fk.Columns.Zip(fk.ReferencedColumns).Select(p => $"d.{p.Second} = f.{p.First}"));
                var notNull = string.Join(" AND ", fk.Columns.Select(c => $"f.{c} IS NOT NULL"));
                var missing = _w.Scalar<long>(
                    $"SELECT count(*) FROM {t.Name} AS f WHERE {notNull} AND NOT EXISTS (SELECT 1 FROM {fk.ReferencedTable} AS d WHERE {on})");
                if (missing > 0)
                    orphans.Add($"{t.Name}({string.Join(",", fk.Columns)}) -> {fk.ReferencedTable}: {missing} rows");
            }
        orphans.ShouldBeEmpty();
    }

    [Fact]
    public void Should_Reconcile_Facts_With_Staging()
    {
        _w.Scalar<long>("SELECT count(*) FROM fact_order").ShouldBe(_w.Scalar<long>("SELECT count(*) FROM stg_orders"));
        _w.Scalar<long>("SELECT count(*) FROM fact_order_item").ShouldBe(_w.Scalar<long>("SELECT count(*) FROM stg_order_items"));
        _w.Scalar<long>("SELECT count(*) FROM fact_error").ShouldBe(_w.Scalar<long>("SELECT count(*) FROM stg_errors"));
        _w.Scalar<long>("SELECT count(*) FROM fact_subscription_event").ShouldBe(_w.Scalar<long>("SELECT count(*) FROM stg_subscriptions"));
        _w.Scalar<long>("SELECT count(*) FROM fact_campaign_spend_daily").ShouldBe(_w.Scalar<long>("SELECT count(*) FROM stg_ad_spend"));
        _w.Scalar<long>("SELECT count(*) FROM fact_signup").ShouldBe(_w.Scalar<long>("SELECT count(DISTINCT user_id) FROM stg_users"));
        // Every error that belongs to a session is counted on that session.
        _w.Scalar<long>("SELECT sum(errors) FROM fact_session")
            .ShouldBe(_w.Scalar<long>("SELECT count(*) FROM fact_error WHERE session_key IS NOT NULL"));
        // Order lines add up to their order's total (the generator prices lines exactly).
        _w.Scalar<long>("""
            SELECT count(*) FROM fact_order AS o
            JOIN (SELECT order_key, sum(line_amount) AS total FROM fact_order_item GROUP BY order_key) AS i ON i.order_key = o.order_key
            WHERE i.total <> o.amount
            """).ShouldBe(0);
    }

    [Fact]
    public void Should_Chain_Each_Subscriptions_Mrr_From_One_Action_To_The_Next()
    {
        // The MRR before an action is the MRR after the one before it, and a day's movements sum to the change in MRR.
        _w.Scalar<long>("""
            SELECT count(*) FROM (
                SELECT previous_mrr, lag(mrr, 1, 0) OVER (PARTITION BY subscription_id ORDER BY ts, action) AS expected
                FROM fact_subscription_event
            ) AS chained
            WHERE previous_mrr <> expected
            """).ShouldBe(0);
        _w.Scalar<long>("SELECT count(*) FROM fact_subscription_event WHERE action = 'cancel' AND (mrr <> 0 OR mrr_movement <> 'churn')").ShouldBe(0);
    }
}
