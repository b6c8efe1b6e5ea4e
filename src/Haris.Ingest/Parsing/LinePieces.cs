using System.Runtime.CompilerServices;
using Haris.Core.Events;

namespace Haris.Ingest.Parsing;

/// <summary>
/// Adds values cut from one raw line to its event. An ASCII line is transcoded to UTF-16 once, whole, and its pieces
/// are slices of that text; a line with other bytes has each piece transcoded on its own, as a piece's bytes need not
/// fall on character boundaries of the whole line's text.
/// </summary>
/// <remarks>
/// A value that is not a slice of the line (an unescaped copy) is transcoded on its own and not marked as a piece of
/// the raw line, so searches over the whole event look at it separately.
/// </remarks>
internal readonly ref struct LinePieces
{
    private readonly LogEvent _evt;
    private readonly ReadOnlySpan<byte> _line;
    private readonly bool _stored;

    public LinePieces(LogEvent evt, ReadOnlySpan<byte> line)
    {
        _evt = evt;
        _line = line;
        _stored = evt.TryStoreAsciiLine(line);
    }

    /// <summary>Adds <paramref name="value"/>, a slice of the line or a copy made from it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int fieldId, ReadOnlySpan<byte> value, FieldValueKind kind = FieldValueKind.String)
    {
        if (value.IsEmpty)
        {
            // An empty slice cannot be told from an empty copy; only slices are ever empty here.
            _evt.AddUtf8(fieldId, value, kind, sliceOfOriginal: true);
        }
        else if (!LinePlacement.TryGetOffset(_line, value, out var offset))
        {
            _evt.AddUtf8(fieldId, value, kind);
        }
        else if (_stored)
        {
            _evt.AddLinePiece(fieldId, offset, value.Length, kind);
        }
        else
        {
            _evt.AddUtf8(fieldId, value, kind, sliceOfOriginal: true);
        }
    }

    /// <summary>Adds the whole line (for <c>event.original</c>).</summary>
    public void AddLine(int fieldId)
    {
        if (_stored)
        {
            _evt.AddStoredLine(fieldId);
        }
        else
        {
            _evt.AddUtf8(fieldId, _line);
        }
    }
}
