namespace Starboard.Tests;

public class SmokeTests
{
    [Fact]
    public void Core_Assembly_Loads() => typeof(Starboard.Core.StarboardException).Assembly.GetName().Name.ShouldBe("Starboard.Core");
}
