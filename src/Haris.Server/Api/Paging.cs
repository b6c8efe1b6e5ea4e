using System.Diagnostics.CodeAnalysis;

namespace Haris.Server.Api;

/// <summary>The page a listing asked for: <c>page</c> (from 1) and <c>page_size</c> (1 to <see cref="MaxSize"/>, default 50).</summary>
internal readonly record struct Paging(int Page, int Size)
{
    /// <summary>The largest page any listing serves.</summary>
    public const int MaxSize = 500;

    /// <summary>How many items come before this page.</summary>
    public int Skip => (Page - 1) * Size;

    /// <summary>Reads the query's values; false with the problem to answer when either is out of range.</summary>
    public static bool TryRead(int? page, int? pageSize, out Paging paging, [NotNullWhen(false)] out string? problem)
    {
        paging = new Paging(page ?? 1, pageSize ?? 50);
        problem = paging.Page < 1 || paging.Size is < 1 or > MaxSize
            ? $"page must be 1 or more and page_size 1 to {MaxSize}"
            : null;
        return problem is null;
    }
}
