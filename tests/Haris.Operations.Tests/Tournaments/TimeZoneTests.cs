using Haris.Operations.Tournaments;

namespace Haris.Operations.Tests.Tournaments;

/// <summary>Kick-off is written in the venue's local time and placed in UTC through the venue's IANA time zone.</summary>
public sealed class TimeZoneTests
{
    [Theory]
    // Qatar: UTC+3 all year.
    [InlineData("Asia/Qatar", "2026-06-12 19:00", "2026-06-12T16:00:00+00:00", "+03:00")]
    // Oman and the Emirates: UTC+4; a Gulf tournament spans two offsets.
    [InlineData("Asia/Muscat", "2026-06-12 19:00", "2026-06-12T15:00:00+00:00", "+04:00")]
    // The latest kick-off of the day stays on the same UTC day, three hours earlier.
    [InlineData("Asia/Riyadh", "2026-07-01 22:00", "2026-07-01T19:00:00+00:00", "+03:00")]
    // Summer time is applied: Paris is UTC+2 in July and UTC+1 in January.
    [InlineData("Europe/Paris", "2026-07-01 21:00", "2026-07-01T19:00:00+00:00", "+02:00")]
    [InlineData("Europe/Paris", "2026-01-10 21:00", "2026-01-10T20:00:00+00:00", "+01:00")]
    // West of Greenwich the UTC time can fall on the next day.
    [InlineData("America/Mexico_City", "2026-06-11 20:00", "2026-06-12T02:00:00+00:00", "-06:00")]
    // A time with the venue's own offset is taken as it is; ISO 'T' separator and seconds are accepted.
    [InlineData("Asia/Qatar", "2026-06-12T19:00:00+03:00", "2026-06-12T16:00:00+00:00", "+03:00")]
    public void KickOff_LocalTime_IsPlacedInUtcByTheVenuesZone(string zone, string kickOff, string utc, string offset)
    {
        var match = LoadMatch(zone, kickOff, gatesOpen: null);

        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), match.KickOffUtc);
        Assert.Equal(TimeSpan.Zero, match.KickOffUtc.Offset);
        Assert.Equal(offset, match.KickOff.ToString("zzz", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(match.KickOffUtc, match.KickOff);
    }

    [Fact]
    public void LocalKickOff_IsTheVenuesWallClock()
    {
        var match = LoadMatch("Asia/Muscat", "2026-06-12 19:00", gatesOpen: null);

        Assert.Equal(new DateTime(2026, 6, 12, 19, 0, 0), match.LocalKickOff);
        Assert.Equal(new DateOnly(2026, 6, 12), match.LocalDate);
    }

    [Fact]
    public void GatesOpen_DefaultsToThreeHoursBeforeKickOff()
    {
        var match = LoadMatch("Asia/Qatar", "2026-06-12 19:00", gatesOpen: null);

        Assert.Equal(new DateTime(2026, 6, 12, 16, 0, 0), match.LocalGatesOpen);
        Assert.Equal(match.KickOff - Match.DefaultGatesOpenBefore, match.GatesOpen);
        Assert.Equal(new DateTimeOffset(2026, 6, 12, 13, 0, 0, TimeSpan.Zero), match.GatesOpenUtc);
    }

    [Theory]
    // A bare time is on the match day at the venue.
    [InlineData("15:30", "2026-06-12T15:30:00+03:00")]
    // A full date and time is taken as written, even when it is the day before.
    [InlineData("2026-06-11 23:00", "2026-06-11T23:00:00+03:00")]
    public void GatesOpen_WrittenAsTimeOrDateTime_IsLocal(string gatesOpen, string expected)
    {
        var match = LoadMatch("Asia/Qatar", "2026-06-12 19:00", gatesOpen);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), match.GatesOpen);
        Assert.Equal(TimeSpan.FromHours(3), match.GatesOpen.Offset);
    }

    [Theory]
    // On the night clocks go forward in Paris, 02:30 never happens: refusing beats guessing an hour either side.
    [InlineData("2026-03-29 02:30", "2026-03-29 02:30 does not exist in Europe/Paris")]
    // On the night they go back, 02:30 happens twice: the file must say which by giving the offset.
    [InlineData("2026-10-25 02:30", "2026-10-25 02:30 happens twice in Europe/Paris")]
    public void KickOff_AtAClockChange_IsRefused(string kickOff, string reason)
    {
        var yaml = Venue("Europe/Paris", kickOff, null);

        var error = Assert.Single(TournamentLoader.LoadText(yaml, "cup.yaml").Errors);

        Assert.Equal(36, error.Line);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-10-25T02:30+02:00", "2026-10-25T00:30:00+00:00")]
    [InlineData("2026-10-25T02:30+01:00", "2026-10-25T01:30:00+00:00")]
    public void KickOff_AmbiguousTimeWithOffset_IsAccepted(string kickOff, string utc) =>
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), LoadMatch("Europe/Paris", kickOff, null).KickOffUtc);

    private static Match LoadMatch(string zone, string kickOff, string? gatesOpen)
    {
        var result = TournamentLoader.LoadText(Venue(zone, kickOff, gatesOpen), "cup.yaml");
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Tournament.Match("m1")!;
    }

    private static string Venue(string zone, string kickOff, string? gatesOpen)
    {
        var yaml = TournamentYaml.With("time_zone: Asia/Qatar", "time_zone: " + zone).Edit("kick_off: 2026-06-12 19:00", "kick_off: " + kickOff);
        return gatesOpen is null ? yaml : yaml.Edit("kick_off: " + kickOff + ",", $"kick_off: {kickOff}, gates_open: \"{gatesOpen}\",");
    }
}
