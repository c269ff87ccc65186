using System.Text.RegularExpressions;
using Starboard.Core.Project;
using Starboard.Core.Sql;
using YamlDotNet.Core;

namespace Starboard.Core.Kpis;

/// <summary>
/// The KPI catalog as data: `Catalog/kpis.yml` built in, plus any `*.yml` in the project's `kpis/` folder, whose
/// entries add measures and KPIs or replace built-in ones with the same name. Adding a KPI is adding an entry.
/// </summary>
public sealed partial class KpiCatalog
{
    public static readonly IReadOnlyList<string> UserBreakdowns = ["platform", "country", "channel", "plan"];

    private KpiCatalog(IReadOnlyList<MeasureDefinition> measures, IReadOnlyList<KpiDefinition> kpis)
    {
        Measures = measures;
        Kpis = kpis;
    }

    public IReadOnlyList<MeasureDefinition> Measures { get; }

    /// <summary>The KPIs in rank order: by group, then rank within the group.</summary>
    public IReadOnlyList<KpiDefinition> Kpis { get; }

    public KpiDefinition? Find(string code) => Kpis.FirstOrDefault(k => k.Code == code);

    public MeasureDefinition Measure(string name) => Measures.First(m => m.Name == name);

    public static KpiCatalog Load(string? userFolder)
    {
        var files = new List<(string Path, string Text)> { ("Catalog/kpis.yml", EmbeddedFiles.Read("Catalog/kpis.yml")!) };
        if (userFolder is not null && Directory.Exists(userFolder))
            files.AddRange(Directory.EnumerateFiles(userFolder, "*.yml").Order(StringComparer.Ordinal).Select(f => (f, File.ReadAllText(f))));
        var measures = new Dictionary<string, MeasureDefinition>(StringComparer.Ordinal);
        var kpis = new Dictionary<string, KpiDefinition>(StringComparer.Ordinal);
        foreach (var (path, text) in files)
        {
            var file = Parse(text, path);
            foreach (var m in file.Measures.Select(m => ToMeasure(m, path))) measures[m.Name] = m;
            foreach (var k in file.Kpis.Select(k => ToKpi(k, path))) kpis[k.Code] = k;
        }
        var catalog = new KpiCatalog(
            measures.Values.OrderBy(m => m.Name, StringComparer.Ordinal).ToList(),
            kpis.Values.OrderBy(k => k.Group).ThenBy(k => k.Rank).ThenBy(k => k.Code, StringComparer.Ordinal).ToList());
        catalog.Validate();
        return catalog;
    }

    /// <summary>Rows of `dim_kpi`, in its column order.</summary>
    public IEnumerable<object?[]> Rows(StarboardSettings settings) => Kpis.Select((k, i) => new object?[]
    {
        HashKeys.Of(k.Code), k.Code, k.Name, k.Group, k.GroupName, k.Rank, i + 1, k.Unit, k.Format,
        k.HigherIsBetter ? "higher_is_better" : "lower_is_better", k.Definition, k.Formula,
        k.Rollup.ToString().ToLowerInvariant(), k.Visualization, k.Rationale, string.Join(",", k.Breakdowns),
        settings.KpiTargets.TryGetValue(k.Code, out var target) ? target : null,
    });

    private void Validate()
    {
        foreach (var k in Kpis)
        {
            foreach (var term in new[] { k.Value, k.Denominator }.OfType<KpiTerm>())
            {
                if (term.Measure is { } m && Measures.All(x => x.Name != m))
                    throw new ProjectException($"KPI '{k.Code}' uses unknown measure '{m}'");
                if (term.Kpi is { } other && Find(other) is null)
                    throw new ProjectException($"KPI '{k.Code}' uses unknown KPI '{other}'");
                if (term.TrailingDays is not null && (term.Measure is null || Measure(term.Measure).Kind != MeasureKind.Users))
                    throw new ProjectException($"KPI '{k.Code}': trailing_days needs a users measure");
            }
            var shape = (k.Value is not null, k.Denominator is not null, k.Sql is not null);
            var ok = k.Rollup switch
            {
                Rollup.Ratio => shape is (true, true, false) or (false, false, true),
                _ => shape is (true, false, false) or (false, false, true),
            };
            if (!ok)
                throw new ProjectException($"KPI '{k.Code}': a {k.Rollup.ToString().ToLowerInvariant()} KPI needs " +
                    (k.Rollup == Rollup.Ratio ? "numerator and denominator, or sql" : "value, or sql"));
            if (k.Rollup == Rollup.Distinct && (k.Value?.Measure is null || Measure(k.Value.Measure).Kind != MeasureKind.Users || k.Value.TrailingDays is not null))
                throw new ProjectException($"KPI '{k.Code}': a distinct KPI counts a users measure");
        }
        var cycle = KpiOrder.FindCycle(this);
        if (cycle is not null)
            throw new ProjectException($"KPIs refer to each other in a cycle: {string.Join(" -> ", cycle)}");
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$")]
    internal static partial Regex CodePattern();

    private static string Code(string? code, string what, string path) =>
        code is not null && CodePattern().IsMatch(code) ? code
            : throw new ProjectException($"{path}: {what} '{code}' must be lower_snake_case (a-z, 0-9, _)");

    private static MeasureDefinition ToMeasure(MeasureYaml m, string path)
    {
        var name = Code(m.Name, "measure name", path);
        var kind = m.Kind switch
        {
            "sum" => MeasureKind.Sum,
            "users" => MeasureKind.Users,
            _ => throw new ProjectException($"{path}: measure '{name}': kind must be sum or users"),
        };
        var attribution = m.Attribution switch
        {
            null or "user" => Attribution.User,
            "explicit" => Attribution.Explicit,
            _ => throw new ProjectException($"{path}: measure '{name}': attribution must be user or explicit"),
        };
        if (string.IsNullOrWhiteSpace(m.Sql))
            throw new ProjectException($"{path}: measure '{name}' needs sql");
        return new MeasureDefinition(name, kind, attribution, m.Description ?? "", m.Sql.Trim());
    }

    private static KpiDefinition ToKpi(KpiYaml k, string path)
    {
        var code = Code(k.Code, "KPI code", path);
        string Need(string? v, string field) => string.IsNullOrWhiteSpace(v) ? throw new ProjectException($"{path}: KPI '{code}' needs {field}") : v.Trim();
        if (k.Group is < 1 or > 4)
            throw new ProjectException($"{path}: KPI '{code}': group must be 1 to 4 ({string.Join(", ", KpiDefinition.GroupNames.Select((g, i) => $"{i + 1} {g}"))})");
        var rollup = Enum.TryParse<Rollup>(k.Rollup, ignoreCase: true, out var r) && !int.TryParse(k.Rollup, out _)
            ? r : throw new ProjectException($"{path}: KPI '{code}': rollup must be sum, ratio, distinct, average or last");
        var breakdowns = k.Breakdowns ?? [.. UserBreakdowns];
        foreach (var b in breakdowns)
            if (!CodePattern().IsMatch(b))
                throw new ProjectException($"{path}: KPI '{code}': breakdown '{b}' must be lower_snake_case");
        return new KpiDefinition
        {
            Code = code, Name = Need(k.Name, "name"), Group = k.Group, Rank = k.Rank, Unit = Need(k.Unit, "unit"),
            Format = k.Format ?? k.Unit!, HigherIsBetter = (k.Direction ?? "higher_is_better") == "higher_is_better",
            Definition = Need(k.Definition, "definition"), Formula = Need(k.Formula, "formula"), Rollup = rollup,
            Visualization = k.Visualization ?? "tile", Rationale = Need(k.Rationale, "rationale"), Breakdowns = breakdowns,
            Value = Term(k.Value ?? k.Numerator, code, path), Denominator = Term(k.Denominator, code, path), Sql = k.Sql?.Trim(),
        };
    }

    private static KpiTerm? Term(TermYaml? t, string code, string path)
    {
        if (t is null) return null;
        if ((t.Measure is null) == (t.Kpi is null))
            throw new ProjectException($"{path}: KPI '{code}': each term names either a measure or a kpi");
        return new KpiTerm(t.Measure, t.Kpi, t.PerDay, t.Entity == "all", t.TrailingDays);
    }

    private static CatalogYaml Parse(string text, string path)
    {
        try
        {
            return SettingsLoader.Yaml.Deserialize<CatalogYaml?>(text) ?? new CatalogYaml();
        }
        catch (YamlException e)
        {
            throw new ProjectException(SettingsLoader.YamlError(path, e));
        }
    }

    private sealed class CatalogYaml
    {
        public List<MeasureYaml> Measures { get; set; } = [];
        public List<KpiYaml> Kpis { get; set; } = [];
    }

    private sealed class MeasureYaml
    {
        public string? Name { get; set; }
        public string? Kind { get; set; }
        public string? Attribution { get; set; }
        public string? Description { get; set; }
        public string? Sql { get; set; }
    }

    private sealed class KpiYaml
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public int Group { get; set; }
        public int Rank { get; set; }
        public string? Unit { get; set; }
        public string? Format { get; set; }
        public string? Direction { get; set; }
        public string? Definition { get; set; }
        public string? Formula { get; set; }
        public string? Rollup { get; set; }
        public string? Visualization { get; set; }
        public string? Rationale { get; set; }
        public List<string>? Breakdowns { get; set; }
        public TermYaml? Value { get; set; }
        public TermYaml? Numerator { get; set; }
        public TermYaml? Denominator { get; set; }
        public string? Sql { get; set; }
    }

    private sealed class TermYaml
    {
        public string? Measure { get; set; }
        public string? Kpi { get; set; }
        public bool PerDay { get; set; }
        public string? Entity { get; set; }
        public int? TrailingDays { get; set; }
    }
}
