namespace Haris.Operations.Tournaments;

/// <summary>Which of a venue's two concentric secure perimeters something belongs to.</summary>
public enum PerimeterKind
{
    /// <summary>The outer ring: first search and ticket pre-check, away from the stadium walls.</summary>
    Outer,

    /// <summary>The inner ring at the stadium itself, where the turnstiles are.</summary>
    Inner,
}

/// <summary>A point where people are checked on their way through a perimeter.</summary>
/// <param name="Id">Unique within the venue.</param>
/// <param name="Name">What stewards and the operations room call it.</param>
/// <param name="Lanes">How many search or check lanes run side by side.</param>
public sealed record CheckPoint(string Id, LocalizedText Name, int Lanes);

/// <summary>One of the two secure perimeters FIFA requires around a venue, with its check points.</summary>
/// <param name="Kind">Outer or inner.</param>
/// <param name="CheckPoints">At least one check point.</param>
public sealed record Perimeter(PerimeterKind Kind, IReadOnlyList<CheckPoint> CheckPoints)
{
    /// <summary>The lanes of all the perimeter's check points together.</summary>
    public int Lanes => CheckPoints.Sum(c => c.Lanes);
}
