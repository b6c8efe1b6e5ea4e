using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haris.Storage.Accreditation;

internal sealed class BadgeRevocationRecordConfiguration : IEntityTypeConfiguration<BadgeRevocationRecord>
{
    public void Configure(EntityTypeBuilder<BadgeRevocationRecord> builder)
    {
        builder.ToTable("badge_revocations");
        builder.HasKey(r => r.BadgeId);
        builder.Property(r => r.BadgeId).HasMaxLength(64);
        builder.Property(r => r.RevokedBy).HasMaxLength(256);
        builder.Property(r => r.Reason).HasMaxLength(1000);
    }
}
