using System.ComponentModel.DataAnnotations;

namespace Haris.Storage;

/// <summary>Where and in which database Haris keeps its state; bound from the <c>Storage</c> configuration section.</summary>
/// <remarks>Defaults run with nothing configured: SQLite in <c>./data/haris.db</c>.</remarks>
public sealed class StorageOptions : IValidatableObject
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Storage";

    /// <summary>The embedded default: one SQLite file in <see cref="DataDirectory"/>.</summary>
    public const string Sqlite = "sqlite";

    /// <summary>PostgreSQL through Npgsql; needs <see cref="ConnectionString"/>.</summary>
    public const string PostgreSql = "postgresql";

    /// <summary>The SQLite database's file name inside <see cref="DataDirectory"/>.</summary>
    public const string SqliteFileName = "haris.db";

    /// <summary>The folder for the SQLite database, created when missing; relative to the working directory.</summary>
    [Required]
    public string DataDirectory { get; set; } = "./data";

    /// <summary><c>sqlite</c> (the default) or <c>postgresql</c>.</summary>
    [Required]
    [RegularExpression("^(?i)(sqlite|postgresql)$", ErrorMessage = "Storage:Provider must be 'sqlite' or 'postgresql'.")]
    public string Provider { get; set; } = Sqlite;

    /// <summary>The database connection string; required for PostgreSQL, and for SQLite it replaces the file in <see cref="DataDirectory"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Whether <see cref="Provider"/> names PostgreSQL.</summary>
    public bool IsPostgreSql => string.Equals(Provider, PostgreSql, StringComparison.OrdinalIgnoreCase);

    /// <summary>The full path of the SQLite database file.</summary>
    public string SqliteDatabasePath => Path.GetFullPath(Path.Combine(DataDirectory, SqliteFileName));

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IsPostgreSql && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                "Storage:ConnectionString is required when Storage:Provider is 'postgresql'.", [nameof(ConnectionString)]);
        }
    }
}
