using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace Haris.Server.Pipeline;

/// <summary>
/// What changed, for live screens: an alert stored (or its count raised), an incident opened, changed or escalated, a
/// unit moved, turnstile scans decided.
/// </summary>
/// <param name="Kind"><c>alert</c>, <c>alert-count</c>, <c>incident</c>, <c>escalation</c>, <c>unit</c> or <c>scans</c>.</param>
/// <param name="Id">The alert id, the rule id (for <c>alert-count</c>), the incident number, the unit id, or the venue (for <c>scans</c>).</param>
/// <param name="Venue">The venue concerned, when there is one, so screens limited to venues can skip the rest.</param>
public sealed record LiveUpdate(string Kind, string Id, string? Venue);

/// <summary>Publishes changes in-process as they are stored, for the live UI and streaming clients.</summary>
/// <remarks>
/// Handlers run on the publishing thread and must return quickly (a UI component marshals to its own context and
/// returns). A handler that throws is logged and does not stop the others.
/// </remarks>
public sealed class LiveFeed(ILogger<LiveFeed> logger)
{
    private ImmutableArray<Action<LiveUpdate>> _handlers = [];

    /// <summary>Calls <paramref name="handler"/> for every update until the returned subscription is disposed.</summary>
    public IDisposable Subscribe(Action<LiveUpdate> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ImmutableInterlocked.Update(ref _handlers, static (list, h) => list.Add(h), handler);
        return new Subscription(this, handler);
    }

    /// <summary>Tells every subscriber about <paramref name="update"/>.</summary>
    public void Publish(LiveUpdate update)
    {
        foreach (var handler in _handlers)
        {
            try
            {
                handler(update);
            }
            catch (Exception ex)
            {
                Log.LiveHandlerFailed(logger, ex, update.Kind);
            }
        }
    }

    private sealed class Subscription(LiveFeed feed, Action<LiveUpdate> handler) : IDisposable
    {
        public void Dispose() => ImmutableInterlocked.Update(ref feed._handlers, static (list, h) => list.Remove(h), handler);
    }
}
