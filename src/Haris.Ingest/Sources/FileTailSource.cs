using System.Threading.Channels;
using Microsoft.Win32.SafeHandles;

namespace Haris.Ingest.Sources;

/// <summary>Follows a file as it grows, through rotation and truncation, resuming after a restart at the last committed line.</summary>
/// <remarks>
/// <para>The file is read to its end, then checked every <see cref="FileTailOptions.PollInterval"/>. Files are known
/// by their fingerprint (<see cref="FileFingerprint"/>), not their name or inode: a different fingerprint at the path
/// means the file was rotated, a file shorter than what was read (or rewritten in place) means it was truncated.</para>
/// <para>Rotation by rename: the open handle is kept and read until the renamed file has stopped growing for
/// <see cref="FileTailOptions.RotationGrace"/>, then its unterminated last line, if any, is handed out and the new
/// file at the path is read from its start. A deleted file is drained and closed the same way. Truncation
/// (copytruncate): the same path is read again from its start.</para>
/// <para>At-least-once: positions are committed by the consumer (<see cref="Commit"/>) into the
/// <see cref="OffsetStore"/>. On start, reading resumes at the committed position when the file at the path still has
/// the committed fingerprint. When it does not, the file was rotated while Haris was down: if <c>&lt;path&gt;.1</c>
/// has that fingerprint, its rest is read first; otherwise the lines after the committed position are lost and the
/// new file is read from its start.</para>
/// <para>A full channel makes the source wait: nothing is dropped. A missing file is waited for silently.</para>
/// </remarks>
public sealed class FileTailSource : ILineSource
{
    /// <summary>The suffix logrotate gives the most recent rotated file, looked at when resuming after a rotation.</summary>
    public const string RotatedSuffix = ".1";

    private readonly FileTailOptions _options;
    private readonly OffsetStore _offsets;
    private readonly TimeProvider _time;
    private readonly SourceCounters _counters = new();
    private readonly string _path;
    private TailFile? _file;
    private InputPosition? _resume;
    private bool _draining;
    private long _quietSince;
    private bool _failing;
    private int _started;

    /// <summary>Creates a source for <paramref name="options"/>; nothing is opened until <see cref="RunAsync"/>.</summary>
    /// <param name="options">The path and limits; validated here.</param>
    /// <param name="offsets">Where committed positions are kept, usually shared by every file source.</param>
    /// <param name="timeProvider">The clock for polling and the rotation grace; the system clock by default.</param>
    public FileTailSource(FileTailOptions options, OffsetStore offsets, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(offsets);
        options.Validate(nameof(options));
        _options = options;
        _offsets = offsets;
        _time = timeProvider ?? TimeProvider.System;
        _path = System.IO.Path.GetFullPath(options.Path);
        Name = options.Name ?? options.Path;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public SourceOptions Options => _options;

    /// <inheritdoc />
    public bool DropsWhenFull => false;

    /// <summary>The full path followed, which is also the key of its entry in the <see cref="OffsetStore"/>.</summary>
    public string Path => _path;

    /// <inheritdoc />
    public SourceCounterSnapshot GetCounters() => _counters.Snapshot();

    /// <inheritdoc />
    public void Commit(InputPosition checkpoint)
    {
        if (checkpoint != default)
        {
            _offsets.Set(_path, checkpoint);
        }
    }

    /// <inheritdoc />
    public async Task RunAsync(ChannelWriter<LineBatch> output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("A source runs once.");
        }

        // Reads are synchronous (local files answer at once); leave the caller's thread before the first one.
        await Task.Yield();
        _resume = _offsets.TryGet(_path, out var committed) ? committed : null;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (await StepAsync(output, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (ChannelClosedException)
        {
        }
        finally
        {
            _file?.Dispose();
            _file = null;
        }
    }

    /// <summary>Nothing to release outside <see cref="RunAsync"/>, which closes its file when it ends.</summary>
    public void Dispose()
    {
    }

    // One round: open, read to the end, look at the path. True when there may be more to do at once.
    private async ValueTask<bool> StepAsync(ChannelWriter<LineBatch> output, CancellationToken cancellationToken)
    {
        var file = _file;
        try
        {
            if (file is null)
            {
                if (!TryOpen())
                {
                    return false;
                }

                file = _file!;
            }

            var before = file.ReadOffset;
            if (!_draining && WasRewritten(file))
            {
                // Before reading on: bytes past the old length may already belong to the new content.
                Truncated(file);
            }

            while (file.ReadBatch(this, _counters) is { } batch)
            {
                await WriteAsync(output, batch, cancellationToken).ConfigureAwait(false);
            }

            _failing = false;
            if (_draining)
            {
                if (file.ReadOffset != before)
                {
                    _quietSince = _time.GetTimestamp();
                    return false;
                }

                if (_time.GetElapsedTime(_quietSince) < _options.RotationGrace)
                {
                    return false;
                }

                if (file.Flush(this, _counters) is { } last)
                {
                    await WriteAsync(output, last, cancellationToken).ConfigureAwait(false);
                }

                Close();
                return true;
            }

            return CheckPath(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Reopen later where the handed-out lines end; what was read past them is read again.
            Fail($"cannot read '{file?.Path ?? _path}': {ex.Message}");
            if (file is not null)
            {
                _resume = file.Resume;
                Close();
            }

            return false;
        }
    }

    // Truncated (copytruncate), perhaps written again past the length we had read: the first line tells.
    private static bool WasRewritten(TailFile file) =>
        RandomAccess.GetLength(file.Handle) < file.ReadOffset
        || (file.Fingerprint is { } known && FileFingerprint.Of(file.Handle) != known);

    // The file is read to its end: has it been replaced at the path? True when it must be read again at once.
    private bool CheckPath(TailFile file)
    {
        using var current = OpenHandle(_path, reportErrors: false, out var missing);
        if (current is null)
        {
            if (missing)
            {
                StartDraining();
                return true;
            }

            return false;
        }

        var currentFingerprint = FileFingerprint.Of(current);
        var ours = file.Fingerprint ?? FileFingerprint.Of(file.Handle);
        if (currentFingerprint == ours)
        {
            // Same first line. A shorter file at the path while ours kept its length is a new file with the same header.
            if (ours is not null && RandomAccess.GetLength(current) < file.ReadOffset)
            {
                StartDraining();
                return true;
            }

            return false;
        }

        if (WasRewritten(file))
        {
            Truncated(file);
            return true;
        }

        StartDraining();
        return true;
    }

    private bool TryOpen()
    {
        var handle = OpenHandle(_path, reportErrors: true, out _);
        if (_resume is { } resume)
        {
            if (handle is not null && FileFingerprint.Of(handle) is { } fingerprint && fingerprint == resume.Identity)
            {
                _resume = null;
                if (RandomAccess.GetLength(handle) >= resume.Offset)
                {
                    _file = NewFile(handle, _path, resume, fingerprint);
                    return true;
                }

                // Truncated while we were away.
                _counters.AddTruncation();
                _file = NewFile(handle, _path, new InputPosition(0, 0, 1), null);
                return true;
            }

            if (resume.Offset > 0 && TryOpenRotated(resume))
            {
                handle?.Dispose();
                return true;
            }

            if (handle is null)
            {
                // Keep the position: the file may be back (a volume mounted late) with the same content.
                return false;
            }

            _resume = null;
            if (resume.Offset > 0)
            {
                _counters.AddRotation();
            }
        }

        if (handle is null)
        {
            return false;
        }

        _file = NewFile(handle, _path, new InputPosition(0, 0, 1), null);
        return true;
    }

    // The committed file is no longer at the path; logrotate's first rotated name may still hold it.
    private bool TryOpenRotated(InputPosition resume)
    {
        var rotatedPath = _path + RotatedSuffix;
        var rotated = OpenHandle(rotatedPath, reportErrors: false, out _);
        if (rotated is null)
        {
            return false;
        }

        if (FileFingerprint.Of(rotated) != resume.Identity || RandomAccess.GetLength(rotated) < resume.Offset)
        {
            rotated.Dispose();
            return false;
        }

        _resume = null;
        _file = NewFile(rotated, rotatedPath, resume, resume.Identity);
        StartDraining();
        return true;
    }

    private TailFile NewFile(SafeFileHandle handle, string path, InputPosition start, ulong? fingerprint) =>
        new(handle, path, start, fingerprint, _options.MaxLineLength, _options.MaxBatchLines);

    private void StartDraining()
    {
        _draining = true;
        _quietSince = _time.GetTimestamp();
        _counters.AddRotation();
    }

    private void Truncated(TailFile file)
    {
        _counters.AddTruncation();
        file.ResetToStart();
    }

    private void Close()
    {
        _file?.Dispose();
        _file = null;
        _draining = false;
    }

    private void Fail(string message)
    {
        // Counted once per run of failures: a file that stays unreadable is not a new error every poll.
        if (!_failing)
        {
            _failing = true;
            _counters.AddReadError(message);
        }
    }

    private async ValueTask WriteAsync(ChannelWriter<LineBatch> output, LineBatch batch, CancellationToken cancellationToken)
    {
        try
        {
            await output.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The batch never reached a consumer, so it is still ours to return.
            batch.Dispose();
            throw;
        }
    }

    private SafeFileHandle? OpenHandle(string path, bool reportErrors, out bool missing)
    {
        missing = false;
        try
        {
            // FileShare.Delete lets the writer's logrotate rename or remove the file while we hold it.
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            missing = true;
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (reportErrors)
            {
                Fail($"cannot open '{path}': {ex.Message}");
            }

            return null;
        }
    }
}
