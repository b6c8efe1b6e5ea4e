using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haris.Storage.Identity;

internal sealed class HarisUserConfiguration : IEntityTypeConfiguration<HarisUser>
{
    public void Configure(EntityTypeBuilder<HarisUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.Property(u => u.PreferredLanguage).HasMaxLength(16);
    }
}
