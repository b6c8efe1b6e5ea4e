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

    [Fact]
    public void Growth_PastTheSplitPoint_SpreadsOverPartitionsAndKeepsEveryGroup()
    {
        var table = new GroupTable<long>();
        for (ulong i = 1; i <= 3072; i++)
        {
            table.GetOrAdd(i * 0x9E3779B97F4A7C15UL, out _) = (long)i;
        }

        // 3,072 groups fill the one partition's 4,096 slots to three quarters; the next one splits it.
        Assert.Equal(1, table.PartitionCount);
        table.GetOrAdd(unchecked(3073 * 0x9E3779B97F4A7C15UL), out var added) = 3073;
        Assert.True(added);
        Assert.Equal(256, table.PartitionCount);

        Assert.Equal(3073, table.Count);
        for (ulong i = 1; i <= 3073; i++)
        {
            Assert.Equal((long)i, table.GetOrAdd(i * 0x9E3779B97F4A7C15UL, out added));
            Assert.False(added);
        }
    }

    [Fact]
    public void Split_KeysAllInOnePartition_SizesThatPartitionForThem()
    {
        // Keys that share their top byte all land in one of the 256 partitions; sized by the average share, it could
        // not hold them.
        var table = new GroupTable<long>();
        for (ulong i = 1; i <= 5000; i++)
        {
            table.GetOrAdd(i, out _) = (long)i;
        }

        Assert.Equal(256, table.PartitionCount);
        Assert.Equal(5000, table.Count);
        for (ulong i = 1; i <= 5000; i++)
        {
            Assert.Equal((long)i, table.GetOrAdd(i, out var added));
            Assert.False(added);
        }
    }

    [Theory]
    // 511 left: under the merge point, the table folds back into one partition.
    [InlineData(3490, 1)]
    // 512 left: at the merge point it stays split, so a table hovering near it does not fold and split in turn.
    [InlineData(3489, 256)]
    public void Sweep_LeavingFewGroups_FoldsBackIntoOnePartitionBelowTheMergePoint(long threshold, int partitions)
    {
        var table = new GroupTable<long>();
        for (ulong i = 1; i <= 4000; i++)
        {
            table.GetOrAdd(i * 0x9E3779B97F4A7C15UL, out _) = (long)i;
        }

        var sweep = new BelowThreshold(threshold);
        table.RemoveWhere(ref sweep);

        Assert.Equal(partitions, table.PartitionCount);
        Assert.Equal(4000 - threshold + 1, table.Count);
        for (ulong i = 1; i <= 4000; i++)
        {
            ref var state = ref table.GetOrAdd(i * 0x9E3779B97F4A7C15UL, out var added);
            Assert.Equal(i < (ulong)threshold, added);
            Assert.Equal(i < (ulong)threshold ? 0 : (long)i, state);
        }
    }

    [Fact]
    public void Clear_SplitTable_VisitsEveryGroupAndStartsOverSmall()
    {
        var table = new GroupTable<long>();
        for (ulong i = 1; i <= 4000; i++)
        {
            table.GetOrAdd(i * 0x9E3779B97F4A7C15UL, out _) = (long)i;
        }

        var counter = new Counter();
        table.Clear(ref counter);

        Assert.Equal(4000, counter.Visited.Count);
        Assert.Equal(0, table.Count);
        Assert.Equal(1, table.PartitionCount);
        Assert.True(table.GetOrAdd(7, out _) == 0);
    }

    private readonly struct Counter() : IGroupSweep<long>
    {
        public HashSet<long> Visited { get; } = [];

        public bool Remove(ref long state) => Visited.Add(state);
    }

    private readonly struct BelowThreshold(long threshold) : IGroupSweep<long>
    {
        public bool Remove(ref long state) => state < threshold;
    }
}
