using System.IO.Compression;

namespace Haris.Ingest.Reading;

/// <summary>Opens a scan input: a file, or standard input for <c>-</c>, decompressing gzip whatever the file is called.</summary>
public static class InputOpener
{
    /// <summary>The name that stands for standard input.</summary>
    public const string StandardInput = "-";

    /// <summary>Opens <paramref name="path"/> for reading; throws <see cref="InputException"/> when it cannot.</summary>
    /// <remarks>gzip is recognised by its magic bytes (1F 8B), so a rotated <c>access.log.1</c> that is compressed, or a compressed stream on stdin, reads too.</remarks>
    public static Stream Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Stream raw;
        if (path == StandardInput)
        {
            raw = Console.OpenStandardInput();
        }
        else
        {
            if (Directory.Exists(path))
            {
                throw new InputException($"cannot open '{path}': is a directory");
            }

            try
            {
                // We buffer ourselves (LineReader), so FileStream's own buffer would only add a copy.
                raw = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0, FileOptions.SequentialScan);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new InputException($"cannot open '{path}': {Reason(ex)}", ex);
            }
        }

        try
        {
            return WrapGzip(raw);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            raw.Dispose();
            throw new InputException($"cannot read '{path}': {Reason(ex)}", ex);
        }
    }

    /// <summary>Returns <paramref name="raw"/> as is, or behind a <see cref="GZipStream"/> when it starts with the gzip magic bytes.</summary>
    internal static Stream WrapGzip(Stream raw)
    {
        Span<byte> magic = stackalloc byte[2];
        var read = 0;
        while (read < 2)
        {
            var n = raw.Read(magic[read..]);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        Stream stream;
        if (raw.CanSeek)
        {
            raw.Position = 0;
            stream = raw;
        }
        else
        {
            // Pipes cannot rewind: hand back the peeked bytes ahead of the rest.
            stream = new PrefixedStream(magic[..read].ToArray(), raw);
        }

        return read == 2 && magic[0] == 0x1F && magic[1] == 0x8B ? new GZipStream(stream, CompressionMode.Decompress) : stream;
    }

    private static string Reason(Exception ex) => ex switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file",
        UnauthorizedAccessException => "permission denied",
        PathTooLongException => "path too long",
        _ => ex.Message,
    };
}
