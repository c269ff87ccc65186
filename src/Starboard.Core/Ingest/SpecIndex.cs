using System.Text;
using Starboard.Core.Contract;

namespace Starboard.Core.Ingest;

/// <summary>
/// The input contract in UTF-8, for readers and the validator that work on bytes: type and field names, enum
/// values, ISO code tables. Built once per record type.
/// </summary>
public sealed class SpecIndex
{
    private static readonly SpecIndex[] All = [.. InputContract.Records.Select((r, i) => new SpecIndex(r, i))];
    private static readonly bool[] Currencies = CodeTable(IsoCodes.Currencies, 3);
    private static readonly bool[] Countries = CodeTable(IsoCodes.Countries, 2);

    private readonly byte[][] _names;

    private SpecIndex(RecordSpec spec, int ordinal)
    {
        Spec = spec;
        Ordinal = ordinal;
        Type = Encoding.UTF8.GetBytes(spec.Type);
        Fields = [.. spec.Fields];
        _names = [.. spec.Fields.Select(f => Encoding.UTF8.GetBytes(f.Name))];
        Allowed = [.. spec.Fields.Select(f => f.Allowed?.Select(Encoding.UTF8.GetBytes).ToArray())];
        FeedField = spec.Feeds is { } feeds ? spec.IndexOf(feeds.Field) : -1;
        Rules = [.. (spec.Rules ?? []).Select(r => (r, spec.IndexOf(r.Field), spec.IndexOf(r.Other)))];
    }

    public RecordSpec Spec { get; }

    /// <summary>Position of the type in the contract (0 … <see cref="Count"/> - 1), for per-type tallies in arrays.</summary>
    public int Ordinal { get; }

    /// <summary>Number of record types.</summary>
    public static int Count => All.Length;

    public static SpecIndex At(int ordinal) => All[ordinal];

    public byte[] Type { get; }

    /// <summary>The type's fields, as an array for the per-record loops.</summary>
    public FieldSpec[] Fields { get; }

    /// <summary>Per field, its allowed values in UTF-8 (null when any text goes).</summary>
    public byte[][]?[] Allowed { get; }

    /// <summary>The field that picks the feed (payments' `source`), or -1.</summary>
    public int FeedField { get; }

    public (FieldPairRule Rule, int Field, int Other)[] Rules { get; }

    public static SpecIndex? Find(ReadOnlySpan<byte> type)
    {
        foreach (var index in All)
            if (type.SequenceEqual(index.Type))
                return index;
        return null;
    }

    public static SpecIndex Of(RecordSpec spec) => All.First(i => ReferenceEquals(i.Spec, spec) || i.Spec.Type == spec.Type);

    /// <summary>The field named <paramref name="name"/>, or -1; <paramref name="hint"/> (the next expected field) makes fields sent in contract order a single comparison.</summary>
    public int IndexOf(ReadOnlySpan<byte> name, ref int hint)
    {
        if ((uint)hint < (uint)_names.Length && name.SequenceEqual(_names[hint]))
            return hint++;
        for (var i = 0; i < _names.Length; i++)
        {
            if (name.SequenceEqual(_names[i]))
            {
                hint = i + 1;
                return i;
            }
        }
        return -1;
    }

    public static bool IsCurrency(ReadOnlySpan<byte> code) => code.Length == 3 && Currencies[Pack(code)];

    public static bool IsCountry(ReadOnlySpan<byte> code) => code.Length == 2 && Countries[Pack(code)];

    private static int Pack(ReadOnlySpan<byte> code)
    {
        var packed = 0;
        foreach (var b in code)
        {
            if (b is < (byte)'A' or > (byte)'Z')
                return 0;
            packed = packed * 26 + (b - 'A' + 1);
        }
        return packed;
    }

    private static bool[] CodeTable(IEnumerable<string> codes, int length)
    {
        var table = new bool[(int)Math.Pow(27, length)];
        foreach (var code in codes)
            table[Pack(Encoding.ASCII.GetBytes(code))] = true;
        table[0] = false;
        return table;
    }
}
