using System.Buffers;
using Haris.Core.Events;
using Haris.Detection.Sigma;

namespace Haris.Detection.Prefiltering;

/// <summary>
/// Decides, per event, which rules are worth evaluating: a rule whose required texts (see
/// <see cref="LiteralRequirements"/>) occur nowhere they must is skipped. Each field with required texts is searched
/// once with a vectorised multi-literal search over all the texts of all the rules, instead of once per rule and value.
/// </summary>
/// <remarks>Immutable once built and safe to share between threads; the caller owns the <c>active</c> flags.</remarks>
internal sealed class RulePrefilter
{
    /// <summary>Texts shorter than this occur in too many events to be worth a lookup; rules needing them always run.</summary>
    public const int MinimumLiteralLength = 3;

    private readonly bool[] _alwaysOn;
    private readonly ScopeScanner[] _scanners;

    public RulePrefilter(IReadOnlyList<SigmaRule> rules)
    {
        _alwaysOn = new bool[rules.Count];
        var byScope = new Dictionary<LiteralScope, Dictionary<string, List<int>>>();
        for (var i = 0; i < rules.Count; i++)
        {
            if (LiteralRequirements.BestClause(rules[i], MinimumLiteralLength) is not { } clause)
            {
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
        AlwaysOnCount = _alwaysOn.Count(a => a);
    }

    /// <summary>How many rules have no required text and run on every event.</summary>
    public int AlwaysOnCount { get; }

    /// <summary>Sets <paramref name="active"/>[i] for every rule i that may match <paramref name="evt"/>.</summary>
    public void Activate(LogEvent evt, Span<bool> active)
    {
        _alwaysOn.CopyTo(active);
        foreach (var scanner in _scanners)
        {
            scanner.Scan(evt, active);
        }
    }

    /// <summary>The texts required in one scope, and the rules each one wakes up.</summary>
    /// <remarks>
    /// <para>Web traffic repeats itself: the same user agents, referrers and pages come back line after line. Each
    /// thread keeps the rules that a value woke up, keyed by the value's exact text, so a repeated value is looked up
    /// instead of searched again.</para>
    /// <para>Keywords are searched in the raw line. Its user agent and referrer are quoted pieces of it, so a keyword
    /// without a double quote in it occurs either inside one of them or wholly outside: the line is searched around
    /// them, and they are looked up like any repeated value. Keywords with a double quote, which could span a quote,
    /// are searched in the whole line as well.</para>
    /// </remarks>
    private sealed class ScopeScanner
    {
        // Values shorter than this are searched each time: a lookup costs about as much.
        private const int MinCachedLength = 16;

        [ThreadStatic]
        private static List<int>? s_found;

        private readonly LiteralScope _scope;
        private readonly SearchValues<string> _literals;
        private readonly SearchValues<string>? _quoted;
        private readonly Dictionary<char, Entry[]> _byFirstChar;
        private readonly Entry[] _otherFirstChar;
        private readonly ThreadLocal<ValueCache> _cache = new(static () => new ValueCache());

        public ScopeScanner(LiteralScope scope, Dictionary<string, List<int>> literals)
        {
            _scope = scope;
            _literals = SearchValues.Create([.. literals.Keys], StringComparison.OrdinalIgnoreCase);
            string[] quoted = [.. literals.Keys.Where(l => l.Contains('"', StringComparison.Ordinal))];
            _quoted = scope.IsAnyValue && quoted.Length > 0 ? SearchValues.Create(quoted, StringComparison.OrdinalIgnoreCase) : null;
            var entries = literals.Select(l => new Entry(l.Key, [.. l.Value])).ToList();

            // Verification after a hit looks candidates up by their first character; a first character outside ASCII
            // may fold in ways a per-character upper-casing does not capture, so those are checked at every hit.
            _byFirstChar = entries.Where(e => char.IsAscii(e.Literal[0]))
                .GroupBy(e => char.ToUpperInvariant(e.Literal[0]))
                .ToDictionary(g => g.Key, g => g.ToArray());
            _otherFirstChar = [.. entries.Where(e => !char.IsAscii(e.Literal[0]))];
        }

        public void Scan(LogEvent evt, Span<bool> active)
        {
            if (_scope.IsAnyValue)
            {
                // Values that are pieces of the raw line are searched once, inside event.original, rather than again
                // one by one: same answer, a fraction of the text.
                var original = evt.First(KnownFields.EventOriginal);
                if (original >= 0)
                {
                    ScanOriginal(evt, evt.Text(original), active);
                }

                var count = evt.ValueCount;
                for (var slot = 0; slot < count; slot++)
                {
                    if (slot != original && (original < 0 || !evt.IsSliceOfOriginal(slot)))
                    {
                        Search(_literals, evt.Text(slot), evt.Text(slot), 0, active);
                    }
                }

                return;
            }

            for (var slot = evt.First(_scope.CanonicalId); slot >= 0; slot = evt.Next(slot))
            {
                ScanRepeated(evt.Text(slot), active);
            }

            if (_scope.WrittenId != _scope.CanonicalId)
            {
                for (var slot = evt.First(_scope.WrittenId); slot >= 0; slot = evt.Next(slot))
                {
                    ScanRepeated(evt.Text(slot), active);
                }
            }
        }

        private void ScanOriginal(LogEvent evt, ReadOnlySpan<char> line, Span<bool> active)
        {
            if (_quoted is not null)
            {
                Search(_quoted, line, line, 0, active);
            }

            // An access line quotes its request first, its user agent last and its referrer just before: each is found
            // between its quotes, in that order, and the text around them is searched once.
            var request = QuotedPiece(evt, KnownFields.HttpRequestLine, line, 0, line.Length, fromStart: true);
            var searchFrom = request.Length > 0 ? request.Start + request.Length : 0;
            var agent = QuotedPiece(evt, KnownFields.UserAgentOriginal, line, searchFrom, line.Length, fromStart: false);
            var referrer = QuotedPiece(evt, KnownFields.HttpRequestReferrer, line, searchFrom, agent.Length > 0 ? agent.Start - 1 : line.Length, fromStart: false);
            var position = 0;
            foreach (var piece in (ReadOnlySpan<(int Start, int Length)>)[request, referrer, agent])
            {
                if (piece.Length == 0)
                {
                    continue;
                }

                Search(_literals, line[position..(piece.Start - 1)], line, position, active);
                ScanRepeated(line.Slice(piece.Start, piece.Length), active);
                position = piece.Start + piece.Length;
            }

            Search(_literals, line[position..], line, position, active);
        }

        // Where the field's value stands in line[from..to], between double quotes; empty when it is not there that way
        // (unescaped values only, and long enough to be worth a lookup).
        private static (int Start, int Length) QuotedPiece(LogEvent evt, int fieldId, ReadOnlySpan<char> line, int from, int to, bool fromStart)
        {
            var slot = evt.First(fieldId);
            if (slot < 0 || !evt.IsSliceOfOriginal(slot) || evt.Next(slot) >= 0 || to <= from)
            {
                return default;
            }

            var value = evt.Text(slot);
            if (value.Length < MinCachedLength || value.Contains('"'))
            {
                return default;
            }

            var window = line[from..to];
            var found = fromStart ? window.IndexOf(value) : window.LastIndexOf(value);
            var start = from + found;
            var after = start + value.Length;
            return found >= 0 && start > 0 && line[start - 1] == '"' && after < line.Length && line[after] == '"'
                ? (start, value.Length)
                : default;
        }

        private void ScanRepeated(ReadOnlySpan<char> value, Span<bool> active)
        {
            if (value.Length < MinCachedLength || value.Length > ValueCache.MaxLength)
            {
                Search(_literals, value, value, 0, active);
                return;
            }

            var cache = _cache.Value!;
            var hash = string.GetHashCode(value);
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
            var found = s_found ??= [];
            found.Clear();
            var offset = 0;
            while (offset < value.Length)
            {
                var hit = value[offset..].IndexOfAny(_literals);
                if (hit < 0)
                {
                    break;
                }

                var rest = value[(offset + hit)..];
                if (char.IsAscii(rest[0]) && _byFirstChar.TryGetValue(char.ToUpperInvariant(rest[0]), out var candidates))
                {
                    Verify(candidates, rest, found);
                }

                Verify(_otherFirstChar, rest, found);
                offset += hit + 1;
            }

            return found.Count == 0 ? [] : [.. found.Distinct()];
        }

        // Searches `text`, which starts at `textStart` in `whole`; a hit is checked against `whole` from there on.
        private void Search(SearchValues<string> literals, ReadOnlySpan<char> text, ReadOnlySpan<char> whole, int textStart, Span<bool> active)
        {
            var offset = 0;
            while (offset < text.Length)
            {
                var hit = text[offset..].IndexOfAny(literals);
                if (hit < 0)
                {
                    return;
                }

                var rest = whole[(textStart + offset + hit)..];
                if (char.IsAscii(rest[0]) && _byFirstChar.TryGetValue(char.ToUpperInvariant(rest[0]), out var candidates))
                {
                    Verify(candidates, rest, active);
                }

                Verify(_otherFirstChar, rest, active);
                offset += hit + 1;
            }
        }

        private static void Verify(Entry[] candidates, ReadOnlySpan<char> rest, Span<bool> active)
        {
            foreach (var candidate in candidates)
            {
                if (rest.StartsWith(candidate.Literal, StringComparison.OrdinalIgnoreCase))
                {
                    foreach (var rule in candidate.Rules)
                    {
                        active[rule] = true;
                    }
                }
            }
        }

        private static void Verify(Entry[] candidates, ReadOnlySpan<char> rest, List<int> found)
        {
            foreach (var candidate in candidates)
            {
                if (rest.StartsWith(candidate.Literal, StringComparison.OrdinalIgnoreCase))
                {
                    found.AddRange(candidate.Rules);
                }
            }
        }

        private sealed record Entry(string Literal, int[] Rules);
    }

    /// <summary>The rules each recently seen value woke up, on one thread: a direct-mapped table keyed by the exact text.</summary>
    private sealed class ValueCache
    {
        public const int MaxLength = 1024;

        private const int Slots = 1024;

        private readonly char[]?[] _keys = new char[]?[Slots];
        private readonly int[] _lengths = new int[Slots];
        private readonly int[]?[] _rules = new int[]?[Slots];

        public bool TryGet(ReadOnlySpan<char> value, int hash, out int[] rules)
        {
            var slot = hash & (Slots - 1);
            var key = _keys[slot];
            if (key is not null && _lengths[slot] == value.Length && value.SequenceEqual(key.AsSpan(0, value.Length)))
            {
                rules = _rules[slot]!;
                return true;
            }

            rules = [];
            return false;
        }

        public void Add(ReadOnlySpan<char> value, int hash, int[] rules)
        {
            var slot = hash & (Slots - 1);
            var key = _keys[slot];
            if (key is null || key.Length < value.Length)
            {
                // Grows to the longest value the slot has held, so after warm-up a miss copies without allocating.
                _keys[slot] = key = new char[Math.Max(value.Length, 128)];
            }

            value.CopyTo(key);
            _lengths[slot] = value.Length;
            _rules[slot] = rules;
        }
    }
}
