using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Haris.Core.Security;
using Haris.Server.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Haris.Server.Tests;

/// <summary>A server configured with a syslog TCP listener, as a <c>Sources:</c> entry of haris.yaml declares it.</summary>
public sealed class SyslogServerFixture : ServerFixture
{
    public int SyslogPort { get; } = FreePort();

    protected override void Configure(WebApplicationBuilder builder) =>
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sources:0:Type"] = "syslog-tcp",
            ["Sources:0:Port"] = SyslogPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sources:0:Name"] = "ticketing-syslog",
            ["Sources:0:Venue"] = "al-bayt",
        });

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}

public sealed class SyslogIngestTests(SyslogServerFixture server) : IClassFixture<SyslogServerFixture>
{
    [Fact]
    public async Task SyslogTcp_TwentyFailedLoginsFromOneAddress_RaiseSshBruteForceAtTheVenue()
    {
        var cancel = TestContext.Current.CancellationToken;
        var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = server.App.Services.GetRequiredService<LiveFeed>().Subscribe(update =>
        {
            if (update.Kind == "alert")
            {
                stored.TrySetResult();
            }
        });

        // Octet-counted framing (RFC 6587), as rsyslog and syslog-ng send over TCP.
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(IPAddress.Loopback, server.SyslogPort, cancel);
            var stream = client.GetStream();
            for (var i = 0; i < 20; i++)
            {
                var message = $"<38>Jun 11 20:00:{i:00} ticket-web01 sshd[4242]: Failed password for invalid user admin{i} from 203.0.113.77 port {40000 + i} ssh2";
                var frame = Encoding.UTF8.GetBytes($"{Encoding.UTF8.GetByteCount(message)} {message}");
                await stream.WriteAsync(frame, cancel);
            }
        }

        await stored.Task.WaitAsync(TimeSpan.FromSeconds(20), cancel);
        using var analyst = server.ClientFor(Roles.CyberAnalyst);
        var page = await analyst.GetFromJsonAsync<JsonElement>("/api/v1/alerts?source_ip=203.0.113.77", cancel);
        var alert = Assert.Single(page.GetProperty("items").EnumerateArray(), a => a.GetProperty("rule_title").GetString() == "SSH Brute Force");
        Assert.Equal("al-bayt", alert.GetProperty("venue").GetString());
        var sources = await analyst.GetFromJsonAsync<JsonElement>("/api/v1/ingest/sources", cancel);
        var syslog = Assert.Single(sources.EnumerateArray(), s => s.GetProperty("name").GetString() == "ticketing-syslog");
        Assert.Equal(20, syslog.GetProperty("accepted").GetInt64());
    }
}
