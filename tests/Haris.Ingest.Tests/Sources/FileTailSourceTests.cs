using System.Text;
using Haris.Ingest.Sources;

namespace Haris.Ingest.Tests.Sources;

public sealed class FileTailSourceTests
{
    [Fact]
    public async Task Tail_LinesAppended_AreDelivered()
    {
        await using var h = new TailHarness();
        h.Append("one\ntwo\r\n");
        h.Start();

        var first = await h.Lines.ReadAsync(2);
        await h.IdleAsync();
        h.Append("three\n");
        h.Tick();
        var appended = await h.Lines.ReadAsync(1);

        var id = first[0].Position.Identity;
        Assert.Equal(
            [new("one", new(id, 0, 1)), new("two", new(id, 4, 2)), new ReceivedLine("three", new(id, 9, 3))],
            [.. first, .. appended]);
        Assert.Equal(new InputPosition(id, 15, 4), h.Lines.LastCheckpoint);
        var counters = h.Source.GetCounters();
        Assert.Equal(3, counters.LinesRead);
        Assert.Equal(15, counters.BytesRead);
    }

    [Fact]
    public async Task Tail_PartialLine_HeldUntilNewline()
    {
        await using var h = new TailHarness();
        h.Append("first\nsec");
        h.Start();

        Assert.Equal(["first"], await h.Lines.ReadTextsAsync(1));
        await h.IdleAsync();
        Assert.False(h.Lines.HasPending);

        h.Append("ond\n");
        h.Tick();
        var line = Assert.Single(await h.Lines.ReadAsync(1));

        Assert.Equal("second", line.Text);
        Assert.Equal((6L, 2L), (line.Position.Offset, line.Position.Number));
    }

    [Fact]
    public async Task Tail_MissingFile_WaitsQuietlyThenReadsItOnceCreated()
    {
        await using var h = new TailHarness();
        h.Start();

        await h.IdleAsync();
        h.Tick();
        await h.IdleAsync();
        Assert.False(h.Lines.HasPending);
        Assert.Equal(0, h.Source.GetCounters().ReadErrors);

        h.Append("hello\n");
        h.Tick();

        Assert.Equal(["hello"], await h.Lines.ReadTextsAsync(1));
    }

    [Theory]
    // The whole over-long line is there at once.
    [InlineData(false)]
    // The over-long line is still being written at a poll: its start is dropped and the rest skipped at the next.
    [InlineData(true)]
    public async Task Tail_OverLongLine_SkippedAndCountedKeepingLineNumbers(bool splitAcrossPolls)
    {
        await using var h = new TailHarness();
        var longLine = new string('x', 40);
        h.Append("ok\n" + longLine[..(splitAcrossPolls ? 30 : 40)]);
        if (!splitAcrossPolls)
        {
            h.Append("\nnext\n");
        }

        h.Start(o => o.MaxLineLength = 16);
        Assert.Equal(["ok"], await h.Lines.ReadTextsAsync(1));
        if (splitAcrossPolls)
        {
            await h.IdleAsync();
            h.Append(longLine[30..] + "\nnext\n");
            h.Tick();
        }

        var next = Assert.Single(await h.Lines.ReadAsync(1));

        Assert.Equal("next", next.Text);
        Assert.Equal((44L, 3L), (next.Position.Offset, next.Position.Number));
        Assert.Equal(1, h.Source.GetCounters().LinesTooLong);
    }

    [Fact]
    public async Task Tail_RenameRotation_DrainsOldThenReadsNew()
    {
        await using var h = new TailHarness();

        // The daemon's own handle: it keeps writing to the renamed file until it reopens the path.
        var daemon = new FileStream(h.LogPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        List<ReceivedLine> old;
        await using (daemon)
        {
            Write(daemon, "a\n");
            h.Start();
            Assert.Equal(["a"], await h.Lines.ReadTextsAsync(1));
            await h.IdleAsync();

            Write(daemon, "b\n");
            File.Move(h.LogPath, h.LogPath + ".1");
            Write(daemon, "late\n");
            TailHarness.Append(h.LogPath, "new1\n");
            h.Tick();
            old = await h.Lines.ReadAsync(2);
            await h.IdleAsync();

            // Still within the grace period: the renamed file is still read, its last line held until it ends.
            Write(daemon, "later\ncut");
            h.Tick();
            old.AddRange(await h.Lines.ReadAsync(1));
            await h.IdleAsync();
        }

        h.Time.Advance(TailHarness.Grace);
        var rest = await h.Lines.ReadAsync(2);

        var oldId = old[0].Position.Identity;
        Assert.Equal(["b", "late", "later"], old.Select(l => l.Text));
        Assert.All(old, l => Assert.Equal(oldId, l.Position.Identity));
        Assert.Equal(new ReceivedLine("cut", new(oldId, 15, 5)), rest[0]);
        Assert.Equal("new1", rest[1].Text);
        Assert.NotEqual(oldId, rest[1].Position.Identity);
        Assert.Equal((0L, 1L), (rest[1].Position.Offset, rest[1].Position.Number));
        Assert.Equal(1, h.Source.GetCounters().Rotations);
    }

    [Theory]
    // The usual case: the poll sees the file shorter than what was read.
    [InlineData("b1\n")]
    // The file was written past the old length before the poll: only its changed first line tells.
    [InlineData("a much longer first line after the truncation\n")]
    public async Task Tail_CopyTruncate_RestartsAtZero(string rewritten)
    {
        await using var h = new TailHarness();
        h.Append("a1\na2\n");
        h.Start();
        var before = await h.Lines.ReadAsync(2);
        await h.IdleAsync();

        using (var file = new FileStream(h.LogPath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            file.SetLength(0);
        }

        h.Append(rewritten);
        h.Tick();
        var after = Assert.Single(await h.Lines.ReadAsync(1));

        Assert.Equal(rewritten.TrimEnd('\n'), after.Text);
        Assert.Equal((0L, 1L), (after.Position.Offset, after.Position.Number));
        Assert.NotEqual(before[0].Position.Identity, after.Position.Identity);
        Assert.Equal(1, h.Source.GetCounters().Truncations);
        Assert.Equal(0, h.Source.GetCounters().Rotations);
    }

    [Fact]
    public async Task Tail_DeletedFile_IsClosedAndItsSuccessorRead()
    {
        await using var h = new TailHarness();
        h.Append("gone\n");
        h.Start();
        Assert.Equal(["gone"], await h.Lines.ReadTextsAsync(1));
        await h.IdleAsync();

        File.Delete(h.LogPath);
        h.Tick();
        await h.IdleAsync();
        h.Time.Advance(TailHarness.Grace);
        await h.IdleAsync();
        h.Append("back\n");
        h.Tick();

        var line = Assert.Single(await h.Lines.ReadAsync(1));
        Assert.Equal(("back", 0L), (line.Text, line.Position.Offset));
        Assert.Equal(1, h.Source.GetCounters().Rotations);
    }

    [Fact]
    public async Task Tail_RestartAfterCommit_ResumesAtCommittedOffsetWithSamePositions()
    {
        await using var h = new TailHarness();
        h.Append("l1\nl2\nl3\n");
        h.Start();
        var first = await h.Lines.ReadAsync(3);

        // The pipeline stored the alerts of l1 and l2: the next line to process is l3.
        h.Source.Commit(first[2].Position);
        Assert.True(h.Offsets.Save());
        await h.RestartAsync();

        Assert.Equal([first[2]], await h.Lines.ReadAsync(1));
        await h.IdleAsync();
        Assert.False(h.Lines.HasPending);
    }

    [Fact]
    public async Task Tail_UncommittedLines_AreReadAgainAfterRestart()
    {
        await using var h = new TailHarness();
        h.Append("l1\nl2\nl3\n");
        h.Start();
        var first = await h.Lines.ReadAsync(3);
        h.Source.Commit(first[1].Position);
        h.Offsets.Save();

        // Committed but never saved: a crash loses it, so those lines come back.
        h.Source.Commit(h.Lines.LastCheckpoint);
        await h.RestartAsync();

        Assert.Equal(first[1..], await h.Lines.ReadAsync(2));
    }

    [Fact]
    public async Task Tail_RotatedWhileStopped_ReadsRestOfRotatedFileThenNewOne()
    {
        await using var h = new TailHarness();
        h.Append("l1\nl2\nl3\n");
        h.Start();
        var first = await h.Lines.ReadAsync(3);
        h.Source.Commit(first[2].Position);
        h.Offsets.Save();
        await h.StopAsync();

        File.Move(h.LogPath, h.LogPath + FileTailSource.RotatedSuffix);
        TailHarness.Append(h.LogPath + FileTailSource.RotatedSuffix, "l4\n");
        TailHarness.Append(h.LogPath, "n1\n");
        h.Start();
        var rotated = await h.Lines.ReadAsync(2);
        await h.IdleAsync();
        h.Time.Advance(TailHarness.Grace);
        var fresh = Assert.Single(await h.Lines.ReadAsync(1));

        var id = first[0].Position.Identity;
        Assert.Equal([first[2], new ReceivedLine("l4", new(id, 9, 4))], rotated);
        Assert.Equal(("n1", 0L, 1L), (fresh.Text, fresh.Position.Offset, fresh.Position.Number));
        Assert.Equal(1, h.Source.GetCounters().Rotations);
    }

    [Fact]
    public async Task Tail_ReplacedWhileStoppedWithoutRotatedFile_StartsNewFileAtZero()
    {
        await using var h = new TailHarness();
        h.Append("l1\nl2\n");
        h.Start();
        await h.Lines.ReadAsync(2);
        h.Source.Commit(h.Lines.LastCheckpoint);
        h.Offsets.Save();
        await h.StopAsync();

        File.Delete(h.LogPath);
        h.Append("other1\nother2\n");
        h.Start();

        Assert.Equal(["other1", "other2"], await h.Lines.ReadTextsAsync(2));
        Assert.Equal(1, h.Source.GetCounters().Rotations);
    }

    [Fact]
    public async Task Tail_TruncatedWhileStopped_StartsAtZero()
    {
        await using var h = new TailHarness();
        h.Append("same first line\nl2\nl3\n");
        h.Start();
        await h.Lines.ReadAsync(3);
        h.Source.Commit(h.Lines.LastCheckpoint);
        h.Offsets.Save();
        await h.StopAsync();

        File.WriteAllBytes(h.LogPath, Encoding.UTF8.GetBytes("same first line\n"));
        h.Start();

        var line = Assert.Single(await h.Lines.ReadAsync(1));
        Assert.Equal(("same first line", 0L), (line.Text, line.Position.Offset));
        Assert.Equal(1, h.Source.GetCounters().Truncations);
    }

    [Fact]
    public async Task Tail_ManyLines_SplitIntoBatchesWithContinuousPositions()
    {
        await using var h = new TailHarness();
        var text = new StringBuilder();
        for (var i = 1; i <= 5000; i++)
        {
            text.Append("line ").Append(i).Append('\n');
        }

        h.Append(text.ToString());
        h.Start(o => o.MaxBatchLines = 100);

        var lines = await h.Lines.ReadAsync(5000);

        long offset = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            Assert.Equal("line " + (i + 1), lines[i].Text);
            Assert.Equal((offset, i + 1L), (lines[i].Position.Offset, lines[i].Position.Number));
            offset += lines[i].Text.Length + 1;
        }
    }

    [Fact]
    public void Create_InvalidOptions_ThrowsNamingTheSetting()
    {
        using var store = new Reading.TempDirectory();
        var offsets = OffsetStore.Open(store.Path);

        var ex = Assert.Throws<ArgumentException>(() => new FileTailSource(new FileTailOptions { Path = "x.log", Format = "xml" }, offsets));

        Assert.Contains("Format", ex.Message, StringComparison.Ordinal);
    }

    private static void Write(FileStream stream, string text)
    {
        stream.Write(Encoding.UTF8.GetBytes(text));
        stream.Flush();
    }
}
