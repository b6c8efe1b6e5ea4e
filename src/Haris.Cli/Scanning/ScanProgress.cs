using System.IO.Compression;
using Spectre.Console;

namespace Haris.Cli.Scanning;

/// <summary>Moves the progress bar by bytes of the input files read so far (compressed bytes for .gz).</summary>
internal sealed class ScanProgress(ProgressTask task)
{
    private long _doneBytes;
    private long _currentLength;
    private Stream? _stream;

    /// <summary>Starts an input: names it on the bar and remembers the stream whose position moves it.</summary>
    public void Begin(string input, Stream stream)
    {
        _stream = stream;
        // The description column renders markup; a path may hold brackets.
        task.Description = Markup.Escape(input == "-" ? "stdin" : Path.GetFileName(input));
        _currentLength = input == "-" ? 0 : new FileInfo(input).Length;
    }

    /// <summary>Sets the bar from the read position of the file under the current input's stream.</summary>
    public void Update()
    {
        if (_stream is not null && Position(_stream) is { } position)
        {
            task.Value = _doneBytes + Math.Min(position, _currentLength);
        }
    }

    /// <summary>Ends an input: its whole length counts as read.</summary>
    public void End()
    {
        _stream = null;
        _doneBytes += _currentLength;
        task.Value = _doneBytes;
    }

    // Readers buffer ahead, so the file position runs a little ahead of the lines processed; close enough for a bar.
    private static long? Position(Stream stream)
    {
        try
        {
            return stream switch
            {
                FileStream file => file.Position,
                GZipStream gzip => Position(gzip.BaseStream),
                BufferedStream buffered => Position(buffered.UnderlyingStream),
                _ => null,
            };
        }
        catch (Exception ex) when (ex is NotSupportedException or ObjectDisposedException or IOException)
        {
            return null;
        }
    }
}
