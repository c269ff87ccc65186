using System.Data.Common;

namespace Starboard.DuckDb;

/// <summary>
/// A failure reported by DuckDB (open, prepare, bind, execute, append). <see cref="Exception.Message"/> is DuckDB's
/// own text, e.g. <c>Catalog Error: Table with name nope does not exist!</c>, so callers can show it as is.
/// Misuse of the API (a closed connection, an unsupported .NET type) throws the usual BCL exceptions instead.
/// </summary>
public sealed class DuckDbException : DbException
{
    public DuckDbException(string message)
        : base(message)
    {
    }

    public DuckDbException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal static DuckDbException From(string? nativeMessage, string fallback) =>
        new(string.IsNullOrEmpty(nativeMessage) ? fallback : nativeMessage);
}
