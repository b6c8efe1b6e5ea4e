using System.Numerics;

namespace Haris.Detection.Correlation;

/// <summary>Decides, during a sweep, whether a group goes; may release what the group holds outside the table.</summary>
internal interface IGroupSweep<TState>
    where TState : unmanaged
{
    /// <summary>Whether the group is idle and must be removed.</summary>
    bool Remove(ref TState state);
}

/// <summary>The per-group state of one correlation rule, stored inline by the group's 64-bit key hash.</summary>
/// <remarks>
/// A flood from ten million distinct sources must fit in well under 150 bytes a group. A <c>Dictionary</c> with an
/// object per group costs about 300, and its one entries array grows in one piece, so at ten million entries a
/// resize briefly holds two arrays of hundreds of megabytes each. Here the keys' top byte picks one of 256
/// partitions that grow on their own; each is an open-addressing table with linear probing over plain structs, which
/// hold no references, so the GC never traces them. The key 0 marks a free slot: a group whose hash is 0 is stored
/// under 1, with the same one-in-2^64 odds as any other collision of the hashes.
/// <para>
/// Most tables hold a few hundred groups, and a sweep visits every slot of every partition: 256 partitions of 16 slots
/// would make each sweep of a nearly empty table walk about 200 KB. So a small table is one partition, split into 256 once
/// it outgrows <see cref="SplitSlots"/> slots, and folded back into one when a sweep leaves fewer than
/// <see cref="MergeCount"/> groups.
/// </para>
/// </remarks>
internal sealed class GroupTable<TState>
    where TState : unmanaged
{
    private const int PartitionBits = 8;
    private const int InitialSlots = 16;

    // As many slots as a split table has at least, so a sweep costs no more just before a split than just after it;
    // one array this small (about 200 KB of event_count entries) grows in one piece harmlessly. The merge point is far
    // below the split point, so a table near either does not fold and split in turn.
    private const int SplitSlots = (1 << PartitionBits) * InitialSlots;
    private const int MergeCount = 512;

    private Partition[] _partitions = [new Partition()];

    // 0 while the table is one partition, 255 once split: the key's top byte, masked, picks the partition.
    private int _partitionMask;

    /// <summary>How many groups the table holds.</summary>
    public int Count { get; private set; }

    /// <summary>How many partitions the groups are spread over: 1 while the table is small, 256 once it is large.</summary>
    public int PartitionCount => _partitions.Length;

    /// <summary>The state of the group <paramref name="key"/>, added zeroed when it is new.</summary>
    /// <remarks>The reference is valid until the next add or removal.</remarks>
    public ref TState GetOrAdd(ulong key, out bool added)
    {
        key = key == 0 ? 1 : key;
        var partition = PartitionOf(key);
        var entries = partition.Entries;
        var mask = entries.Length - 1;
        for (var i = (int)key & mask; ; i = (i + 1) & mask)
        {
            ref var entry = ref entries[i];
            if (entry.Key == key)
            {
                added = false;
                return ref entry.State;
            }

            if (entry.Key == 0)
            {
                break;
            }
        }

        // Kept at most three quarters full, so probes stay short.
        if ((partition.Count + 1) * 4 > entries.Length * 3)
        {
            if (_partitionMask == 0 && entries.Length >= SplitSlots)
            {
                Split();
                partition = PartitionOf(key);
            }
            else
            {
                partition.Resize(entries.Length * 2);
            }

            entries = partition.Entries;
            mask = entries.Length - 1;
        }

        var slot = (int)key & mask;
        while (entries[slot].Key != 0)
        {
            slot = (slot + 1) & mask;
        }

        entries[slot].Key = key;
        entries[slot].State = default;
        partition.Count++;
        Count++;
        added = true;
        return ref entries[slot].State;
    }

    /// <summary>Removes the group <paramref name="key"/> when the table holds it.</summary>
    public void Remove(ulong key)
    {
        key = key == 0 ? 1 : key;
        var partition = PartitionOf(key);
        var entries = partition.Entries;
        var mask = entries.Length - 1;
        for (var i = (int)key & mask; entries[i].Key != 0; i = (i + 1) & mask)
        {
            if (entries[i].Key == key)
            {
                partition.RemoveAt(i);
                Count--;
                return;
            }
        }
    }

    /// <summary>Removes every group <paramref name="sweep"/> says must go, and shrinks partitions left mostly empty.</summary>
    public void RemoveWhere<TSweep>(ref TSweep sweep)
        where TSweep : struct, IGroupSweep<TState>
    {
        foreach (var partition in _partitions)
        {
            var entries = partition.Entries;
            for (var i = 0; i < entries.Length; i++)
            {
                // A removal shifts a later entry back into slot i, which is then looked at in turn. An entry that wraps
                // around from the start may be looked at twice; sweeps only act on the entries they remove.
                while (entries[i].Key != 0 && sweep.Remove(ref entries[i].State))
                {
                    partition.RemoveAt(i);
                    Count--;
                }
            }

            if (entries.Length > InitialSlots && partition.Count * 8 < entries.Length)
            {
                partition.Resize(SlotsFor(partition.Count));
            }
        }

        if (_partitionMask != 0 && Count < MergeCount)
        {
            Merge();
        }
    }

    /// <summary>Calls <paramref name="sweep"/> on every group and then empties the table.</summary>
    public void Clear<TSweep>(ref TSweep sweep)
        where TSweep : struct, IGroupSweep<TState>
    {
        foreach (var partition in _partitions)
        {
            foreach (ref var entry in partition.Entries.AsSpan())
            {
                if (entry.Key != 0)
                {
                    sweep.Remove(ref entry.State);
                }
            }
        }

        _partitions = [new Partition()];
        _partitionMask = 0;
        Count = 0;
    }

    private static int SlotsFor(int count) => Math.Max(InitialSlots, (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, count * 2)));

    private Partition PartitionOf(ulong key) => _partitions[(int)(key >> (64 - PartitionBits)) & _partitionMask];

    // Each new partition is sized for the groups it receives (counted first, as keys need not spread evenly), so it
    // is at most half full and none resizes right after.
    private void Split()
    {
        var old = _partitions[0].Entries;
        Span<int> counts = stackalloc int[1 << PartitionBits];
        foreach (ref var entry in old.AsSpan())
        {
            if (entry.Key != 0)
            {
                counts[(int)(entry.Key >> (64 - PartitionBits))]++;
            }
        }

        var partitions = new Partition[1 << PartitionBits];
        for (var i = 0; i < partitions.Length; i++)
        {
            partitions[i] = new Partition(SlotsFor(counts[i]));
        }

        foreach (ref var entry in old.AsSpan())
        {
            if (entry.Key != 0)
            {
                partitions[(int)(entry.Key >> (64 - PartitionBits))].Insert(in entry);
            }
        }

        _partitions = partitions;
        _partitionMask = (1 << PartitionBits) - 1;
    }

    private void Merge()
    {
        var merged = new Partition(SlotsFor(Count));
        foreach (var partition in _partitions)
        {
            foreach (ref var entry in partition.Entries.AsSpan())
            {
                if (entry.Key != 0)
                {
                    merged.Insert(in entry);
                }
            }
        }

        _partitions = [merged];
        _partitionMask = 0;
    }

    private struct Entry
    {
        public ulong Key;
        public TState State;
    }

    private sealed class Partition(int slots = InitialSlots)
    {
        public Entry[] Entries = new Entry[slots];

        public int Count;

        public void Resize(int slots)
        {
            var old = Entries;
            Entries = new Entry[slots];
            Count = 0;
            foreach (ref var entry in old.AsSpan())
            {
                if (entry.Key != 0)
                {
                    Insert(in entry);
                }
            }
        }

        // For a key the partition does not hold yet, with room to spare.
        public void Insert(in Entry entry)
        {
            var entries = Entries;
            var mask = entries.Length - 1;
            var slot = (int)entry.Key & mask;
            while (entries[slot].Key != 0)
            {
                slot = (slot + 1) & mask;
            }

            entries[slot] = entry;
            Count++;
        }

        // Backward-shift deletion: later entries of the probe run move up into the hole when their home slot allows,
        // so lookups never need tombstones.
        public void RemoveAt(int index)
        {
            var entries = Entries;
            var mask = entries.Length - 1;
            var hole = index;
            for (var j = (index + 1) & mask; entries[j].Key != 0; j = (j + 1) & mask)
            {
                var home = (int)entries[j].Key & mask;
                if (((j - home) & mask) >= ((j - hole) & mask))
                {
                    entries[hole] = entries[j];
                    hole = j;
                }
            }

            entries[hole] = default;
            Count--;
        }
    }
}
