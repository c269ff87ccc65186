using Spectre.Console;
using Starboard.Cli;
using Starboard.Core.Project;
using Starboard.Core.Schema;

namespace Starboard.IntegrationTests.Schema;

/// <summary>
/// The output of `starboard ddl --dialect X --layer all`, applied to a fresh database on the real engine (twice:
/// the script is idempotent), and then read back from the engine's own catalog: every table with its columns,
/// types, nullability and comments, every primary key, foreign key and index must be there as the model says.
/// One suite, subclassed per engine; each engine says how to read its catalog and how it spells each type.
/// </summary>
public abstract class PublishedDdlTests
{
    protected abstract string Dialect { get; }

    /// <summary>The catalog of the database the test owns.</summary>
    protected abstract Catalog ReadCatalog(ServerDatabase db);

    /// <summary>The type as the catalog reports it.</summary>
    protected abstract string ExpectedType(ColumnType type);

    /// <summary>Whether the engine declares the model's foreign keys (DuckDB's published DDL leaves them out).</summary>
    protected virtual bool DeclaresForeignKeys => true;

    /// <summary>Whether an index of the model is created on this engine (DuckDB keeps only unique ones).</summary>
    protected virtual bool Creates(IndexDefinition index) => true;

    private static readonly IReadOnlyList<TableDefinition> Model =
        DdlScript.Tables(StarboardProject.Load(new StarboardSettings(), Path.GetTempPath()).Graph, DdlLayer.All);

    [Fact]
    public void Should_Apply_The_Published_Ddl_And_Find_Every_Table_Key_And_Index_In_The_Catalog()
    {
        // Given the script exactly as the CLI prints it
        var (code, script) = Cli("ddl", "--dialect", Dialect, "--layer", "all");
        code.ShouldBe(0);

        // When it is applied to a fresh database, twice
        using var db = ServerDatabase.Open(Dialect);
        db.Apply(script);
        db.Apply(script);

        // Then the catalog holds the model
        var catalog = ReadCatalog(db);
        var problems = new List<string>();
        Expect(problems, "tables", string.Join(",", Model.Select(t => t.Name).Order(StringComparer.Ordinal)),
            string.Join(",", catalog.Tables.Keys.Order(StringComparer.Ordinal)));
        foreach (var table in Model.Where(t => catalog.Tables.ContainsKey(t.Name)))
            Compare(problems, table, catalog[table.Name]);
        problems.ShouldBeEmpty($"{problems.Count} differences between the model and the {Dialect} catalog");
    }

    private void Compare(List<string> problems, TableDefinition model, CatalogTable actual)
    {
        var t = model.Name;
        Expect(problems, $"{t} comment", model.Description, actual.Comment);
        Expect(problems, $"{t} columns", string.Join(",", model.Columns.Select(c => c.Name)), string.Join(",", actual.Columns.Select(c => c.Name)));
        foreach (var (m, a) in model.Columns.Zip(actual.Columns))
        {
            Expect(problems, $"{t}.{m.Name} type", ExpectedType(m.Type), a.Type);
            Expect(problems, $"{t}.{m.Name} nullable", m.Nullable.ToString(), a.Nullable.ToString());
            Expect(problems, $"{t}.{m.Name} comment", m.Description, a.Comment);
        }
        Expect(problems, $"{t} primary key", string.Join(",", model.PrimaryKey), string.Join(",", actual.PrimaryKey));
        var max = Core.Dialects.SqlDialects.ByName(Dialect).MaxIdentifierLength;
        var fks = DeclaresForeignKeys
            ? model.ForeignKeys.Select(f => new CatalogForeignKey(DdlNames.ForeignKey(model, f, max), string.Join(",", f.Columns), f.ReferencedTable, string.Join(",", f.ReferencedColumns)))
            : [];
        Expect(problems, $"{t} foreign keys", Order(fks), Order(actual.ForeignKeys));
        foreach (var ix in model.Indexes.Where(Creates))
        {
            var expected = new CatalogIndex(DdlNames.Index(ix, max), string.Join(",", ix.Columns), ix.Unique);
            if (!actual.Indexes.Contains(expected))
                problems.Add($"{t}: index {expected} missing (found: {string.Join("; ", actual.Indexes)})");
        }
    }

    private static void Expect(List<string> problems, string what, string expected, string? actual)
    {
        if (expected != actual)
            problems.Add($"{what}: expected '{expected}', catalog has '{actual}'");
    }

    private static string Order(IEnumerable<CatalogForeignKey> fks) => string.Join("; ", fks.Select(f => f.ToString()).Order(StringComparer.Ordinal));

    internal static (int Code, string Output) Cli(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        var dataDir = Path.Combine(Path.GetTempPath(), "starboard-ddl-test");
        return (StarboardCli.Run([.. args, "--data-dir", dataDir], console, writer), writer.ToString());
    }
}
