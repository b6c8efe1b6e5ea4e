using Haris.Core.Events;
using Haris.Detection.Sigma;

namespace Haris.Detection.Prefiltering;

/// <summary>
/// Decides, per event, which rules are worth evaluating: a rule whose required texts (see
/// <see cref="LiteralRequirements"/>) occur nowhere they must is skipped. Texts are searched together, all rules and
/// fields at once, instead of once per rule and value.
/// </summary>
/// <remarks>
/// <para>Most values of a log line are pieces of the line itself: an access line's request, path, referrer and user
/// agent stand in it between quotes. The raw line (<c>event.original</c>) is searched once for the texts of every
/// field and of the keywords; a text found there counts for a field when it lies inside that field's value, and for
/// the keywords wherever it is. Only the values that are not pieces of the line (the time written out, the dataset,
/// values whose escapes were undone) are searched one by one, for the texts of their field and the keywords.</para>
/// <para>Web traffic repeats itself: the same user agents, referrers and requests come back line after line. The
/// quoted request, referrer and user agent are each looked up, by their exact text, in a per-thread table of what was
/// found in them before, and searched only when new; the rest of the line is searched. A text without a double quote
/// cannot run across the quotes around a piece, so it lies wholly inside the piece or wholly outside; texts with a
/// double quote are searched in the whole line.</para>
/// <para>Immutable once built and safe to share between threads; the caller owns the <c>active</c> flags.</para>
/// </remarks>
internal sealed class RulePrefilter
{
    /// <summary>
    /// Texts shorter than this occur in too many events to be worth a lookup; rules needing them always run, unless
    /// those short texts are punctuation (see <see cref="LiteralRequirements.PunctuationClause"/>).
    /// </summary>
    public const int MinimumLiteralLength = 3;

    private readonly bool[] _alwaysOn;
    private readonly ScopeScanner[] _scanners;

    // The texts of every scope, each tagged with its scope's index in _scanners, for the search of the raw line: those
    // without a double quote, searched around and inside the quoted pieces, and those with one, searched in the whole
    // line (null when there are none).
    private readonly LiteralSet _unquoted;
    private readonly LiteralSet? _quoted;

    // Per thread: what each quoted piece held, and each scope's cache of repeated values outside the line.
    private readonly ThreadLocal<ThreadCaches> _caches;

    public RulePrefilter(IReadOnlyList<SigmaRule> rules)
    {
        _alwaysOn = new bool[rules.Count];
        var byScope = new Dictionary<LiteralScope, Dictionary<string, List<int>>>();
        for (var i = 0; i < rules.Count; i++)
        {
            if ((LiteralRequirements.BestClause(rules[i], MinimumLiteralLength)
                ?? LiteralRequirements.PunctuationClause(rules[i], MinimumLiteralLength)) is not { } clause
                || clause.Any(r => CaseFolding.HasUnsafeChar(r.Literal)))
            {
                // A required text with a character that regular expressions fold otherwise (see CaseFolding) may be
                // matched by text an ordinal search misses: such a rule always runs.
                _alwaysOn[i] = true;
                continue;
            }

            foreach (var (scope, literal) in clause)
            {
                if (!byScope.TryGetValue(scope, out var literals))
                {
                    byScope[scope] = literals = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
                }

                if (!literals.TryGetValue(literal, out var ruleIndexes))
                {
                    literals[literal] = ruleIndexes = [];
                }

                if (ruleIndexes.Count == 0 || ruleIndexes[^1] != i)
                {
                    ruleIndexes.Add(i);
                }
            }
        }

        _scanners = [.. byScope.Select(s => new ScopeScanner(s.Key, s.Value))];
        var tagged = byScope.SelectMany((s, tag) => s.Value.Select(l => new LiteralSet.Entry(l.Key, [.. l.Value], tag))).ToList();
        _unquoted = new LiteralSet(tagged.Where(e => !e.Literal.Contains('"', StringComparison.Ordinal)));
        var quoted = tagged.Where(e => e.Literal.Contains('"', StringComparison.Ordinal)).ToList();
        _quoted = quoted.Count > 0 ? new LiteralSet(quoted) : null;
        var scopeCount = _scanners.Length;
        _caches = new ThreadLocal<ThreadCaches>(() => new ThreadCaches(scopeCount));
        AlwaysOnCount = _alwaysOn.Count(a => a);
    }

    /// <summary>How many rules have no required text and run on every event.</summary>
    public int AlwaysOnCount { get; }

    // Pieces of the raw line shorter than this are searched with the text around them rather than looked up.
    private const int MinPieceLength = 16;

    // The quoted values of an access line, looked up as pieces of it.
    private static readonly int[] s_quotedFields = [KnownFields.HttpRequestLine, KnownFields.HttpRequestReferrer, KnownFields.UserAgentOriginal];

    /// <summary>Sets <paramref name="active"/>[i] for every rule i that may match <paramref name="evt"/>.</summary>
    public void Activate(LogEvent evt, Span<bool> active)
    {
        _alwaysOn.CopyTo(active);
        if (_scanners.Length == 0)
        {
            return;
        }

        var caches = _caches.Value!;
        var original = evt.First(KnownFields.EventOriginal);
        var line = original >= 0 ? evt.Text(original) : default;
        if (original >= 0)
        {
            ScanLine(evt, line, active, caches);
        }

        for (var i = 0; i < _scanners.Length; i++)
        {
            _scanners[i].ScanOutsideLine(evt, original, line, active, caches.Values[i]);
        }
    }

    private void ScanLine(LogEvent evt, ReadOnlySpan<char> line, Span<bool> active, ThreadCaches caches)
    {
        if (CaseFolding.HasUnsafeChar(line))
        {
            foreach (var scanner in _scanners)
            {
                scanner.ActivateAll(active);
            }
        }

        if (_quoted is not null)
        {
            var all = new LineHits(_scanners, evt, line, active, 0);
            _quoted.Search(line, ref all);
        }

        Span<(int Start, int Length)> pieces = stackalloc (int, int)[3];
        var count = 0;
        foreach (var field in s_quotedFields)
        {
            if (QuotedPiece(evt, field, line) is { Length: > 0 } piece)
            {
                // In the order they stand in the line (a quoted field is never inside another).
                var at = count++;
                for (; at > 0 && pieces[at - 1].Start > piece.Start; at--)
                {
                    pieces[at] = pieces[at - 1];
                }

                pieces[at] = piece;
            }
        }

        // The text around the pieces is searched in one pass: the line with the pieces cut out and their quotes kept, so
        // that a text without a double quote found there stands in the line as found.
        var around = caches.Around(line.Length);

        Span<(int AroundStart, int LineStart)> segments = stackalloc (int, int)[4];
        var length = 0;
        var position = 0;
        for (var i = 0; i < count; i++)
        {
            var (start, pieceLength) = pieces[i];
            segments[i] = (length, position);
            line[position..start].CopyTo(around.AsSpan(length));
            length += start - position;
            LookUpPiece(evt, line, start, pieceLength, active, caches);
            position = start + pieceLength;
        }

        segments[count] = (length, position);
        line[position..].CopyTo(around.AsSpan(length));
        length += line.Length - position;
        var hits = new AroundHits(new LineHits(_scanners, evt, line, active, 0), segments[..(count + 1)]);
        _unquoted.Search(around.AsSpan(0, length), ref hits);
    }

    // Where the field's single value stands in the line between double quotes; empty when it does not stand so, or is
    // too short to be worth a lookup.
    private static (int Start, int Length) QuotedPiece(LogEvent evt, int fieldId, ReadOnlySpan<char> line)
    {
        var slot = evt.First(fieldId);
        if (slot < 0 || evt.Next(slot) >= 0)
        {
            return default;
        }

        var value = evt.Text(slot);
        return value.Length >= MinPieceLength && LinePlacement.TryGetOffset(line, value, out var start)
            && start > 0 && line[start - 1] == '"' && start + value.Length < line.Length && line[start + value.Length] == '"'
            ? (start, value.Length)
            : default;
    }

    private void LookUpPiece(LogEvent evt, ReadOnlySpan<char> line, int start, int length, Span<bool> active, ThreadCaches caches)
    {
        var piece = line.Slice(start, length);
        var hits = new LineHits(_scanners, evt, line, active, start);
        if (piece.Length > ValueCache.MaxLength)
        {
            _unquoted.Search(piece, ref hits);
            return;
        }

        var hash = ValueCache.Hash(piece);
        if (!caches.Pieces.TryGet(piece, hash, out var found))
        {
            var collected = caches.Found;
            collected.Clear();
            var collector = new PieceHits(collected);
            _unquoted.Search(piece, ref collector);
            found = collected.Count == 0 ? [] : [.. collected];
            caches.Pieces.Add(piece, hash, found);
        }

        foreach (var (entry, at) in found)
        {
            hits.Add(entry, at);
        }
    }

    /// <summary>One thread's caches.</summary>
    private sealed class ThreadCaches(int scopeCount)
    {
        /// <summary>Per quoted piece of a raw line, the texts found in it and where.</summary>
        public ValueCache<(LiteralSet.Entry Entry, int Start)[]> Pieces { get; } = new();

        /// <summary>Per scope, the rules each repeated value outside the raw line woke up.</summary>
        public ValueCache<int[]>[] Values { get; } = [.. Enumerable.Range(0, scopeCount).Select(_ => new ValueCache<int[]>())];

        private char[] _around = new char[512];

        /// <summary>Scratch for the texts found in a new piece.</summary>
        public List<(LiteralSet.Entry Entry, int Start)> Found { get; } = [];

        /// <summary>Scratch for the text around a line's pieces, at least <paramref name="length"/> chars.</summary>
        public char[] Around(int length) => _around.Length >= length ? _around : _around = new char[length];
    }

    /// <summary>Texts found in the text around the pieces, placed back where they stand in the line.</summary>
    private readonly ref struct AroundHits(LineHits line, ReadOnlySpan<(int AroundStart, int LineStart)> segments) : LiteralSet.IHits
    {
        private readonly LineHits _line = line;
        private readonly ReadOnlySpan<(int AroundStart, int LineStart)> _segments = segments;

        public void Add(LiteralSet.Entry entry, int start)
        {
            var segment = _segments.Length - 1;
            while (_segments[segment].AroundStart > start)
            {
                segment--;
            }

            _line.Add(entry, _segments[segment].LineStart + (start - _segments[segment].AroundStart));
        }
    }

    /// <summary>Texts found in a piece, kept for the next time it comes.</summary>
    private readonly struct PieceHits(List<(LiteralSet.Entry Entry, int Start)> found) : LiteralSet.IHits
    {
        public void Add(LiteralSet.Entry entry, int start) => found.Add((entry, start));
    }

    /// <summary>
    /// Texts found in a part of the raw line that starts at <paramref name="offset"/>: keywords count wherever they
    /// are, field texts inside their field.
    /// </summary>
    private readonly ref struct LineHits(ScopeScanner[] scanners, LogEvent evt, ReadOnlySpan<char> line, Span<bool> active, int offset) : LiteralSet.IHits
    {
        private readonly ReadOnlySpan<char> _line = line;
        private readonly Span<bool> _active = active;

        public void Add(LiteralSet.Entry entry, int start)
        {
            if (!scanners[entry.Tag].HoldsInLine(evt, _line, offset + start, entry.Literal.Length))
            {
                return;
            }

            foreach (var rule in entry.Rules)
            {
                _active[rule] = true;
            }
        }
    }

    /// <summary>The texts required in one scope, and the rules each one wakes up.</summary>
    /// <remarks>
    /// Values that are not pieces of the raw line are searched here. The event's own values (its time as text, its
    /// dataset) and many headers repeat from line to line: each thread keeps the rules that a value woke up,
    /// keyed by the value's exact text, so a repeated one is looked up instead of searched again.
    /// </remarks>
    private sealed class ScopeScanner
    {
        [ThreadStatic]
        private static List<int>? s_found;

        private readonly LiteralScope _scope;
        private readonly LiteralSet _literals;

        // Every rule with a text in this scope, woken together by text the literals cannot judge (see CaseFolding).
        private readonly int[] _allRules;

        public ScopeScanner(LiteralScope scope, Dictionary<string, List<int>> literals)
        {
            _scope = scope;
            _literals = new LiteralSet(literals);
            _allRules = [.. literals.Values.SelectMany(r => r).Distinct().Order()];
        }

        /// <summary>Whether line[start..start+length] lies inside a value this scope searches.</summary>
        public bool HoldsInLine(LogEvent evt, ReadOnlySpan<char> line, int start, int length)
        {
            if (_scope.IsAnyValue)
            {
                return true;
            }

            return HoldsInLine(evt, _scope.CanonicalId, line, start, length)
                || (_scope.WrittenId != _scope.CanonicalId && HoldsInLine(evt, _scope.WrittenId, line, start, length));
        }

        /// <summary>Searches the values of this scope that the search of the raw line did not cover.</summary>
        public void ScanOutsideLine(LogEvent evt, int original, ReadOnlySpan<char> line, Span<bool> active, ValueCache<int[]> cache)
        {
            if (_scope.IsAnyValue)
            {
                var count = evt.ValueCount;
                for (var slot = 0; slot < count; slot++)
                {
                    if (slot != original && (original < 0 || !evt.IsSliceOfOriginal(slot)))
                    {
                        ScanRepeated(evt.Text(slot), active, cache);
                    }
                }

                return;
            }

            ScanFieldOutsideLine(evt, _scope.CanonicalId, line, active, cache);
            if (_scope.WrittenId != _scope.CanonicalId)
            {
                ScanFieldOutsideLine(evt, _scope.WrittenId, line, active, cache);
            }
        }

        public void ActivateAll(Span<bool> active)
        {
            foreach (var rule in _allRules)
            {
                active[rule] = true;
            }
        }

        private static bool HoldsInLine(LogEvent evt, int fieldId, ReadOnlySpan<char> line, int start, int length)
        {
            for (var slot = evt.First(fieldId); slot >= 0; slot = evt.Next(slot))
            {
                var value = evt.Text(slot);
                if (LinePlacement.TryGetOffset(line, value, out var offset) && start >= offset && start + length <= offset + value.Length)
                {
                    return true;
                }
            }

            return false;
        }

        private void ScanFieldOutsideLine(LogEvent evt, int fieldId, ReadOnlySpan<char> line, Span<bool> active, ValueCache<int[]> cache)
        {
            for (var slot = evt.First(fieldId); slot >= 0; slot = evt.Next(slot))
            {
                var value = evt.Text(slot);
                if (!LinePlacement.TryGetOffset(line, value, out _))
                {
                    ScanRepeated(value, active, cache);
                }
            }
        }

        private void ScanRepeated(ReadOnlySpan<char> value, Span<bool> active, ValueCache<int[]> cache)
        {
            // Times and numbers are told apart before hashing: a line's time changes every second.
            if (value.IsEmpty || _literals.CannotHold(value))
            {
                return;
            }

            if (value.Length > ValueCache.MaxLength)
            {
                _literals.Search(value, active);
                if (CaseFolding.HasUnsafeChar(value))
                {
                    ActivateAll(active);
                }

                return;
            }

            var hash = ValueCache.Hash(value);
            if (!cache.TryGet(value, hash, out var rules))
            {
                rules = Collect(value);
                cache.Add(value, hash, rules);
            }

            foreach (var rule in rules)
            {
                active[rule] = true;
            }
        }

        // The rules a value wakes up, for the cache; allocates only when there are some, which is rare.
        private int[] Collect(ReadOnlySpan<char> value)
        {
            if (CaseFolding.HasUnsafeChar(value))
            {
                return _allRules;
            }

            var found = s_found ??= [];
            found.Clear();
            _literals.Collect(value, found);
            return found.Count == 0 ? [] : [.. found.Distinct()];
        }
    }
}
