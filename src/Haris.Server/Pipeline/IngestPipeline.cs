using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using System.Threading.Channels;
using Haris.Core.Alerts;
using Haris.Core.Events;
using Haris.Detection;
using Haris.Detection.Sigma;
using Haris.Ingest.Parsing;
using Haris.Ingest.Sources;
using Haris.Server.Detection;
using Haris.Server.Hosting;
using Haris.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Haris.Server.Pipeline;

/// <summary>The health of one source: what it read, what parsed, what was dropped, and how late its alerts come.</summary>
public sealed record SourceHealth(
    string Name,
    string Kind,
    string Format,
    string? Dataset,
    string? Venue,
    long LinesRead,
    long Accepted,
    long Malformed,
    long Dropped,
    long TooLong,
    long Alerts,
    double? LastLagSeconds,
    string? LastError);

/// <summary>
/// Live detection: sources (tailed files, syslog listeners, HTTP pushes) → one bounded channel → parse → rules and
/// correlations → <see cref="AlertIntake"/> → the source's position committed.
/// </summary>
/// <remarks>
/// One worker follows the channel, so correlation state sees one ordered stream and needs no locks. A batch's position
/// is committed only after its alerts are stored, so a crash replays the lines after the last commit (at least once);
/// alert ids come from rule and input position, so replayed alerts are recognised and not stored twice. Correlation
/// state is in memory: windows open at the crash start again from the replayed lines.
/// </remarks>
public sealed class IngestPipeline : BackgroundService
{
    /// <summary>The most distinct HTTP push sources (dataset, format, venue); more would let a sensor grow memory at will.</summary>
    public const int MaxPushSources = 256;

    private static readonly System.Buffers.SearchValues<char> s_datasetChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789._-");

    private readonly Channel<LineBatch> _channel;
    private readonly List<(ILineSource Source, ConfiguredSource Config)> _configured = [];
    private readonly ConcurrentDictionary<string, PushSource> _pushed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ILineSource, SourceState> _states = new();
    private readonly LiveRules _rules;
    private readonly AlertIntake _intake;
    private readonly IngestOptions _options;
    private readonly OffsetStore _offsets;
    private readonly TimeProvider _time;
    private readonly ILogger<IngestPipeline> _logger;
    private readonly List<Task> _running = [];
    private CancellationToken _stopping;

    public IngestPipeline(
        IConfiguration configuration,
        IOptions<IngestOptions> options,
        IOptions<StorageOptions> storage,
        LiveRules rules,
        AlertIntake intake,
        TimeProvider time,
        ILogger<IngestPipeline> logger)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(storage);
        _options = options.Value;
        _rules = rules;
        _intake = intake;
        _time = time;
        _logger = logger;
        _channel = LineChannel.Create(_options.ChannelCapacity);
        _offsets = OffsetStore.Open(Path.GetFullPath(storage.Value.DataDirectory));
        var configured = configuration.GetSection(ConfiguredSource.SectionName).Get<List<ConfiguredSource>>() ?? [];
        for (var i = 0; i < configured.Count; i++)
        {
            var entry = configured[i];
            try
            {
                var source = entry.Create(_offsets, time);
                _configured.Add((source, entry));
                _states[source] = new SourceState(source, entry.Type, entry.Venue);
            }
            catch (ArgumentException ex)
            {
                throw new ServerConfigurationException($"Sources[{i}]: {ex.Message}");
            }
        }
    }

    /// <summary>The health of every source, configured and pushed.</summary>
    public IReadOnlyList<SourceHealth> Health() =>
        [.. _states.Values.OrderBy(s => s.Source.Name, StringComparer.Ordinal).Select(s => s.Health())];

    /// <summary>Queues lines pushed over HTTP for <paramref name="dataset"/> in <paramref name="format"/>.</summary>
    /// <exception cref="ArgumentException">The dataset name is not acceptable or too many datasets are in use.</exception>
    public PushResult Push(string dataset, LogFormat format, string? venue, ReadOnlySpan<byte> body)
    {
        if (dataset.Length is 0 or > 64 || dataset.AsSpan().ContainsAnyExcept(s_datasetChars))
        {
            throw new ArgumentException("dataset must be 1 to 64 characters among a-z, 0-9, '.', '_' and '-'");
        }

        var key = string.Create(CultureInfo.InvariantCulture, $"{dataset}|{format}|{venue}");
        if (!_pushed.TryGetValue(key, out var source))
        {
            if (_pushed.Count >= MaxPushSources)
            {
                throw new ArgumentException($"too many distinct datasets pushed (at most {MaxPushSources})");
            }

            source = _pushed.GetOrAdd(key, _ => CreatePushSource(dataset, format, venue));
        }

        return source.Push(body);
    }

    /// <inheritdoc />
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Listeners bind now, so a port in use stops the server at start instead of failing quietly later.
        foreach (var (source, _) in _configured)
        {
            switch (source)
            {
                case SyslogUdpSource udp:
                    Bind(() => udp.Bind(), source.Name);
                    break;
                case SyslogTcpSource tcp:
                    Bind(() => tcp.Bind(), source.Name);
                    break;
            }
        }

        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        Log.PipelineStarted(_logger, _rules.Detector.Rules.Count, _rules.Correlations.Count, _configured.Count);
        foreach (var (source, config) in _configured)
        {
            _running.Add(RunSourceAsync(source, config.Type, stoppingToken));
        }

        foreach (var pushed in _pushed.Values)
        {
            _running.Add(RunSourceAsync(pushed, "http", stoppingToken));
        }

        _running.Add(_offsets.RunAsync(TimeSpan.FromSeconds(1), _time, stoppingToken));
        var session = new DetectionSession(_rules.Detector, _rules.Correlations);
        var evt = new LogEvent();
        var matches = new List<SigmaRule>(8);
        var alerts = new List<Alert>();
        try
        {
            await foreach (var batch in _channel.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                using (batch)
                {
                    await ProcessAsync(batch, session, evt, matches, alerts, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still queued was not committed and will be read again.
        }
        finally
        {
            LineChannel.DisposeRemaining(_channel.Reader);
            await Task.WhenAll(_running).ConfigureAwait(false);
            if (_offsets.LastSaveError is { } error)
            {
                Log.OffsetSaveFailed(_logger, error);
            }

            foreach (var (source, _) in _configured)
            {
                source.Dispose();
            }
        }
    }

    private async Task ProcessAsync(LineBatch batch, DetectionSession session, LogEvent evt, List<SigmaRule> matches, List<Alert> alerts, CancellationToken cancellationToken)
    {
        var state = _states.GetOrAdd(batch.Source, static s => new SourceState(s, "http", null));
        var parser = state.ParserFor(batch);
        var sourceName = state.NameFor(batch.GetPosition(0).Identity);
        alerts.Clear();
        for (var i = 0; i < batch.Count; i++)
        {
            evt.Reset();
            evt.SourceName = sourceName;
            evt.LineNumber = batch.GetPosition(i).Number;
            if (!parser.TryParse(batch.GetLine(i), evt, out _))
            {
                state.Malformed++;
                continue;
            }

            state.Accepted++;
            EventTime.Default.Resolve(evt);
            matches.Clear();
            _rules.Detector.Evaluate(evt, matches);
            _rules.DropDisabled(matches);
            session.Apply(evt, matches, alerts);
        }

        if (alerts.Count > 0)
        {
            var now = _time.GetUtcNow();
            state.Alerts += alerts.Count;
            var last = alerts[^1].Timestamp;
            state.LastLagSeconds = last is { } t ? Math.Max(0, (now - t).TotalSeconds) : null;
            while (true)
            {
                try
                {
                    await _intake.StoreAsync(alerts, state.Venue, batch.Source.Options.Dataset, cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Nothing is committed until the alerts are stored: wait and try again rather than lose them.
                    Log.AlertStoreFailed(_logger, ex, alerts.Count);
                    await Task.Delay(TimeSpan.FromSeconds(1), _time, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        batch.Source.Commit(batch.Checkpoint);
    }

    private PushSource CreatePushSource(string dataset, LogFormat format, string? venue)
    {
        var source = new PushSource(
            "http:" + dataset + (venue is null ? "" : "@" + venue),
            new SourceOptions { Dataset = dataset, Format = format.ToString().ToLowerInvariant() },
            _options.MaxLineBytes);
        _states[source] = new SourceState(source, "http", venue);

        // Started here when the pipeline already runs; otherwise ExecuteAsync starts it with the others.
        if (_stopping.CanBeCanceled)
        {
            lock (_running)
            {
                _running.Add(RunSourceAsync(source, "http", _stopping));
            }
        }

        return source;
    }

    private async Task RunSourceAsync(ILineSource source, string kind, CancellationToken cancellationToken)
    {
        // A push source must be ready when the request that created it pushes, so it starts on this thread; readers
        // start on the pool, since they may work a while before their first wait.
        if (source is not PushSource)
        {
            await Task.Yield();
        }

        Log.SourceStarted(_logger, source.Name, kind);
        try
        {
            await source.RunAsync(_channel.Writer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.SourceFailed(_logger, ex, source.Name);
        }
    }

    private static void Bind(Action bind, string name)
    {
        try
        {
            bind();
        }
        catch (SocketException ex)
        {
            throw new ServerConfigurationException($"source '{name}' cannot listen: {ex.Message}");
        }
    }

    /// <summary>The pipeline's side of one source: its parser and the counts only the pipeline knows.</summary>
    private sealed class SourceState(ILineSource source, string kind, string? venue)
    {
        private ILogParser? _parser;
        private ulong _identity;
        private string _name = source.Name;

        public ILineSource Source => source;

        public string? Venue => venue;

        public long Accepted { get; set; }

        public long Malformed { get; set; }

        public long Alerts { get; set; }

        public double? LastLagSeconds { get; set; }

        public ILogParser ParserFor(LineBatch batch)
        {
            if (_parser is null)
            {
                var format = source.Options.GetLogFormat();
                if (format == LogFormat.Auto)
                {
                    var sample = new List<byte[]>();
                    for (var i = 0; i < Math.Min(batch.Count, 32); i++)
                    {
                        sample.Add(batch.GetLine(i).ToArray());
                    }

                    format = FormatSniffer.Sniff(sample);

                    // Nothing recognisable yet: read as JSON, which at least flattens what it can and counts the rest.
                    format = format == LogFormat.Auto ? LogFormat.Json : format;
                }

                _parser = LogParsers.Create(format);
            }

            return _parser;
        }

        // A file's lines are numbered per file generation: the name carries the generation's fingerprint so that alert
        // ids from a rotated file never collide with those of the file that replaced it.
        public string NameFor(ulong identity)
        {
            if (identity != _identity)
            {
                _identity = identity;
                _name = kind == "file" ? string.Create(CultureInfo.InvariantCulture, $"{source.Name}#{identity:x16}") : source.Name;
            }

            return _name;
        }

        public SourceHealth Health()
        {
            var counters = source.GetCounters();
            return new SourceHealth(
                source.Name, kind, source.Options.Format, source.Options.Dataset, venue,
                counters.LinesRead, Accepted, Malformed, counters.LinesDropped, counters.LinesTooLong, Alerts, LastLagSeconds, counters.LastError);
        }
    }
}
