using System.Text.RegularExpressions;

namespace Starboard.Core.Kpis;

/// <summary>KPIs that use other KPIs (a term's `kpi`, or `{{ kpi('code') }}` in custom SQL) come after them.</summary>
public static partial class KpiOrder
{
    public static IReadOnlyList<string> DependenciesOf(KpiDefinition k) =>
        new[] { k.Value?.Kpi, k.Denominator?.Kpi }.OfType<string>()
            .Concat(k.Sql is null ? [] : KpiCall().Matches(k.Sql).Select(m => m.Groups[1].Value))
            .Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Every KPI after the ones it uses; ties keep catalog order.</summary>
    public static IReadOnlyList<KpiDefinition> Ordered(KpiCatalog catalog)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<KpiDefinition>();
        void Visit(KpiDefinition k)
        {
            if (!done.Add(k.Code)) return;
            foreach (var d in DependenciesOf(k))
                Visit(catalog.Find(d) ?? throw new ProjectException($"KPI '{k.Code}' uses unknown KPI '{d}'"));
            order.Add(k);
        }
        foreach (var k in catalog.Kpis) Visit(k);
        return order;
    }

    internal static IReadOnlyList<string>? FindCycle(KpiCatalog catalog)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();
        List<string>? Visit(string code)
        {
            if (state.GetValueOrDefault(code) == 2) return null;
            if (state.GetValueOrDefault(code) == 1) return [.. path[path.IndexOf(code)..], code];
            state[code] = 1;
            path.Add(code);
            foreach (var d in catalog.Find(code) is { } k ? DependenciesOf(k) : [])
                if (Visit(d) is { } cycle) return cycle;
            path.RemoveAt(path.Count - 1);
            state[code] = 2;
            return null;
        }
        return catalog.Kpis.Select(k => Visit(k.Code)).FirstOrDefault(c => c is not null);
    }

    [GeneratedRegex(@"\{\{\s*kpi\(\s*'([a-z0-9_]+)'\s*\)\s*\}\}")]
    internal static partial Regex KpiCall();
}
