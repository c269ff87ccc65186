using Starboard.Core;
using Starboard.Core.Dialects;
using Starboard.Core.Schema;

namespace Starboard.Tests.Schema;

public sealed class DdlRendererTests
{
    private static readonly TableDefinition Dim = new(
        "dim_thing", Layer.Warehouse, "Things", "one row per thing",
        [new("thing_key", ColumnType.Parse("bigint"), false, "key"), new("name", ColumnType.Parse("varchar(64)"), false, "it's \\ named")],
        ["thing_key"], [], [new("ix_dim_thing_name", ["name"], true)], ["thing_key"], null);

    private static readonly TableDefinition Fact = new(
        "fact_thing_daily", Layer.Warehouse, "Daily things", "one row per day and thing",
        [
            new("date_key", ColumnType.Parse("int"), false, "day"), new("thing_key", ColumnType.Parse("bigint"), false, "thing"),
            new("amount", ColumnType.Parse("decimal(18,6)"), true, "amount"),
        ],
        ["date_key", "thing_key"], [new(["thing_key"], "dim_thing", ["thing_key"])], [new("ix_fact_thing_daily_thing_key", ["thing_key"], false)],
        ["date_key", "thing_key"], "month");

    [Fact]
    public void Should_Declare_Named_Keys_And_Deferred_Foreign_Keys_On_Postgres()
    {
        var sql = new DdlRenderer(SqlDialects.ByName("postgres")).CreateTable(Fact, forPublishing: true);
        sql.ShouldContain("CONSTRAINT \"pk_fact_thing_daily\" PRIMARY KEY (\"date_key\", \"thing_key\")");
        sql.ShouldContain("CONSTRAINT \"fk_fact_thing_daily_thing_key\" FOREIGN KEY (\"thing_key\") REFERENCES \"dim_thing\" (\"thing_key\") DEFERRABLE INITIALLY DEFERRED");
        sql.ShouldContain("CREATE INDEX IF NOT EXISTS \"ix_fact_thing_daily_thing_key\" ON \"fact_thing_daily\" (\"thing_key\");");
        sql.ShouldContain("COMMENT ON COLUMN \"fact_thing_daily\".\"amount\" IS 'amount';");
    }

    [Fact]
    public void Should_Declare_Everything_Inside_Create_Table_On_Mysql()
    {
        var sql = new DdlRenderer(SqlDialects.ByName("mysql")).CreateTable(Dim, forPublishing: true);
        sql.ShouldContain("`name` VARCHAR(64) NOT NULL COMMENT 'it''s \\\\ named'");
        sql.ShouldContain("UNIQUE KEY `ix_dim_thing_name` (`name`)");
        sql.ShouldContain(") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin COMMENT='Things';");
        sql.ShouldNotContain("CREATE INDEX");
    }

    [Fact]
    public void Should_Sort_Partition_And_Wrap_Nullable_On_Clickhouse()
    {
        var sql = new DdlRenderer(SqlDialects.ByName("clickhouse")).CreateTable(Fact, forPublishing: true);
        sql.ShouldContain("`amount` Nullable(Decimal(18, 6)) COMMENT 'amount'");
        sql.ShouldContain("ENGINE = ReplacingMergeTree() PARTITION BY intDiv(`date_key`, 100) ORDER BY (`date_key`, `thing_key`);");
        sql.ShouldNotContain("FOREIGN KEY");
        sql.ShouldNotContain("PRIMARY KEY");
    }

    [Fact]
    public void Should_Leave_Keys_Out_Of_The_Embedded_Warehouse_But_Publish_Them()
    {
        var duck = new DdlRenderer(SqlDialects.ByName("duckdb"));
        var runtime = duck.CreateTable(Dim, forPublishing: false);
        runtime.ShouldNotContain("PRIMARY KEY");
        runtime.ShouldNotContain("INDEX");
        var published = duck.CreateTable(Dim, forPublishing: true);
        published.ShouldContain("PRIMARY KEY (\"thing_key\")");
        published.ShouldContain("CREATE UNIQUE INDEX IF NOT EXISTS \"ix_dim_thing_name\"");
        duck.CreateTable(Fact, forPublishing: true).ShouldNotContain("FOREIGN KEY");
    }

    [Fact]
    public void Should_Create_Referenced_Tables_First_And_Refuse_Cycles()
    {
        DdlRenderer.OrderForCreation([Fact, Dim]).Select(t => t.Name).ShouldBe(["dim_thing", "fact_thing_daily"]);
        var a = Dim with { Name = "dim_a", ForeignKeys = [new(["thing_key"], "dim_b", ["thing_key"])] };
        var b = Dim with { Name = "dim_b", ForeignKeys = [new(["thing_key"], "dim_a", ["thing_key"])] };
        Should.Throw<ProjectException>(() => DdlRenderer.OrderForCreation([a, b])).Message.ShouldContain("cycle");
    }

    [Fact]
    public void Should_Shorten_Long_Names_Stably_And_Distinctly()
    {
        var long1 = "ix_" + new string('a', 70) + "_one";
        var long2 = "ix_" + new string('a', 70) + "_two";
        DdlNames.Fit(long1, 63).Length.ShouldBeLessThanOrEqualTo(63);
        DdlNames.Fit(long1, 63).ShouldBe(DdlNames.Fit(long1, 63));
        DdlNames.Fit(long1, 63).ShouldNotBe(DdlNames.Fit(long2, 63));
        DdlNames.Fit("ix_short", 63).ShouldBe("ix_short");
        DdlNames.Fit(long1, null).ShouldBe(long1);
    }

    [Fact]
    public void Should_Refuse_An_Unknown_Dialect_Or_Layer()
    {
        Should.Throw<UsageException>(() => SqlDialects.ByName("oracle")).Message.ShouldContain("duckdb, postgres, mysql, clickhouse");
        Should.Throw<UsageException>(() => DdlScript.ParseLayer("gold"));
    }
}
