using Haris.Core.Alerts;
using Haris.Core.Incidents;
using Haris.Operations.Accreditation;
using Haris.Operations.Tickets;
using Haris.Operations.Tournaments;
using Haris.Server.Api;
using Haris.Server.Components;
using Haris.Server.Operations.Field;
using Haris.Server.Operations.Ticketing;

namespace Haris.Ui.Tests;

/// <summary>The three text tables say the same things, and every value the pages label has a label.</summary>
public sealed class ResourcesTests
{
    private static IReadOnlyDictionary<string, string> Table(string language)
    {
        var ui = new UiLanguage();
        Assert.True(ui.Use(language));
        return new UiLocalizer(ui).GetAllStrings(includeParentCultures: false).ToDictionary(s => s.Name, s => s.Value, StringComparer.Ordinal);
    }

    [Theory]
    [InlineData(UiLanguage.French)]
    [InlineData(UiLanguage.Arabic)]
    public void Table_HasEveryEnglishKey_AndNoOther(string language)
    {
        var english = Table(UiLanguage.English);
        var other = Table(language);

        Assert.Empty(english.Keys.Except(other.Keys));
        Assert.Empty(other.Keys.Except(english.Keys));
        Assert.DoesNotContain(other, entry => string.IsNullOrWhiteSpace(entry.Value));
    }

    [Fact]
    public void EveryEnumValueShownOnAPage_HasALabel()
    {
        var keys = Table(UiLanguage.English).Keys.ToHashSet(StringComparer.Ordinal);
        IEnumerable<string> expected =
        [
            .. Enum.GetValues<AlertLevel>().Select(v => "Level_" + v),
            .. Enum.GetValues<AlertStatus>().Select(v => "AlertStatus_" + v),
            .. Enum.GetValues<IncidentStatus>().Select(v => "IncidentStatus_" + v),
            .. Enum.GetValues<IncidentSeverity>().Select(v => "Severity_" + v),
            .. Enum.GetValues<IncidentCategory>().Select(v => "Category_" + v),
            .. Enum.GetValues<TimelineEntryKind>().Select(v => "Timeline_" + v),
            .. Enum.GetValues<UnitState>().Select(v => "UnitState_" + v),
            .. Enum.GetValues<UnitKind>().Select(v => "UnitKind_" + v),
            .. Enum.GetValues<PerimeterKind>().Select(v => "Perimeter_" + EnumText.Name(v)),
            .. Enum.GetValues<AccreditationReason>().Select(v => "AccReason_" + EnumText.Name(v)),
            .. ScanNames.Reasons.Select(r => "Reason_" + r),
            .. Enum.GetValues<TokenError>().Where(e => e != TokenError.None).Select(e => "TokenError_" + ScanNames.Name(e)),
            .. UiLanguage.Supported.Select(code => "LanguageName_" + code),
        ];

        var missing = expected.Where(key => !keys.Contains(key)).ToList();
        Assert.True(missing.Count == 0, "no label for " + string.Join(", ", missing));
    }

    [Fact]
    public void MissingKey_FallsBackToTheKeyAndSaysSo()
    {
        var ui = new UiLanguage();
        ui.Use(UiLanguage.Arabic);

        var text = new UiLocalizer(ui)["NoSuchLabel"];

        Assert.True(text.ResourceNotFound);
        Assert.Equal("NoSuchLabel", text.Value);
    }
}
