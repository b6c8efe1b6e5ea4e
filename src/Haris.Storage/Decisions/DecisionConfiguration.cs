using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haris.Storage.Decisions;

internal sealed class DecisionConfiguration : IEntityTypeConfiguration<Decision>
{
    public void Configure(EntityTypeBuilder<Decision> builder)
    {
        builder.ToTable("decisions");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Value).HasMaxLength(64);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.Reason).HasMaxLength(1000);
        builder.Property(d => d.Origin).HasMaxLength(256);
        builder.Property(d => d.CreatedBy).HasMaxLength(256);
        builder.Property(d => d.RevokedBy).HasMaxLength(256);

        // Unique: two writers that picked the same next value (two processes on PostgreSQL) conflict, and one retries.
        builder.HasIndex(d => d.Sequence).IsUnique();
        builder.HasIndex(d => d.Value);
    }
}
