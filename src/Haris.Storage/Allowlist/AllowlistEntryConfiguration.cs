using Haris.Core.Allowlist;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haris.Storage.Allowlist;

internal sealed class AllowlistEntryConfiguration : IEntityTypeConfiguration<AllowlistEntry>
{
    public void Configure(EntityTypeBuilder<AllowlistEntry> builder)
    {
        builder.ToTable("allowlist");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Scope).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Value).HasMaxLength(AllowlistValues.MaxLength);
        builder.Property(e => e.RuleId).HasMaxLength(200);
        builder.Property(e => e.Reason).HasMaxLength(1000);
        builder.Property(e => e.CreatedBy).HasMaxLength(256);
        builder.HasIndex(e => new { e.Scope, e.Value });
    }
}
