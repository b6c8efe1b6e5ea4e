using Haris.Cli.Output;
using Haris.Core.Alerts;
using Haris.Core.Events;
using Haris.Detection;
using Haris.Ingest.Parsing;
using Haris.Ingest.Reading;
using Haris.Simulation.Scoring;
using Spectre.Console;

namespace Haris.Cli.Scanning;

/// <summary>Runs one <c>haris scan</c>: loads rules, reads every input line by line, writes alerts, prints the summary.</summary>
/// <remarks>
/// The per-line loop reuses one <see cref="LogEvent"/> and one match list; strings and <c>Alert</c> objects are made only
/// when a rule matches, so a clean log costs no allocation per line.
/// </remarks>
internal sealed class ScanRunner(CliEnvironment env, ScanSettings settings)
{
    /// <summary>How many first lines of an input <c>--format auto</c> looks at.</summary>
    public const int SniffLineCount = 20;

    // When sniffing cannot tell, the commonest input of `haris scan` is an access log; its lines then count as malformed.
    private const LogFormat FallbackFormat = LogFormat.Combined;

    // Progress and cancellation are checked this often, not per line.
    private const int CheckEveryLines = 4096;

    private static readonly string s_tooLong = $"line longer than {LineReader.DefaultMaxLineLength / (1024 * 1024)} MiB (skipped)";

    private readonly LogEvent _event = new();
    private readonly List<Alert> _alerts = new(8);
    private ScanStatistics _stats = null!;
    private Detector _detector = null!;
    private DetectionSession _session = null!;
    private CampaignScorer? _scorer;
    private IAlertOutput _output = null!;
    private EventTime _eventTime = EventTime.Default;

    /// <summary>Runs the scan and returns the exit code; user errors are thrown as <see cref="CliException"/>.</summary>
    public int Run(CancellationToken cancellationToken)
    {
        var rules = RuleSet.Load(settings.RulePaths, includeBuiltin: !settings.NoBuiltin);
        if (rules.Errors.Count > 0)
        {
            foreach (var error in rules.Errors)
            {
                env.Error.WriteLine(error.ToString());
            }

            throw new CliException($"{rules.Errors.Count} rule(s) failed to load; nothing was scanned");
        }

        if (rules.TotalCount == 0)
        {
            throw new CliException(settings.RulePaths.Count == 0
                ? "no rules to run: give --rules PATH, or drop --no-builtin"
                : "no rules to run: the --rules paths hold no Sigma rules" + (settings.NoBuiltin ? string.Empty : " and the built-in pack is empty"));
        }

        CheckInputs(settings.Inputs);
        _scorer = settings.Labels is { } labels ? new CampaignScorer(ReadLabels(labels)) : null;

        _detector = new Detector(rules.Rules);
        _session = new DetectionSession(_detector, rules.Correlations);
        _eventTime = settings.TimeField is { } field ? EventTime.FromField(field) : EventTime.Default;
        _stats = new ScanStatistics { RuleCount = rules.TotalCount };

        var started = env.Time.GetTimestamp();
        using (_output = AlertOutputs.Open(env, settings.Output, settings.OutputFormat))
        {
            if (env.ShowProgress)
            {
                RunWithProgress(cancellationToken);
            }
            else
            {
                ScanAll(progress: null, cancellationToken);
            }

            // Windows still open when the input ends are decided now; their alerts come last.
            _alerts.Clear();
            _session.Complete(_alerts);
            WriteAlerts();
            _output.Complete();
        }

        _stats.Elapsed = env.Time.GetElapsedTime(started);
        ScanSummary.Write(env.Error, _stats, _detector, _session.Correlations, settings.Report);
        if (_scorer is not null)
        {
            CampaignReport.Write(env.Error, settings.Labels!, _scorer.Score());
        }

        return _stats.Cancelled ? ExitCodes.Cancelled : ExitCodes.Success;
    }

    private static List<Haris.Simulation.CampaignLabel> ReadLabels(string path)
    {
        try
        {
            return CampaignScorer.ReadLabels(path);
        }
        catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
        {
            throw new CliException(ex is FormatException ? ex.Message : $"cannot read labels '{path}': {ex.Message}");
        }
    }

    private static void CheckInputs(IReadOnlyList<string> inputs)
    {
        var stdinCount = 0;
        foreach (var input in inputs)
        {
            if (input == "-")
            {
                if (++stdinCount > 1)
                {
                    throw new CliException("standard input (-) can be given only once");
                }

                continue;
            }

            if (Directory.Exists(input))
            {
                throw new CliException($"cannot open input '{input}': it is a directory (give the log files in it)");
            }

            if (!File.Exists(input))
            {
                throw new CliException($"cannot open input '{input}': no such file");
            }
        }
    }

    private void RunWithProgress(CancellationToken cancellationToken)
    {
        var totalBytes = 0L;
        foreach (var input in settings.Inputs)
        {
            if (input != "-")
            {
                totalBytes += new FileInfo(input).Length;
            }
        }

        env.Error.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("scanning", maxValue: Math.Max(totalBytes, 1));
                task.IsIndeterminate = settings.Inputs.Contains("-");
                ScanAll(new ScanProgress(task), cancellationToken);
                task.Value = task.MaxValue;
            });
    }

    private void ScanAll(ScanProgress? progress, CancellationToken cancellationToken)
    {
        foreach (var input in settings.Inputs)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                _stats.Cancelled = true;
                return;
            }

            ScanInput(input, progress, cancellationToken);
            progress?.End();
        }
    }

    private void ScanInput(string name, ScanProgress? progress, CancellationToken cancellationToken)
    {
        var report = new InputReport(name);
        _stats.Inputs.Add(report);
        try
        {
            var stream = InputOpener.Open(name);
            progress?.Begin(name, stream);
            using var reader = new LineReader(stream, sourceName: name);
            ReadLines(reader, report, progress, cancellationToken);
        }
        catch (InputException ex)
        {
            throw new CliException(ex.Message);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot read input '{name}': {ex.Message}");
        }
    }

    private void ReadLines(LineReader reader, InputReport report, ScanProgress? progress, CancellationToken cancellationToken)
    {
        ILogParser parser;
        if (settings.Format == LogFormat.Auto)
        {
            // Sniffing needs the first lines whole; they are copied once, then parsed like every other line.
            var head = new List<byte[]>(SniffLineCount);
            var headNumbers = new List<long>(SniffLineCount);
            var headTooLong = new List<bool>(SniffLineCount);
            while (head.Count < SniffLineCount && reader.TryReadLine(out var line))
            {
                head.Add(line.ToArray());
                headNumbers.Add(reader.LineNumber);
                headTooLong.Add(reader.LastLineTooLong);
            }

            var detected = FormatSniffer.Sniff(head);
            report.Detected = true;
            report.Undetermined = detected == LogFormat.Auto && head.Count > 0;
            report.Format = detected == LogFormat.Auto ? FallbackFormat : detected;
            parser = LogParsers.Create(report.Format);
            for (var i = 0; i < head.Count; i++)
            {
                ProcessLine(parser, report, head[i], headNumbers[i], headTooLong[i]);
            }
        }
        else
        {
            report.Format = settings.Format;
            parser = LogParsers.Create(settings.Format);
        }

        var sinceCheck = 0;
        while (reader.TryReadLine(out var line))
        {
            ProcessLine(parser, report, line, reader.LineNumber, reader.LastLineTooLong);
            if (++sinceCheck == CheckEveryLines)
            {
                sinceCheck = 0;
                progress?.Update();
                if (cancellationToken.IsCancellationRequested)
                {
                    _stats.Cancelled = true;
                    return;
                }
            }
        }
    }

    private void ProcessLine(ILogParser parser, InputReport report, ReadOnlySpan<byte> line, long lineNumber, bool tooLong)
    {
        report.Lines++;
        _stats.Lines++;
        var evt = _event;
        evt.Reset();
        evt.SourceName = report.Name;
        evt.LineNumber = lineNumber;
        if (tooLong)
        {
            _stats.AddMalformed(report.Name, lineNumber, s_tooLong);
            return;
        }

        if (!parser.TryParse(line, evt, out var error))
        {
            _stats.AddMalformed(report.Name, lineNumber, error);
            return;
        }

        if (settings.Logsource is { } pinned)
        {
            evt.Logsource = pinned;
        }

        _eventTime.Resolve(evt);
        _alerts.Clear();
        _session.Process(evt, _alerts);
        WriteAlerts();
    }

    private void WriteAlerts()
    {
        for (var i = 0; i < _alerts.Count; i++)
        {
            var alert = _alerts[i];
            _output.Write(alert);
            _stats.AddAlert(alert);
            _scorer?.Observe(alert);
        }
    }
}
