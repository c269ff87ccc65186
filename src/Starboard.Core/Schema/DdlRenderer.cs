using System.Text;
using Starboard.Core.Dialects;

namespace Starboard.Core.Schema;

/// <summary>
/// Renders CREATE statements for a dialect from the one model definition. `ForPublishing` output (what `starboard
/// ddl` prints) declares every key the engine can enforce; the runtime flavour leaves out foreign keys, which a
/// pipeline that rebuilds dimensions in place cannot keep, and which data-quality checks verify instead.
/// </summary>
public sealed class DdlRenderer(SqlDialect dialect)
{
    public string CreateTable(TableDefinition table, bool forPublishing)
    {
        var q = dialect.QuoteIdentifier;
        var lines = table.Columns.Select(c =>
            $"    {q(c.Name)} {dialect.TypeName(c.Type)}{(c.Nullable ? "" : " NOT NULL")}{dialect.InlineColumnComment(c)}").ToList();
        if (table.PrimaryKey.Count > 0 && (forPublishing || dialect.DeclaresKeysAtRuntime))
            lines.Add($"    PRIMARY KEY ({string.Join(", ", table.PrimaryKey.Select(q))})");
        if (forPublishing && dialect.EnforcesForeignKeys)
            lines.AddRange(table.ForeignKeys.Select(f =>
                $"    FOREIGN KEY ({string.Join(", ", f.Columns.Select(q))}) REFERENCES {q(f.ReferencedTable)} ({string.Join(", ", f.ReferencedColumns.Select(q))})"));
        var sb = new StringBuilder();
        sb.Append($"CREATE TABLE IF NOT EXISTS {q(table.Name)} (\n{string.Join(",\n", lines)}\n){dialect.CreateTableSuffix(table)};\n");
        foreach (var statement in dialect.CommentStatements(table))
            sb.Append(statement).Append(";\n");
        foreach (var index in table.Indexes)
            if (dialect.CreateIndex(table, index) is { } ix)
                sb.Append(ix).Append(";\n");
        return sb.ToString();
    }

    public string Script(IEnumerable<TableDefinition> tables, bool forPublishing)
    {
        var sb = new StringBuilder();
        foreach (var t in OrderForCreation(tables))
            sb.Append(CreateTable(t, forPublishing)).Append('\n');
        return sb.ToString().TrimEnd() + "\n";
    }

    /// <summary>Referenced tables first, so foreign keys always point at a table that exists.</summary>
    public static IReadOnlyList<TableDefinition> OrderForCreation(IEnumerable<TableDefinition> tables)
    {
        var byName = tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var ordered = new List<TableDefinition>();
        void Visit(TableDefinition t, HashSet<string> path)
        {
            if (done.Contains(t.Name)) return;
            if (!path.Add(t.Name))
                throw new ProjectException($"foreign keys form a cycle through '{t.Name}'");
            foreach (var fk in t.ForeignKeys)
                if (byName.TryGetValue(fk.ReferencedTable, out var parent) && parent != t)
                    Visit(parent, path);
            done.Add(t.Name);
            ordered.Add(t);
        }
        foreach (var t in byName.Values.OrderBy(t => t.Layer).ThenBy(t => t.Name, StringComparer.Ordinal))
            Visit(t, []);
        return ordered;
    }

    internal static string Literal(string text) => "'" + text.Replace("'", "''") + "'";
}
