using System.Text;
using Haris.Ingest.Sources;

namespace Haris.Ingest.Tests.Sources;

public sealed class LineBatchTests
{
    [Fact]
    public void Build_LinesAndTail_KeepsLinesAndMovesTailToNextBuffer()
    {
        using var source = new SyslogUdpSource(new SyslogUdpOptions { Port = 0 });
        using var builder = new LineBatchBuilder(64, maxLines: 4);
        "one\ntwo\npar"u8.CopyTo(builder.Buffer);
        builder.Add(0, 3, 100, 7);
        builder.Add(4, 3, 104, 8);

        using var batch = builder.Build(source, 9, new InputPosition(9, 108, 9), 8, 11);

        Assert.Equal(2, batch.Count);
        Assert.Equal("two", Encoding.UTF8.GetString(batch.GetLine(1)));
        Assert.Equal(new InputPosition(9, 104, 8), batch.GetPosition(1));
        Assert.Equal("par", Encoding.UTF8.GetString(builder.Buffer.AsSpan(0, 3)));
        Assert.Equal(0, builder.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.GetLine(2));
    }

    [Fact]
    public void Dispose_Twice_ReturnsBuffersOnceAndForbidsReading()
    {
        using var source = new SyslogUdpSource(new SyslogUdpOptions { Port = 0 });
        using var builder = new LineBatchBuilder(64, maxLines: 4);
        builder.Add(0, 1, 0, 1);
        var batch = builder.Build(source, 1, new InputPosition(1, 0, 2), 0, 0);

        batch.Dispose();
        batch.Dispose();

        Assert.Throws<ObjectDisposedException>(() => batch.GetLine(0));
    }
}
