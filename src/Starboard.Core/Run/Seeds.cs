using Starboard.Core.Dialects;
using Starboard.Core.Engine;
using Starboard.Core.Graph;
using Starboard.Core.Project;
using Starboard.Core.Sql;

namespace Starboard.Core.Run;

/// <summary>Models whose rows come from C# (calendars) or from configuration (the action catalog, the KPI catalog).</summary>
public static class Seeds
{
    private static readonly Dictionary<string, Func<StarboardProject, IEnumerable<object?[]>>> Providers = new(StringComparer.Ordinal)
    {
        ["dim_date"] = p => Calendar.DateRows(p.Settings.FiscalYearStartMonth),
        ["dim_time"] = _ => Calendar.TimeRows(),
        ["action_catalog"] = p => p.Settings.Actions.OrderBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => new object?[] { HashKeys.Of(a.Key), a.Key, a.Value.Category, a.Value.EngagementWeight, a.Value.IsCoreAction }),
        ["dim_kpi"] = p => p.Kpis.Rows(p.Settings),
        ["paid_channels"] = p => p.Settings.PaidChannels.Distinct().Order(StringComparer.Ordinal).Select(c => new object?[] { c }),
    };

    public static bool Has(string model) => Providers.ContainsKey(model);

    public static long Load(ModelDefinition model, StarboardProject project, Warehouse warehouse)
    {
        Func<StarboardProject, IEnumerable<object?[]>> rows = Providers.TryGetValue(model.Name, out var provided) ? provided
            : model.SeedCsv is { } csv ? _ => CsvSeed.Rows(model.Table, csv)
            : throw new ProjectException($"model '{model.Name}' is a seed, but no seed provides its rows");
        long count = 0;
        using var writer = warehouse.BulkWriter(model.Table);
        foreach (var row in rows(project))
        {
            writer.WriteRow(row);
            count++;
        }
        writer.Complete();
        return count;
    }
}
