using Haris.Cli;

// The first Ctrl+C stops the scan between lines so the summary still prints; a second one ends the process at once.
using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = !interrupt.IsCancellationRequested;
    interrupt.Cancel();
};

return await HarisCli.RunAsync(args, CliEnvironment.FromSystemConsole(), interrupt.Token).ConfigureAwait(false);
