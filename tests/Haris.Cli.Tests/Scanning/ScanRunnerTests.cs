using System.Globalization;
using System.Text;

namespace Haris.Cli.Tests.Scanning;

public sealed class ScanRunnerTests
{
    [Fact]
    public async Task Scan_OneThreadAndSeveral_WriteTheSameAlertsAndCounts()
    {
        // One thread scans line by line, several scan in blocks; the alerts, their order and the malformed count must
        // not tell them apart. The log is longer than a block, starts with lines the format is sniffed from, and mixes
        // attacks, malformed lines and a burst that only a correlation sees.
        var dir = Directory.CreateTempSubdirectory("haris-threads-").FullName;
        try
        {
            var log = Path.Combine(dir, "access.log");
            File.WriteAllText(log, AccessLog(lines: 3000));
            var one = Path.Combine(dir, "one.ndjson");
            var several = Path.Combine(dir, "several.ndjson");

            var runOne = await CliHarness.RunAsync("scan", "--threads", "1", "--output", one, log);
            var runSeveral = await CliHarness.RunAsync("scan", "--threads", "3", "--output", several, log);

            Assert.Equal(0, runOne.ExitCode);
            Assert.Equal(0, runSeveral.ExitCode);
            var alerts = File.ReadAllText(one);
            Assert.Contains("passwd", alerts, StringComparison.Ordinal);
            Assert.Equal(alerts, File.ReadAllText(several));
            Assert.Contains("3,000 lines, 23 malformed", runOne.Stderr, StringComparison.Ordinal);
            Assert.Contains("3,000 lines, 23 malformed", runSeveral.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string AccessLog(int lines)
    {
        var text = new StringBuilder();
        var start = new DateTimeOffset(2026, 6, 11, 15, 0, 0, TimeSpan.FromHours(3));
        for (var i = 0; i < lines; i++)
        {
            var time = start.AddSeconds(i / 7).ToString("dd/MMM/yyyy:HH:mm:ss zzz", CultureInfo.InvariantCulture).Remove(24, 1);
            var client = "203.0.113." + (i % 50).ToString(CultureInfo.InvariantCulture);
            var target = (i % 97) switch
            {
                13 => "/download?file=../../../../etc/passwd",
                _ when i is > 2000 and < 2100 => "/login",
                _ => "/tickets/match/" + (i % 64).ToString(CultureInfo.InvariantCulture),
            };
            var status = target == "/login" ? "401" : "200";
            var line = i % 131 == 60
                ? "this is not an access log line"
                : $"{client} - - [{time}] \"GET {target} HTTP/1.1\" {status} 512 \"-\" \"Mozilla/5.0\"";
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }
}
