using Haris.Ingest.Sources;
using Haris.Ingest.Tests.Reading;

namespace Haris.Ingest.Tests.Sources;

public sealed class OffsetStoreTests
{
    [Fact]
    public void OffsetStore_WrittenAtomically_SurvivesReload()
    {
        using var dir = new TempDirectory();
        var data = dir.File("data");
        var store = OffsetStore.Open(data);
        store.Set("/var/log/nginx/access.log", new InputPosition(0xFEDCBA9876543210, 1234, 56));
        store.Set("/var/log/auth.log", new InputPosition(1, 0, 1));

        Assert.True(store.Save());

        Assert.Equal([OffsetStore.FileName], Directory.GetFiles(data).Select(Path.GetFileName));
        var reloaded = OffsetStore.Open(data);
        Assert.True(reloaded.TryGet("/var/log/nginx/access.log", out var access));
        Assert.Equal(new InputPosition(0xFEDCBA9876543210, 1234, 56), access);
        Assert.True(reloaded.TryGet("/var/log/auth.log", out var auth));
        Assert.Equal(new InputPosition(1, 0, 1), auth);
        Assert.False(reloaded.TryGet("/var/log/other.log", out _));
    }

    [Fact]
    public void Save_NothingChanged_WritesNothing()
    {
        using var dir = new TempDirectory();
        var store = OffsetStore.Open(dir.Path);
        store.Set("a", new InputPosition(1, 2, 3));
        store.Save();

        store.Set("a", new InputPosition(1, 2, 3));

        Assert.False(store.HasUnsavedChanges);
        Assert.False(store.Save());
    }

    [Fact]
    public void Open_LeftoverTempFileOfAnInterruptedSave_KeepsLastWholeVersion()
    {
        using var dir = new TempDirectory();
        var store = OffsetStore.Open(dir.Path);
        store.Set("a", new InputPosition(7, 100, 10));
        store.Save();

        // A crash in the middle of the next save leaves a torn temporary file beside the last whole one.
        File.WriteAllText(store.FilePath + ".tmp", "{\"version\": 1, \"files\": {\"a\": {\"fingerp");
        var reloaded = OffsetStore.Open(dir.Path);

        Assert.True(reloaded.TryGet("a", out var position));
        Assert.Equal(new InputPosition(7, 100, 10), position);
    }

    [Theory]
    // Not JSON at all.
    [InlineData("garbage")]
    // A future format this version cannot read.
    [InlineData("{\"version\": 2, \"files\": {}}")]
    // A fingerprint that is not hexadecimal.
    [InlineData("{\"version\": 1, \"files\": {\"a\": {\"fingerprint\": \"zz\", \"offset\": 1, \"line\": 2}}}")]
    // A negative offset would seek before the file's start.
    [InlineData("{\"version\": 1, \"files\": {\"a\": {\"fingerprint\": \"01\", \"offset\": -1, \"line\": 2}}}")]
    public void Open_DamagedFile_ThrowsNamingIt(string content)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(Path.Combine(dir.Path, OffsetStore.FileName), content);

        var ex = Assert.Throws<InvalidDataException>(() => OffsetStore.Open(dir.Path));

        Assert.Contains(Path.Combine(dir.Path, OffsetStore.FileName), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Cancelled_SavesPendingChanges()
    {
        using var dir = new TempDirectory();
        using var time = new StepTimeProvider();
        var store = OffsetStore.Open(dir.Path);
        using var stop = new CancellationTokenSource();
        var run = store.RunAsync(TimeSpan.FromSeconds(1), time, stop.Token);
        await time.WaitForTimerAsync();
        store.Set("a", new InputPosition(1, 2, 3));
        time.Advance(TimeSpan.FromSeconds(1));
        await time.WaitForTimerAsync();
        Assert.False(store.HasUnsavedChanges);

        store.Set("a", new InputPosition(1, 5, 4));
        await stop.CancelAsync();
        await run.WaitAsync(LineCollector.Timeout, TestContext.Current.CancellationToken);

        Assert.True(OffsetStore.Open(dir.Path).TryGet("a", out var position));
        Assert.Equal(new InputPosition(1, 5, 4), position);
    }
}
