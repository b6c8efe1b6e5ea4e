using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haris.Storage.Accreditation;

internal sealed class AccreditedPersonRecordConfiguration : IEntityTypeConfiguration<AccreditedPersonRecord>
{
    public void Configure(EntityTypeBuilder<AccreditedPersonRecord> builder)
    {
        builder.ToTable("accredited_people");
        builder.HasKey(p => p.BadgeId);
        builder.Property(p => p.BadgeId).HasMaxLength(64);
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Organisation).HasMaxLength(200);
        builder.Property(p => p.Function).HasMaxLength(100);
        builder.Property(p => p.PhotoReference).HasMaxLength(256);
        builder.Property(p => p.Access).HasMaxLength(4000);
        builder.Property(p => p.ImportedBy).HasMaxLength(256);
    }
}
