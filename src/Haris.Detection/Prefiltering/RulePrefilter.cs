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
    /// <summary>
    /// Texts shorter than this occur in too many events to be worth a lookup; rules needing them always run, unless
    /// those short texts are punctuation (see <see cref="LiteralRequirements.PunctuationClause"/>).
    /// </summary>
    public const int MinimumLiteralLength = 3;

    private readonly bool[] _alwaysOn;
    private readonly ScopeScanner[] _scanners;

    // Per thread, each scope's cache of repeated values, fetched once per event rather than once per scope.
    private readonly ThreadLocal<ValueCache[]> _caches;

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
        var scopeCount = _scanners.Length;
        _caches = new ThreadLocal<ValueCache[]>(() => [.. Enumerable.Range(0, scopeCount).Select(_ => new ValueCache())]);
        AlwaysOnCount = _alwaysOn.Count(a => a);
    }

    /// <summary>How many rules have no required text and run on every event.</summary>
    public int AlwaysOnCount { get; }

    /// <summary>Sets <paramref name="active"/>[i] for every rule i that may match <paramref name="evt"/>.</summary>
    public void Activate(LogEvent evt, Span<bool> active)
    {
        _alwaysOn.CopyTo(active);
        if (_scanners.Length == 0)
        {
            return;
        }

        var caches = _caches.Value!;
        for (var i = 0; i < _scanners.Length; i++)
        {
            _scanners[i].Scan(evt, active, caches[i]);
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
        // Pieces of the raw line shorter than this stay in the text searched around the pieces.
        private const int MinPieceLength = 16;

        [ThreadStatic]
        private static List<int>? s_found;

        [ThreadStatic]
        private static char[]? s_around;

        private readonly LiteralScope _scope;
        private readonly LiteralSet _literals;
        private readonly LiteralSet? _quoted;

        // Every rule with a text in this scope, woken together by text the literals cannot judge (see CaseFolding).
        private readonly int[] _allRules;

        public ScopeScanner(LiteralScope scope, Dictionary<string, List<int>> literals)
        {
            _scope = scope;
            _literals = new LiteralSet(literals);
            var quoted = literals.Where(l => l.Key.Contains('"', StringComparison.Ordinal)).ToDictionary(l => l.Key, l => l.Value, StringComparer.OrdinalIgnoreCase);
            _quoted = scope.IsAnyValue && quoted.Count > 0 ? new LiteralSet(quoted) : null;
            _allRules = [.. literals.Values.SelectMany(r => r).Distinct().Order()];
        }

        public void Scan(LogEvent evt, Span<bool> active, ValueCache cache)
        {
            if (_scope.IsAnyValue)
            {
                // Values that are pieces of the raw line are searched once, inside event.original, rather than again
                // one by one: same answer, a fraction of the text.
                var original = evt.First(KnownFields.EventOriginal);
                if (original >= 0)
                {
                    ScanOriginal(evt, evt.Text(original), active, cache);
                }

                var count = evt.ValueCount;
                for (var slot = 0; slot < count; slot++)
                {
                    if (slot != original && (original < 0 || !evt.IsSliceOfOriginal(slot)))
                    {
                        // The event's own values (its time as text, its dataset) repeat from line to line as well.
                        ScanRepeated(evt.Text(slot), active, cache);
                    }
                }

                return;
            }

            for (var slot = evt.First(_scope.CanonicalId); slot >= 0; slot = evt.Next(slot))
            {
                ScanRepeated(evt.Text(slot), active, cache);
            }

            if (_scope.WrittenId != _scope.CanonicalId)
            {
                for (var slot = evt.First(_scope.WrittenId); slot >= 0; slot = evt.Next(slot))
                {
                    ScanRepeated(evt.Text(slot), active, cache);
                }
            }
        }

        private void ScanOriginal(LogEvent evt, ReadOnlySpan<char> line, Span<bool> active, ValueCache cache)
        {
            _quoted?.Search(line, line, 0, active);
            if (CaseFolding.HasUnsafeChar(line))
            {
                ActivateAll(active);
            }

            // An access line quotes its request first, its user agent last and its referrer just before: each is found
            // between its quotes, in that order, and looked up as a repeated value.
            var request = QuotedPiece(evt, KnownFields.HttpRequestLine, line, 0, line.Length, fromStart: true);
            var searchFrom = request.Length > 0 ? request.Start + request.Length : 0;
            var agent = QuotedPiece(evt, KnownFields.UserAgentOriginal, line, searchFrom, line.Length, fromStart: false);
            var referrer = QuotedPiece(evt, KnownFields.HttpRequestReferrer, line, searchFrom, agent.Length > 0 ? agent.Start - 1 : line.Length, fromStart: false);

            // The text around them is searched in one pass: the line with the pieces cut out and their quotes kept. A
            // keyword without a double quote found there lies between two quotes, so it stands in the line as found;
            // keywords with one were searched in the whole line above, and a false hit of theirs here only wakes a
            // rule that then does not match.
            var around = s_around;
            if (around is null || around.Length < line.Length)
            {
                s_around = around = new char[Math.Max(line.Length, 512)];
            }

            var length = 0;
            var position = 0;
            foreach (var piece in (ReadOnlySpan<(int Start, int Length)>)[request, referrer, agent])
            {
                if (piece.Length == 0)
                {
                    continue;
                }

                ScanRepeated(line.Slice(piece.Start, piece.Length), active, cache);
                line[position..piece.Start].CopyTo(around.AsSpan(length));
                length += piece.Start - position;
                position = piece.Start + piece.Length;
            }

            line[position..].CopyTo(around.AsSpan(length));
            length += line.Length - position;
            var text = around.AsSpan(0, length);
            _literals.Search(text, text, 0, active);
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
            if (value.Length < MinPieceLength || value.Contains('"'))
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

        private void ScanRepeated(ReadOnlySpan<char> value, Span<bool> active, ValueCache cache)
        {
            if (value.IsEmpty || value.Length > ValueCache.MaxLength)
            {
                _literals.Search(value, value, 0, active);
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

        private void ActivateAll(Span<bool> active)
        {
            foreach (var rule in _allRules)
            {
                active[rule] = true;
            }
        }
    }
}
