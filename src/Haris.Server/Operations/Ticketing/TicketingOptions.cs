using System.ComponentModel.DataAnnotations;

namespace Haris.Server.Operations.Ticketing;

/// <summary>The <c>Tickets</c> section of <c>haris.yaml</c>: where the signing keys are and how turnstile scans are written.</summary>
public sealed class TicketingOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Tickets";

    /// <summary>The folder of the ticket keys; by default <c>ticket-keys</c> in the data directory, as <c>haris tickets issue</c> uses.</summary>
    public string? KeyDirectory { get; set; }

    /// <summary>The most scans decided and committed in one transaction.</summary>
    [Range(1, 100_000)]
    public int MaxBatch { get; set; } = 2_000;

    /// <summary>The most scans waiting for a decision; beyond it a turnstile is told to retry (503).</summary>
    [Range(1, 10_000_000)]
    public int QueueLimit { get; set; } = 100_000;

    /// <summary>How often (exercise time, when the clock is one) the crowd alerts are evaluated.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan CrowdEvaluationInterval { get; set; } = TimeSpan.FromSeconds(10);
}
