using Dapper;
using Starboard.Core.Schema;

namespace Starboard.IntegrationTests.Schema;

/// <summary>The published MySQL DDL on a real MariaDB server, read back through information_schema.</summary>
public sealed class MySqlDdlTests : PublishedDdlTests
{
    protected override string Dialect => "mysql";

    // MariaDB reports JSON as longtext (its JSON is an alias with a validity check); MySQL 8 would say json.
    protected override string ExpectedType(ColumnType type) => type.Kind switch
    {
        TypeKind.BigInt => "bigint",
        TypeKind.Int => "int",
        TypeKind.SmallInt => "smallint",
        TypeKind.Bool => "tinyint(1)",
        TypeKind.Double => "double",
        TypeKind.Decimal => $"decimal({type.Precision},{type.Scale})",
        TypeKind.Text or TypeKind.Json => "longtext",
        TypeKind.VarChar => $"varchar({type.Length})",
        TypeKind.Date => "date",
        TypeKind.Timestamp => "datetime(6)",
        _ => throw new System.Diagnostics.UnreachableException(),
    };

    protected override Catalog ReadCatalog(ServerDatabase db)
    {
        var catalog = new Catalog();
        foreach (var (name, comment, engine, collation) in db.Connection.Query<(string, string, string, string)>(
            "SELECT TABLE_NAME, TABLE_COMMENT, ENGINE, TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"))
        {
            engine.ShouldBe("InnoDB", name);
            collation.ShouldBe("utf8mb4_bin", name);
            catalog.Add(name, comment);
        }
        foreach (var (table, column, type, nullable, comment) in db.Connection.Query<(string, string, string, string, string)>("""
            SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_COMMENT
            FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION
            """))
            catalog[table].Columns.Add(new(column, WithoutDisplayWidth(type), nullable == "YES", comment));
        foreach (var (name, table, columns, referenced, referencedColumns) in db.Connection.Query<(string, string, string, string?, string?)>("""
            SELECT CONSTRAINT_NAME, TABLE_NAME, GROUP_CONCAT(COLUMN_NAME ORDER BY ORDINAL_POSITION),
                   MAX(REFERENCED_TABLE_NAME), GROUP_CONCAT(REFERENCED_COLUMN_NAME ORDER BY ORDINAL_POSITION)
            FROM information_schema.KEY_COLUMN_USAGE
            WHERE TABLE_SCHEMA = DATABASE() AND (CONSTRAINT_NAME = 'PRIMARY' OR REFERENCED_TABLE_NAME IS NOT NULL)
            GROUP BY CONSTRAINT_NAME, TABLE_NAME
            """))
        {
            if (name == "PRIMARY")
                catalog[table].PrimaryKey.AddRange(columns.Split(','));
            else
                catalog[table].ForeignKeys.Add(new(name, columns, referenced!, referencedColumns!));
        }
        foreach (var (name, table, nonUnique, columns) in db.Connection.Query<(string, string, long, string)>("""
            SELECT INDEX_NAME, TABLE_NAME, MAX(NON_UNIQUE), GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX)
            FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()
            GROUP BY INDEX_NAME, TABLE_NAME
            """))
            catalog[table].Indexes.Add(new(name, columns, nonUnique == 0));
        return catalog;
    }

    // bigint(20), int(11), smallint(6): MariaDB still prints display widths; they mean nothing.
    private static string WithoutDisplayWidth(string type) =>
        System.Text.RegularExpressions.Regex.Replace(type, @"^(bigint|int|smallint)\(\d+\)", "$1");
}
