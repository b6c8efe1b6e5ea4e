using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haris.Storage.Incidents;

internal sealed class IncidentChecklistStepConfiguration : IEntityTypeConfiguration<IncidentChecklistStep>
{
    public void Configure(EntityTypeBuilder<IncidentChecklistStep> builder)
    {
        builder.ToTable("incident_checklist");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.TextEn).HasMaxLength(1000);
        builder.Property(s => s.TextFr).HasMaxLength(1000);
        builder.Property(s => s.TextAr).HasMaxLength(1000);
        builder.Property(s => s.DoneBy).HasMaxLength(256);
        builder.HasOne(s => s.Incident).WithMany(i => i.Checklist).HasForeignKey(s => s.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.IncidentId, s.Position }).IsUnique();
    }
}
