using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haris.Storage.Conversion;

/// <summary>Stores a property as JSON text.</summary>
/// <remarks>
/// Text on both providers rather than PostgreSQL's jsonb: nothing queries inside these documents, and one column type
/// keeps the model the same on SQLite and PostgreSQL.
/// </remarks>
internal static class JsonColumn
{
    private static readonly JsonSerializerOptions s_options = new(JsonSerializerDefaults.Web)
    {
        // Stored data, not HTML: keep Arabic and other scripts readable in the column.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Maps the property to a JSON text column, compared by value so edits inside the object are saved.</summary>
    public static PropertyBuilder<T> IsJson<T>(this PropertyBuilder<T> property)
    {
        property.HasConversion(
            value => Serialize(value),
            json => Deserialize<T>(json),
            new ValueComparer<T>(
                (left, right) => Serialize(left) == Serialize(right),
                value => Serialize(value).GetHashCode(StringComparison.Ordinal),
                value => Deserialize<T>(Serialize(value))));
        return property;
    }

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, s_options);

    private static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, s_options)!;
}
