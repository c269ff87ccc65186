using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Starboard.Core.Project;

/// <summary>Reads and checks `starboard.yml`; a missing file gives the defaults.</summary>
public static class SettingsLoader
{
    public const string FileName = "starboard.yml";

    public static StarboardSettings Load(string? path)
    {
        if (path is null || !File.Exists(path))
            return Validate(new StarboardSettings(), FileName);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw UsageException.UnreadablePath(path, e.Message);
        }
        return Validate(Parse(text, path), path);
    }

    public static StarboardSettings Parse(string yaml, string file)
    {
        try
        {
            return Yaml.Deserialize<StarboardSettings?>(yaml) ?? new StarboardSettings();
        }
        catch (YamlException e)
        {
            throw new ProjectException(YamlError(file, e));
        }
    }

    /// <summary>A YAML error as one line a person can act on: file, line, column, and no .NET type names.</summary>
    internal static string YamlError(string file, YamlException e)
    {
        var message = (e.InnerException ?? e).Message;
        if (message.Contains("deserialize the node into type", StringComparison.Ordinal) || message.Contains("Exception during deserialization", StringComparison.Ordinal))
            message = "this value has the wrong shape (a list or mapping where a single value belongs, or the reverse)";
        else if (message.Contains("not found on type", StringComparison.Ordinal))
            message = "unknown setting " + message.Split('\'')[1];
        return $"{file}: line {e.Start.Line}, column {e.Start.Column}: {message.Split('\n')[0].TrimEnd('.')}";
    }

    internal static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    private static StarboardSettings Validate(StarboardSettings s, string file)
    {
        if (!TimeZones.TryFind(s.Timezone, out _))
            throw ProjectException.BadSetting(file, "timezone", $"'{s.Timezone}' is not an IANA time zone");
        if (s.FiscalYearStartMonth is < 1 or > 12)
            throw ProjectException.BadSetting(file, "fiscal_year_start_month", "must be between 1 and 12");
        if (s.SessionTimeoutMinutes is < 1 or > 1440)
            throw ProjectException.BadSetting(file, "session_timeout_minutes", "must be between 1 and 1440");
        if (s.LookbackDays is < 1 or > 366)
            throw ProjectException.BadSetting(file, "lookback_days", "must be between 1 and 366");
        if (s.ReportingCurrency.Length != 3 || !s.ReportingCurrency.All(char.IsAsciiLetterUpper))
            throw ProjectException.BadSetting(file, "reporting_currency", "must be an ISO 4217 code such as USD");
        if (s.PowerActionsPerDay < 1)
            throw ProjectException.BadSetting(file, "power_actions_per_day", "must be at least 1");
        return s;
    }
}

public static class TimeZones
{
    public static bool TryFind(string id, out TimeZoneInfo zone)
    {
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            zone = TimeZoneInfo.Utc;
            return false;
        }
    }
}
