using System.Text.Encodings.Web;
using System.Text.Json;
using Haris.Operations.Tickets;

namespace Haris.Simulation.Ingress;

/// <summary>The names of the files an ingress run writes into its output folder.</summary>
public static class IngressFiles
{
    /// <summary>The match's tickets (<see cref="TicketCsv"/>), with their tokens.</summary>
    public const string Tickets = "tickets.csv";

    /// <summary>One turnstile scan per line (<see cref="TurnstileScan"/>), in time order.</summary>
    public const string Scans = "scans.jsonl";

    /// <summary>One injection per line (<see cref="IngressLabel"/>), in order of start.</summary>
    public const string Labels = "ingress-labels.jsonl";
}

/// <summary>
/// Generates the turnstile scans of one match: ticket holders arriving along an arrival curve, with wrong gates,
/// copies, counterfeits, a failing gate, a stand under pressure, people going out and back, and the egress.
/// </summary>
/// <remarks>
/// Deterministic: the same options and tickets (tokens included) give byte-identical scans and labels. Streaming: the
/// scans are written as they happen, in time order, never held; beside the tickets the run keeps 13 bytes per ticket.
/// docs/simulation.md describes what is generated and the labels.
/// </remarks>
public static class IngressSimulator
{
    /// <summary>Writes <c>scans.jsonl</c> and <c>ingress-labels.jsonl</c> into <paramref name="directory"/>, creating it if needed.</summary>
    public static IngressSummary Run(MatchIngress ingress, IngressOptions options, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Directory.CreateDirectory(directory);
        using var scans = Create(directory, IngressFiles.Scans);
        using var labels = Create(directory, IngressFiles.Labels);
        return Run(ingress, options, scans, labels, cancellationToken);
    }

    /// <summary>Writes the scans and the labels to the given streams (left open, flushed).</summary>
    /// <exception cref="ArgumentException">The ingress or options are not usable (tickets of another match, a share out of range).</exception>
    public static IngressSummary Run(
        MatchIngress ingress, IngressOptions options, Stream scans, Stream labels, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ingress);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(scans);
        ArgumentNullException.ThrowIfNull(labels);
        ingress.Validate();
        options.Validate();

        var run = new IngressRun(ingress, options, scans);
        var summary = run.Run(cancellationToken);
        scans.Flush();

        // Labels go to files, never into HTML: keep '+', '<' and quotes readable.
        using var writer = new Utf8JsonWriter(labels, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        foreach (var label in run.Labels())
        {
            label.WriteTo(writer);
            writer.Flush();
            labels.WriteByte((byte)'\n');
            writer.Reset();
        }

        labels.Flush();
        return summary;
    }

    private static FileStream Create(string directory, string name) =>
        new(Path.Combine(directory, name), FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
}
