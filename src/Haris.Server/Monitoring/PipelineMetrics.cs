using Haris.Server.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace Haris.Server.Monitoring;

/// <summary>Detection health in <c>/metrics</c>: per source, lines read, accepted, malformed, dropped, too long, alerts, lag.</summary>
/// <remarks>
/// The counts live in the sources and the pipeline; they are copied into the registry just before each scrape, so the
/// hot path never touches Prometheus types and nothing is dropped without showing here.
/// </remarks>
public static class PipelineMetrics
{
    private static readonly string[] s_labels = ["source", "kind"];

    /// <summary>A registry of this server's own: HTTP, .NET runtime and detection-health metrics.</summary>
    /// <remarks>Not the process-wide default registry, so that two servers in one process (tests) keep their counts apart.</remarks>
    public static CollectorRegistry CreateRegistry(IServiceProvider services)
    {
        var pipeline = services.GetRequiredService<IngestPipeline>();
        var registry = Metrics.NewCustomRegistry();
        DotNetStats.Register(registry);
        var factory = Metrics.WithCustomRegistry(registry);
        var read = factory.CreateCounter("haris_source_lines_read_total", "Lines a source read (or was sent).", s_labels);
        var accepted = factory.CreateCounter("haris_source_events_accepted_total", "Lines parsed into events and run through detection.", s_labels);
        var malformed = factory.CreateCounter("haris_source_events_malformed_total", "Lines the source's format could not parse.", s_labels);
        var dropped = factory.CreateCounter("haris_source_lines_dropped_total", "Lines dropped because the pipeline was full (UDP) or refused with 429 (HTTP).", s_labels);
        var tooLong = factory.CreateCounter("haris_source_lines_too_long_total", "Lines skipped for being longer than the limit.", s_labels);
        var alerts = factory.CreateCounter("haris_source_alerts_total", "Alerts raised on the source's events (before suppression).", s_labels);
        var lag = factory.CreateGauge("haris_source_alert_lag_seconds", "Event time to alert, for the last alerts raised on the source.", s_labels);
        registry.AddBeforeCollectCallback(() =>
        {
            foreach (var source in pipeline.Health())
            {
                string[] values = [source.Name, source.Kind];
                read.WithLabels(values).IncTo(source.LinesRead);
                accepted.WithLabels(values).IncTo(source.Accepted);
                malformed.WithLabels(values).IncTo(source.Malformed);
                dropped.WithLabels(values).IncTo(source.Dropped);
                tooLong.WithLabels(values).IncTo(source.TooLong);
                alerts.WithLabels(values).IncTo(source.Alerts);
                if (source.LastLagSeconds is { } seconds)
                {
                    lag.WithLabels(values).Set(seconds);
                }
            }
        });
        return registry;
    }
}
