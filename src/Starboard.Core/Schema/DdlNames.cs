using System.Security.Cryptography;
using System.Text;

namespace Starboard.Core.Schema;

/// <summary>
/// Names of generated constraints and indexes: `pk_{table}`, `fk_{table}_{columns}`, and the model's index names
/// (`ix_{table}_{columns}` unless named). A name longer than the engine allows (PostgreSQL 63, MySQL 64) keeps its
/// readable start and ends in 8 hex digits of its MD5, so it stays unique and the same on every run.
/// </summary>
public static class DdlNames
{
    public static string PrimaryKey(TableDefinition table, int? maxLength) => Fit($"pk_{table.Name}", maxLength);

    public static string ForeignKey(TableDefinition table, ForeignKeyDefinition foreignKey, int? maxLength) =>
        Fit($"fk_{table.Name}_{string.Join("_", foreignKey.Columns)}", maxLength);

    public static string Index(IndexDefinition index, int? maxLength) => Fit(index.Name, maxLength);

    public static string DefaultIndexName(string table, IEnumerable<string> columns) => $"ix_{table}_{string.Join("_", columns)}";

    public static string Fit(string name, int? maxLength)
    {
        if (maxLength is not { } max || name.Length <= max)
            return name;
        var hash = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(name)))[..8];
        return name[..(max - hash.Length - 1)].TrimEnd('_') + "_" + hash;
    }
}
