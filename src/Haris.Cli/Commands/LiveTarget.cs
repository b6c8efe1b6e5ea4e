using System.CommandLine;
using System.Globalization;
using Haris.Cli.Live;
using Spectre.Console;

namespace Haris.Cli.Commands;

/// <summary>The server <c>haris simulate --target</c> drives, and the key it presents.</summary>
internal sealed class LiveTarget
{
    private LiveTarget(Uri address, string apiKey)
    {
        Address = address;
        ApiKey = apiKey;
    }

    /// <summary>The server's address.</summary>
    public Uri Address { get; }

    /// <summary>The sensor key presented to it; never printed.</summary>
    public string ApiKey { get; }

    /// <summary>The target of the command line, or null without <c>--target</c>; <c>--api-key</c> goes with it.</summary>
    public static LiveTarget? Read(ParseResult parseResult)
    {
        var address = parseResult.GetValue(SimulateCommand.TargetOption);
        var key = parseResult.GetValue(SimulateCommand.ApiKeyOption);
        if (address is null)
        {
            return key is null ? null : throw new CliException("--api-key goes with --target: the server to send to");
        }

        if (string.IsNullOrWhiteSpace(key))
        {
            throw new CliException("--target needs --api-key: a sensor key of that server (haris apikeys create --role sensor)");
        }

        return new LiveTarget(address, key.Trim());
    }

    /// <summary>A client of the target with up to <paramref name="connections"/> connections.</summary>
    public HarisApiClient Connect(CliEnvironment env, int connections) => HarisApiClient.Create(Address, ApiKey, connections, env.Time);

    /// <summary>Reads the target's clock, says what it shows, and returns it for pacing.</summary>
    public async Task<ServerClock> ReadClockAsync(CliEnvironment env, HarisApiClient api, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        ClockReading? reading = null;
        var clock = new ServerClock(async ct => reading = await api.GetClockAsync(ct).ConfigureAwait(false), env.Time);
        try
        {
            await clock.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (LiveTargetException ex)
        {
            throw new CliException(ex.Message);
        }

        env.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"the server's clock shows {reading!.Now:yyyy-MM-dd'T'HH:mm:ss'Z'}{(reading.Exercise ? $", an exercise clock running {reading.Speed:0.##} times faster" : "")}"));
        return clock;
    }
}
