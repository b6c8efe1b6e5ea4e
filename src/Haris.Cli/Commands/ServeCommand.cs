using System.CommandLine;
using Haris.Server.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;

namespace Haris.Cli.Commands;

/// <summary><c>haris serve</c>: runs the command center server until Ctrl+C or SIGTERM.</summary>
internal sealed class ServeCommand : Command
{
    public ServeCommand(CliEnvironment env)
        : base("serve", "Run the command center server: live ingest, detection, alerts, incidents and the REST API.")
    {
        ServerCommandOptions.AddTo(this, listens: true);
        SetAction((parseResult, cancellationToken) => ExecuteAsync(env, ServerCommandOptions.Read(parseResult), cancellationToken));
    }

    private static async Task<int> ExecuteAsync(CliEnvironment env, ServeSettings settings, CancellationToken cancellationToken)
    {
        await using var app = ServerCommandOptions.Build(settings);
        await HarisServer.InitializeAsync(app, cancellationToken).ConfigureAwait(false);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            // Kestrel reports an address in use or not assignable as an IOException.
            throw new CliException("cannot listen: " + ex.Message);
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            env.Error.WriteLine($"haris serve: listening on {address}");
        }

        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        await using (cancellationToken.Register(lifetime.StopApplication))
        {
            await app.WaitForShutdownAsync(CancellationToken.None).ConfigureAwait(false);
        }

        env.Error.WriteLine("haris serve: stopped");
        return ExitCodes.Success;
    }
}
