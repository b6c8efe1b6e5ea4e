namespace Haris.Server.Resources;

/// <summary>The UI's text table (<c>Ui.resx</c>, <c>Ui.fr.resx</c>, <c>Ui.ar.resx</c>), named for <c>IStringLocalizer&lt;Ui&gt;</c>.</summary>
public sealed class Ui
{
    private Ui()
    {
    }
}
