using Haris.Core.Events;
using Haris.Detection.Sigma;

namespace Haris.Cli.Scanning;

/// <summary>
/// A block of consecutive input lines with everything the scan works out for each: its parsed event, the parse error,
/// the single-event rules it matched. Lines are parsed and matched on every core, then applied to the correlation
/// state in input order, so a scan gives the same alerts, in the same order, on any number of cores.
/// </summary>
/// <remarks>Reused from block to block: after warm-up a block allocates nothing.</remarks>
internal sealed class LineBatch
{
    /// <summary>How many lines a block holds: enough to share out, few enough that each line keeps its own event.</summary>
    public const int Capacity = 1024;

    // A block also ends when its lines fill this many bytes, so one over-long line does not hold many more.
    private const int MaxBytes = 4 * 1024 * 1024;

    private readonly int[] _start = new int[Capacity];
    private readonly int[] _length = new int[Capacity];
    private byte[] _bytes = new byte[256 * 1024];
    private int _used;

    public LineBatch()
    {
        for (var i = 0; i < Capacity; i++)
        {
            Events[i] = new LogEvent();
            Matches[i] = new List<SigmaRule>(4);
        }
    }

    public int Count { get; private set; }

    public bool IsFull => Count == Capacity || _used >= MaxBytes;

    public long[] LineNumbers { get; } = new long[Capacity];

    public bool[] TooLong { get; } = new bool[Capacity];

    public LogEvent[] Events { get; } = new LogEvent[Capacity];

    public bool[] Parsed { get; } = new bool[Capacity];

    public string?[] Errors { get; } = new string?[Capacity];

    public List<SigmaRule>[] Matches { get; } = new List<SigmaRule>[Capacity];

    public ReadOnlySpan<byte> Line(int index) => _bytes.AsSpan(_start[index], _length[index]);

    public void Add(ReadOnlySpan<byte> line, long lineNumber, bool tooLong)
    {
        if (_used + line.Length > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _used + line.Length));
        }

        line.CopyTo(_bytes.AsSpan(_used));
        _start[Count] = _used;
        _length[Count] = line.Length;
        LineNumbers[Count] = lineNumber;
        TooLong[Count] = tooLong;
        _used += line.Length;
        Count++;
    }

    public void Clear()
    {
        Count = 0;
        _used = 0;
    }
}
