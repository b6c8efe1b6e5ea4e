namespace Haris.Operations.Crowd;

/// <summary>What a gate's scanner decided about one ticket.</summary>
public enum GateScanOutcome
{
    /// <summary>Valid: the holder went through.</summary>
    Admitted,

    /// <summary>Not a ticket that was ever issued (bad signature, unknown barcode).</summary>
    Counterfeit,

    /// <summary>An issued ticket already used (a copy, or a second attempt).</summary>
    Duplicate,

    /// <summary>Refused for another reason (wrong gate, wrong match, cancelled).</summary>
    Rejected,
}

/// <summary>One ticket scan at a gate, as the gate activity and the crowd alerts count it.</summary>
/// <param name="Time">When the ticket was scanned.</param>
/// <param name="GateId">The gate.</param>
/// <param name="Outcome">The scanner's verdict.</param>
public readonly record struct GateScan(DateTimeOffset Time, string GateId, GateScanOutcome Outcome);

/// <summary>A gate's scans within one window of time.</summary>
/// <param name="GateId">The gate.</param>
/// <param name="Window">The window's length.</param>
/// <param name="End">The window's end; the window is the whole seconds up to and including <c>End</c>'s, as many as <c>Window</c> holds.</param>
/// <param name="Admitted">Tickets admitted.</param>
/// <param name="Counterfeit">Tickets refused as counterfeit.</param>
/// <param name="Duplicate">Tickets refused as already used.</param>
/// <param name="Rejected">Tickets refused for another reason.</param>
public readonly record struct GateWindowCounts(
    string GateId,
    TimeSpan Window,
    DateTimeOffset End,
    int Admitted,
    int Counterfeit,
    int Duplicate,
    int Rejected)
{
    /// <summary>All scans in the window, whatever their outcome.</summary>
    public int Scans => Admitted + Counterfeit + Duplicate + Rejected;

    /// <summary>Counterfeits as a share of all scans; zero when there were none.</summary>
    public double CounterfeitShare => Scans == 0 ? 0 : (double)Counterfeit / Scans;
}
