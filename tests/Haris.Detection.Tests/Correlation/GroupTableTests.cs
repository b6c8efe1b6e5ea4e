using Haris.Detection.Correlation;

namespace Haris.Detection.Tests.Correlation;

// The shrink test measures the heap, so it runs alone with the other memory tests.
[Collection(nameof(CorrelationMemoryTests))]
public sealed class GroupTableTests
{
    [Fact]
    public void RandomAddsAndSweeps_AgreeWithADictionary()
    {
        // Keys drawn from a small range collide in partitions and slots, so probe runs wrap and backward shifts move
        // entries across the end of a partition: the cases an open-addressing table gets wrong.
        var random = new Random(12345);
        var table = new GroupTable<long>();
        var model = new Dictionary<ulong, long>();
        for (var round = 0; round < 200; round++)
        {
            for (var i = 0; i < 500; i++)
            {
                var key = (ulong)random.Next(0, 4000) * 0x9E3779B97F4A7C15UL;
                ref var state = ref table.GetOrAdd(key, out var added);
                Assert.Equal(!model.ContainsKey(key == 0 ? 1 : key), added);
                state += 1;
                model[key == 0 ? 1 : key] = state;
            }

            var threshold = random.Next(0, 4);
            var sweep = new BelowThreshold(threshold);
            table.RemoveWhere(ref sweep);
            foreach (var (key, value) in model)
            {
                if (value < threshold)
                {
                    model.Remove(key);
                }
            }

            Assert.Equal(model.Count, table.Count);
            foreach (var (key, value) in model)
            {
                Assert.Equal(value, table.GetOrAdd(key, out var added));
                Assert.False(added);
            }
        }
    }

    [Fact]
    public void Remove_KeyInTheMiddleOfAProbeRun_LeavesTheOthersFindable()
    {
        var table = new GroupTable<int>();

        // Same partition (top byte 0) and same home slot (low bits 5): one probe run of five.
        ulong[] keys = [5, 5 + 1024, 5 + 2048, 5 + 4096, 5 + 8192];
        for (var i = 0; i < keys.Length; i++)
        {
            table.GetOrAdd(keys[i], out _) = i + 1;
        }

        table.Remove(keys[1]);
        table.Remove(keys[3]);

        Assert.Equal(3, table.Count);
        Assert.Equal(1, table.GetOrAdd(keys[0], out _));
        Assert.Equal(3, table.GetOrAdd(keys[2], out _));
        Assert.Equal(5, table.GetOrAdd(keys[4], out var added));
        Assert.False(added);
    }

    [Fact]
    public void Sweep_EmptiesAPartition_ItShrinksAndStillWorks()
    {
        var table = new GroupTable<long>();
        for (ulong i = 1; i <= 100_000; i++)
        {
            table.GetOrAdd(i * 0x9E3779B97F4A7C15UL, out _) = (long)i;
        }

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var sweep = new BelowThreshold(99_990);
        table.RemoveWhere(ref sweep);
        var after = GC.GetTotalMemory(forceFullCollection: true);

        Assert.Equal(11, table.Count);
        Assert.True(after < before - 1_000_000, $"heap went from {before:N0} to {after:N0} bytes; emptied partitions should have shrunk");
        Assert.Equal(100_000, table.GetOrAdd(unchecked(100_000 * 0x9E3779B97F4A7C15UL), out var added));
        Assert.False(added);
        GC.KeepAlive(table);
    }

    private readonly struct BelowThreshold(long threshold) : IGroupSweep<long>
    {
        public bool Remove(ref long state) => state < threshold;
    }
}
