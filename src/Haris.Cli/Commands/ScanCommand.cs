using System.CommandLine;
using System.CommandLine.Parsing;
using Haris.Cli.Output;
using Haris.Cli.Scanning;
using Haris.Core.Events;
using Haris.Ingest.Parsing;

namespace Haris.Cli.Commands;

/// <summary><c>haris scan</c>: offline hunting over log files with the built-in pack and the rules given.</summary>
internal sealed class ScanCommand : Command
{
    public static readonly Option<string[]> RulesOption = new("--rules", "-r")
    {
        Description = "Sigma rule file or folder (searched recursively for *.yml, *.yaml); repeat for more.",
        HelpName = "PATH",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static readonly Option<bool> NoBuiltinOption = new("--no-builtin")
    {
        Description = "Do not run the built-in rule pack; only the rules given with --rules.",
    };

    public static readonly Option<LogFormat> FormatOption = new("--format", "-f")
    {
        // No DefaultValueFactory: Auto is the enum's zero value, and help would print it as "Auto".
        Description = "Input format (default: auto, which looks at the first lines of each input).",
        HelpName = "auto|combined|json|syslog|eve",
        CustomParser = ParseFormat,
    };

    public static readonly Option<string> OutputOption = new("--output", "-o")
    {
        Description = "Where alerts go: a file (created or truncated), or - for standard output.",
        HelpName = "FILE|-",
        DefaultValueFactory = _ => "-",
    };

    public static readonly Option<AlertOutputFormat> OutputFormatOption = new("--output-format")
    {
        Description = "How alerts are written (default: ndjson, one JSON object per line; table; csv, RFC 4180).",
        HelpName = "ndjson|table|csv",
        CustomParser = ParseOutputFormat,
    };

    public static readonly Option<string?> TimeFieldOption = new("--time-field")
    {
        Description = "Field that holds the event time (default: @timestamp, else timestamp, else time).",
        HelpName = "NAME",
        CustomParser = ParseTimeField,
    };

    public static readonly Option<Logsource?> LogsourceOption = new("--logsource")
    {
        Description = "Treat every event as this Sigma logsource, whatever its format says.",
        HelpName = "category=X,product=Y,service=Z",
        CustomParser = ParseLogsource,
    };

    public static readonly Option<bool> ReportOption = new("--report")
    {
        Description = "After the scan, print a per-rule report on stderr: alerts, distinct sources, first and last seen.",
    };

    public static readonly Option<string?> LabelsOption = new("--labels")
    {
        Description = "A labels.jsonl from 'haris simulate': after the scan, print recall per campaign kind and high alerts on benign sources.",
        HelpName = "FILE",
    };

    public static readonly Option<int> ThreadsOption = new("--threads")
    {
        Description = "Threads that parse and match lines (default: one per core). Alerts are the same, in the same order, for any number.",
        HelpName = "N",
        DefaultValueFactory = _ => Environment.ProcessorCount,
        CustomParser = ParseThreads,
    };

    public static readonly Argument<string[]> InputsArgument = new("INPUT")
    {
        Description = "Log files to scan (.gz is read transparently), or - for standard input.",
        Arity = ArgumentArity.OneOrMore,
    };

    public ScanCommand(CliEnvironment env)
        : base("scan", "Scan log files with Sigma rules and write the alerts.")
    {
        Options.Add(RulesOption);
        Options.Add(NoBuiltinOption);
        Options.Add(FormatOption);
        Options.Add(OutputOption);
        Options.Add(OutputFormatOption);
        Options.Add(TimeFieldOption);
        Options.Add(LogsourceOption);
        Options.Add(ReportOption);
        Options.Add(LabelsOption);
        Options.Add(ThreadsOption);
        Arguments.Add(InputsArgument);
        SetAction((parseResult, cancellationToken) => Task.FromResult(Execute(env, parseResult, cancellationToken)));
    }

    private static int Execute(CliEnvironment env, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var settings = new ScanSettings
        {
            RulePaths = parseResult.GetValue(RulesOption) ?? [],
            NoBuiltin = parseResult.GetValue(NoBuiltinOption),
            Format = parseResult.GetValue(FormatOption),
            Output = parseResult.GetValue(OutputOption) ?? "-",
            OutputFormat = parseResult.GetValue(OutputFormatOption),
            TimeField = parseResult.GetValue(TimeFieldOption),
            Logsource = parseResult.GetValue(LogsourceOption),
            Inputs = parseResult.GetValue(InputsArgument) ?? [],
            Report = parseResult.GetValue(ReportOption),
            Labels = parseResult.GetValue(LabelsOption),
            Threads = parseResult.GetValue(ThreadsOption),
        };
        return new ScanRunner(env, settings).Run(cancellationToken);
    }

    private static LogFormat ParseFormat(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        switch (text.ToLowerInvariant())
        {
            case "auto": return LogFormat.Auto;
            case "combined": return LogFormat.Combined;
            case "json": return LogFormat.Json;
            case "syslog": return LogFormat.Syslog;
            case "eve": return LogFormat.Eve;
            default:
                result.AddError($"unknown input format '{text}' for --format (expected auto, combined, json, syslog or eve)");
                return LogFormat.Auto;
        }
    }

    private static AlertOutputFormat ParseOutputFormat(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        switch (text.ToLowerInvariant())
        {
            case "ndjson": return AlertOutputFormat.Ndjson;
            case "table": return AlertOutputFormat.Table;
            case "csv": return AlertOutputFormat.Csv;
            default:
                result.AddError($"unknown output format '{text}' for --output-format (expected ndjson, table or csv)");
                return AlertOutputFormat.Ndjson;
        }
    }

    private static int ParseThreads(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var threads) || threads < 1 || threads > 256)
        {
            result.AddError($"--threads takes a whole number from 1 to 256, not '{text}'");
            return 1;
        }

        return threads;
    }

    private static string? ParseTimeField(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value.Trim() : string.Empty;
        if (text.Length == 0)
        {
            result.AddError("--time-field needs a field name, e.g. --time-field event.created");
            return null;
        }

        return text;
    }

    private static Logsource? ParseLogsource(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (!Logsource.TryParse(text, out var logsource, out var error))
        {
            result.AddError($"invalid --logsource '{text}': {error}");
            return null;
        }

        if (logsource.IsUnknown)
        {
            result.AddError($"invalid --logsource '{text}': give at least one of category=X, product=Y, service=Z");
            return null;
        }

        return logsource;
    }
}
