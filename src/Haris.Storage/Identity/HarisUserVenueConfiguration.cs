using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haris.Storage.Identity;

internal sealed class HarisUserVenueConfiguration : IEntityTypeConfiguration<HarisUserVenue>
{
    public void Configure(EntityTypeBuilder<HarisUserVenue> builder)
    {
        builder.ToTable("user_venues");
        builder.HasKey(v => new { v.UserId, v.Venue });
        builder.Property(v => v.Venue).HasMaxLength(100);
        builder.HasOne(v => v.User).WithMany(u => u.Venues).HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(v => v.Venue);
    }
}
