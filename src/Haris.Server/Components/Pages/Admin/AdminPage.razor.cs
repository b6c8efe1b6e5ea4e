using Haris.Server.Pipeline;
using Haris.Storage;
using Haris.Storage.ApiKeys;
using Haris.Storage.Audit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Haris.Server.Components.Pages.Admin;

/// <summary>Who may sign in, which machine keys exist (never the keys themselves), and whether the audit chain is intact.</summary>
/// <remarks>Users and keys are created and revoked with <c>haris users</c> and <c>haris apikeys</c>, which hand out the secrets once.</remarks>
public sealed partial class AdminPage
{
    private const int AuditShown = 25;

    private IReadOnlyList<UserRow> _users = [];
    private IReadOnlyList<ApiKey> _keys = [];
    private IReadOnlyList<AuditEntry> _audit = [];
    private AuditVerification? _verification;

    [Inject]
    private IDbContextFactory<HarisDbContext> Contexts { get; set; } = null!;

    [Inject]
    private AuditLog Audit { get; set; } = null!;

    [Inject]
    private VenueClock Clock { get; set; } = null!;

    // Every change of state writes an audit entry, and most changes come with a live update.
    protected override bool Wants(LiveUpdate update) => update.Kind is not ("alert" or "alert-count");

    protected override async Task LoadAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync(Stopping).ConfigureAwait(true);
        var users = await db.Users.AsNoTracking().OrderBy(u => u.UserName)
            .Select(u => new
            {
                u.Id,
                u.UserName,
                u.LockoutEnd,
                Role = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, role) => role.Name).FirstOrDefault(),
                Venues = db.UserVenues.Where(v => v.UserId == u.Id).Select(v => v.Venue).ToList(),
            })
            .ToListAsync(Stopping).ConfigureAwait(true);
        _users = [.. users.Select(u => new UserRow(u.UserName ?? u.Id, u.Role, u.Venues, u.LockoutEnd))];
        _keys = await db.ApiKeys.AsNoTracking().OrderBy(k => k.Id).ToListAsync(Stopping).ConfigureAwait(true);
        _audit = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).Take(AuditShown).ToListAsync(Stopping).ConfigureAwait(true);
    }

    private async Task OnVerifyAsync() => _verification = await Audit.VerifyAsync(Stopping).ConfigureAwait(true);

    private sealed record UserRow(string Name, string? Role, IReadOnlyList<string> Venues, DateTimeOffset? LockedUntil);
}
