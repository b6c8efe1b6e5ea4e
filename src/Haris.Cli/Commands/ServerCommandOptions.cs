using System.CommandLine;
using Haris.Server.Hosting;
using Microsoft.Extensions.Logging;

namespace Haris.Cli.Commands;

/// <summary>The options every command that works on a server's data shares: <c>--config</c>, <c>--data</c>, <c>--urls</c>.</summary>
internal static class ServerCommandOptions
{
    public static readonly Option<string?> ConfigOption = new("--config")
    {
        Description = "The haris.yaml to read (default: ./haris.yaml when it exists).",
        HelpName = "FILE",
    };

    public static readonly Option<string?> DataOption = new("--data")
    {
        Description = "The data directory holding haris.db (default: ./data, or Storage:DataDirectory in haris.yaml).",
        HelpName = "DIR",
    };

    public static readonly Option<string?> UrlsOption = new("--urls")
    {
        Description = "Addresses to listen on, separated by ';' (default: http://127.0.0.1:5080).",
        HelpName = "URL",
    };

    /// <summary>Adds <c>--config</c> and <c>--data</c> (and <c>--urls</c> when <paramref name="listens"/>) to <paramref name="command"/>.</summary>
    public static void AddTo(Command command, bool listens)
    {
        command.Options.Add(ConfigOption);
        command.Options.Add(DataOption);
        if (listens)
        {
            command.Options.Add(UrlsOption);
        }
    }

    public static ServeSettings Read(ParseResult parseResult) => new()
    {
        ConfigFile = parseResult.GetValue(ConfigOption),
        DataDirectory = parseResult.GetValue(DataOption),
        Urls = parseResult.GetValue(UrlsOption),
    };

    /// <summary>Builds the server's services without listening, with the database brought up to date, for offline commands.</summary>
    public static async Task<Microsoft.AspNetCore.Builder.WebApplication> OpenAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        // Offline commands print their own results; the server's start-up log would only get in the way.
        var app = Build(Read(parseResult), builder => builder.Logging.SetMinimumLevel(LogLevel.Warning));
        await HarisServer.InitializeAsync(app, cancellationToken).ConfigureAwait(false);
        return app;
    }

    /// <summary>Builds the server, turning a configuration problem into a one-line error.</summary>
    public static Microsoft.AspNetCore.Builder.WebApplication Build(
        ServeSettings settings, Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? configure = null)
    {
        try
        {
            return HarisServer.Build(settings, configure);
        }
        catch (ServerConfigurationException ex)
        {
            throw new CliException(ex.Message);
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException ex)
        {
            throw new CliException("invalid configuration: " + string.Join("; ", ex.Failures));
        }
    }
}
