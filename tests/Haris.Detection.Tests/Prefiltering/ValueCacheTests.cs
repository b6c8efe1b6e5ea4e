using Haris.Detection.Prefiltering;

namespace Haris.Detection.Tests.Prefiltering;

public sealed class ValueCacheTests
{
    [Fact]
    public void TryGet_SameHashOtherText_Misses()
    {
        // Hashes collide; only the text tells values apart.
        var cache = new ValueCache<int[]>();
        cache.Add("GET /index.html HTTP/1.1", 42, [1]);

        Assert.False(cache.TryGet("GET /admin.php HTTP/1.1", 42, out _));
        Assert.False(cache.TryGet("GET /index.html HTTP/1.", 42, out _));
    }

    [Fact]
    public void TwoValuesOfOneSet_AreBothKept()
    {
        var cache = new ValueCache<int[]>();
        cache.Add("first value of the set", 7, [1]);
        cache.Add("second value of the set", 7, [2, 3]);

        Assert.True(cache.TryGet("first value of the set", 7, out var first));
        Assert.Equal([1], first);
        Assert.True(cache.TryGet("second value of the set", 7, out var second));
        Assert.Equal([2, 3], second);
    }

    [Fact]
    public void AThirdValueOfOneSet_ReplacesTheOlderOfTwo()
    {
        var cache = new ValueCache<int[]>();
        cache.Add("oldest value", 9, [1]);
        cache.Add("middle value", 9, [2]);
        cache.Add("newest value", 9, [3]);

        Assert.False(cache.TryGet("oldest value", 9, out _));
        Assert.True(cache.TryGet("middle value", 9, out var middle));
        Assert.Equal([2], middle);
        Assert.True(cache.TryGet("newest value", 9, out var newest));
        Assert.Equal([3], newest);
    }

    [Fact]
    public void Add_LongerValueInAUsedSlot_KeepsItWhole()
    {
        // The slot's key buffer grows; the shorter value it held must not survive as a prefix.
        var cache = new ValueCache<int[]>();
        var longer = new string('x', 300) + "tail";
        cache.Add("short", 3, [1]);
        cache.Add("other", 3, [2]);
        cache.Add(longer, 3, [4]);

        Assert.True(cache.TryGet(longer, 3, out var rules));
        Assert.Equal([4], rules);
        Assert.False(cache.TryGet("short", 3, out _));
    }
}
