using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace Haris.Core.Events;

/// <summary>One parsed log record: field values stored as UTF-16 slices of a buffer this event owns and reuses.</summary>
/// <remarks>
/// A reader keeps one instance per thread and calls <see cref="Reset"/> between lines, so after warm-up parsing a line
/// allocates nothing. A field may hold several values (a JSON array, or the same key flattened from several array
/// elements); they form a chain in the order they were added. Values are decoded from UTF-8 once, here, so every rule
/// compares against the same text; invalid UTF-8 becomes U+FFFD rather than an error.
/// </remarks>
public sealed class LogEvent
{
    private char[] _chars = new char[1024];
    private int _charCount;
    private Slot[] _slots = new Slot[32];
    private int _slotCount;

    // Per field id: generation stamp, first slot and last slot of its chain, side by side so that linking a value or
    // finding a field reads one cache line. Stamps spare us clearing on every Reset.
    private Chain[] _chains = new Chain[256];
    private int _generation = 1;

    // Where the raw line stored by TryStoreAsciiLine starts in _chars, or -1 when none is stored.
    private int _lineStart = -1;
    private int _lineLength;

    /// <summary>The kind of log this event came from; decides which rules it is offered to.</summary>
    public Logsource Logsource { get; set; } = Logsource.Unknown;

    /// <summary>The input this event was read from (file path, or <c>-</c> for standard input).</summary>
    public string? SourceName { get; set; }

    /// <summary>1-based line number in <see cref="SourceName"/>.</summary>
    public long LineNumber { get; set; }

    /// <summary>Event time, once resolved (see <see cref="EventTime"/>); null when the event carries none.</summary>
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>How many values the event holds, across all fields.</summary>
    public int ValueCount => _slotCount;

    /// <summary>Clears the event for the next line, keeping its buffers.</summary>
    public void Reset()
    {
        _charCount = 0;
        _slotCount = 0;
        _lineStart = -1;
        Logsource = Logsource.Unknown;
        Timestamp = null;
        if (++_generation == int.MaxValue)
        {
            Array.Clear(_chains);
            _generation = 1;
        }
    }

    /// <summary>Adds a value to a field (after any values it already has).</summary>
    public void Add(int fieldId, ReadOnlySpan<char> value, FieldValueKind kind = FieldValueKind.String)
    {
        var start = Reserve(value.Length);
        value.CopyTo(_chars.AsSpan(start));
        _charCount = start + value.Length;
        Link(fieldId, start, value.Length, kind);
    }

    /// <summary>Adds a value given as UTF-8; invalid sequences become U+FFFD.</summary>
    /// <param name="fieldId">The field.</param>
    /// <param name="utf8">The value.</param>
    /// <param name="kind">What the value was in its source.</param>
    /// <param name="sliceOfOriginal">
    /// True when the value is, byte for byte, a piece of the raw line that <c>event.original</c> holds. Searches for text
    /// anywhere in the event may then look in <c>event.original</c> instead of in this value.
    /// </param>
    public void AddUtf8(int fieldId, ReadOnlySpan<byte> utf8, FieldValueKind kind = FieldValueKind.String, bool sliceOfOriginal = false)
    {
        // UTF-16 never needs more code units than UTF-8 has bytes.
        var start = Reserve(utf8.Length);
        Utf8.ToUtf16(utf8, _chars.AsSpan(start), out _, out var written, replaceInvalidSequences: true);
        _charCount = start + written;
        Link(fieldId, start, written, kind, sliceOfOriginal);
    }

    /// <summary>
    /// Stores an ASCII raw line once as text, so that values cut from it are added by position with
    /// <see cref="AddLinePiece"/> instead of being transcoded again; a line with any other byte is not stored.
    /// </summary>
    /// <returns>Whether the line is stored.</returns>
    public bool TryStoreAsciiLine(ReadOnlySpan<byte> line)
    {
        // ASCII widens one byte to one char, so offsets in the line are offsets in its text.
        var start = Reserve(line.Length);
        if (Ascii.ToUtf16(line, _chars.AsSpan(start, line.Length), out var written) != OperationStatus.Done)
        {
            return false;
        }

        _charCount = start + written;
        _lineStart = start;
        _lineLength = written;
        return true;
    }

    /// <summary>Adds the chars <paramref name="offset"/> to <paramref name="offset"/> + <paramref name="length"/> of the line stored by <see cref="TryStoreAsciiLine"/>, a piece of the raw line.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddLinePiece(int fieldId, int offset, int length, FieldValueKind kind = FieldValueKind.String)
    {
        if (_lineStart < 0 || (uint)offset > (uint)_lineLength || (uint)length > (uint)(_lineLength - offset))
        {
            ThrowNoSuchPiece();
        }

        Link(fieldId, _lineStart + offset, length, kind, sliceOfOriginal: true);
    }

    /// <summary>Adds the whole line stored by <see cref="TryStoreAsciiLine"/> (for <c>event.original</c>).</summary>
    public void AddStoredLine(int fieldId)
    {
        if (_lineStart < 0)
        {
            ThrowNoSuchPiece();
        }

        Link(fieldId, _lineStart, _lineLength, FieldValueKind.String);
    }

    /// <summary>Adds a value that is assembled in place: the caller writes into the returned span, then calls <see cref="Commit"/>.</summary>
    public Span<char> BeginValue(int maxLength)
    {
        var start = Reserve(maxLength);
        return _chars.AsSpan(start, maxLength);
    }

    /// <summary>Finishes a value started with <see cref="BeginValue"/>, keeping the first <paramref name="length"/> chars.</summary>
    public void Commit(int fieldId, int length, FieldValueKind kind = FieldValueKind.String)
    {
        var start = _charCount;
        _charCount = start + length;
        Link(fieldId, start, length, kind);
    }

    /// <summary>Whether the field is present (with any value, JSON null included).</summary>
    public bool Has(int fieldId) => (uint)fieldId < (uint)_chains.Length && _chains[fieldId].Stamp == _generation;

    /// <summary>The first value slot of a field, or -1 when the field is absent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int First(int fieldId)
    {
        var chains = _chains;
        if ((uint)fieldId < (uint)chains.Length)
        {
            ref readonly var chain = ref chains[fieldId];
            if (chain.Stamp == _generation)
            {
                return chain.Head;
            }
        }

        return -1;
    }

    /// <summary>The next value slot of the same field, or -1 after the last.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Next(int slot) => _slots[slot].Next;

    /// <summary>The text of a value slot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<char> Text(int slot)
    {
        ref readonly var s = ref _slots[slot];
        return _chars.AsSpan(s.Start, s.Length);
    }

    /// <summary>Whether a slot's text also stands, unchanged, in the event's <c>event.original</c>.</summary>
    public bool IsSliceOfOriginal(int slot) => _slots[slot].SliceOfOriginal;

    /// <summary>What kind of value a slot holds.</summary>
    public FieldValueKind Kind(int slot) => _slots[slot].Kind;

    /// <summary>The field id a slot belongs to.</summary>
    public int FieldOf(int slot) => _slots[slot].FieldId;

    /// <summary>The first value of a field as text, or an empty span when absent.</summary>
    public ReadOnlySpan<char> Get(int fieldId)
    {
        var slot = First(fieldId);
        return slot < 0 ? default : Text(slot);
    }

    /// <summary>The first value of a named field, for code off the hot path (tests, alert building).</summary>
    public string? Get(string fieldName)
    {
        if (!FieldRegistry.TryGet(fieldName, out var id))
        {
            return null;
        }

        var slot = First(id);
        return slot < 0 ? null : Text(slot).ToString();
    }

    /// <summary>Copies the fields out, in the order they were first added, multi-valued fields as lists.</summary>
    public List<KeyValuePair<string, object?>> Snapshot()
    {
        var result = new List<KeyValuePair<string, object?>>(_slotCount);
        for (var i = 0; i < _slotCount; i++)
        {
            var fieldId = _slots[i].FieldId;
            if (_chains[fieldId].Head != i)
            {
                continue;
            }

            var name = FieldRegistry.NameOf(fieldId);
            if (_slots[i].Next < 0)
            {
                result.Add(new(name, ValueOf(i)));
                continue;
            }

            var values = new List<object?>();
            for (var s = i; s >= 0; s = _slots[s].Next)
            {
                values.Add(ValueOf(s));
            }

            result.Add(new(name, values));
        }

        return result;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var (name, value) in Snapshot())
        {
            sb.Append(name).Append('=').Append(value is List<object?> list ? "[" + string.Join(", ", list) + "]" : value).Append("; ");
        }

        return sb.ToString();
    }

    private object? ValueOf(int slot) => _slots[slot].Kind == FieldValueKind.Null ? null : Text(slot).ToString();

    [DoesNotReturn]
    private static void ThrowNoSuchPiece() =>
        throw new InvalidOperationException("No stored line holds that piece; call TryStoreAsciiLine first and stay within the line.");

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Reserve(int length)
    {
        var needed = _charCount + length;
        if (needed > _chars.Length)
        {
            GrowChars(needed);
        }

        return _charCount;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void GrowChars(int needed) => Array.Resize(ref _chars, Math.Max(needed, _chars.Length * 2));

    // Runs for every value of every event, so the common case is straight-line code: one capacity test, the slot
    // written field by field where it lies, and the chain touched through one reference.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Link(int fieldId, int start, int length, FieldValueKind kind, bool sliceOfOriginal = false)
    {
        var slot = _slotCount;
        if ((uint)slot >= (uint)_slots.Length || (uint)fieldId >= (uint)_chains.Length)
        {
            Grow(fieldId);
        }

        var slots = _slots;
        _slotCount = slot + 1;
        ref var s = ref slots[slot];
        s.FieldId = fieldId;
        s.Start = start;
        s.Length = length;
        s.Kind = kind;
        s.SliceOfOriginal = sliceOfOriginal;
        s.Next = -1;

        ref var chain = ref _chains[fieldId];
        var generation = _generation;
        if (chain.Stamp != generation)
        {
            chain.Stamp = generation;
            chain.Head = slot;
        }
        else
        {
            slots[chain.Tail].Next = slot;
        }

        chain.Tail = slot;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int fieldId)
    {
        if (_slotCount >= _slots.Length)
        {
            Array.Resize(ref _slots, _slots.Length * 2);
        }

        if ((uint)fieldId >= (uint)_chains.Length)
        {
            Array.Resize(ref _chains, Math.Max(fieldId + 1, _chains.Length * 2));
        }
    }

    private struct Chain
    {
        public int Stamp;
        public int Head;
        public int Tail;
    }

    private struct Slot
    {
        public int FieldId;
        public int Start;
        public int Length;
        public FieldValueKind Kind;
        public bool SliceOfOriginal;
        public int Next;
    }
}
