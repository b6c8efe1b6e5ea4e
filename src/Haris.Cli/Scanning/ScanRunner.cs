using Haris.Cli.Output;
using Haris.Core.Alerts;
using Haris.Core.Events;
using Haris.Detection;
using Haris.Detection.Sigma;
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

    // Below this many lines per thread a block is matched on one thread: handing it out would cost more.
    private const int MinLinesPerThread = 64;

    private static readonly string s_tooLong = $"line longer than {LineReader.DefaultMaxLineLength / (1024 * 1024)} MiB (skipped)";

    private readonly LineBatch _batch = new();
    private readonly List<Alert> _alerts = new(8);
    private readonly LogEvent _inlineEvent = new();
    private readonly List<SigmaRule> _inlineMatches = new(4);
    private ScanStatistics _stats = null!;
    private Detector _detector = null!;
    private DetectionSession _session = null!;
    private CampaignScorer? _scorer;
    private IAlertOutput _output = null!;
    private EventTime _eventTime = EventTime.Default;

    /// <summary>Runs the scan and returns the exit code; user errors are thrown as <see cref="CliException"/>.</summary>
    public int Run(CancellationToken cancellationToken)
    {
        var rules = SigmaRuleLoader.LoadRuleSet(settings.RulePaths, includeBuiltin: !settings.NoBuiltin);
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
        var batch = _batch;
        batch.Clear();
        if (settings.Format == LogFormat.Auto)
        {
            // Sniffing needs the first lines whole; they are copied once, then scanned like every other line.
            var head = new List<byte[]>(SniffLineCount);
            while (head.Count < SniffLineCount && reader.TryReadLine(out var line))
            {
                head.Add(line.ToArray());
                batch.Add(line, reader.LineNumber, reader.LastLineTooLong);
            }

            var detected = FormatSniffer.Sniff(head);
            report.Detected = true;
            report.Undetermined = detected == LogFormat.Auto && head.Count > 0;
            report.Format = detected == LogFormat.Auto ? FallbackFormat : detected;
        }
        else
        {
            report.Format = settings.Format;
        }

        // Parsers keep scratch buffers, so each thread has its own.
        using var parsers = new ThreadLocal<ILogParser>(() => LogParsers.Create(report.Format));
        if (settings.Threads <= 1)
        {
            ScanInline(reader, report, parsers.Value!, progress, cancellationToken);
            return;
        }

        while (true)
        {
            Exception? readFailure = null;
            try
            {
                while (!batch.IsFull && reader.TryReadLine(out var line))
                {
                    batch.Add(line, reader.LineNumber, reader.LastLineTooLong);
                }
            }
            catch (Exception ex) when (ex is InputException or IOException or InvalidDataException)
            {
                // The lines read before a damaged part (a truncated gzip) are still scanned and reported.
                readFailure = ex;
            }

            if (batch.Count == 0 && readFailure is null)
            {
                return;
            }

            Match(batch, report.Name, parsers);
            Apply(batch, report);
            batch.Clear();
            if (readFailure is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(readFailure);
            }

            if (EndOfBlock(progress, cancellationToken))
            {
                return;
            }
        }
    }

    // With one thread there is nothing to share out: each line goes from the reader's buffer straight through parsing,
    // matching and correlation in one event, with no copy into a block and with that event's buffers warm in cache.
    // Alerts and counts come out exactly as from blocks, since blocks are applied in input order too.
    private void ScanInline(LineReader reader, InputReport report, ILogParser parser, ScanProgress? progress, CancellationToken cancellationToken)
    {
        var batch = _batch;
        if (batch.Count > 0)
        {
            // The lines read to sniff the format.
            Match(batch, report.Name, parser);
            Apply(batch, report);
            batch.Clear();
        }

        // Lines already handled stay handled when the input fails part way: the error propagates as from a block.
        var evt = _inlineEvent;
        var matches = _inlineMatches;
        var sinceBlock = 0;
        while (reader.TryReadLine(out var line))
        {
            var tooLong = reader.LastLineTooLong;
            var parsed = MatchLine(evt, matches, line, reader.LineNumber, tooLong, report.Name, parser, out var error);
            ApplyLine(report, reader.LineNumber, tooLong, parsed, error, evt, matches);
            if (++sinceBlock == LineBatch.Capacity)
            {
                sinceBlock = 0;
                if (EndOfBlock(progress, cancellationToken))
                {
                    return;
                }
            }
        }

        if (sinceBlock > 0)
        {
            EndOfBlock(progress, cancellationToken);
        }
    }

    // Moves the progress bar and says whether the scan was cancelled, once per block of lines.
    private bool EndOfBlock(ScanProgress? progress, CancellationToken cancellationToken)
    {
        progress?.Update();
        if (cancellationToken.IsCancellationRequested)
        {
            _stats.Cancelled = true;
            return true;
        }

        return false;
    }

    // Parses the block's lines and runs the single-event rules on them, on as many threads as the scan may use (one-thread
    // scans go line by line, see ScanInline).
    private void Match(LineBatch batch, string source, ThreadLocal<ILogParser> parsers)
    {
        if (batch.Count < MinLinesPerThread * 2)
        {
            Match(batch, source, parsers.Value!);
            return;
        }

        Parallel.For(
            0,
            batch.Count,
            new ParallelOptions { MaxDegreeOfParallelism = settings.Threads },
            i => MatchLine(batch, i, source, parsers.Value!));
    }

    private void Match(LineBatch batch, string source, ILogParser parser)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            MatchLine(batch, i, source, parser);
        }
    }

    private void MatchLine(LineBatch batch, int i, string source, ILogParser parser) =>
        batch.Parsed[i] = MatchLine(
            batch.Events[i], batch.Matches[i], batch.Line(i), batch.LineNumbers[i], batch.TooLong[i], source, parser, out batch.Errors[i]);

    // Parses one line into evt and collects the single-event rules it matches; false when it does not parse.
    private bool MatchLine(
        LogEvent evt, List<SigmaRule> matches, ReadOnlySpan<byte> line, long lineNumber, bool tooLong, string source, ILogParser parser, out string? error)
    {
        evt.Reset();
        evt.SourceName = source;
        evt.LineNumber = lineNumber;
        matches.Clear();
        error = null;
        if (tooLong || !parser.TryParse(line, evt, out error))
        {
            return false;
        }

        if (settings.Logsource is { } pinned)
        {
            evt.Logsource = pinned;
        }

        _eventTime.Resolve(evt);
        _detector.Evaluate(evt, matches);
        return true;
    }

    // Correlations, alerts and counts, in input order: the same whatever thread matched each line.
    private void Apply(LineBatch batch, InputReport report)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            ApplyLine(report, batch.LineNumbers[i], batch.TooLong[i], batch.Parsed[i], batch.Errors[i], batch.Events[i], batch.Matches[i]);
        }
    }

    private void ApplyLine(InputReport report, long lineNumber, bool tooLong, bool parsed, string? error, LogEvent evt, List<SigmaRule> matches)
    {
        report.Lines++;
        _stats.Lines++;
        if (tooLong)
        {
            _stats.AddMalformed(report.Name, lineNumber, s_tooLong);
            return;
        }

        if (!parsed)
        {
            _stats.AddMalformed(report.Name, lineNumber, error);
            return;
        }

        _alerts.Clear();
        _session.Apply(evt, matches, _alerts);
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
