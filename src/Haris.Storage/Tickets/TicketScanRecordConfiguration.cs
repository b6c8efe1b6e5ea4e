using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haris.Storage.Tickets;

internal sealed class TicketScanRecordConfiguration : IEntityTypeConfiguration<TicketScanRecord>
{
    public void Configure(EntityTypeBuilder<TicketScanRecord> builder)
    {
        builder.ToTable("ticket_scans");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedOnAdd();
        builder.Property(s => s.Venue).HasMaxLength(100);
        builder.Property(s => s.Match).HasMaxLength(100);
        builder.Property(s => s.Gate).HasMaxLength(100);
        builder.Property(s => s.Direction).HasMaxLength(8);
        builder.Property(s => s.Decision).HasMaxLength(8);
        builder.Property(s => s.Reason).HasMaxLength(32);
        builder.Property(s => s.RedirectGate).HasMaxLength(100);
        builder.Property(s => s.TicketId).HasMaxLength(64);
        builder.Property(s => s.Zone).HasMaxLength(100);
        builder.Property(s => s.TokenError).HasMaxLength(32);
        builder.Property(s => s.Sensor).HasMaxLength(256);
        builder.HasIndex(s => new { s.Match, s.Id });
        builder.HasIndex(s => new { s.Venue, s.At });
    }
}
