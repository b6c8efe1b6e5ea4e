using System.IO.Compression;
using System.Text;
using Haris.Ingest.Reading;

namespace Haris.Ingest.Tests.Reading;

public sealed class InputOpenerTests
{
    [Theory]
    // The usual name.
    [InlineData("access.log.gz")]
    // logrotate's delaycompress leaves compressed files without .gz on some setups: magic bytes decide.
    [InlineData("access.log.1")]
    public void Open_GzipFile_IsDecompressed(string name)
    {
        using var dir = new TempDirectory();
        var path = dir.File(name);
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            gz.Write(Encoding.UTF8.GetBytes("line one\r\nline two\n"));
        }

        using var reader = new LineReader(InputOpener.Open(path));
        var lines = LineReaderTests.Drain(reader);

        Assert.Equal([(1L, "line one", false), (2L, "line two", false)], lines);
    }

    [Fact]
    public void Open_PlainFileNamedGz_IsReadAsText()
    {
        using var dir = new TempDirectory();
        var path = dir.File("not-really.gz");
        File.WriteAllText(path, "plain\n");

        using var reader = new LineReader(InputOpener.Open(path));

        Assert.Equal([(1L, "plain", false)], LineReaderTests.Drain(reader));
    }

    [Fact]
    public void Open_OneByteFile_IsReadAsText()
    {
        using var dir = new TempDirectory();
        var path = dir.File("tiny.log");
        File.WriteAllText(path, "x");

        using var reader = new LineReader(InputOpener.Open(path));

        Assert.Equal([(1L, "x", false)], LineReaderTests.Drain(reader));
    }

    [Fact]
    public void Open_MissingFile_ThrowsInputExceptionWithReason()
    {
        using var dir = new TempDirectory();
        var path = dir.File("nope.log");

        var ex = Assert.Throws<InputException>(() => InputOpener.Open(path));

        Assert.Equal("cannot open '" + path + "': no such file", ex.Message);
    }

    [Fact]
    public void Open_Directory_ThrowsInputExceptionWithReason()
    {
        using var dir = new TempDirectory();

        var ex = Assert.Throws<InputException>(() => InputOpener.Open(dir.Path));

        Assert.Equal("cannot open '" + dir.Path + "': is a directory", ex.Message);
    }

    [Theory]
    // `zcat`-less pipelines: `cat access.log.gz | haris scan -` arrives on a pipe that cannot rewind.
    [InlineData(true)]
    // Plain text on a pipe: the two peeked bytes must come back in front.
    [InlineData(false)]
    public void WrapGzip_NonSeekableStream_KeepsPeekedBytes(bool compressed)
    {
        var text = Encoding.UTF8.GetBytes("ab\ncd\n");
        var payload = text;
        if (compressed)
        {
            using var buffer = new MemoryStream();
            using (var gz = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            {
                gz.Write(text);
            }

            payload = buffer.ToArray();
        }

        using var reader = new LineReader(InputOpener.WrapGzip(new PipeLikeStream(payload)));

        Assert.Equal([(1L, "ab", false), (2L, "cd", false)], LineReaderTests.Drain(reader));
    }

    private sealed class PipeLikeStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
