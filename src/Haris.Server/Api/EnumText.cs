using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Haris.Server.Api;

/// <summary>Enum values as the API spells them (<c>in_progress</c>, <c>source_ip</c>), read from request text.</summary>
/// <remarks>
/// Query strings and configuration values are bound by <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/>,
/// which knows <c>InProgress</c> and not <c>in_progress</c> and also takes numbers; and an unknown member in a JSON
/// body fails deserialisation with a detail that names neither the field nor the allowed values. Request records
/// therefore take such fields as text and read them here, so a wrong value is answered with what was wrong and where.
/// </remarks>
internal static class EnumText
{
    /// <summary>Reads <paramref name="text"/> as a member of <typeparamref name="T"/> in snake_case (or its C# name), never as a number.</summary>
    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        foreach (var member in Enum.GetValues<T>())
        {
            var name = member.ToString();
            if (string.Equals(trimmed, Name(member), StringComparison.OrdinalIgnoreCase)
                || string.Equals(trimmed, name, StringComparison.OrdinalIgnoreCase))
            {
                value = member;
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads an optional query value: null when absent, or a problem detail naming the parameter and the allowed values.</summary>
    public static bool TryParseOptional<T>(string? text, string parameter, out T? value, [NotNullWhen(false)] out string? problem)
        where T : struct, Enum
    {
        value = null;
        problem = null;
        if (text is null)
        {
            return true;
        }

        if (TryParse<T>(text, out var parsed))
        {
            value = parsed;
            return true;
        }

        problem = $"{parameter} must be one of {Names<T>()} (got '{Clip(text)}')";
        return false;
    }

    /// <summary>Reads a required value: a problem detail saying it is missing, or naming the bad value and the allowed ones.</summary>
    public static bool TryParseRequired<T>(string? text, string parameter, out T value, [NotNullWhen(false)] out string? problem)
        where T : struct, Enum
    {
        problem = null;
        if (TryParse(text, out value))
        {
            return true;
        }

        problem = text is null
            ? $"{parameter} is required: one of {Names<T>()}"
            : $"{parameter} must be one of {Names<T>()} (got '{Clip(text)}')";
        return false;
    }

    /// <summary>The API spelling of <paramref name="value"/>.</summary>
    public static string Name<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>Every member of <typeparamref name="T"/> in its API spelling, separated by commas, for error details.</summary>
    public static string Names<T>()
        where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(Name));

    /// <summary>A value quoted back in an error detail, cut short so a caller cannot make the answer arbitrarily long.</summary>
    public static string Clip(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 80), "…");
}
