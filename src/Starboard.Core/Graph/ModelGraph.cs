namespace Starboard.Core.Graph;

/// <summary>The models in dependency order. Cycles and unknown references are errors at construction.</summary>
public sealed class ModelGraph
{
    private readonly Dictionary<string, ModelDefinition> _models;
    private readonly List<ModelDefinition> _ordered;

    public ModelGraph(IEnumerable<ModelDefinition> models)
    {
        _models = new(StringComparer.Ordinal);
        foreach (var m in models)
        {
            if (!_models.TryAdd(m.Name, m))
                throw new ProjectException($"two models are named '{m.Name}'");
        }
        foreach (var m in _models.Values)
            foreach (var d in m.DependsOn)
                if (!_models.ContainsKey(d))
                    throw ProjectException.UnknownRef(m.Name, d);
        _ordered = TopologicalOrder();
    }

    public IReadOnlyList<ModelDefinition> Ordered => _ordered;

    public ModelDefinition this[string name] =>
        _models.TryGetValue(name, out var m) ? m : throw GraphException.UnknownModel(name);

    public bool Contains(string name) => _models.ContainsKey(name);

    /// <summary>
    /// dbt-style selection: `name` (that model), `name+` (it and everything downstream), `+name` (it and
    /// everything upstream). Several selectors separated by spaces or commas are a union.
    /// </summary>
    public IReadOnlyList<ModelDefinition> Select(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
            return _ordered;
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in selector.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            var down = part.EndsWith('+');
            var up = part.StartsWith('+');
            var name = part.Trim('+');
            _ = this[name];
            chosen.Add(name);
            if (down) chosen.UnionWith(Downstream(name));
            if (up) chosen.UnionWith(Upstream(name));
        }
        return _ordered.Where(m => chosen.Contains(m.Name)).ToList();
    }

    public IEnumerable<string> Upstream(string name)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(this[name].DependsOn);
        while (stack.TryPop(out var n))
            if (seen.Add(n))
                foreach (var d in _models[n].DependsOn) stack.Push(d);
        return seen;
    }

    public IEnumerable<string> Downstream(string name)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var frontier = new Queue<string>([name]);
        while (frontier.TryDequeue(out var n))
            foreach (var m in _models.Values.Where(m => m.DependsOn.Contains(n)))
                if (seen.Add(m.Name)) frontier.Enqueue(m.Name);
        return seen;
    }

    // Kahn's algorithm; ties broken by name so the order (and every log of it) is stable.
    private List<ModelDefinition> TopologicalOrder()
    {
        var indegree = _models.Values.ToDictionary(m => m.Name, m => m.DependsOn.Distinct().Count(), StringComparer.Ordinal);
        var ready = new SortedSet<string>(indegree.Where(p => p.Value == 0).Select(p => p.Key), StringComparer.Ordinal);
        var order = new List<ModelDefinition>(_models.Count);
        while (ready.Count > 0)
        {
            var next = ready.Min!;
            ready.Remove(next);
            order.Add(_models[next]);
            foreach (var m in _models.Values.Where(m => m.DependsOn.Contains(next)))
                if (--indegree[m.Name] == 0)
                    ready.Add(m.Name);
        }
        if (order.Count < _models.Count)
            throw GraphException.Cycle(FindCycle(indegree.Where(p => p.Value > 0).Select(p => p.Key).ToHashSet()));
        return order;
    }

    private List<string> FindCycle(HashSet<string> stuck)
    {
        var path = new List<string>();
        var current = stuck.Min(StringComparer.Ordinal)!;
        while (!path.Contains(current))
        {
            path.Add(current);
            current = _models[current].DependsOn.First(stuck.Contains);
        }
        path.Add(current);
        return path[path.IndexOf(current)..];
    }
}
