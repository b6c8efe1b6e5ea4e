namespace Haris.Core.Events;

/// <summary>A Sigma logsource triple: which kind of log an event is, or which kind a rule is written for.</summary>
/// <remarks>Values are lower-case; a null member means "not stated".</remarks>
public sealed record Logsource(string? Category, string? Product, string? Service)
{
    /// <summary>An event of unknown origin (plain JSON): it is offered to every rule.</summary>
    public static readonly Logsource Unknown = new(null, null, null);

    /// <summary>Web server access logs (nginx, Apache): the Sigma <c>webserver</c> category.</summary>
    public static readonly Logsource Webserver = new("webserver", null, null);

    /// <summary>True when nothing is stated, so the event is offered to every rule.</summary>
    public bool IsUnknown => Category is null && Product is null && Service is null;

    /// <summary>
    /// Whether a rule written for this logsource is offered an event of <paramref name="eventSource"/>:
    /// every key the rule states must equal the event's; an unknown event is offered to every rule.
    /// </summary>
    public bool Accepts(Logsource eventSource)
    {
        if (eventSource.IsUnknown)
        {
            return true;
        }

        return Same(Category, eventSource.Category)
            && Same(Product, eventSource.Product)
            && Same(Service, eventSource.Service);

        static bool Same(string? rule, string? evt) => rule is null || string.Equals(rule, evt, StringComparison.Ordinal);
    }

    /// <summary>Parses <c>category=X,product=Y,service=Z</c> (any subset, any order).</summary>
    public static bool TryParse(string text, out Logsource logsource, out string error)
    {
        string? category = null, product = null, service = null;
        logsource = Unknown;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == part.Length - 1)
            {
                error = $"'{part}' is not key=value (expected category=X,product=Y,service=Z)";
                return false;
            }

            var key = part[..eq].Trim();
            var value = part[(eq + 1)..].Trim().ToLowerInvariant();
            switch (key)
            {
                case "category": category = value; break;
                case "product": product = value; break;
                case "service": service = value; break;
                default:
                    error = $"unknown logsource key '{key}' (expected category, product or service)";
                    return false;
            }
        }

        logsource = new Logsource(category, product, service);
        error = string.Empty;
        return true;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var parts = new List<string>(3);
        if (Category is not null) parts.Add("category=" + Category);
        if (Product is not null) parts.Add("product=" + Product);
        if (Service is not null) parts.Add("service=" + Service);
        return parts.Count == 0 ? "any" : string.Join(',', parts);
    }
}
