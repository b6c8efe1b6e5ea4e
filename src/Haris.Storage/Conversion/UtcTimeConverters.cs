using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Haris.Storage.Conversion;

/// <summary>Stores <see cref="DateTimeOffset"/> as a UTC <see cref="DateTime"/>, for SQLite.</summary>
/// <remarks>
/// SQLite has no date type and EF Core will not compare or order <see cref="DateTimeOffset"/> there, because its text
/// form with an offset does not sort by time. As UTC <see cref="DateTime"/> the column holds
/// <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>, which sorts as text in time order, so ranges and ordering run in SQL.
/// </remarks>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTimeOffset, DateTime>(
    value => value.UtcDateTime,
    value => new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)));

/// <summary>Brings every <see cref="DateTimeOffset"/> to offset zero, which PostgreSQL's <c>timestamptz</c> requires.</summary>
internal sealed class UtcDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
    value => value.ToUniversalTime(),
    value => value.ToUniversalTime());
