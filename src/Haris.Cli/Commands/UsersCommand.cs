using System.CommandLine;
using System.Text.Json.Nodes;
using Haris.Core.Security;
using Haris.Storage.Audit;
using Haris.Storage.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Haris.Cli.Commands;

/// <summary><c>haris users</c>: people who sign in to the server.</summary>
internal sealed class UsersCommand : Command
{
    public UsersCommand(CliEnvironment env)
        : base("users", "Create and list the people who sign in to the server.")
    {
        Subcommands.Add(new UsersAddCommand(env));
        Subcommands.Add(new UsersListCommand(env));
    }
}

/// <summary><c>haris users add</c>: creates a user with one role, the password read from stdin so it never shows in a process list.</summary>
internal sealed class UsersAddCommand : Command
{
    public static readonly Option<string> NameOption = new("--name") { Description = "The user name to sign in with.", Required = true };

    public static readonly Option<string> RoleOption = new("--role")
    {
        Description = "The role: " + string.Join(", ", Roles.All.Where(r => r != Roles.Sensor)) + ".",
        Required = true,
    };

    public static readonly Option<bool> PasswordStdinOption = new("--password-stdin")
    {
        Description = "Read the password from the first line of standard input (required: passwords are never taken as arguments).",
    };

    public static readonly Option<string[]> VenueOption = new("--venue")
    {
        Description = "Limit the user to this venue (repeatable); without it the user sees every venue.",
        AllowMultipleArgumentsPerToken = false,
    };

    public UsersAddCommand(CliEnvironment env)
        : base("add", "Create a user.")
    {
        Options.Add(NameOption);
        Options.Add(RoleOption);
        Options.Add(PasswordStdinOption);
        Options.Add(VenueOption);
        ServerCommandOptions.AddTo(this, listens: false);
        SetAction((parseResult, cancellationToken) => ExecuteAsync(env, parseResult, cancellationToken));
    }

    private static async Task<int> ExecuteAsync(CliEnvironment env, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var name = parseResult.GetRequiredValue(NameOption).Trim();
        var role = parseResult.GetRequiredValue(RoleOption);
        var venues = parseResult.GetValue(VenueOption) ?? [];
        if (!Roles.IsKnown(role) || role == Roles.Sensor)
        {
            throw new CliException($"unknown role '{role}' for a person: use one of {string.Join(", ", Roles.All.Where(r => r != Roles.Sensor))} (sensors get API keys)");
        }

        if (!parseResult.GetValue(PasswordStdinOption))
        {
            throw new CliException("give the password on standard input with --password-stdin");
        }

        var password = (await env.OpenStandardInput().ReadLineAsync(cancellationToken).ConfigureAwait(false))?.TrimEnd('\r');
        if (string.IsNullOrEmpty(password))
        {
            throw new CliException("no password on standard input");
        }

        await using var app = await ServerCommandOptions.OpenAsync(parseResult, cancellationToken).ConfigureAwait(false);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HarisUser>>();
        var user = new HarisUser { UserName = name };
        foreach (var venue in venues.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            user.Venues.Add(new HarisUserVenue { UserId = user.Id, Venue = venue });
        }

        var created = await users.CreateAsync(user, password).ConfigureAwait(false);
        if (!created.Succeeded)
        {
            throw new CliException($"cannot create user '{name}': " + string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        var added = await users.AddToRoleAsync(user, role).ConfigureAwait(false);
        if (!added.Succeeded)
        {
            await users.DeleteAsync(user).ConfigureAwait(false);
            throw new CliException($"cannot give user '{name}' the role '{role}': " + string.Join(" ", added.Errors.Select(e => e.Description)));
        }

        await scope.ServiceProvider.GetRequiredService<AuditLog>().AppendAsync(
            CliActor.Name, "user.create", "user", user.Id,
            new JsonObject { ["user_name"] = name, ["role"] = role, ["venues"] = new JsonArray([.. venues.Select(v => (JsonNode?)v)]) },
            cancellationToken).ConfigureAwait(false);
        env.Error.WriteLine($"user '{name}' created with role {role}");
        return ExitCodes.Success;
    }
}

/// <summary><c>haris users list</c>: every user with role, venues and lockout.</summary>
internal sealed class UsersListCommand : Command
{
    public UsersListCommand(CliEnvironment env)
        : base("list", "List users with their role and venues.")
    {
        ServerCommandOptions.AddTo(this, listens: false);
        SetAction((parseResult, cancellationToken) => ExecuteAsync(env, parseResult, cancellationToken));
    }

    private static async Task<int> ExecuteAsync(CliEnvironment env, ParseResult parseResult, CancellationToken cancellationToken)
    {
        await using var app = await ServerCommandOptions.OpenAsync(parseResult, cancellationToken).ConfigureAwait(false);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HarisUser>>();
        var table = new Table().AddColumns("name", "role", "venues", "locked until");
        foreach (var user in await users.Users.Include(u => u.Venues).OrderBy(u => u.UserName).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            var roles = await users.GetRolesAsync(user).ConfigureAwait(false);
            table.AddRow(
                new Text(user.UserName ?? ""),
                new Text(string.Join(",", roles)),
                new Text(user.Venues.Count == 0 ? "all" : string.Join(",", user.Venues.Select(v => v.Venue))),
                new Text(user.LockoutEnd is { } end && end > DateTimeOffset.UtcNow ? end.ToString("u", System.Globalization.CultureInfo.InvariantCulture) : ""));
        }

        env.Out.Write(table);
        return ExitCodes.Success;
    }
}

/// <summary>Who the audit log names for changes made from the command line: the operating-system user.</summary>
internal static class CliActor
{
    public static string Name => "cli:" + Environment.UserName;
}
