using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haris.Storage.Incidents;

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        builder.ToTable("incidents");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedOnAdd();
        builder.Property(i => i.Title).HasMaxLength(200);
        builder.Property(i => i.Description).HasMaxLength(4000);

        // Nominal values as text, so a row reads plainly and adding a member never shifts what stored numbers mean;
        // severity as a number, lowest first, so it sorts and compares in SQL.
        builder.Property(i => i.Category).HasConversion<string>().HasMaxLength(32);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(i => i.Venue).HasMaxLength(100);
        builder.Property(i => i.Zone).HasMaxLength(100);
        builder.Property(i => i.Gate).HasMaxLength(100);
        builder.Property(i => i.AssigneeId).HasMaxLength(128);
        builder.Property(i => i.AssigneeName).HasMaxLength(256);
        builder.Property(i => i.CreatedBy).HasMaxLength(256);
        builder.Property(i => i.Version).IsConcurrencyToken();

        builder.HasOne(i => i.Assignee).WithMany().HasForeignKey(i => i.AssigneeId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(i => i.MergedInto).WithMany().HasForeignKey(i => i.MergedIntoId).OnDelete(DeleteBehavior.Restrict);

        builder.HasIndex(i => i.Status);
        builder.HasIndex(i => i.Venue);
        builder.HasIndex(i => i.Category);
        builder.HasIndex(i => i.CreatedAt).IsDescending();
    }
}
