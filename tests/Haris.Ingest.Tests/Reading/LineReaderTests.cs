using System.Text;
using Haris.Ingest.Reading;

namespace Haris.Ingest.Tests.Reading;

public sealed class LineReaderTests
{
    [Theory]
    // Unix files.
    [InlineData("a\nbb\nccc\n")]
    // Windows files: the '\r' must not end up in the last field of every line.
    [InlineData("a\r\nbb\r\nccc\r\n")]
    // Logs cut while being written have no final newline; the last line still counts.
    [InlineData("a\nbb\nccc")]
    // Mixed endings from concatenated files.
    [InlineData("a\r\nbb\nccc\r")]
    public void TryReadLine_LineEndings_YieldSameLines(string text)
    {
        var lines = ReadAll(Encoding.UTF8.GetBytes(text), maxLineLength: 100, chunk: int.MaxValue);

        Assert.Equal([(1L, "a", false), (2L, "bb", false), (3L, "ccc", false)], lines);
    }

    [Theory]
    // Reads of one byte at a time cross every buffer boundary.
    [InlineData(1)]
    // Reads that split "\r\n" and lines at awkward places.
    [InlineData(3)]
    // Whole-stream reads.
    [InlineData(int.MaxValue)]
    public void TryReadLine_OverLongLineBetweenGoodOnes_SkipsItAndKeepsNumbers(int chunk)
    {
        var text = "first\r\n" + new string('x', 100) + "\r\nthird\n";

        var lines = ReadAll(Encoding.UTF8.GetBytes(text), maxLineLength: 16, chunk);

        Assert.Equal([(1L, "first", false), (2L, "", true), (3L, "third", false)], lines);
    }

    [Theory]
    // Exactly at the limit is allowed.
    [InlineData(16, false)]
    // One past is not.
    [InlineData(17, true)]
    public void TryReadLine_LineAroundTheLimit_HonoursMaxLength(int length, bool tooLong)
    {
        var text = new string('y', length) + "\r\nnext\r\n";

        var lines = ReadAll(Encoding.UTF8.GetBytes(text), maxLineLength: 16, chunk: 5);

        Assert.Equal(tooLong, lines[0].TooLong);
        Assert.Equal((2L, "next", false), lines[1]);
    }

    [Fact]
    public void TryReadLine_OverLongLastLineWithoutNewline_IsReportedOnce()
    {
        var lines = ReadAll(Encoding.UTF8.GetBytes("ok\n" + new string('z', 1000)), maxLineLength: 16, chunk: 7);

        Assert.Equal([(1L, "ok", false), (2L, "", true)], lines);
    }

    [Fact]
    public void TryReadLine_DefaultLimit_SkipsFiveMegabyteLine()
    {
        var text = "a\n" + new string('q', 5 * 1024 * 1024) + "\nb\n";

        var lines = ReadAll(Encoding.UTF8.GetBytes(text), LineReader.DefaultMaxLineLength, chunk: int.MaxValue);

        Assert.Equal([(1L, "a", false), (2L, "", true), (3L, "b", false)], lines);
    }

    [Fact]
    public void TryReadLine_NulAndBinaryBytes_PassThrough()
    {
        byte[] data = [0x00, 0xFF, 0x0D, 0x41, 0x0A, 0x00, 0x0A, 0x0A];
        using var reader = new LineReader(new MemoryStream(data));

        Assert.True(reader.TryReadLine(out var line));
        Assert.Equal([0x00, 0xFF, 0x0D, 0x41], line.ToArray());
        Assert.True(reader.TryReadLine(out line));
        Assert.Equal([0x00], line.ToArray());
        Assert.True(reader.TryReadLine(out line));
        Assert.True(line.IsEmpty);
        Assert.Equal(3, reader.LineNumber);
        Assert.False(reader.TryReadLine(out _));
    }

    [Fact]
    public void TryReadLine_EmptyStream_ReturnsFalse()
    {
        using var reader = new LineReader(new MemoryStream());

        Assert.False(reader.TryReadLine(out _));
        Assert.Equal(0, reader.LineNumber);
    }

    [Fact]
    public void TryReadLine_RealFileWithCrlfAndNoFinalNewline_ReadsAllLines()
    {
        using var dir = new TempDirectory();
        var path = dir.File("access.log");
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes("one\r\ntwo\r\nthree"));

        using var reader = new LineReader(InputOpener.Open(path), sourceName: path);
        var lines = Drain(reader);

        Assert.Equal([(1L, "one", false), (2L, "two", false), (3L, "three", false)], lines);
    }

    [Fact]
    public void TryReadLine_CorruptGzip_ThrowsInputException()
    {
        using var dir = new TempDirectory();
        var path = dir.File("broken.gz");
        File.WriteAllBytes(path, [0x1F, 0x8B, 0x08, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09]);

        using var reader = new LineReader(InputOpener.Open(path), sourceName: path);
        var ex = Assert.Throws<InputException>(() => reader.TryReadLine(out _));

        Assert.StartsWith("cannot read '" + path + "'", ex.Message, StringComparison.Ordinal);
    }

    internal static List<(long Number, string Text, bool TooLong)> ReadAll(byte[] data, int maxLineLength, int chunk)
    {
        using var reader = new LineReader(new ChunkedStream(data, chunk), maxLineLength);
        return Drain(reader);
    }

    internal static List<(long Number, string Text, bool TooLong)> Drain(LineReader reader)
    {
        var lines = new List<(long, string, bool)>();
        while (reader.TryReadLine(out var line))
        {
            lines.Add((reader.LineNumber, Encoding.UTF8.GetString(line), reader.LastLineTooLong));
        }

        return lines;
    }

    /// <summary>A stream that returns at most <c>chunk</c> bytes per read, like a pipe or a slow network.</summary>
    private sealed class ChunkedStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));
    }
}
