using Haris.Storage.Conversion;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haris.Storage.Alerts;

internal sealed class StoredAlertConfiguration : IEntityTypeConfiguration<StoredAlert>
{
    public void Configure(EntityTypeBuilder<StoredAlert> builder)
    {
        builder.ToTable("alerts");

        // The deterministic id is the key, so inserting a replayed alert conflicts instead of duplicating it.
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasMaxLength(64);
        builder.Property(a => a.RuleId).HasMaxLength(200);
        builder.Property(a => a.RuleTitle).HasMaxLength(500);
        builder.Property(a => a.RuleName).HasMaxLength(200);
        builder.Property(a => a.RuleAuthor).HasMaxLength(500);

        // Levels are stored as numbers, lowest first, so "at least high" is a comparison in SQL.
        builder.Property(a => a.Level);
        builder.Property(a => a.SourceIp).HasMaxLength(64);
        builder.Property(a => a.Venue).HasMaxLength(100);
        builder.Property(a => a.Dataset).HasMaxLength(200);
        builder.Property(a => a.GroupKey).HasMaxLength(64);
        builder.Property(a => a.GroupValues).IsJson();
        builder.Property(a => a.Tags).IsJson();
        builder.Property(a => a.EvidenceLines).IsJson();
        builder.Property(a => a.SourceFile).HasMaxLength(1024);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(32);

        builder.HasOne(a => a.Incident).WithMany().HasForeignKey(a => a.IncidentId).OnDelete(DeleteBehavior.SetNull);

        builder.HasIndex(a => a.Timestamp).IsDescending();
        builder.HasIndex(a => a.RuleId);
        builder.HasIndex(a => a.Level);
        builder.HasIndex(a => a.SourceIp);
        builder.HasIndex(a => a.Venue);
        builder.HasIndex(a => a.Status);
        builder.HasIndex(a => new { a.RuleId, a.GroupKey, a.LastSeen });
    }
}
