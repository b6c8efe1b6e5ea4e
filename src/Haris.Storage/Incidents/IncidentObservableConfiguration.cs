using Haris.Core.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haris.Storage.Incidents;

internal sealed class IncidentObservableConfiguration : IEntityTypeConfiguration<IncidentObservable>
{
    public void Configure(EntityTypeBuilder<IncidentObservable> builder)
    {
        builder.ToTable("observables");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.Value).HasMaxLength(Observables.MaxLength);
        builder.Property(o => o.Note).HasMaxLength(1000);
        builder.Property(o => o.AddedBy).HasMaxLength(256);
        builder.HasOne(o => o.Incident).WithMany(i => i.Observables).HasForeignKey(o => o.IncidentId).OnDelete(DeleteBehavior.Cascade);

        // Once per incident; and found across incidents ("where else did this address show up").
        builder.HasIndex(o => new { o.IncidentId, o.Kind, o.Value }).IsUnique();
        builder.HasIndex(o => new { o.Kind, o.Value });
    }
}
