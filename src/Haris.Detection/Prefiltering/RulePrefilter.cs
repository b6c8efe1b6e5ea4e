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
    private sealed class ScopeScanner
    {
        private readonly LiteralScope _scope;
        private readonly SearchValues<string> _literals;
        private readonly Dictionary<char, Entry[]> _byFirstChar;
        private readonly Entry[] _otherFirstChar;

        public ScopeScanner(LiteralScope scope, Dictionary<string, List<int>> literals)
        {
            _scope = scope;
            _literals = SearchValues.Create([.. literals.Keys], StringComparison.OrdinalIgnoreCase);
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
                    ScanValue(evt.Text(original), active);
                }

                var count = evt.ValueCount;
                for (var slot = 0; slot < count; slot++)
                {
                    if (slot != original && (original < 0 || !evt.IsSliceOfOriginal(slot)))
                    {
                        ScanValue(evt.Text(slot), active);
                    }
                }

                return;
            }

            for (var slot = evt.First(_scope.CanonicalId); slot >= 0; slot = evt.Next(slot))
            {
                ScanValue(evt.Text(slot), active);
            }

            if (_scope.WrittenId != _scope.CanonicalId)
            {
                for (var slot = evt.First(_scope.WrittenId); slot >= 0; slot = evt.Next(slot))
                {
                    ScanValue(evt.Text(slot), active);
                }
            }
        }

        private void ScanValue(ReadOnlySpan<char> value, Span<bool> active)
        {
            var offset = 0;
            while (offset < value.Length)
            {
                var hit = value[offset..].IndexOfAny(_literals);
                if (hit < 0)
                {
                    return;
                }

                var rest = value[(offset + hit)..];
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

        private sealed record Entry(string Literal, int[] Rules);
    }
}
