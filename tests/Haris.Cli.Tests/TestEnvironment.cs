namespace Haris.Cli.Tests;

internal static class TestEnvironment
{
    public static CliEnvironment Create() => new()
    {
        Out = CliHarness.CreateConsole(new StringWriter()),
        Error = CliHarness.CreateConsole(new StringWriter()),
        OpenStandardOutput = () => new MemoryStream(),
    };
}
