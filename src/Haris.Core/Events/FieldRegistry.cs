using System.Collections.Concurrent;

namespace Haris.Core.Events;

/// <summary>Process-wide table that gives every field name a small integer id, so hot-path lookups never hash strings.</summary>
/// <remarks>
/// Ids are dense and stable for the life of the process. Field names are case-sensitive (Sigma leaves this open; we
/// follow the reference implementation). The table is capped at <see cref="MaxFields"/> names because attacker-written
/// JSON can invent keys without end; past the cap, new names share <see cref="OverflowId"/>, whose values stay
/// searchable by keywords but cannot be addressed by name.
/// </remarks>
public static class FieldRegistry
{
    /// <summary>The most distinct field names the registry will hand out before it folds new names into one id.</summary>
    public const int MaxFields = 16_384;

    /// <summary>The id given to every field name seen after the registry is full.</summary>
    public const int OverflowId = 0;

    private static readonly ConcurrentDictionary<string, int> s_ids = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> s_spanIds =
        s_ids.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly Lock s_gate = new();
    private static string[] s_names = new string[256];
    private static int s_count;

    static FieldRegistry()
    {
        s_names[0] = "<overflow>";
        s_count = 1;
    }

    /// <summary>The number of ids handed out so far; every id is below it.</summary>
    public static int Count => Volatile.Read(ref s_count);

    /// <summary>Returns the id of <paramref name="name"/>, adding the name when it is new.</summary>
    public static int GetOrAdd(string name)
    {
        if (s_ids.TryGetValue(name, out var id))
        {
            return id;
        }

        return Add(name);
    }

    /// <summary>Returns the id of the name spelled by <paramref name="name"/>, adding it when new; allocates only then.</summary>
    public static int GetOrAdd(ReadOnlySpan<char> name)
    {
        if (s_spanIds.TryGetValue(name, out var id))
        {
            return id;
        }

        return Add(name.ToString());
    }

    /// <summary>Looks a name up without adding it.</summary>
    public static bool TryGet(ReadOnlySpan<char> name, out int id) => s_spanIds.TryGetValue(name, out id);

    /// <summary>The name behind an id.</summary>
    public static string NameOf(int id) => Volatile.Read(ref s_names)[id];

    private static int Add(string name)
    {
        lock (s_gate)
        {
            if (s_ids.TryGetValue(name, out var existing))
            {
                return existing;
            }

            if (s_count >= MaxFields)
            {
                return OverflowId;
            }

            var id = s_count;
            if (id == s_names.Length)
            {
                var grown = new string[s_names.Length * 2];
                Array.Copy(s_names, grown, s_names.Length);
                Volatile.Write(ref s_names, grown);
            }

            s_names[id] = name;
            s_ids[name] = id;
            Volatile.Write(ref s_count, id + 1);
            return id;
        }
    }
}
