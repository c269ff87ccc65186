using System.Globalization;
using Starboard.DuckDb.Native;

namespace Starboard.DuckDb;

/// <summary>What the reader needs to know about one result column, read once from its logical type.</summary>
internal sealed class ColumnInfo
{
    private ColumnInfo(string name, DuckDbType type, string dataTypeName, Type clrType)
    {
        Name = name;
        Type = type;
        DataTypeName = dataTypeName;
        ClrType = clrType;
    }

    public string Name { get; }

    /// <summary>The logical type id (DECIMAL, ENUM, VARCHAR, ...).</summary>
    public DuckDbType Type { get; }

    /// <summary>How the values sit in the vector: the internal integer type for DECIMAL and ENUM, else <see cref="Type"/>.</summary>
    public DuckDbType Storage { get; private init; }

    public byte Scale { get; private init; }

    /// <summary>SQL type name as DuckDB spells it, e.g. "DECIMAL(18,2)", "JSON", "TIMESTAMP WITH TIME ZONE".</summary>
    public string DataTypeName { get; }

    public Type ClrType { get; }

    public string[]? EnumValues { get; private init; }

    public static unsafe ColumnInfo Describe(NativeResult result, int column)
    {
        var name = NativeMethods.ReadString(NativeMethods.ColumnName(result.Pointer, (ulong)column)) ?? $"column{column}";
        var logicalType = NativeMethods.ColumnLogicalType(result.Pointer, (ulong)column);
        try
        {
            var type = NativeMethods.GetTypeId(logicalType);
            var alias = NativeMethods.ReadAndFreeString(NativeMethods.LogicalTypeGetAlias(logicalType));
            switch (type)
            {
                case DuckDbType.Decimal:
                    var width = NativeMethods.DecimalWidth(logicalType);
                    var scale = NativeMethods.DecimalScale(logicalType);
                    return new ColumnInfo(name, type, alias ?? string.Create(CultureInfo.InvariantCulture, $"DECIMAL({width},{scale})"), typeof(decimal))
                    {
                        Storage = NativeMethods.DecimalInternalType(logicalType),
                        Scale = scale,
                    };
                case DuckDbType.Enum:
                    var size = NativeMethods.EnumDictionarySize(logicalType);
                    var values = new string[size];
                    for (var i = 0u; i < size; i++)
                    {
                        values[i] = NativeMethods.ReadAndFreeString(NativeMethods.EnumDictionaryValue(logicalType, i)) ?? string.Empty;
                    }

                    return new ColumnInfo(name, type, alias ?? "ENUM", typeof(string))
                    {
                        Storage = NativeMethods.EnumInternalType(logicalType),
                        EnumValues = values,
                    };
                default:
                    return new ColumnInfo(name, type, alias ?? TypeName(type), ClrTypeOf(type)) { Storage = type };
            }
        }
        finally
        {
            NativeMethods.DestroyLogicalType(ref logicalType);
        }
    }

    /// <summary>The .NET type GetValue returns for a DuckDB type (object for types this provider cannot read).</summary>
    private static Type ClrTypeOf(DuckDbType type) => type switch
    {
        DuckDbType.Boolean => typeof(bool),
        DuckDbType.TinyInt => typeof(sbyte),
        DuckDbType.SmallInt => typeof(short),
        DuckDbType.Integer => typeof(int),
        DuckDbType.BigInt => typeof(long),
        DuckDbType.UTinyInt => typeof(byte),
        DuckDbType.USmallInt => typeof(ushort),
        DuckDbType.UInteger => typeof(uint),
        DuckDbType.UBigInt => typeof(ulong),
        DuckDbType.HugeInt or DuckDbType.UHugeInt or DuckDbType.Decimal => typeof(decimal),
        DuckDbType.Float => typeof(float),
        DuckDbType.Double => typeof(double),
        DuckDbType.VarChar or DuckDbType.Enum => typeof(string),
        DuckDbType.Blob => typeof(byte[]),
        DuckDbType.Date => typeof(DateTime),
        DuckDbType.Timestamp or DuckDbType.TimestampTz or DuckDbType.TimestampS
            or DuckDbType.TimestampMs or DuckDbType.TimestampNs => typeof(DateTime),
        DuckDbType.Time or DuckDbType.TimeNs or DuckDbType.Interval => typeof(TimeSpan),
        DuckDbType.Uuid => typeof(Guid),
        _ => typeof(object),
    };

    private static string TypeName(DuckDbType type) => type switch
    {
        DuckDbType.TimestampTz => "TIMESTAMP WITH TIME ZONE",
        DuckDbType.TimeTz => "TIME WITH TIME ZONE",
        DuckDbType.SqlNull => "NULL",
        DuckDbType.VarChar => "VARCHAR",
        DuckDbType.TimestampS => "TIMESTAMP_S",
        DuckDbType.TimestampMs => "TIMESTAMP_MS",
        DuckDbType.TimestampNs => "TIMESTAMP_NS",
        DuckDbType.TimeNs => "TIME_NS",
        _ => type.ToString().ToUpperInvariant(),
    };

    /// <summary>Types the reader decodes; the rest throw NotSupportedException naming the type.</summary>
    public bool IsSupported => ClrType != typeof(object) || Type == DuckDbType.SqlNull;

    public NotSupportedException NotSupported() => new(
        $"Column '{Name}' has DuckDB type {DataTypeName}, which Starboard.DuckDb does not read; cast it in SQL (e.g. CAST(x AS VARCHAR) or to_json(x)).");
}
