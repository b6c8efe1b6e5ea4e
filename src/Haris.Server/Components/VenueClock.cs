using System.Globalization;
using Haris.Server.Operations;

namespace Haris.Server.Components;

/// <summary>Shows times as the venue's clock reads them, which is what operators on the ground compare with.</summary>
public sealed class VenueClock(TournamentCatalog catalog)
{
    private const char LeftToRightIsolate = '\u2066';
    private const char PopDirectionalIsolate = '\u2069';

    /// <summary>The time zone of <paramref name="venue"/>, or null when there is no such venue (or no tournament).</summary>
    public TimeZoneInfo? ZoneOf(string? venue) =>
        venue is null ? null : catalog.Tournament?.Venue(venue)?.TimeZone;

    /// <summary>
    /// <paramref name="at"/> in the venue's time zone with its offset (<c>2026-06-14 19:05:12 +03:00</c>); in UTC when
    /// the record has no venue. Digits stay Latin in every language, as the venues' own displays print them.
    /// </summary>
    public string Format(DateTimeOffset at, string? venue) => Format(at, ZoneOf(venue));

    /// <summary><paramref name="at"/> in <paramref name="zone"/>, or UTC.</summary>
    /// <remarks>
    /// Wrapped in Unicode isolates (LRI … PDI) so that in an Arabic line the date, time and offset keep their order
    /// instead of being reordered by the bidirectional algorithm.
    /// </remarks>
    public static string Format(DateTimeOffset at, TimeZoneInfo? zone)
    {
        var text = zone is null
            ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC"
            : TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
        return LeftToRightIsolate + text + PopDirectionalIsolate;
    }

    /// <summary>Only the clock time, for dense tables.</summary>
    public string Short(DateTimeOffset at, string? venue)
    {
        var zone = ZoneOf(venue);
        var local = zone is null ? at.ToUniversalTime() : TimeZoneInfo.ConvertTime(at, zone);
        return local.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
    }
}
