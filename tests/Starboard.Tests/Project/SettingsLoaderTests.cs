using Starboard.Core;
using Starboard.Core.Project;

namespace Starboard.Tests.Project;

public class SettingsLoaderTests
{
    private static string Write(string yaml)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "starboard.yml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void Should_Give_Defaults_Without_A_File() => SettingsLoader.Load(null).Timezone.ShouldBe("UTC");

    [Fact]
    public void Should_Read_The_Template_Init_Writes()
    {
        var s = SettingsLoader.Load(Write(SettingsTemplate.Text));
        s.LookbackDays.ShouldBe(3);
        s.Actions["settings_change"].IsCoreAction.ShouldBeFalse();
        s.PaidChannels.ShouldContain("display");
    }

    [Theory]
    [InlineData("timezone: Mars/Olympus", "timezone: 'Mars/Olympus' is not an IANA time zone")]
    [InlineData("fiscal_year_start_month: 13", "fiscal_year_start_month: must be between 1 and 12")]
    [InlineData("timezones: UTC", "line 1, column 1: unknown setting timezones")]
    [InlineData("timezone: [a, b]", "line 1, column 11: this value has the wrong shape")]
    public void Should_Explain_A_Bad_Setting_In_One_Line(string yaml, string message)
    {
        var e = Should.Throw<ProjectException>(() => SettingsLoader.Load(Write(yaml)));
        e.Message.ShouldContain(message);
        e.Message.ShouldNotContain("System.");
        e.Message.ShouldNotContain("\n");
    }
}
