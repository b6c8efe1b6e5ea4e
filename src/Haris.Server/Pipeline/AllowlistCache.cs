using System.Net;
using Haris.Core.Alerts;
using Haris.Core.Allowlist;
using Haris.Core.Events;
using Haris.Storage;
using Haris.Storage.Allowlist;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Haris.Server.Pipeline;

/// <summary>The allowlist entries in force, read from the database now and then, and the test an alert or a block must pass.</summary>
/// <remarks>Allowlists always win: an allowlisted alert is not stored, and a block on an allowlisted address is refused.</remarks>
public sealed class AllowlistCache(IDbContextFactory<HarisDbContext> contexts, IOptions<AlertIntakeOptions> options, TimeProvider time)
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private Snapshot _snapshot = new([], DateTimeOffset.MinValue);

    /// <summary>Forgets the cached entries, so the next check reads the database (after an entry is added or removed).</summary>
    public void Invalidate() => Volatile.Write(ref _snapshot, new Snapshot([], DateTimeOffset.MinValue));

    /// <summary>The entry that allows <paramref name="alert"/>, or null when none does.</summary>
    public async ValueTask<AllowlistEntry?> FindForAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var entries = await EntriesAsync(cancellationToken).ConfigureAwait(false);
        if (entries.Count == 0)
        {
            return null;
        }

        var ip = alert.SubjectSourceIp is { } text && IPAddress.TryParse(text, out var parsed) ? parsed : null;
        var path = Field(alert, FieldNames.UrlPath);
        var user = Field(alert, FieldNames.UserName);
        var now = time.GetUtcNow();
        foreach (var entry in entries)
        {
            if (entry.ExpiresAt <= now || (entry.RuleId is not null && entry.RuleId != alert.RuleId))
            {
                continue;
            }

            var allows = entry.Scope switch
            {
                AllowlistScope.Rule => entry.Value == alert.RuleId,
                AllowlistScope.SourceIp or AllowlistScope.Cidr => ip is not null && Covers(entry.Value, ip),
                AllowlistScope.Path => path is not null && (entry.Value.EndsWith('*')
                    ? path.StartsWith(entry.Value[..^1], StringComparison.Ordinal)
                    : path == entry.Value),
                AllowlistScope.User => user is not null && string.Equals(user, entry.Value, StringComparison.OrdinalIgnoreCase),
                _ => false,
            };
            if (allows)
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>The entry that allows the address or network <paramref name="scope"/>, or null; blocks on it are refused.</summary>
    public async ValueTask<AllowlistEntry?> FindForAddressAsync(string scope, CancellationToken cancellationToken)
    {
        var entries = await EntriesAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var network = IPNetwork.TryParse(scope, out var n) ? n : IPAddress.TryParse(scope, out var a) ? new IPNetwork(a, a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128) : (IPNetwork?)null;
        if (network is not { } wanted)
        {
            return null;
        }

        foreach (var entry in entries)
        {
            if (entry.ExpiresAt <= now || entry.RuleId is not null || entry.Scope is not (AllowlistScope.SourceIp or AllowlistScope.Cidr))
            {
                continue;
            }

            // A block that would cover any allowlisted address is refused, and so is one inside an allowlisted range.
            if (Covers(entry.Value, wanted.BaseAddress) || (IPAddress.TryParse(entry.Value.Split('/')[0], out var start) && wanted.Contains(start)))
            {
                return entry;
            }
        }

        return null;
    }

    private async ValueTask<IReadOnlyList<AllowlistEntry>> EntriesAsync(CancellationToken cancellationToken)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        var now = time.GetUtcNow();
        if (now < snapshot.ReadAt + options.Value.AllowlistRefresh)
        {
            return snapshot.Entries;
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            snapshot = Volatile.Read(ref _snapshot);
            if (now < snapshot.ReadAt + options.Value.AllowlistRefresh)
            {
                return snapshot.Entries;
            }

            await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var entries = await db.AllowlistEntries.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
            var live = entries.Where(e => e.ExpiresAt is null || e.ExpiresAt > now).ToList();
            Volatile.Write(ref _snapshot, new Snapshot(live, now));
            return live;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private static bool Covers(string value, IPAddress address) =>
        value.Contains('/', StringComparison.Ordinal)
            ? IPNetwork.TryParse(value, out var network) && network.Contains(address)
            : IPAddress.TryParse(value, out var single) && single.Equals(address);

    private static string? Field(Alert alert, string name)
    {
        foreach (var (fieldName, value) in alert.Fields)
        {
            if (fieldName == name)
            {
                return value as string;
            }
        }

        return null;
    }

    private sealed record Snapshot(IReadOnlyList<AllowlistEntry> Entries, DateTimeOffset ReadAt);
}
