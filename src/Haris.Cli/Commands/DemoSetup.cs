using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Haris.Core.Security;
using Haris.Storage;
using Haris.Storage.ApiKeys;
using Haris.Storage.Audit;
using Haris.Storage.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Haris.Cli.Commands;

/// <summary>
/// What <c>haris demo</c> keeps in its data folder besides the server's own files: <c>demo.json</c>, which marks the
/// folder as a demo's and counts its runs (never a password), the demo accounts and the demo's API keys.
/// </summary>
internal static class DemoSetup
{
    /// <summary>The file that marks a data folder as a demo's.</summary>
    public const string MarkerFile = "demo.json";

    /// <summary>Who the audit log names for what the demo sets up.</summary>
    public const string Actor = "demo";

    /// <summary>The accounts the demo creates, one per main role, each named after its role.</summary>
    public static readonly IReadOnlyList<string> AccountRoles = [Roles.Admin, Roles.Commander, Roles.CyberAnalyst, Roles.Operator, Roles.Steward];

    // The demo's keys are made again on every run (a key is shown only once, and the demo needs its text); these names
    // find the previous run's keys to revoke.
    private const string SensorKeyName = "demo sensors";
    private const string ReporterKeyName = "demo field reports";

    // No 0/O, 1/l/I: a password copied from a terminal by hand must not be misread. 16 of 55 characters: 92 bits.
    private const string PasswordAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private const int PasswordLength = 16;

    /// <summary>
    /// Makes <paramref name="directory"/> ready for a run and returns its number (1 the first time). With
    /// <paramref name="reset"/> a demo folder is emptied first. A folder that holds a server's data but is not a demo's is
    /// refused: the demo would add accounts whose passwords it prints.
    /// </summary>
    public static int Prepare(string directory, bool reset)
    {
        var marker = Path.Combine(directory, MarkerFile);
        var isDemo = File.Exists(marker);
        if (!isDemo && Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
        {
            throw new CliException($"{directory} is not empty and is not a demo's data folder (it has no {MarkerFile}); the demo leaves it alone: give another --data");
        }

        if (isDemo && reset)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"cannot reset {directory}: {ex.Message}");
            }

            isDemo = false;
        }

        if (!isDemo)
        {
            return 1;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(marker));
            return document.RootElement.GetProperty("runs").GetInt32() + 1;
        }
        catch (Exception ex) when (ex is IOException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new CliException($"{marker} is damaged ({ex.Message}): start over with --reset");
        }
    }

    /// <summary>Records that run <paramref name="run"/> has set the folder up.</summary>
    public static void Record(string directory, int run, DateTimeOffset at)
    {
        var text = new JsonObject { ["runs"] = run, ["last_run"] = at.ToString("O", CultureInfo.InvariantCulture) }.ToJsonString();
        File.WriteAllText(Path.Combine(directory, MarkerFile), text + "\n");
    }

    /// <summary>Creates the demo accounts with random passwords and returns them; the passwords are not kept anywhere.</summary>
    public static async Task<IReadOnlyList<DemoAccount>> CreateAccountsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HarisUser>>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        var accounts = new List<DemoAccount>();
        foreach (var role in AccountRoles)
        {
            var password = new string(RandomNumberGenerator.GetItems(PasswordAlphabet.AsSpan(), PasswordLength));
            var user = new HarisUser { UserName = role };
            var created = await users.CreateAsync(user, password).ConfigureAwait(false);
            if (!created.Succeeded || !(await users.AddToRoleAsync(user, role).ConfigureAwait(false)).Succeeded)
            {
                throw new CliException($"cannot create the demo account '{role}': " + string.Join(" ", created.Errors.Select(e => e.Description)));
            }

            await audit.AppendAsync(Actor, "user.create", "user", user.Id, new JsonObject { ["user_name"] = role, ["role"] = role }, cancellationToken).ConfigureAwait(false);
            accounts.Add(new DemoAccount(role, role, password));
        }

        return accounts;
    }

    /// <summary>Revokes the keys of earlier runs and creates this run's: a sensor key and a key to report field incidents.</summary>
    public static async Task<(string Sensor, string Reporter)> CreateKeysAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var keys = services.GetRequiredService<ApiKeyService>();
        var audit = services.GetRequiredService<AuditLog>();
        var contexts = services.GetRequiredService<IDbContextFactory<HarisDbContext>>();
        List<long> old;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            old = await db.ApiKeys.Where(k => k.RevokedAt == null && (k.Name == SensorKeyName || k.Name == ReporterKeyName))
                .Select(k => k.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var id in old)
        {
            await keys.RevokeAsync(id, Actor, cancellationToken).ConfigureAwait(false);
        }

        var sensor = await keys.CreateAsync(SensorKeyName, Roles.Sensor, null, Actor, cancellationToken).ConfigureAwait(false);
        var reporter = await keys.CreateAsync(ReporterKeyName, Roles.Operator, null, Actor, cancellationToken).ConfigureAwait(false);
        foreach (var created in new[] { sensor, reporter })
        {
            await audit.AppendAsync(Actor, "apikey.create", "api_key", created.Key.Id.ToString(CultureInfo.InvariantCulture),
                new JsonObject { ["name"] = created.Key.Name, ["role"] = created.Key.Role, ["prefix"] = created.Key.Prefix }, cancellationToken).ConfigureAwait(false);
        }

        return (sensor.Plaintext, reporter.Plaintext);
    }
}

/// <summary>A demo account: its user name, role and the password shown once.</summary>
internal sealed record DemoAccount(string UserName, string Role, string Password);
