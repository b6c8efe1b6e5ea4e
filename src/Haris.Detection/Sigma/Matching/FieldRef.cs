using Haris.Core.Events;

namespace Haris.Detection.Sigma.Matching;

/// <summary>
/// A rule's field, resolved at compile time: its canonical id under the rule's logsource and its id as written. The
/// event's canonical field wins; when the event has none, the name as written is used (JSON that already speaks Sigma).
/// </summary>
internal readonly record struct FieldRef(string Name, int CanonicalId, int WrittenId)
{
    public int First(LogEvent evt)
    {
        var slot = evt.First(CanonicalId);
        return slot >= 0 || CanonicalId == WrittenId ? slot : evt.First(WrittenId);
    }
}
