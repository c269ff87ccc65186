using Dapper;
using Starboard.Core.Schema;

namespace Starboard.IntegrationTests.Schema;

/// <summary>The published PostgreSQL DDL on a real PostgreSQL server, read back through pg_catalog.</summary>
public sealed class PostgresDdlTests : PublishedDdlTests
{
    protected override string Dialect => "postgres";

    protected override string ExpectedType(ColumnType type) => type.Kind switch
    {
        TypeKind.BigInt => "bigint",
        TypeKind.Int => "integer",
        TypeKind.SmallInt => "smallint",
        TypeKind.Bool => "boolean",
        TypeKind.Double => "double precision",
        TypeKind.Decimal => $"numeric({type.Precision},{type.Scale})",
        TypeKind.Text => "text",
        TypeKind.VarChar => $"character varying({type.Length})",
        TypeKind.Date => "date",
        TypeKind.Timestamp => "timestamp without time zone",
        TypeKind.Json => "jsonb",
        _ => throw new System.Diagnostics.UnreachableException(),
    };

    protected override Catalog ReadCatalog(ServerDatabase db)
    {
        var catalog = new Catalog();
        var schema = new { schema = db.Name };
        foreach (var (name, comment) in db.Connection.Query<(string, string?)>("""
            SELECT c.relname, obj_description(c.oid, 'pg_class')
            FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
            WHERE n.nspname = @schema AND c.relkind = 'r'
            """, schema))
            catalog.Add(name, comment);
        foreach (var (table, column, type, nullable, comment) in db.Connection.Query<(string, string, string, bool, string?)>("""
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull, col_description(c.oid, a.attnum)
            FROM pg_attribute AS a
            JOIN pg_class AS c ON c.oid = a.attrelid
            JOIN pg_namespace AS n ON n.oid = c.relnamespace
            WHERE n.nspname = @schema AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY c.relname, a.attnum
            """, schema))
            catalog[table].Columns.Add(new(column, type, nullable, comment));
        foreach (var (name, kind, table, columns, referenced, referencedColumns, deferred) in db.Connection.Query<(string, string, string, string, string?, string?, bool)>("""
            SELECT con.conname, CAST(con.contype AS text), c.relname,
                   (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
                    JOIN pg_attribute AS a ON a.attrelid = con.conrelid AND a.attnum = k.attnum),
                   r.relname,
                   (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
                    JOIN pg_attribute AS a ON a.attrelid = con.confrelid AND a.attnum = k.attnum),
                   con.condeferred
            FROM pg_constraint AS con
            JOIN pg_class AS c ON c.oid = con.conrelid
            JOIN pg_namespace AS n ON n.oid = c.relnamespace
            LEFT JOIN pg_class AS r ON r.oid = con.confrelid
            WHERE n.nspname = @schema AND con.contype IN ('p', 'f')
            """, schema))
        {
            if (kind == "p")
            {
                catalog[table].PrimaryKey.AddRange(columns.Split(','));
                name.ShouldBe(DdlNames.PrimaryKey(new TableDefinition(table, Layer.Warehouse, "", null, [], [], [], [], [], null), 63));
            }
            else
            {
                deferred.ShouldBeTrue($"{name} is not deferred to commit");
                catalog[table].ForeignKeys.Add(new(name, columns, referenced!, referencedColumns!));
            }
        }
        foreach (var (name, table, unique, columns) in db.Connection.Query<(string, string, bool, string)>("""
            SELECT i.relname, t.relname, x.indisunique,
                   (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(CAST(x.indkey AS int2[])) WITH ORDINALITY AS k(attnum, ord)
                    JOIN pg_attribute AS a ON a.attrelid = t.oid AND a.attnum = k.attnum)
            FROM pg_index AS x
            JOIN pg_class AS i ON i.oid = x.indexrelid
            JOIN pg_class AS t ON t.oid = x.indrelid
            JOIN pg_namespace AS n ON n.oid = t.relnamespace
            WHERE n.nspname = @schema
            """, schema))
            catalog[table].Indexes.Add(new(name, columns, unique));
        return catalog;
    }
}
