using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using Haris.Core.Alerts;
using Haris.Core.Events;
using Haris.Detection.Sigma;
using Haris.Detection.Sigma.Matching;

namespace Haris.Detection.Correlation;

/// <summary>The state of one correlation rule: its groups, keyed by their group-by values, in event time.</summary>
/// <remarks>
/// Subclasses keep per-group state; this base builds group keys, evicts idle groups and makes alerts. A group key is a
/// 64-bit XXH3 hash of the group-by values, computed in place from the event, so counting an event allocates no key;
/// two different groups share a key with odds of about one in 10^11 at ten million groups, which is accepted. Alerts
/// read the group values from the event that completes them (or, for windows, from the event that opened them).
/// </remarks>
internal abstract class CorrelationTracker
{
    private const char KeySeparator = '\u001f';

    // Seeds the chain of hashes, and stands for a JSON null, so that null, "" and a missing value all differ.
    private const long KeySeed = 0x48617269734B6579;
    private const long NullSeed = 0x4E756C6C56616C75;

    // Input positions packed into 64 bits: the file's index in _files above, the line number below.
    private const int LineBits = 40;
    private const ulong LineMask = (1UL << LineBits) - 1;

    private readonly FieldRef[][] _groupFields;
    private readonly FieldRef[][] _valueFields;
    private readonly StringBuilder _key = new();
    private readonly List<string?> _files = [];
    private readonly Dictionary<string, int> _fileIndex = new(StringComparer.Ordinal);
    private string? _lastFile;
    private int _lastFileIndex = -1;
    private long _nextSweep = long.MinValue;

    protected CorrelationTracker(CorrelationRule rule)
    {
        Rule = rule;
        SpanTicks = rule.Timespan.Ticks;
        _groupFields = new FieldRef[rule.Referenced.Count][];
        _valueFields = new FieldRef[rule.Referenced.Count][];
        for (var i = 0; i < rule.Referenced.Count; i++)
        {
            var logsource = rule.Referenced[i] is SigmaRule sigma ? sigma.Logsource : Logsource.Unknown;
            _groupFields[i] = [.. rule.GroupFieldsByReference[i].Select(f => Resolve(logsource, f))];
            _valueFields[i] = [.. rule.ValueFields.Select(f => Resolve(logsource, f))];
        }
    }

    public CorrelationRule Rule { get; }

    /// <summary>How many groups hold state now.</summary>
    public abstract int GroupCount { get; }

    protected long SpanTicks { get; }

    /// <summary>Records that reference <paramref name="referenceIndex"/> matched <paramref name="evt"/> at <paramref name="ticks"/>.</summary>
    public void Observe(int referenceIndex, LogEvent evt, long ticks, List<Alert> output)
    {
        if (!TryHashKey(evt, referenceIndex, out var key))
        {
            // An event without a group-by field belongs to no group (as SIEM "stats by" drop it).
            return;
        }

        Observe(key, referenceIndex, evt, ticks, new AlertLine(evt.SourceName, evt.LineNumber), output);
    }

    /// <summary>Event time moved to <paramref name="watermark"/>: now and then, drop or close groups older than the timespan.</summary>
    public void Advance(long watermark, List<Alert> output)
    {
        if (watermark < _nextSweep)
        {
            return;
        }

        Sweep(watermark - SpanTicks, output);
        _nextSweep = watermark + Math.Max(SpanTicks / 2, TimeSpan.TicksPerSecond);
    }

    /// <summary>The input ended: decide every open window.</summary>
    public abstract void Flush(List<Alert> output);

    protected abstract void Observe(ulong key, int referenceIndex, LogEvent evt, long ticks, AlertLine line, List<Alert> output);

    /// <summary>Drops (or closes) every group whose state is older than <paramref name="horizon"/>.</summary>
    protected abstract void Sweep(long horizon, List<Alert> output);

    /// <summary>Drops the groups for which <paramref name="idle"/> says they hold nothing newer than <paramref name="horizon"/>.</summary>
    protected static void RemoveWhere<TState>(Dictionary<ulong, TState> groups, Func<TState, long, bool> idle, long horizon)
    {
        List<ulong>? expired = null;
        foreach (var (key, state) in groups)
        {
            if (idle(state, horizon))
            {
                (expired ??= []).Add(key);
            }
        }

        foreach (var key in expired ?? [])
        {
            groups.Remove(key);
        }
    }

    /// <summary>The value the condition measures in this event, or null when the event has none.</summary>
    protected string? ValueOf(LogEvent evt, int referenceIndex)
    {
        var fields = _valueFields[referenceIndex];
        if (fields.Length == 1)
        {
            var slot = fields[0].First(evt);
            return slot < 0 || evt.Kind(slot) == FieldValueKind.Null ? null : evt.Text(slot).ToString();
        }

        _key.Clear();
        foreach (var field in fields)
        {
            var slot = field.First(evt);
            if (slot < 0 || evt.Kind(slot) == FieldValueKind.Null)
            {
                return null;
            }

            _key.Append(evt.Text(slot)).Append(KeySeparator);
        }

        return _key.ToString();
    }

    /// <summary>A 64-bit hash of the value the condition measures in this event; false when the event has none.</summary>
    protected bool TryHashValue(LogEvent evt, int referenceIndex, out ulong hash) =>
        TryHash(evt, _valueFields[referenceIndex], nullMeansMissing: true, out hash);

    /// <summary>Packs an input position into 64 bits, so that group state can hold it without a reference.</summary>
    /// <remarks>Line numbers keep 40 bits (10^12 lines a file); files are numbered in the order a tracker first sees them.</remarks>
    protected ulong PackLine(AlertLine line)
    {
        if (!ReferenceEquals(line.File, _lastFile) || _lastFileIndex < 0)
        {
            _lastFile = line.File;
            if (line.File is null)
            {
                _lastFileIndex = _files.IndexOf(null);
                if (_lastFileIndex < 0)
                {
                    _files.Add(null);
                    _lastFileIndex = _files.Count - 1;
                }
            }
            else if (!_fileIndex.TryGetValue(line.File, out _lastFileIndex))
            {
                _files.Add(line.File);
                _lastFileIndex = _fileIndex[line.File] = _files.Count - 1;
            }
        }

        return ((ulong)_lastFileIndex << LineBits) | ((ulong)line.Line & LineMask);
    }

    /// <summary>The input position <see cref="PackLine"/> packed.</summary>
    protected AlertLine UnpackLine(ulong packed) => new(_files[(int)(packed >> LineBits)], (long)(packed & LineMask));

    /// <summary>The group-by values of <paramref name="evt"/>, named as the rule names them.</summary>
    protected List<KeyValuePair<string, string?>> GroupOf(LogEvent evt, int referenceIndex)
    {
        var fields = _groupFields[referenceIndex];
        var result = new List<KeyValuePair<string, string?>>(fields.Length);
        for (var i = 0; i < fields.Length; i++)
        {
            var slot = fields[i].First(evt);
            var value = slot < 0 || evt.Kind(slot) == FieldValueKind.Null ? null : evt.Text(slot).ToString();
            result.Add(new(Rule.GroupBy[i], value));
        }

        return result;
    }

    protected Alert CreateAlert(IReadOnlyList<KeyValuePair<string, string?>> group, LogEvent? evt, long count, double? value, long firstTicks, long lastTicks, IReadOnlyList<AlertLine> lines)
    {
        var completing = lines.Count > 0 ? lines[^1] : default;
        var last = new DateTimeOffset(lastTicks, TimeSpan.Zero);
        return new Alert
        {
            Id = Alert.MakeId(Rule.Id, completing.File, completing.Line),
            RuleId = Rule.Id,
            RuleTitle = Rule.Title,
            RuleName = Rule.Name,
            RuleAuthor = Rule.Author,
            Level = Rule.Level,
            Timestamp = last,
            Tags = Rule.Tags,
            SourceFile = completing.File,
            SourceLine = completing.Line,
            Fields = evt?.Snapshot() ?? [.. group.Select(g => new KeyValuePair<string, object?>(g.Key, g.Value))],
            Group = group,
            Count = count,
            Value = value,
            FirstSeen = new DateTimeOffset(firstTicks, TimeSpan.Zero),
            LastSeen = last,
            Lines = lines.Count <= Alert.MaxLines ? lines : [.. lines.Skip(lines.Count - Alert.MaxLines)],
        };
    }

    private bool TryHashKey(LogEvent evt, int referenceIndex, out ulong key) =>
        TryHash(evt, _groupFields[referenceIndex], nullMeansMissing: false, out key);

    private static bool TryHash(LogEvent evt, FieldRef[] fields, bool nullMeansMissing, out ulong hash)
    {
        hash = (ulong)KeySeed;
        for (var i = 0; i < fields.Length; i++)
        {
            var slot = fields[i].First(evt);
            var isNull = slot >= 0 && evt.Kind(slot) == FieldValueKind.Null;
            if (slot < 0 || (isNull && nullMeansMissing))
            {
                hash = 0;
                return false;
            }

            hash = isNull
                ? XxHash3.HashToUInt64([], NullSeed ^ (long)hash)
                : XxHash3.HashToUInt64(MemoryMarshal.AsBytes(evt.Text(slot)), (long)hash);
        }

        return true;
    }

    private static FieldRef Resolve(Logsource logsource, string field) =>
        new(field, FieldRegistry.GetOrAdd(FieldMapping.Canonical(logsource, field)), FieldRegistry.GetOrAdd(field));
}
