using System.Globalization;
using System.Text.Json;
using Haris.Operations.Tickets;

namespace Haris.Simulation.Ingress;

/// <summary>One line of <c>scans.jsonl</c>: what a turnstile reader sends, <c>{time, gate, token, direction}</c>.</summary>
/// <param name="Time">When the reader scanned, UTC to the millisecond.</param>
/// <param name="Gate">The gate id.</param>
/// <param name="Token">What the reader read: a signed token, a forgery, or a bare barcode.</param>
/// <param name="Direction">In or out.</param>
public sealed record TurnstileScan(DateTimeOffset Time, string Gate, string Token, ScanDirection Direction)
{
    /// <summary>The direction as the file writes it: <c>in</c> or <c>out</c>.</summary>
    public string DirectionName => Direction == ScanDirection.In ? "in" : "out";

    /// <summary>The request this scan makes of the ticket validator.</summary>
    public ScanRequest ToRequest() => new(Gate, Token, Direction);

    /// <summary>Reads one line of <c>scans.jsonl</c>; throws <see cref="JsonException"/>, <see cref="FormatException"/> or <see cref="KeyNotFoundException"/> on a bad line.</summary>
    public static TurnstileScan Parse(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        var direction = Required(root, "direction") switch
        {
            "in" => ScanDirection.In,
            "out" => ScanDirection.Out,
            var other => throw new FormatException($"direction must be 'in' or 'out', not '{other}'"),
        };
        return new TurnstileScan(
            DateTimeOffset.Parse(Required(root, "time"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            Required(root, "gate"),
            Required(root, "token"),
            direction);
    }

    private static string Required(JsonElement root, string name) =>
        root.GetProperty(name).GetString() ?? throw new FormatException($"scan field '{name}' is null");
}
