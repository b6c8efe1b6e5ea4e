using Haris.Storage.Accreditation;
using Haris.Storage.Alerts;
using Haris.Storage.Allowlist;
using Haris.Storage.ApiKeys;
using Haris.Storage.Audit;
using Haris.Storage.Conversion;
using Haris.Storage.Decisions;
using Haris.Storage.Identity;
using Haris.Storage.Incidents;
using Haris.Storage.Tickets;
using Haris.Storage.Units;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Haris.Storage;

/// <summary>
/// The one database context of Haris: alerts, incidents, decisions, allowlist, users, API keys, the audit log, and the
/// operations room's ticket scans, accreditations and unit states.
/// </summary>
/// <remarks>The same model runs on SQLite and PostgreSQL; each provider has its own migrations assembly.</remarks>
public sealed class HarisDbContext(DbContextOptions<HarisDbContext> options) : IdentityDbContext<HarisUser, HarisRole, string>(options)
{
    public DbSet<StoredAlert> Alerts => Set<StoredAlert>();

    public DbSet<Incident> Incidents => Set<Incident>();

    public DbSet<IncidentTimelineEntry> IncidentTimeline => Set<IncidentTimelineEntry>();

    public DbSet<IncidentAlertLink> IncidentAlertLinks => Set<IncidentAlertLink>();

    public DbSet<IncidentObservable> Observables => Set<IncidentObservable>();

    public DbSet<Decision> Decisions => Set<Decision>();

    public DbSet<AllowlistEntry> AllowlistEntries => Set<AllowlistEntry>();

    public DbSet<HarisUserVenue> UserVenues => Set<HarisUserVenue>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<IncidentChecklistStep> IncidentChecklist => Set<IncidentChecklistStep>();

    public DbSet<TicketScanRecord> TicketScans => Set<TicketScanRecord>();

    public DbSet<TicketRevocationRecord> TicketRevocations => Set<TicketRevocationRecord>();

    public DbSet<ImportedTicketRecord> ImportedTickets => Set<ImportedTicketRecord>();

    public DbSet<AccreditedPersonRecord> AccreditedPeople => Set<AccreditedPersonRecord>();

    public DbSet<BadgeRevocationRecord> BadgeRevocations => Set<BadgeRevocationRecord>();

    public DbSet<CheckpointScanRecord> CheckpointScans => Set<CheckpointScanRecord>();

    public DbSet<UnitStatusRecord> UnitStatus => Set<UnitStatusRecord>();

    /// <inheritdoc />
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpIncidentVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <inheritdoc />
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpIncidentVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeConverter>();
        }
        else
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
        }
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        PinIdentitySchema(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(HarisDbContext).Assembly);

        foreach (var entity in builder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase.From(property.Name));
            }
        }
    }

    // Identity shapes its tables by IdentityOptions.Stores.SchemaVersion, read from the application's services, which
    // the design-time tools do not have. Schema 1 (the default) leaves key columns unbounded and schema 2 bounds them;
    // setting the bounds here gives one model either way, so the migrations match whatever the host registers.
    // Schema 3 (passkeys) changes keys and would need a migration of its own.
    private static void PinIdentitySchema(ModelBuilder builder)
    {
        builder.Entity<HarisUser>(b =>
        {
            b.ToTable("users");
            b.Property(u => u.PhoneNumber).HasMaxLength(256);
        });
        builder.Entity<HarisRole>(b => b.ToTable("roles"));
        builder.Entity<IdentityUserRole<string>>(b => b.ToTable("user_roles"));
        builder.Entity<IdentityUserClaim<string>>(b => b.ToTable("user_claims"));
        builder.Entity<IdentityRoleClaim<string>>(b => b.ToTable("role_claims"));
        builder.Entity<IdentityUserLogin<string>>(b =>
        {
            b.ToTable("user_logins");
            b.Property(l => l.LoginProvider).HasMaxLength(128);
            b.Property(l => l.ProviderKey).HasMaxLength(128);
        });
        builder.Entity<IdentityUserToken<string>>(b =>
        {
            b.ToTable("user_tokens");
            b.Property(t => t.LoginProvider).HasMaxLength(128);
            b.Property(t => t.Name).HasMaxLength(128);
        });
    }

    private void BumpIncidentVersions()
    {
        foreach (var entry in ChangeTracker.Entries<Incident>())
        {
            if (entry.State == EntityState.Modified)
            {
                entry.Entity.Version++;
            }
        }

        foreach (var entry in ChangeTracker.Entries<UnitStatusRecord>())
        {
            if (entry.State == EntityState.Modified)
            {
                entry.Entity.Version++;
            }
        }
    }
}
