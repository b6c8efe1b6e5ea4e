namespace Haris.Detection.Correlation;

/// <summary>Objects that groups outgrow their inline state into, addressed by a handle so table entries hold no references.</summary>
/// <remarks>
/// Handle 0 means none. Released handles are reused, so the pool stays as large as the most groups that held one at
/// once. Released objects are kept, a few of each size, for the next group that needs one: groups alert and go idle
/// all the time, and taking a spare instead of allocating keeps a long run from churning the heap.
/// </remarks>
internal sealed class OverflowPool<T>
    where T : class
{
    private const int MaxSparePerSize = 64;

    // A plain array rather than a List: the indexer runs on every event of a group that holds a ring.
    private T?[] _items = new T?[16];
    private int _count = 1;
    private readonly Stack<int> _free = new();
    private readonly Dictionary<int, Stack<T>> _spare = new();
    private readonly Func<T, int> _sizeOf;
    private readonly Action<T>? _reset;

    /// <summary>Creates a pool whose spares are told apart by <paramref name="sizeOf"/> and cleared by <paramref name="reset"/>.</summary>
    public OverflowPool(Func<T, int> sizeOf, Action<T>? reset = null)
    {
        _sizeOf = sizeOf;
        _reset = reset;
    }

    /// <summary>The object behind <paramref name="handle"/>.</summary>
    public T this[int handle]
    {
        get => _items[handle]!;
        set => _items[handle] = value;
    }

    /// <summary>Stores <paramref name="item"/> and returns its handle.</summary>
    public int Add(T item)
    {
        if (_free.TryPop(out var handle))
        {
            _items[handle] = item;
            return handle;
        }

        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[_count] = item;
        return _count++;
    }

    /// <summary>A spare object of <paramref name="size"/>, or null when there is none.</summary>
    public T? TakeSpare(int size) => _spare.TryGetValue(size, out var spares) && spares.TryPop(out var item) ? item : null;

    /// <summary>Keeps <paramref name="item"/>, no longer used, as a spare (unless enough of its size are kept already).</summary>
    public void Recycle(T item)
    {
        var size = _sizeOf(item);
        if (!_spare.TryGetValue(size, out var spares))
        {
            _spare[size] = spares = new Stack<T>();
        }

        if (spares.Count < MaxSparePerSize)
        {
            _reset?.Invoke(item);
            spares.Push(item);
        }
    }

    /// <summary>Lets go of the object behind <paramref name="handle"/>, keeping it as a spare, and frees the handle.</summary>
    public void Release(int handle)
    {
        var item = _items[handle]!;
        _items[handle] = null;
        _free.Push(handle);
        Recycle(item);
    }
}
