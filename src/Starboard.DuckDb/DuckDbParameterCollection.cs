using System.Collections;
using System.Data.Common;

namespace Starboard.DuckDb;

/// <summary>The parameters of a <see cref="DuckDbCommand"/>; names match case-insensitively and ignore a $/@/: prefix.</summary>
public sealed class DuckDbParameterCollection : DbParameterCollection
{
    private readonly List<DuckDbParameter> _items = [];

    internal DuckDbParameterCollection()
    {
    }

    public override int Count => _items.Count;

    public override object SyncRoot => ((ICollection)_items).SyncRoot;

    public new DuckDbParameter this[int index]
    {
        get => _items[index];
        set => _items[index] = value;
    }

    public new DuckDbParameter this[string parameterName]
    {
        get => (DuckDbParameter)GetParameter(parameterName);
        set => SetParameter(parameterName, value);
    }

    public DuckDbParameter Add(DuckDbParameter parameter)
    {
        _items.Add(parameter);
        return parameter;
    }

    /// <summary>Adds a named parameter for a <c>$name</c> placeholder.</summary>
    public DuckDbParameter AddWithValue(string parameterName, object? value) => Add(new DuckDbParameter(parameterName, value));

    /// <summary>Adds an unnamed parameter; the n-th one binds <c>$n</c> (or the n-th <c>?</c>).</summary>
    public DuckDbParameter AddPositional(object? value) => Add(new DuckDbParameter(value));

    public override int Add(object value)
    {
        _items.Add(Cast(value));
        return _items.Count - 1;
    }

    public override void AddRange(Array values)
    {
        foreach (var value in values)
        {
            Add(value!);
        }
    }

    public override void Clear() => _items.Clear();

    public override bool Contains(object value) => value is DuckDbParameter parameter && _items.Contains(parameter);

    public override bool Contains(string value) => IndexOf(value) >= 0;

    public override void CopyTo(Array array, int index) => ((ICollection)_items).CopyTo(array, index);

    public override IEnumerator GetEnumerator() => _items.GetEnumerator();

    public override int IndexOf(object value) => value is DuckDbParameter parameter ? _items.IndexOf(parameter) : -1;

    public override int IndexOf(string parameterName)
    {
        var name = Normalize(parameterName);
        for (var i = 0; i < _items.Count; i++)
        {
            if (string.Equals(_items[i].NormalizedName, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    public override void Insert(int index, object value) => _items.Insert(index, Cast(value));

    public override void Remove(object value) => _items.Remove(Cast(value));

    public override void RemoveAt(int index) => _items.RemoveAt(index);

    public override void RemoveAt(string parameterName) => _items.RemoveAt(IndexOfOrThrow(parameterName));

    internal DuckDbParameter? Find(string normalizedName)
    {
        var index = IndexOf(normalizedName);
        return index >= 0 ? _items[index] : null;
    }

    protected override DbParameter GetParameter(int index) => _items[index];

    protected override DbParameter GetParameter(string parameterName) => _items[IndexOfOrThrow(parameterName)];

    protected override void SetParameter(int index, DbParameter value) => _items[index] = Cast(value);

    protected override void SetParameter(string parameterName, DbParameter value) =>
        _items[IndexOfOrThrow(parameterName)] = Cast(value);

    private static string Normalize(string name) =>
        name.Length > 0 && name[0] is '$' or '@' or ':' ? name[1..] : name;

    private static DuckDbParameter Cast(object? value) => value as DuckDbParameter
        ?? throw new ArgumentException($"Expected a DuckDbParameter, got {value?.GetType().Name ?? "null"}.", nameof(value));

    private int IndexOfOrThrow(string parameterName)
    {
        var index = IndexOf(parameterName);
        return index >= 0 ? index : throw new IndexOutOfRangeException($"No parameter named '{parameterName}'.");
    }
}
