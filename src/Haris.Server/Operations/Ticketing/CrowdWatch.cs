using Haris.Core.Alerts;
using Haris.Server.Pipeline;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Haris.Server.Operations.Ticketing;

/// <summary>
/// Evaluates the crowd alerts of every match under way at a fixed interval and hands them to the alert intake, so
/// that a stand filling up or a counterfeit wave at a gate reaches the same screens and incidents as a cyber attack.
/// </summary>
/// <remarks>
/// The interval runs on the server's clock: in an exercise running faster than real time the evaluation keeps pace.
/// Alerts the intake could not store are offered again at the next tick (their ids make a second store harmless).
/// </remarks>
public sealed class CrowdWatch(
    TicketOffice office,
    AlertIntake intake,
    IOptions<TicketingOptions> options,
    TimeProvider time,
    ILogger<CrowdWatch> logger) : BackgroundService
{
    /// <summary>The dataset crowd alerts are filed under.</summary>
    public const string Dataset = "crowd";

    private readonly Dictionary<string, List<Alert>> _unstored = new(StringComparer.Ordinal);

    /// <summary>Evaluates every match under way once now; returns how many alerts were stored.</summary>
    public async Task<int> EvaluateAsync(CancellationToken cancellationToken)
    {
        if (office.Tournament is not { } tournament)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        foreach (var venue in tournament.Venues)
        {
            if (office.GatesAt(venue.Id)?.MatchAt(now) is { } match)
            {
                office.CrowdOf(match);
            }
        }

        var stored = 0;
        foreach (var crowd in office.Crowds)
        {
            var alerts = crowd.Evaluate();
            var match = crowd.Match.Id;
            if (_unstored.Remove(match, out var earlier))
            {
                earlier.AddRange(alerts);
                alerts = earlier;
            }

            if (alerts.Count == 0)
            {
                continue;
            }

            try
            {
                stored += (await intake.StoreAsync(alerts, crowd.Venue.Id, Dataset, cancellationToken).ConfigureAwait(false)).Stored;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.CrowdAlertsNotStored(logger, ex, match);
                _unstored[match] = [.. alerts];
            }
        }

        return stored;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (office.Tournament is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.CrowdEvaluationInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await EvaluateAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
