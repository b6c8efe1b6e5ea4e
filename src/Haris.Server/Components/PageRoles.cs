namespace Haris.Server.Components;

/// <summary>Role sets in the comma-separated form <c>AuthorizeView</c> takes.</summary>
public static class PageRoles
{
    /// <summary>The roles of <paramref name="roles"/>, comma-separated.</summary>
    public static string Of(IEnumerable<string> roles) => string.Join(',', roles);
}
