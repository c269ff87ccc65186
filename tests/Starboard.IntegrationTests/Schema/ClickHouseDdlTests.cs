using System.Text.Json;
using Starboard.Core.Dialects;
using Starboard.Core.Project;
using Starboard.Core.Schema;

namespace Starboard.IntegrationTests.Schema;

/// <summary>
/// The published ClickHouse DDL on a real ClickHouse 18.16 server (over its HTTP interface: there is no ADO.NET
/// driver), read back from system.tables and system.columns: every table with its engine, sort key and partition
/// key, and every column with its type (Nullable where the model allows null) and comment.
/// </summary>
public sealed class ClickHouseDdlTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    [Fact]
    public async Task Should_Apply_The_Published_Ddl_And_Find_Every_Table_Sorted_And_Partitioned_As_Modelled()
    {
        var url = ServerDatabase.Server("STARBOARD_TEST_CLICKHOUSE");
        var token = TestContext.Current.CancellationToken;
        var (code, script) = PublishedDdlTests.Cli("ddl", "--dialect", "clickhouse", "--layer", "all");
        code.ShouldBe(0);
        var database = ServerDatabase.NewName();
        await Post(url, null, $"CREATE DATABASE {database}", token);
        try
        {
            foreach (var statement in SqlScript.Statements(script + script, backslashEscapes: true))
                await Post(url, database, statement, token);

            var dialect = SqlDialects.ByName("clickhouse");
            var model = DdlScript.Tables(StarboardProject.Load(new StarboardSettings(), Path.GetTempPath()).Graph, DdlLayer.All);
            var tables = (await Rows(url, $"SELECT name, engine, partition_key, sorting_key FROM system.tables WHERE database = '{database}'", token))
                .ToDictionary(r => r["name"], StringComparer.Ordinal);
            var columns = (await Rows(url, $"SELECT table, name, type, comment FROM system.columns WHERE database = '{database}'", token))
                .GroupBy(r => r["table"]).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            var problems = new List<string>();
            void Expect(string what, string expected, string? actual)
            {
                if (expected != actual) problems.Add($"{what}: expected '{expected}', found '{actual}'");
            }
            Expect("tables", string.Join(",", model.Select(t => t.Name).Order(StringComparer.Ordinal)), string.Join(",", tables.Keys.Order(StringComparer.Ordinal)));
            foreach (var t in model.Where(t => tables.ContainsKey(t.Name)))
            {
                var row = tables[t.Name];
                Expect($"{t.Name} engine", t.PrimaryKey.Count > 0 ? "ReplacingMergeTree" : "MergeTree", row["engine"]);
                Expect($"{t.Name} sorting key", string.Join(", ", t.SortKey), row["sorting_key"]);
                Expect($"{t.Name} partition key", t.PartitionColumn is { } p ? $"intDiv({p}, 100)" : "", row["partition_key"]);
                var actual = columns[t.Name];
                Expect($"{t.Name} columns", string.Join(",", t.Columns.Select(c => c.Name)), string.Join(",", actual.Select(c => c["name"])));
                foreach (var (m, a) in t.Columns.Zip(actual))
                {
                    var type = dialect.TypeName(m.Type);
                    Expect($"{t.Name}.{m.Name} type", m.Nullable ? $"Nullable({type})" : type, a["type"]);
                    Expect($"{t.Name}.{m.Name} comment", m.Description, a["comment"]);
                }
            }
            problems.ShouldBeEmpty($"{problems.Count} differences between the model and the ClickHouse catalog");
        }
        finally
        {
            await Post(url, null, $"DROP DATABASE IF EXISTS {database}", token);
        }
    }

    private static async Task<string> Post(string url, string? database, string sql, CancellationToken token)
    {
        using var response = await Http.PostAsync(database is null ? url : $"{url}?database={database}", new StringContent(sql), token);
        var body = await response.Content.ReadAsStringAsync(token);
        if (!response.IsSuccessStatusCode)
            Assert.Fail($"ClickHouse refused a statement: {body}\n{sql}");
        return body;
    }

    // system.columns keeps the columns in table order; JSONEachRow gives one object per line.
    private static async Task<List<Dictionary<string, string>>> Rows(string url, string query, CancellationToken token) =>
        (await Post(url, null, query + " FORMAT JSONEachRow", token))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<Dictionary<string, string>>(line)!)
            .ToList();
}
