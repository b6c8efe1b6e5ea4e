using System.Text;

namespace Haris.EndToEnd.Tests;

public sealed class ScanTests
{
    private static readonly string[] s_adminLog =
    [
        AccessLog.Line(1, "198.51.100.4", "GET", "/tickets/match/12?seat=A12", 200),
        AccessLog.Line(2, "203.0.113.66", "GET", "/secret-admin/login?next=%2F", 403),
        AccessLog.Line(3, "2001:db8:85a3::8a2e:370:7334", "GET", "/static/app.js", 200),
        AccessLog.Line(4, "2001:db8:bad::13", "POST", "/secret-admin/users", 401),
    ];

    [Fact]
    public async Task Scan_CustomRule_WritesOneNdjsonAlertPerMatchWithFileLineAndFields()
    {
        using var dir = new TempDirectory();
        dir.Write("rules/admin.yml", TestRules.AdminProbe);
        dir.Write("access.log", AccessLog.Join(s_adminLog));

        var run = await HarisProcess.RunAsync(dir.Path, null, "scan", "--no-builtin", "--rules", "rules", "access.log");

        Assert.True(run.ExitCode == 0, run.ToString());
        var alerts = AccessLog.ParseAlerts(run.Stdout);
        Assert.Equal([2L, 4L], alerts.Select(a => a.SourceLine()));
        var first = alerts[0];
        Assert.Equal("access.log", first.SourceFile());
        Assert.Equal(TestRules.AdminProbeId, first.Str("rule_id"));
        Assert.Equal("E2E Admin Probe", first.Str("rule_title"));
        Assert.Equal("e2e_admin_probe", first.Str("rule_name"));
        Assert.Equal("E2E Tester", first.Str("rule_author"));
        Assert.Equal("high", first.Str("level"));
        Assert.Equal("2026-06-14T18:00:02.000Z", first.Str("timestamp"));
        Assert.Contains("attack.t1190", first.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("203.0.113.66", first.Field("source.ip"));
        Assert.Equal("GET", first.Field("http.request.method"));
        Assert.Equal("/secret-admin/login?next=%2F", first.Field("url.original"));
        Assert.Equal("2001:db8:bad::13", alerts[1].Field("source.ip"));
        Assert.NotEqual(first.Str("id"), alerts[1].Str("id"));
        Assert.Contains("2 alerts", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("E2E Admin Probe", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_SameInputTwice_GivesSameAlertIds()
    {
        using var dir = new TempDirectory();
        dir.Write("admin.yml", TestRules.AdminProbe);
        dir.Write("access.log", AccessLog.Join(s_adminLog));

        var first = await HarisProcess.RunAsync(dir.Path, null, "scan", "--no-builtin", "-r", "admin.yml", "access.log");
        var second = await HarisProcess.RunAsync(dir.Path, null, "scan", "--no-builtin", "-r", "admin.yml", "access.log");

        Assert.Equal(first.Stdout, second.Stdout);
    }

    [Fact]
    public async Task Scan_Stdin_ReadsDashAndNamesIt()
    {
        using var dir = new TempDirectory();
        dir.Write("admin.yml", TestRules.AdminProbe);

        var run = await HarisProcess.RunAsync(dir.Path, Encoding.UTF8.GetBytes(AccessLog.Join(s_adminLog)), "scan", "--no-builtin", "--rules", "admin.yml", "-");

        Assert.True(run.ExitCode == 0, run.ToString());
        var alerts = AccessLog.ParseAlerts(run.Stdout);
        Assert.Equal([2L, 4L], alerts.Select(a => a.SourceLine()));
        Assert.All(alerts, a => Assert.Equal("-", a.SourceFile()));
    }

    [Fact]
    public async Task Scan_GzipInput_IsReadTransparently()
    {
        using var dir = new TempDirectory();
        dir.Write("admin.yml", TestRules.AdminProbe);
        dir.WriteGzip("access.log.gz", AccessLog.Join(s_adminLog));

        var run = await HarisProcess.RunAsync(dir.Path, null, "scan", "--no-builtin", "--rules", "admin.yml", "access.log.gz");

        Assert.True(run.ExitCode == 0, run.ToString());
        var alerts = AccessLog.ParseAlerts(run.Stdout);
        Assert.Equal([2L, 4L], alerts.Select(a => a.SourceLine()));
        Assert.All(alerts, a => Assert.Equal("access.log.gz", a.SourceFile()));
    }

    [Fact]
    public async Task Scan_GzipDamagedMidway_ReportsTheLinesBeforeTheDamage_ThenFails()
    {
        using var dir = new TempDirectory();
        dir.Write("admin.yml", TestRules.AdminProbe);

        // Fewer lines than one scan block, compressed, then a stretch of bytes overwritten halfway.
        var text = string.Concat(Enumerable.Repeat(AccessLog.Join(s_adminLog), 150));
        dir.WriteGzip("access.log.gz", text);
        var path = System.IO.Path.Combine(dir.Path, "access.log.gz");
        var bytes = File.ReadAllBytes(path);
        Array.Fill(bytes, (byte)0x55, bytes.Length / 2, 256);
        File.WriteAllBytes(path, bytes);

        var run = await HarisProcess.RunAsync(dir.Path, null, "scan", "--no-builtin", "--rules", "admin.yml", "access.log.gz");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("haris: error: cannot read 'access.log.gz'", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Haris.", run.Stderr, StringComparison.Ordinal);
        Assert.NotEmpty(AccessLog.ParseAlerts(run.Stdout));
    }

    [Fact]
    public async Task Scan_CsvToFile_WritesHeaderAndOneRowPerAlert()
    {
        using var dir = new TempDirectory();
        dir.Write("admin.yml", TestRules.AdminProbe);
        dir.Write("access.log", AccessLog.Join(s_adminLog));

        var run = await HarisProcess.RunAsync(
            dir.Path, null, "scan", "--no-builtin", "--rules", "admin.yml", "--output-format", "csv", "--output", "alerts.csv", "access.log");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(string.Empty, run.Stdout);
        var rows = dir.Read("alerts.csv").Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, rows.Length);
        Assert.StartsWith("id,timestamp,level,rule_id,rule_title,rule_name,rule_author,tags,file,line,source_ip,", rows[0], StringComparison.Ordinal);
        Assert.Contains($",high,{TestRules.AdminProbeId},E2E Admin Probe,e2e_admin_probe,E2E Tester,", rows[1], StringComparison.Ordinal);
        Assert.Contains(",access.log,2,203.0.113.66,", rows[1], StringComparison.Ordinal);
        Assert.Contains(",access.log,4,2001:db8:bad::13,", rows[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_TableOutput_ShowsAttackerTextLiterally()
    {
        using var dir = new TempDirectory();
        dir.Write("admin.yml", TestRules.AdminProbe);
        dir.Write("access.log", AccessLog.Line(1, "203.0.113.66", "GET", "/secret-admin/[red]x[/]<script>", 404) + "\n");

        var run = await HarisProcess.RunAsync(dir.Path, null, "scan", "--no-builtin", "-r", "admin.yml", "--output-format", "table", "access.log");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("/secret-admin/[red]x[/]<script>", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("access.log:1", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_MissingInput_ExitsOneWithMessageAndNoStackTrace()
    {
        using var dir = new TempDirectory();

        var run = await HarisProcess.RunAsync(dir.Path, null, "scan", "missing.log");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("haris: error: cannot open input 'missing.log': no such file", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public async Task Scan_BrokenRuleFile_ExitsOneNamingFileWithoutScanning()
    {
        using var dir = new TempDirectory();
        dir.Write("broken.yml", TestRules.Broken);
        dir.Write("access.log", AccessLog.Join(s_adminLog));

        var run = await HarisProcess.RunAsync(dir.Path, null, "scan", "--rules", "broken.yml", "access.log");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("broken.yml", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("E2E Broken Rule", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("selction", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("haris: error: 1 rule(s) failed to load; nothing was scanned", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public async Task Scan_UnparseableFile_ExitsZeroAndCountsMalformed()
    {
        using var dir = new TempDirectory();
        dir.Write("noise.log", "this is not\nan access log\nat all\n");

        var run = await HarisProcess.RunAsync(dir.Path, null, "scan", "--format", "combined", "noise.log");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Contains("3 lines, 3 malformed", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("noise.log:1:", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_BadLogsource_ExitsOne()
    {
        using var dir = new TempDirectory();

        var run = await HarisProcess.RunAsync(dir.Path, null, "scan", "--logsource", "foo", "x.log");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("haris: error: invalid --logsource 'foo'", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_SampleAccessLog_BuiltinPackFlagsEveryPlantedAttackAndNothingElse()
    {
        // The attacks planted in samples/access.log (see docs/rules.md); every other line is ordinary fan traffic.
        long[] attackLines = [23, 41, 58, 77, 89, 104, 118, 119, 135, 149, 150, 166, 181, 193];

        var run = await HarisProcess.RunAsync(SharedData.RepositoryRoot, null, "scan", "samples/access.log");

        Assert.True(run.ExitCode == 0, run.ToString());
        var alerts = AccessLog.ParseAlerts(run.Stdout);
        Assert.Equal(attackLines, alerts.Select(a => a.SourceLine()).Distinct().Order());
        Assert.All(alerts, a => Assert.Equal("samples/access.log", a.SourceFile()));
        Assert.All(alerts, a => Assert.Equal("Haris", a.Str("rule_author")));
    }

    [Fact]
    public async Task Scan_SharedSigmaWebRules_ReportAttackLinesOnly()
    {
        var sigma = SharedData.SigmaRulesDirectory();

        string[] lines =
        [
            /* 1 */ AccessLog.Line(1, "198.51.100.4", "GET", "/tickets/match/12?seat=A12", 200),
            /* 2 */ AccessLog.Line(2, "203.0.113.66", "GET", "/tickets/search?match=12%27%20UNION%20SELECT%20null,username,password%20FROM%20users--%20-", 200),
            /* 3 */ AccessLog.Line(3, "2001:db8:85a3::8a2e:370:7334", "GET", "/static/app.js", 200),
            /* 4 */ AccessLog.Line(4, "203.0.113.66", "GET", "/account/orders?id=1%27%20OR%20%271%27%3D%271", 200),
            /* 5 */ AccessLog.Line(5, "198.51.100.42", "GET", "/search?q=order+of+play", 200),
            /* 6 */ AccessLog.Line(6, "198.51.100.250", "GET", "/search?q=%3Cscript%3Ealert(document.cookie)%3C/script%3E", 200),
            /* 7 */ AccessLog.Line(7, "198.51.100.77", "POST", "/checkout/payment", 302),
            /* 8 */ AccessLog.Line(8, "203.0.113.17", "GET", "/download?file=../../../etc/passwd", 200),
            /* 9 */ AccessLog.Line(9, "203.0.113.250", "GET", "/healthz", 200, "Amazon CloudFront"),
            /* 10 */ AccessLog.Line(10, "203.0.113.18", "GET", "/api/v1/stadium/ping?host=gate-c;id", 500),
            /* 11 */ AccessLog.Line(11, "203.0.113.18", "GET", "/api/v1/tools?cmd=whoami", 200),
            /* 12 */ AccessLog.Line(12, "198.51.100.120", "GET", "/search?q=union+saint-gilloise+fixtures", 200),
            /* 13 */ AccessLog.Line(13, "203.0.113.99", "GET", "/tickets/match/12?seat=A12", 200, "sqlmap/1.8.11#stable (https://sqlmap.org)"),
            /* 14 */ AccessLog.Line(14, "203.0.113.140", "GET", "/admin/", 404, "Mozilla/5.00 (Nikto/2.5.0) (Evasions:None) (Test:000003)"),
            /* 15 */ AccessLog.Line(15, "2001:db8:4f2c:1::17", "GET", "/news/2026/sleep-and-travel-tips-for-fans", 200),
            /* 16 */ AccessLog.Line(16, "203.0.113.140", "GET", "/.git/config", 404),
            /* 17 */ AccessLog.Line(17, "192.0.2.64", "GET", "/en/venues/select-a-seat?stadium=4", 200),
        ];
        long[] attacks = [2, 4, 6, 8, 10, 11, 13, 14, 16];
        // Lines the SigmaHQ rules themselves must catch (the rest only the built-in pack does).
        long[] sigmaHq = [2, 4, 6, 8, 11, 13, 14, 16];
        using var dir = new TempDirectory();
        dir.Write("access.log", AccessLog.Join(lines));

        var run = await HarisProcess.RunAsync(dir.Path, null, "scan", "--rules", Path.Combine(sigma, "web"), "access.log");

        Assert.True(run.ExitCode == 0, run.ToString());
        var alerts = AccessLog.ParseAlerts(run.Stdout);
        Assert.All(alerts, a => Assert.Equal("access.log", a.SourceFile()));
        Assert.Equal(attacks, alerts.Select(a => a.SourceLine()).Distinct().Order());
        foreach (var line in sigmaHq)
        {
            Assert.True(
                alerts.Any(a => a.SourceLine() == line && a.Str("rule_author") != "Haris"),
                $"no SigmaHQ rule reported line {line}: {lines[line - 1]}\n{run}");
        }
    }
}
