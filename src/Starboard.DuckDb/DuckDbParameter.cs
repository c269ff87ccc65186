using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace Starboard.DuckDb;

/// <summary>
/// A command parameter. Name it after a <c>$name</c> placeholder (with or without the <c>$</c>, <c>@</c> or <c>:</c>
/// prefix), or leave the name empty and rely on its position for <c>$1</c>/<c>?</c> placeholders.
/// The value is bound by its .NET type (see README); <see cref="DbType"/> is informational and inferred from it.
/// </summary>
public sealed class DuckDbParameter : DbParameter
{
    private string _parameterName = string.Empty;
    private DbType? _dbType;

    public DuckDbParameter()
    {
    }

    public DuckDbParameter(object? value) => Value = value;

    public DuckDbParameter(string? parameterName, object? value)
    {
        ParameterName = parameterName;
        Value = value;
    }

    public override DbType DbType
    {
        get => _dbType ?? InferDbType(Value);
        set => _dbType = value;
    }

    /// <summary>Only input parameters exist in DuckDB.</summary>
    public override ParameterDirection Direction
    {
        get => ParameterDirection.Input;
        set
        {
            if (value != ParameterDirection.Input)
            {
                throw new NotSupportedException("DuckDB supports input parameters only.");
            }
        }
    }

    public override bool IsNullable { get; set; }

    [AllowNull]
    public override string ParameterName
    {
        get => _parameterName;
        set => _parameterName = value ?? string.Empty;
    }

    [AllowNull]
    public override string SourceColumn { get; set; } = string.Empty;

    public override bool SourceColumnNullMapping { get; set; }

    public override int Size { get; set; }

    public override object? Value { get; set; }

    public override void ResetDbType() => _dbType = null;

    /// <summary>The name as DuckDB reports it for a <c>$name</c> placeholder: without a prefix.</summary>
    internal string NormalizedName =>
        _parameterName.Length > 0 && _parameterName[0] is '$' or '@' or ':' ? _parameterName[1..] : _parameterName;

    private static DbType InferDbType(object? value) => value switch
    {
        null or DBNull => DbType.Object,
        bool => DbType.Boolean,
        sbyte => DbType.SByte,
        byte => DbType.Byte,
        short => DbType.Int16,
        ushort => DbType.UInt16,
        int => DbType.Int32,
        uint => DbType.UInt32,
        long => DbType.Int64,
        ulong => DbType.UInt64,
        float => DbType.Single,
        double => DbType.Double,
        decimal => DbType.Decimal,
        string or char => DbType.String,
        DateTime => DbType.DateTime2,
        DateTimeOffset => DbType.DateTimeOffset,
        DateOnly => DbType.Date,
        TimeOnly => DbType.Time,
        Guid => DbType.Guid,
        byte[] or ReadOnlyMemory<byte> or Memory<byte> => DbType.Binary,
        _ => DbType.Object,
    };
}
