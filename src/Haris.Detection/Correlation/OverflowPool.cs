namespace Haris.Detection.Correlation;

/// <summary>Objects that groups outgrow their inline state into, addressed by a handle so table entries hold no references.</summary>
/// <remarks>Handle 0 means none. Released handles are reused, so the pool stays as large as the most groups that held one at once.</remarks>
internal sealed class OverflowPool<T>
    where T : class
{
    private readonly List<T?> _items = [null];
    private readonly Stack<int> _free = new();

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

        _items.Add(item);
        return _items.Count - 1;
    }

    /// <summary>Lets go of the object behind <paramref name="handle"/> and frees the handle.</summary>
    public void Release(int handle)
    {
        _items[handle] = null;
        _free.Push(handle);
    }
}
