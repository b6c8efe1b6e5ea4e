using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haris.Storage.Incidents;

internal sealed class IncidentAlertLinkConfiguration : IEntityTypeConfiguration<IncidentAlertLink>
{
    public void Configure(EntityTypeBuilder<IncidentAlertLink> builder)
    {
        builder.ToTable("incident_alerts");
        builder.HasKey(l => new { l.IncidentId, l.AlertId });
        builder.Property(l => l.AlertId).HasMaxLength(64);
        builder.Property(l => l.LinkedBy).HasMaxLength(256);
        builder.HasOne(l => l.Incident).WithMany(i => i.AlertLinks).HasForeignKey(l => l.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(l => l.Alert).WithMany().HasForeignKey(l => l.AlertId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => l.AlertId);
    }
}
