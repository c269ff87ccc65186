using System.Text;
using Starboard.Core.Dialects;

namespace Starboard.Core.Schema;

/// <summary>
/// Renders CREATE statements for a dialect from the one model definition. `ForPublishing` output (what `starboard
/// ddl` prints) declares every key the engine can enforce, with named constraints and every index; the runtime
/// flavour leaves out foreign keys, which a pipeline that rebuilds dimensions in place cannot keep, and which
/// data-quality checks verify instead.
/// </summary>
public sealed class DdlRenderer(SqlDialect dialect)
{
    public string CreateTable(TableDefinition table, bool forPublishing)
    {
        var lines = table.Columns.Select(dialect.ColumnClause).ToList();
        if (table.PrimaryKey.Count > 0 && (forPublishing || dialect.DeclaresKeysAtRuntime) && dialect.PrimaryKeyClause(table) is { } pk)
            lines.Add(pk);
        foreach (var index in table.Indexes)
            if (dialect.InlineIndexClause(table, index, forPublishing) is { } clause)
                lines.Add(clause);
        if (forPublishing && dialect.EnforcesForeignKeys)
            lines.AddRange(table.ForeignKeys.Select(f => dialect.ForeignKeyClause(table, f)));

        var sb = new StringBuilder();
        if (forPublishing)
        {
            sb.Append($"-- {table.Name} ({table.Layer.ToString().ToLowerInvariant()}): {OneLine(table.Description)}\n");
            if (table.Grain is { } grain)
                sb.Append($"-- grain: {OneLine(grain)}\n");
        }
        sb.Append($"CREATE TABLE IF NOT EXISTS {dialect.QuoteIdentifier(table.Name)} (\n    {string.Join(",\n    ", lines)}\n){dialect.CreateTableSuffix(table)};\n");
        foreach (var statement in dialect.CommentStatements(table))
            sb.Append(statement).Append(";\n");
        foreach (var index in table.Indexes)
            if (dialect.CreateIndex(table, index, forPublishing) is { } ix)
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
            path.Remove(t.Name);
            done.Add(t.Name);
            ordered.Add(t);
        }
        foreach (var t in byName.Values.OrderBy(t => t.Layer).ThenBy(t => t.Name, StringComparer.Ordinal))
            Visit(t, []);
        return ordered;
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}
