using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haris.Storage.Units;

internal sealed class UnitStatusRecordConfiguration : IEntityTypeConfiguration<UnitStatusRecord>
{
    public void Configure(EntityTypeBuilder<UnitStatusRecord> builder)
    {
        builder.ToTable("unit_status");
        builder.HasKey(u => u.UnitId);
        builder.Property(u => u.UnitId).HasMaxLength(100);
        builder.Property(u => u.Status).HasMaxLength(16);
        builder.Property(u => u.ChangedBy).HasMaxLength(256);
        builder.Property(u => u.Version).IsConcurrencyToken();
        builder.HasIndex(u => u.IncidentId);
    }
}
