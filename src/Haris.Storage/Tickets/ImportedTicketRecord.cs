namespace Haris.Storage.Tickets;

/// <summary>A ticket imported from the ticketing system's list: a barcode without a signature, or a signed token.</summary>
public sealed class ImportedTicketRecord
{
    public required string TicketId { get; set; }

    public required string Match { get; set; }

    public required string Zone { get; set; }

    public required string Gate { get; set; }

    public required string Seat { get; set; }

    public DateTimeOffset ValidFrom { get; set; }

    public DateTimeOffset ValidTo { get; set; }

    /// <summary>The signed token, when the list carries one; such a ticket is admitted only by its token.</summary>
    public string? Token { get; set; }

    public DateTimeOffset ImportedAt { get; set; }

    public required string ImportedBy { get; set; }
}
