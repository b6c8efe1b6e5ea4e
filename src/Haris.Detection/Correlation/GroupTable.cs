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
/// </remarks>
internal sealed class GroupTable<TState>
    where TState : unmanaged
{
    private const int PartitionBits = 8;
    private const int InitialSlots = 16;

    private readonly Partition[] _partitions = new Partition[1 << PartitionBits];

    public GroupTable()
    {
        for (var i = 0; i < _partitions.Length; i++)
        {
            _partitions[i] = new Partition();
        }
    }

    /// <summary>How many groups the table holds.</summary>
    public int Count { get; private set; }

    /// <summary>The state of the group <paramref name="key"/>, added zeroed when it is new.</summary>
    /// <remarks>The reference is valid until the next add or removal.</remarks>
    public ref TState GetOrAdd(ulong key, out bool added)
    {
        key = key == 0 ? 1 : key;
        var partition = _partitions[key >> (64 - PartitionBits)];
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
            partition.Resize(entries.Length * 2);
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
        var partition = _partitions[key >> (64 - PartitionBits)];
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
                partition.Resize(Math.Max(InitialSlots, (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, partition.Count * 2))));
            }
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

            partition.Entries = new Entry[InitialSlots];
            partition.Count = 0;
        }

        Count = 0;
    }

    private struct Entry
    {
        public ulong Key;
        public TState State;
    }

    private sealed class Partition
    {
        public Entry[] Entries = new Entry[InitialSlots];

        public int Count;

        public void Resize(int slots)
        {
            var old = Entries;
            var entries = new Entry[slots];
            var mask = slots - 1;
            foreach (ref var entry in old.AsSpan())
            {
                if (entry.Key == 0)
                {
                    continue;
                }

                var slot = (int)entry.Key & mask;
                while (entries[slot].Key != 0)
                {
                    slot = (slot + 1) & mask;
                }

                entries[slot] = entry;
            }

            Entries = entries;
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
