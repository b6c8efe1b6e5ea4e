using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Haris.Core.Security;
using Haris.Storage;
using Haris.Storage.ApiKeys;
using Haris.Storage.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Haris.Cli.Commands;

/// <summary><c>haris apikeys</c>: keys for machines (sensors, edge bouncers, partner feeds).</summary>
internal sealed class ApiKeysCommand : Command
{
    public ApiKeysCommand(CliEnvironment env)
        : base("apikeys", "Create, list and revoke API keys for machines.")
    {
        Subcommands.Add(new ApiKeysCreateCommand(env));
        Subcommands.Add(new ApiKeysListCommand(env));
        Subcommands.Add(new ApiKeysRevokeCommand(env));
    }
}

/// <summary><c>haris apikeys create</c>: prints the new key alone on stdout; it is stored hashed and never shown again.</summary>
internal sealed class ApiKeysCreateCommand : Command
{
    public static readonly Option<string> NameOption = new("--name") { Description = "What the key is for (shown in the audit log).", Required = true };

    public static readonly Option<string> RoleOption = new("--role") { Description = "The role: " + string.Join(", ", Roles.All) + ".", Required = true };

    public static readonly Option<string?> VenueOption = new("--venue") { Description = "Limit the key to this venue." };

    public ApiKeysCreateCommand(CliEnvironment env)
        : base("create", "Create an API key and print it on stdout (shown once).")
    {
        Options.Add(NameOption);
        Options.Add(RoleOption);
        Options.Add(VenueOption);
        ServerCommandOptions.AddTo(this, listens: false);
        SetAction((parseResult, cancellationToken) => ExecuteAsync(env, parseResult, cancellationToken));
    }

    private static async Task<int> ExecuteAsync(CliEnvironment env, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var name = parseResult.GetRequiredValue(NameOption).Trim();
        var role = parseResult.GetRequiredValue(RoleOption);
        var venue = parseResult.GetValue(VenueOption);
        if (!Roles.IsKnown(role))
        {
            throw new CliException($"unknown role '{role}': use one of {string.Join(", ", Roles.All)}");
        }

        if (name.Length == 0)
        {
            throw new CliException("--name must not be empty");
        }

        await using var app = await ServerCommandOptions.OpenAsync(parseResult, cancellationToken).ConfigureAwait(false);
        var created = await app.Services.GetRequiredService<ApiKeyService>().CreateAsync(name, role, venue, CliActor.Name, cancellationToken).ConfigureAwait(false);
        await app.Services.GetRequiredService<AuditLog>().AppendAsync(
            CliActor.Name, "apikey.create", "api_key", created.Key.Id.ToString(CultureInfo.InvariantCulture),
            new JsonObject { ["name"] = name, ["role"] = role, ["venue"] = venue, ["prefix"] = created.Key.Prefix },
            cancellationToken).ConfigureAwait(false);

        // The key alone on stdout, so that `KEY=$(haris apikeys create ...)` works; the note goes to stderr.
        using (var stdout = new StreamWriter(env.OpenStandardOutput()))
        {
            await stdout.WriteLineAsync(created.Plaintext).ConfigureAwait(false);
        }

        env.Error.WriteLine($"API key '{name}' ({role}) created; it is shown only this once");
        return ExitCodes.Success;
    }
}

/// <summary><c>haris apikeys list</c>: every key with its prefix, role, venue, last use and revocation.</summary>
internal sealed class ApiKeysListCommand : Command
{
    public ApiKeysListCommand(CliEnvironment env)
        : base("list", "List API keys (never the keys themselves).")
    {
        ServerCommandOptions.AddTo(this, listens: false);
        SetAction((parseResult, cancellationToken) => ExecuteAsync(env, parseResult, cancellationToken));
    }

    private static async Task<int> ExecuteAsync(CliEnvironment env, ParseResult parseResult, CancellationToken cancellationToken)
    {
        await using var app = await ServerCommandOptions.OpenAsync(parseResult, cancellationToken).ConfigureAwait(false);
        var contexts = app.Services.GetRequiredService<IDbContextFactory<HarisDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var table = new Table().AddColumns("id", "name", "prefix", "role", "venue", "created", "last used", "revoked");
        foreach (var key in await db.ApiKeys.AsNoTracking().OrderBy(k => k.Id).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            table.AddRow(
                new Text(key.Id.ToString(CultureInfo.InvariantCulture)),
                new Text(key.Name),
                new Text(key.Prefix),
                new Text(key.Role),
                new Text(key.Venue ?? "all"),
                new Text(key.CreatedAt.ToString("u", CultureInfo.InvariantCulture)),
                new Text(key.LastUsedAt?.ToString("u", CultureInfo.InvariantCulture) ?? ""),
                new Text(key.RevokedAt?.ToString("u", CultureInfo.InvariantCulture) ?? ""));
        }

        env.Out.Write(table);
        return ExitCodes.Success;
    }
}

/// <summary><c>haris apikeys revoke ID</c>.</summary>
internal sealed class ApiKeysRevokeCommand : Command
{
    public static readonly Argument<long> IdArgument = new("ID") { Description = "The key's id, as 'apikeys list' shows it." };

    public ApiKeysRevokeCommand(CliEnvironment env)
        : base("revoke", "Revoke an API key; requests presenting it are refused from then on.")
    {
        Arguments.Add(IdArgument);
        ServerCommandOptions.AddTo(this, listens: false);
        SetAction((parseResult, cancellationToken) => ExecuteAsync(env, parseResult, cancellationToken));
    }

    private static async Task<int> ExecuteAsync(CliEnvironment env, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var id = parseResult.GetValue(IdArgument);
        await using var app = await ServerCommandOptions.OpenAsync(parseResult, cancellationToken).ConfigureAwait(false);
        if (!await app.Services.GetRequiredService<ApiKeyService>().RevokeAsync(id, CliActor.Name, cancellationToken).ConfigureAwait(false))
        {
            throw new CliException($"no active API key with id {id}");
        }

        await app.Services.GetRequiredService<AuditLog>().AppendAsync(
            CliActor.Name, "apikey.revoke", "api_key", id.ToString(CultureInfo.InvariantCulture), null, cancellationToken).ConfigureAwait(false);
        env.Error.WriteLine($"API key {id} revoked");
        return ExitCodes.Success;
    }
}
