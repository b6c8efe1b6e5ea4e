using System.Text;
using System.Threading.Channels;
using Haris.Ingest.Sources;
using Haris.Ingest.Tests.Reading;

namespace Haris.Ingest.Tests.Sources;

/// <summary>A file source over a temp directory, on a fake clock stepped by the test, restartable on the same offsets file.</summary>
internal sealed class TailHarness : IAsyncDisposable
{
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    private readonly TempDirectory _dir = new();
    private Channel<LineBatch>? _channel;
    private CancellationTokenSource? _stop;
    private Task? _run;
    private StepTimeProvider? _time;

    public string LogPath => _dir.File("access.log");

    public string DataDirectory => _dir.File("data");

    public FileTailSource Source { get; private set; } = null!;

    public OffsetStore Offsets { get; private set; } = null!;

    public LineCollector Lines { get; private set; } = null!;

    public StepTimeProvider Time => _time!;

    /// <summary>Starts a source as a fresh process would: offsets loaded from disk, a new clock and channel.</summary>
    public void Start(Action<FileTailOptions>? configure = null)
    {
        var options = new FileTailOptions { Path = LogPath, PollInterval = Poll, RotationGrace = Grace };
        configure?.Invoke(options);
        Offsets = OffsetStore.Open(DataDirectory);
        _time = new StepTimeProvider();
        Source = new FileTailSource(options, Offsets, _time);
        _channel = LineChannel.Create(64);
        Lines = new LineCollector(_channel.Reader);
        _stop = new CancellationTokenSource();
        _run = Source.RunAsync(_channel.Writer, _stop.Token);
    }

    /// <summary>Stops the source without saving offsets: what a kill leaves behind is what was saved before.</summary>
    public async Task StopAsync()
    {
        if (_run is null)
        {
            return;
        }

        await _stop!.CancelAsync();
        await _run.WaitAsync(LineCollector.Timeout, TestContext.Current.CancellationToken);
        LineChannel.DisposeRemaining(_channel!.Reader);
        _stop.Dispose();
        _time!.Dispose();
        _run = null;
    }

    public async Task RestartAsync(Action<FileTailOptions>? configure = null)
    {
        await StopAsync();
        Start(configure);
    }

    /// <summary>Waits until the source has read everything and sleeps until its next poll.</summary>
    public Task IdleAsync() => Time.WaitForTimerAsync();

    /// <summary>Lets one poll interval pass.</summary>
    public void Tick() => Time.Advance(Poll);

    public void Append(string text) => Append(LogPath, text);

    public static void Append(string path, string text)
    {
        // Bytes, not File.AppendAllText: no encoding preamble may sneak into the first line.
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        stream.Write(Encoding.UTF8.GetBytes(text));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _dir.Dispose();
    }
}
