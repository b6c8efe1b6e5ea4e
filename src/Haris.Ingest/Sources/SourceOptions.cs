using System.ComponentModel.DataAnnotations;
using Haris.Ingest.Parsing;

namespace Haris.Ingest.Sources;

/// <summary>Settings every source has: its name, the dataset and format of its lines, and the batch size.</summary>
/// <remarks>
/// Plain settable properties with data annotations, so an entry of the <c>sources:</c> list in <c>haris.yaml</c> binds
/// with the options pattern and <c>ValidateDataAnnotations</c>. Sources validate their options again when created.
/// </remarks>
public class SourceOptions
{
    /// <summary>The largest batch size accepted by <see cref="MaxBatchLines"/>.</summary>
    public const int MaxBatchLinesLimit = 65536;

    /// <summary>The source's name in alerts and counters; defaults to the file path or the endpoint.</summary>
    [StringLength(256)]
    public string? Name { get; set; }

    /// <summary>The <c>event.dataset</c> given to the source's events, e.g. <c>nginx.access</c>; none by default.</summary>
    [StringLength(128)]
    public string? Dataset { get; set; }

    /// <summary>The format of the lines: <c>auto</c>, <c>combined</c>, <c>json</c>, <c>syslog</c> or <c>eve</c>.</summary>
    [Required]
    [RegularExpression("^(?i:auto|combined|json|syslog|eve)$", ErrorMessage = "The Format field must be one of auto, combined, json, syslog, eve.")]
    public string Format { get; set; } = "auto";

    /// <summary>The most lines put in one batch; defaults to 1024.</summary>
    [Range(1, MaxBatchLinesLimit)]
    public int MaxBatchLines { get; set; } = 1024;

    /// <summary>The <see cref="Format"/> as a <see cref="LogFormat"/>; throws when it names no format.</summary>
    public LogFormat GetLogFormat() =>
        Enum.TryParse<LogFormat>(Format, ignoreCase: true, out var format) && Enum.IsDefined(format)
            ? format
            : throw new InvalidOperationException($"unknown format '{Format}': expected auto, combined, json, syslog or eve");

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid setting.</summary>
    internal void Validate(string parameterName)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true))
        {
            throw new ArgumentException(
                "invalid source options: " + string.Join("; ", results.Select(r => r.ErrorMessage)), parameterName);
        }
    }
}
