using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haris.Storage.Tickets;

internal sealed class TicketRevocationRecordConfiguration : IEntityTypeConfiguration<TicketRevocationRecord>
{
    public void Configure(EntityTypeBuilder<TicketRevocationRecord> builder)
    {
        builder.ToTable("ticket_revocations");
        builder.HasKey(r => r.TicketId);
        builder.Property(r => r.TicketId).HasMaxLength(64);
        builder.Property(r => r.RevokedBy).HasMaxLength(256);
        builder.Property(r => r.Reason).HasMaxLength(1000);
    }
}
