using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haris.Storage.Tickets;

internal sealed class ImportedTicketRecordConfiguration : IEntityTypeConfiguration<ImportedTicketRecord>
{
    public void Configure(EntityTypeBuilder<ImportedTicketRecord> builder)
    {
        builder.ToTable("tickets");
        builder.HasKey(t => t.TicketId);
        builder.Property(t => t.TicketId).HasMaxLength(64);
        builder.Property(t => t.Match).HasMaxLength(100);
        builder.Property(t => t.Zone).HasMaxLength(100);
        builder.Property(t => t.Gate).HasMaxLength(100);
        builder.Property(t => t.Seat).HasMaxLength(64);
        builder.Property(t => t.Token).HasMaxLength(1024);
        builder.Property(t => t.ImportedBy).HasMaxLength(256);
        builder.HasIndex(t => t.Match);
    }
}
