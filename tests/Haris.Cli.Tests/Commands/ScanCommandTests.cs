using Haris.Cli.Commands;
using Haris.Cli.Output;
using Haris.Ingest.Parsing;

namespace Haris.Cli.Tests.Commands;

public sealed class ScanCommandTests
{
    [Theory]
    // Not key=value at all: the commonest typo.
    [InlineData("--logsource", "foo", "--logsource")]
    // A key Sigma does not have.
    [InlineData("--logsource", "os=linux", "unknown logsource key")]
    // Equals sign but no value.
    [InlineData("--logsource", "category=", "--logsource")]
    [InlineData("--format", "xml", "unknown input format 'xml'")]
    [InlineData("--output-format", "yaml", "unknown output format 'yaml'")]
    [InlineData("--time-field", " ", "--time-field needs a field name")]
    [InlineData("--threads", "0", "--threads takes a whole number from 1 to 256")]
    [InlineData("--threads", "many", "--threads takes a whole number from 1 to 256")]
    public async Task Scan_BadOptionValue_ExitsOneWithClearMessage(string option, string value, string expected)
    {
        var run = await CliHarness.RunAsync("scan", option, value, "access.log");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Contains("haris: error:", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
        Assert.Contains("haris scan --help", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Haris.", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public async Task Scan_LabelsThatAreNotLabels_ExitsOneNamingFileAndLine()
    {
        var dir = Directory.CreateTempSubdirectory("haris-labels-").FullName;
        try
        {
            var log = Path.Combine(dir, "access.log");
            var labels = Path.Combine(dir, "labels.jsonl");
            File.WriteAllText(log, "203.0.113.5 - - [11/Jun/2026:18:00:01 +0300] \"GET / HTTP/1.1\" 200 5 \"-\" \"x\"\n");
            File.WriteAllText(labels, "not json\n");

            var run = await CliHarness.RunAsync("scan", "--labels", labels, log);

            Assert.Equal(ExitCodes.Failure, run.ExitCode);
            Assert.Contains($"haris: error: {labels}:1: not a campaign label", run.Stderr, StringComparison.Ordinal);
            Assert.Equal(string.Empty, run.Stdout);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Scan_NoInput_ExitsOne()
    {
        var run = await CliHarness.RunAsync("scan");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Contains("haris: error:", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCommand_ExitsOne()
    {
        var run = await CliHarness.RunAsync("scna", "access.log");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Contains("scna", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_MissingInputFile_ExitsOneNamingIt()
    {
        var missing = Path.Combine(Path.GetTempPath(), "haris-" + Guid.NewGuid().ToString("N"), "nope.log");

        var run = await CliHarness.RunAsync("scan", missing);

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Contains($"haris: error: cannot open input '{missing}': no such file", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_StdinTwice_ExitsOne()
    {
        var run = await CliHarness.RunAsync("scan", "-", "-");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Contains("standard input (-) can be given only once", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsScanOptions_ExitsZero()
    {
        var run = await CliHarness.RunAsync("scan", "--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("--output-format", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("--logsource", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RepeatedRules_DoesNotSwallowInputs()
    {
        // `--rules a input.log` must not read input.log as a second rule path.
        var root = HarisCli.CreateRootCommand(TestEnvironment.Create());

        var result = root.Parse(["scan", "--rules", "a", "-r", "b", "--format", "COMBINED", "--output-format", "csv", "in1.log", "in2.log"]);

        Assert.Empty(result.Errors);
        Assert.Equal(["a", "b"], result.GetValue(ScanCommand.RulesOption)!);
        Assert.Equal(["in1.log", "in2.log"], result.GetValue(ScanCommand.InputsArgument)!);
        Assert.Equal(LogFormat.Combined, result.GetValue(ScanCommand.FormatOption));
        Assert.Equal(AlertOutputFormat.Csv, result.GetValue(ScanCommand.OutputFormatOption));
        Assert.Equal("-", result.GetValue(ScanCommand.OutputOption));
    }

    [Fact]
    public void Parse_Logsource_KeepsAllThreeKeys()
    {
        var root = HarisCli.CreateRootCommand(TestEnvironment.Create());

        var result = root.Parse(["scan", "--logsource", "category=webserver, product=nginx,service=access", "x.log"]);

        Assert.Empty(result.Errors);
        var logsource = result.GetValue(ScanCommand.LogsourceOption);
        Assert.NotNull(logsource);
        Assert.Equal(("webserver", "nginx", "access"), (logsource.Category, logsource.Product, logsource.Service));
    }
}
