using System.Text;
using Haris.Ingest.Sources;

namespace Haris.Ingest.Tests.Sources;

public sealed class SyslogFrameReaderTests
{
    [Theory]
    // One byte per receive: every count, header and terminator is split.
    [InlineData(1)]
    // Receives that cut frames at odd places.
    [InlineData(3)]
    // Everything in one receive.
    [InlineData(4096)]
    public void Parse_BothFramingsMixed_YieldsEachMessage(int chunk)
    {
        var input =
            "<34>1 a\n" // non-transparent, LF (RFC 6587 §3.4.2)
            + "8 <34>1 bb" // octet counting (§3.4.1)
            + "<13>c\r\n" // CR LF from Windows senders
            + "<13>d\0" // NUL, as some old senders end frames
            + "\n\r\n" // stray terminators between frames are not messages
            + "6 <1>ee\n" // a count that includes a trailing LF
            + "<1>last"; // cut by the end of the connection: still a message

        var result = Frame(input, chunk);

        Assert.Equal(["<34>1 a", "<34>1 bb", "<13>c", "<13>d", "<1>ee", "<1>last"], result.Messages);
        Assert.Equal(new SourceCounterSnapshot { LinesRead = 6, BytesRead = input.Length }, result.Counters);
    }

    [Theory]
    // An octet-counted frame one byte over the limit is skipped by its count.
    [InlineData("17 <1>xxxxxxxxxxxxxx<1>ok\n")]
    // A much larger one, read past in pieces without being held.
    [InlineData("5000 <1>{x5000}<1>ok\n")]
    // A non-transparent frame over the limit is skipped up to its terminator.
    [InlineData("<1>{x5000}\n<1>ok\n")]
    // The same ended by NUL.
    [InlineData("<1>{x5000}\0<1>ok\n")]
    public void Parse_OversizeFrame_SkippedCountedAndNextKept(string template)
    {
        var input = template.Replace("{x5000}", new string('x', 4997), StringComparison.Ordinal);

        foreach (var chunk in new[] { 1, 7, 8192 })
        {
            var result = Frame(input, chunk, maxMessageSize: 16);

            Assert.Equal(["<1>ok"], result.Messages);
            Assert.Equal(1, result.Counters.LinesTooLong);
            Assert.False(result.Malformed);
        }
    }

    [Theory]
    // Exactly the limit, both framings: kept.
    [InlineData("16 <1>xxxxxxxxxxxxx<1>xxxxxxxxxxxxx\n")]
    public void Parse_FramesAtTheLimit_AreKept(string input)
    {
        var result = Frame(input, 5, maxMessageSize: 16);

        Assert.Equal(["<1>xxxxxxxxxxxxx", "<1>xxxxxxxxxxxxx"], result.Messages);
        Assert.Equal(0, result.Counters.LinesTooLong);
    }

    [Theory]
    // A digit followed by something other than a space: out of step with the sender.
    [InlineData("<1>a\n12x <1>b\n")]
    // RFC 6587's MSG-LEN starts with a non-zero digit.
    [InlineData("<1>a\n0 <1>b\n")]
    // More digits than any limit: not a count.
    [InlineData("<1>a\n12345678901 <1>b\n")]
    public void Parse_BadOctetCount_IsMalformedAfterEarlierMessages(string input)
    {
        var result = Frame(input, 2);

        Assert.Equal(["<1>a"], result.Messages);
        Assert.True(result.Malformed);
        Assert.Equal(1, result.Counters.MalformedFrames);
    }

    [Theory]
    // The count promised more than arrived.
    [InlineData("20 <1>short")]
    // Only the count arrived.
    [InlineData("12")]
    public void Complete_CutOctetCountedFrame_IsCountedMalformed(string input)
    {
        var result = Frame(input, 3);

        Assert.Empty(result.Messages);
        Assert.Equal(1, result.Counters.MalformedFrames);
    }

    private static (List<string> Messages, SourceCounterSnapshot Counters, bool Malformed) Frame(string input, int chunk, int maxMessageSize = 64)
    {
        var bytes = Encoding.UTF8.GetBytes(input);
        var counters = new SourceCounters();
        using var source = new SyslogTcpSource(new SyslogTcpOptions { Port = 0 });

        // Two lines per batch, so a receive holding more frames than a batch is parsed in several rounds.
        using var reader = new SyslogFrameReader(maxMessageSize, maxBatchLines: 2, counters);
        var messages = new List<string>();
        var sequence = 1L;
        void Take()
        {
            using var batch = reader.TakeBatch(source, 42, sequence);
            for (var i = 0; i < batch.Count; i++)
            {
                messages.Add(Encoding.UTF8.GetString(batch.GetLine(i)));
                Assert.Equal(new InputPosition(42, 0, sequence + i), batch.GetPosition(i));
            }

            sequence += batch.Count;
            Assert.Equal(new InputPosition(42, 0, sequence), batch.Checkpoint);
        }

        var offset = 0;
        while (offset < bytes.Length && !reader.IsMalformed)
        {
            var memory = reader.GetReadBuffer();
            var count = Math.Min(chunk, Math.Min(memory.Length, bytes.Length - offset));
            bytes.AsSpan(offset, count).CopyTo(memory.Span);
            reader.Advance(count);
            offset += count;
            bool full;
            do
            {
                full = reader.Parse();
                if (reader.Count > 0)
                {
                    Take();
                }
            }
            while (full);
        }

        reader.Complete();
        if (reader.Count > 0)
        {
            Take();
        }

        return (messages, counters.Snapshot(), reader.IsMalformed);
    }
}
