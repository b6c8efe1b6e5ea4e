using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Haris.Ingest.Sources;

/// <summary>The committed read positions of tailed files, kept in a small JSON file in the data directory.</summary>
/// <remarks>
/// <para>Entries are keyed by the full path of the file followed and hold the fingerprint of the file being read, the
/// committed byte offset and the number of the next line. <see cref="Set"/> changes memory only; <see cref="Save"/>
/// (or the loop of <see cref="RunAsync"/>) writes every entry to a temporary file, flushes it to the disk and renames
/// it over <see cref="FilePath"/>, so the file on disk is always a whole earlier or later version, never a torn one.</para>
/// <para>Thread-safe. One process per data directory: two processes sharing it would overwrite each other's entries.</para>
/// </remarks>
public sealed class OffsetStore
{
    /// <summary>The name of the offsets file inside the data directory.</summary>
    public const string FileName = "offsets.json";

    private const int FormatVersion = 1;

    private readonly Lock _lock = new();
    private readonly Lock _saveLock = new();
    private readonly Dictionary<string, InputPosition> _entries;
    private long _version;
    private long _savedVersion;
    private string? _lastSaveError;

    private OffsetStore(string filePath, Dictionary<string, InputPosition> entries)
    {
        FilePath = filePath;
        _entries = entries;
    }

    /// <summary>The path of the offsets file.</summary>
    public string FilePath { get; }

    /// <summary>The message of the last failed save of <see cref="RunAsync"/>, or null once a save succeeds.</summary>
    public string? LastSaveError => Volatile.Read(ref _lastSaveError);

    /// <summary>Whether some entry changed since the last save.</summary>
    public bool HasUnsavedChanges
    {
        get
        {
            lock (_lock)
            {
                return _version != _savedVersion;
            }
        }
    }

    /// <summary>Opens the store of <paramref name="dataDirectory"/>, creating the directory, and loads its offsets file if there is one.</summary>
    /// <exception cref="InvalidDataException">The offsets file is damaged; the message names it.</exception>
    /// <exception cref="IOException">The directory cannot be created or the file cannot be read.</exception>
    public static OffsetStore Open(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        Directory.CreateDirectory(dataDirectory);
        var filePath = Path.Combine(Path.GetFullPath(dataDirectory), FileName);
        var entries = new Dictionary<string, InputPosition>(StringComparer.Ordinal);
        if (File.Exists(filePath))
        {
            Load(filePath, entries);
        }

        // A leftover temporary file is a save that did not finish; the last whole version is the one at FilePath.
        return new OffsetStore(filePath, entries);
    }

    /// <summary>Gets the committed position of the file followed at <paramref name="key"/> (its full path).</summary>
    public bool TryGet(string key, out InputPosition position)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            return _entries.TryGetValue(key, out position);
        }
    }

    /// <summary>Records <paramref name="position"/> as the committed position of <paramref name="key"/>, in memory until the next save.</summary>
    public void Set(string key, InputPosition position)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var current) || current != position)
            {
                _entries[key] = position;
                _version++;
            }
        }
    }

    /// <summary>Writes the entries to disk if they changed since the last save: temporary file, flush to disk, atomic rename.</summary>
    /// <returns>Whether a file was written.</returns>
    /// <exception cref="IOException">The file could not be written; the entries stay unsaved.</exception>
    public bool Save()
    {
        lock (_saveLock)
        {
            OffsetDocument document;
            long version;
            lock (_lock)
            {
                if (_version == _savedVersion)
                {
                    return false;
                }

                version = _version;
                document = new OffsetDocument { Version = FormatVersion };
                foreach (var (key, position) in _entries)
                {
                    document.Files[key] = new OffsetRecord
                    {
                        Fingerprint = position.Identity.ToString("x16", CultureInfo.InvariantCulture),
                        Offset = position.Offset,
                        Line = position.Number,
                    };
                }
            }

            var temp = FilePath + ".tmp";
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, document, OffsetJsonContext.Default.OffsetDocument);

                // Without the flush to disk, a power cut after the rename can leave an empty file under the final name.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, FilePath, overwrite: true);
            lock (_lock)
            {
                _savedVersion = Math.Max(_savedVersion, version);
            }

            return true;
        }
    }

    /// <summary>Saves every <paramref name="interval"/> while there are changes, and once more when cancelled; failures are retried.</summary>
    public async Task RunAsync(TimeSpan interval, TimeProvider? timeProvider, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        var time = timeProvider ?? TimeProvider.System;
        try
        {
            while (true)
            {
                await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
                TrySave();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            TrySave();
        }
    }

    private void TrySave()
    {
        try
        {
            Save();
            Volatile.Write(ref _lastSaveError, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Volatile.Write(ref _lastSaveError, $"cannot save '{FilePath}': {ex.Message}");
        }
    }

    private static void Load(string filePath, Dictionary<string, InputPosition> entries)
    {
        OffsetDocument? document;
        try
        {
            using var stream = new FileStream(filePath, FileMode.Open, FileAccess.Read, FileShare.Read);
            document = JsonSerializer.Deserialize(stream, OffsetJsonContext.Default.OffsetDocument);
        }
        catch (JsonException ex)
        {
            throw Damaged(filePath, ex.Message, ex);
        }

        if (document is null || document.Version != FormatVersion || document.Files is null)
        {
            throw Damaged(filePath, $"expected an object with \"version\": {FormatVersion} and \"files\"", null);
        }

        foreach (var (key, record) in document.Files)
        {
            if (!ulong.TryParse(record.Fingerprint, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var fingerprint)
                || record.Offset < 0 || record.Line < 1)
            {
                throw Damaged(filePath, $"bad entry for '{key}'", null);
            }

            entries[key] = new InputPosition(fingerprint, record.Offset, record.Line);
        }
    }

    private static InvalidDataException Damaged(string filePath, string reason, Exception? inner) =>
        new($"the offsets file '{filePath}' is damaged ({reason}); move it away to read every file from its start", inner);
}

internal sealed class OffsetDocument
{
    public int Version { get; set; }

    public Dictionary<string, OffsetRecord> Files { get; set; } = new(StringComparer.Ordinal);
}

internal sealed class OffsetRecord
{
    public string Fingerprint { get; set; } = "";

    public long Offset { get; set; }

    public long Line { get; set; }
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(OffsetDocument))]
internal sealed partial class OffsetJsonContext : JsonSerializerContext;
