using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haris.Storage.Accreditation;

internal sealed class CheckpointScanRecordConfiguration : IEntityTypeConfiguration<CheckpointScanRecord>
{
    public void Configure(EntityTypeBuilder<CheckpointScanRecord> builder)
    {
        builder.ToTable("checkpoint_scans");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedOnAdd();
        builder.Property(s => s.BadgeId).HasMaxLength(64);
        builder.Property(s => s.Venue).HasMaxLength(100);
        builder.Property(s => s.Checkpoint).HasMaxLength(100);
        builder.Property(s => s.Zone).HasMaxLength(100);
        builder.Property(s => s.Decision).HasMaxLength(8);
        builder.Property(s => s.Reason).HasMaxLength(32);
        builder.Property(s => s.Sensor).HasMaxLength(256);
        builder.HasIndex(s => new { s.Venue, s.At });
        builder.HasIndex(s => new { s.BadgeId, s.At });
    }
}
