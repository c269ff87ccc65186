using System.Collections;
using System.Reflection;

namespace Starboard.Core.Dialects.MySql;

/// <summary>
/// MySql.Data 8.0.16 (the only MySQL driver this project can restore) does not know the charset name `utf8mb3`,
/// which MariaDB 10.6 and later report for utf8, and throws whenever a result or a warning carries it. The driver
/// keeps its charsets in the static dictionary `MySql.Data.MySqlClient.CharSetMap._mapping`; this aliases
/// utf8mb3 to the driver's utf8 entry, once, before the first connection opens. Connection strings also ask for
/// `CharacterSet=utf8mb4`. The one place that reaches into the driver's internals.
/// </summary>
internal static class MariaDbCharsetFix
{
    private static readonly Lazy<bool> Applied = new(Apply);

    public static void EnsureApplied() => _ = Applied.Value;

    private static bool Apply()
    {
        var type = typeof(global::MySql.Data.MySqlClient.MySqlConnection).Assembly.GetType("MySql.Data.MySqlClient.CharSetMap");
        // Accessing a static member runs the class constructor, which fills the map.
        System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(type!.TypeHandle);
        var field = type.GetField("_mapping", BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new InvalidOperationException("MySql.Data's CharSetMap._mapping was not found: the MariaDB utf8mb3 alias cannot be applied");
        if (field.GetValue(null) is not IDictionary map)
            return false;
        if (!map.Contains("utf8mb3") && map.Contains("utf8"))
            map["utf8mb3"] = map["utf8"];
        return true;
    }
}
