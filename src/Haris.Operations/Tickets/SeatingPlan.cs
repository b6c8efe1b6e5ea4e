using System.Globalization;

namespace Haris.Operations.Tickets;

/// <summary>A block of seats in one zone, entered through one gate: rows numbered from 1, seats in each row from 1.</summary>
/// <param name="ZoneId">The zone the block belongs to.</param>
/// <param name="GateId">The gate its spectators are assigned to.</param>
/// <param name="Block">The block's name as printed (e.g. <c>112</c>).</param>
/// <param name="Rows">How many rows.</param>
/// <param name="SeatsPerRow">How many seats each row has.</param>
public sealed record SeatingSection(string ZoneId, string GateId, string Block, int Rows, int SeatsPerRow)
{
    /// <summary>How many seats the block has.</summary>
    public int Capacity => checked(Rows * SeatsPerRow);
}

/// <summary>The seats tickets are issued for, section by section, in order.</summary>
public sealed class SeatingPlan
{
    /// <summary>A plan over the given sections, filled in the order given.</summary>
    public SeatingPlan(IEnumerable<SeatingSection> sections)
    {
        ArgumentNullException.ThrowIfNull(sections);
        Sections = [.. sections];
        var capacity = 0;
        foreach (var section in Sections)
        {
            if (section.Rows < 0 || section.SeatsPerRow < 0)
            {
                throw new ArgumentException($"Block '{section.Block}' has a negative number of rows or seats.", nameof(sections));
            }

            capacity = checked(capacity + section.Capacity);
        }

        Capacity = capacity;
    }

    /// <summary>The sections, in the order they are filled.</summary>
    public IReadOnlyList<SeatingSection> Sections { get; }

    /// <summary>How many seats the plan has.</summary>
    public int Capacity { get; }

    /// <summary>Every seat, in order: zone, gate and the seat as printed, <c>block-row-seat</c> (e.g. <c>112-14-7</c>).</summary>
    public IEnumerable<(string ZoneId, string GateId, string Seat)> Seats()
    {
        foreach (var section in Sections)
        {
            for (var row = 1; row <= section.Rows; row++)
            {
                for (var seat = 1; seat <= section.SeatsPerRow; seat++)
                {
                    yield return (section.ZoneId, section.GateId, string.Create(CultureInfo.InvariantCulture, $"{section.Block}-{row}-{seat}"));
                }
            }
        }
    }
}
