using System.Globalization;
using System.Resources;
using Haris.Server.Resources;
using Microsoft.Extensions.Localization;

namespace Haris.Server.Components;

/// <summary>Reads UI text from the <c>.resx</c> table of the person's language, falling back to English.</summary>
/// <remarks>
/// The hosts run with invariant globalization, where <c>CultureInfo</c> cannot stand for Arabic or French, so the
/// language comes from <see cref="UiLanguage"/> and each table is its own embedded resource (see the project file).
/// </remarks>
internal sealed class UiLocalizer(UiLanguage language) : IStringLocalizer<Ui>
{
    private static readonly Dictionary<string, ResourceManager> s_tables = UiLanguage.Supported.ToDictionary(
        code => code, code => new ResourceManager("Haris.Server.Resources.Ui." + code, typeof(Ui).Assembly), StringComparer.Ordinal);

    public LocalizedString this[string name]
    {
        get
        {
            var text = Find(name);
            return new LocalizedString(name, text ?? name, resourceNotFound: text is null);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var text = Find(name);
            return new LocalizedString(name, string.Format(CultureInfo.InvariantCulture, text ?? name, arguments), resourceNotFound: text is null);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures)
    {
        var set = s_tables[language.Code].GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false);
        if (set is null)
        {
            yield break;
        }

        foreach (System.Collections.DictionaryEntry entry in set)
        {
            yield return new LocalizedString((string)entry.Key, entry.Value as string ?? "");
        }
    }

    private string? Find(string name) =>
        s_tables[language.Code].GetString(name, CultureInfo.InvariantCulture)
        ?? s_tables[UiLanguage.English].GetString(name, CultureInfo.InvariantCulture);
}
