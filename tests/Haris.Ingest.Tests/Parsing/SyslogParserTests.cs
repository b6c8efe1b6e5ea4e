using Haris.Core.Events;
using Haris.Ingest.Parsing;
using static Haris.Ingest.Tests.Parsing.ParserHarness;

namespace Haris.Ingest.Tests.Parsing;

public sealed class SyslogParserTests
{
    private readonly SyslogParser _parser = new(new ParserOptions { AssumedYear = 2026 });

    [Fact]
    public void Parse_Rfc3164WithPri_ExtractsHeader()
    {
        const string Line = "<34>Oct 11 22:14:15 mymachine su[123]: 'su root' failed for lonvick on /dev/pts/8";
        var (ok, evt, _) = Parse(_parser, Line);

        Assert.True(ok);
        Assert.Equal("34", evt.Get(FieldNames.LogSyslogPriority));
        Assert.Equal(FieldValueKind.Number, KindOf(evt, FieldNames.LogSyslogPriority));
        Assert.Equal("auth", evt.Get(FieldNames.LogSyslogFacility));
        Assert.Equal("critical", evt.Get(FieldNames.LogSyslogSeverity));
        Assert.Equal("2026-10-11T22:14:15Z", evt.Get(FieldNames.Timestamp));
        Assert.Equal(new DateTimeOffset(2026, 10, 11, 22, 14, 15, TimeSpan.Zero), evt.Timestamp);
        Assert.Equal("mymachine", evt.Get(FieldNames.HostName));
        Assert.Equal("su", evt.Get(FieldNames.ProcessName));
        Assert.Equal("123", evt.Get(FieldNames.ProcessPid));
        Assert.Equal("'su root' failed for lonvick on /dev/pts/8", evt.Get(FieldNames.Message));
        Assert.Equal(Line, evt.Get(FieldNames.EventOriginal));
        Assert.Equal(new Logsource(null, "linux", "su"), evt.Logsource);
    }

    [Fact]
    public void Parse_RsyslogFileLineWithoutPri_HasNoPriorityFields()
    {
        var (ok, evt, _) = Parse(_parser, "Jun  1 03:04:05 web01 CRON[4242]: (root) CMD (run-parts /etc/cron.hourly)");

        Assert.True(ok);
        Assert.Null(evt.Get(FieldNames.LogSyslogPriority));
        Assert.Equal("2026-06-01T03:04:05Z", evt.Get(FieldNames.Timestamp));
        Assert.Equal("CRON", evt.Get(FieldNames.ProcessName));
        Assert.Equal(new Logsource(null, "linux", "cron"), evt.Logsource);
    }

    [Fact]
    public void Parse_IsoTimestampFromModernRsyslog_KeepsOffsetAndFraction()
    {
        var (ok, evt, _) = Parse(_parser, "2026-06-11T15:00:00.123+03:00 host sshd[1]: Server listening on 0.0.0.0 port 22.");

        Assert.True(ok);
        Assert.Equal(new DateTimeOffset(2026, 6, 11, 12, 0, 0, 123, TimeSpan.Zero), evt.Timestamp);
        Assert.Equal("2026-06-11T12:00:00.123Z", evt.Get(FieldNames.Timestamp));
        Assert.Equal("host", evt.Get(FieldNames.HostName));
        Assert.Equal(new Logsource(null, "linux", "sshd"), evt.Logsource);
    }

    [Fact]
    public void Parse_TagWithoutHost_IsTakenAsProgram()
    {
        var (ok, evt, _) = Parse(_parser, "<13>Oct 11 22:14:15 sshd[123]: hello");

        Assert.True(ok);
        Assert.Null(evt.Get(FieldNames.HostName));
        Assert.Equal("sshd", evt.Get(FieldNames.ProcessName));
        Assert.Equal("hello", evt.Get(FieldNames.Message));
    }

    [Fact]
    public void Parse_NoTag_WholeRestIsMessage()
    {
        var (ok, evt, _) = Parse(_parser, "Oct 11 22:14:15 host -- MARK --");

        Assert.True(ok);
        Assert.Equal("host", evt.Get(FieldNames.HostName));
        Assert.Null(evt.Get(FieldNames.ProcessName));
        Assert.Equal("-- MARK --", evt.Get(FieldNames.Message));
        Assert.Equal(new Logsource(null, "linux", null), evt.Logsource);
    }

    [Fact]
    public void Parse_Rfc5424_ExtractsHeaderAndStructuredData()
    {
        const string Line = "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"][examplePriority@32473 class=\"high\"] \uFEFFAn application event log entry...";
        var (ok, evt, _) = Parse(_parser, Line);

        Assert.True(ok);
        Assert.Equal("165", evt.Get(FieldNames.LogSyslogPriority));
        Assert.Equal("local4", evt.Get(FieldNames.LogSyslogFacility));
        Assert.Equal("notice", evt.Get(FieldNames.LogSyslogSeverity));
        Assert.Equal("1", evt.Get(FieldNames.LogSyslogVersion));
        Assert.Equal("2003-10-11T22:14:15.003Z", evt.Get(FieldNames.Timestamp));
        Assert.Equal("mymachine.example.com", evt.Get(FieldNames.HostName));
        Assert.Equal("evntslog", evt.Get(FieldNames.ProcessName));
        Assert.Null(evt.Get(FieldNames.ProcessPid));
        Assert.Equal("ID47", evt.Get(FieldNames.LogSyslogMsgId));
        Assert.Equal("3", evt.Get("log.syslog.structured_data.exampleSDID@32473.iut"));
        Assert.Equal("Application", evt.Get("log.syslog.structured_data.exampleSDID@32473.eventSource"));
        Assert.Equal("high", evt.Get("log.syslog.structured_data.examplePriority@32473.class"));
        Assert.Equal("An application event log entry...", evt.Get(FieldNames.Message));
        Assert.Equal(new Logsource(null, "linux", "evntslog"), evt.Logsource);
    }

    [Fact]
    public void Parse_Rfc5424EscapesInParamValue_AreUndone()
    {
        var (ok, evt, _) = Parse(_parser, "<14>1 2026-06-11T15:00:00Z h app 77 - [x@1 v=\"a\\\"b\\]c\\\\d\\e\"] msg");

        Assert.True(ok);
        Assert.Equal("a\"b]c\\d\\e", evt.Get("log.syslog.structured_data.x@1.v"));
        Assert.Equal("77", evt.Get(FieldNames.ProcessPid));
        Assert.Equal("msg", evt.Get(FieldNames.Message));
    }

    [Fact]
    public void Parse_Rfc5424AllNil_HasOnlyPriorityAndVersion()
    {
        var (ok, evt, _) = Parse(_parser, "<14>1 - - - - - -");

        Assert.True(ok);
        Assert.Null(evt.Timestamp);
        Assert.Null(evt.Get(FieldNames.HostName));
        Assert.Null(evt.Get(FieldNames.ProcessName));
        Assert.Equal("", evt.Get(FieldNames.Message));
    }

    [Theory]
    // Nothing to parse.
    [InlineData("")]
    // A CRLF file's blank line arrives as a lone '\r'.
    [InlineData("\r")]
    // PRI above 191 (facility 23, severity 7) does not exist.
    [InlineData("<999>Oct 11 22:14:15 host x: y")]
    // An unclosed PRI.
    [InlineData("<34Oct 11 22:14:15 host x: y")]
    // Not a time at all.
    [InlineData("hello world")]
    // February 30th must not reach the DateTime constructor.
    [InlineData("Feb 30 22:14:15 host x: y")]
    // An RFC 5424 header cut short.
    [InlineData("<14>1 2026-06-11T15:00:00Z host")]
    // Structured data whose value quote never closes.
    [InlineData("<14>1 2026-06-11T15:00:00Z h a p m [id k=\"v] msg")]
    // Structured data element that never closes.
    [InlineData("<14>1 2026-06-11T15:00:00Z h a p m [id k=\"v\"")]
    // A bad RFC 5424 time.
    [InlineData("<14>1 yesterday h a p m - msg")]
    // JSON handed to the wrong parser.
    [InlineData("{\"a\":1}")]
    public void Parse_MalformedLine_ReturnsReason(string line)
    {
        var (ok, _, error) = Parse(_parser, line);

        Assert.False(ok);
        Assert.NotNull(error);
    }

    [Theory]
    // Failed root password from a brute-forcer: the classic ssh brute-force signal.
    [InlineData("Failed password for root from 1.2.3.4 port 22 ssh2", "root", "1.2.3.4", "22", "ssh_login", "failure")]
    // Password spraying over names that do not exist on the host.
    [InlineData("Failed password for invalid user admin from 1.2.3.4 port 51234 ssh2", "admin", "1.2.3.4", "51234", "ssh_login", "failure")]
    // A success after failures is what credential-stuffing rules correlate.
    [InlineData("Accepted password for bob from 10.0.0.5 port 50022 ssh2", "bob", "10.0.0.5", "50022", "ssh_login", "success")]
    // Key logins carry a trailing key description that must not leak into the port.
    [InlineData("Accepted publickey for deploy from 2001:db8::7 port 40000 ssh2: ED25519 SHA256:abc", "deploy", "2001:db8::7", "40000", "ssh_login", "success")]
    // Enumeration of user names before any password is tried.
    [InlineData("Invalid user admin from 1.2.3.4 port 4242", "admin", "1.2.3.4", "4242", "ssh_invalid_user", "failure")]
    // Brute-forcers that hang up after the first prompt log only this.
    [InlineData("Connection closed by authenticating user root 1.2.3.4 port 22 [preauth]", "root", "1.2.3.4", "22", "ssh_connection_closed", "failure")]
    // The same for a name that does not exist.
    [InlineData("Disconnected from invalid user oracle 1.2.3.4 port 22 [preauth]", "oracle", "1.2.3.4", "22", "ssh_connection_closed", "failure")]
    // No user at all, just a pre-auth hang-up.
    [InlineData("Connection closed by 1.2.3.4 port 22 [preauth]", null, "1.2.3.4", "22", "ssh_connection_closed", "failure")]
    // PAM's view of the same failure: rhost and user come as key=value pairs, separated by two spaces.
    [InlineData("pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=1.2.3.4  user=root", "root", "1.2.3.4", null, "pam_auth_failure", "failure")]
    // rsyslog's de-duplication wraps the original text.
    [InlineData("message repeated 2 times: [ Failed password for root from 1.2.3.4 port 22 ssh2]", "root", "1.2.3.4", "22", "ssh_login", "failure")]
    public void Parse_SshdMessage_IsDecoded(string message, string? user, string ip, string? port, string action, string outcome)
    {
        var (ok, evt, _) = Parse(_parser, "Jun 11 15:00:00 bastion sshd[999]: " + message);

        Assert.True(ok);
        Assert.Equal(user, evt.Get(FieldNames.UserName));
        Assert.Equal(ip, evt.Get(FieldNames.SourceIp));
        Assert.Equal(port, evt.Get(FieldNames.SourcePort));
        Assert.Equal(action, evt.Get(FieldNames.EventAction));
        Assert.Equal(outcome, evt.Get(FieldNames.EventOutcome));
        Assert.Equal(new Logsource(null, "linux", "sshd"), evt.Logsource);
    }

    [Fact]
    public void Parse_SshdSessionProgram_MapsToSshdService()
    {
        // OpenSSH 9.8 logs authentication as sshd-session; rules are written for service sshd.
        var (ok, evt, _) = Parse(_parser, "2026-06-11T15:00:00+00:00 bastion sshd-session[5]: Failed password for root from 1.2.3.4 port 22 ssh2");

        Assert.True(ok);
        Assert.Equal("sshd-session", evt.Get(FieldNames.ProcessName));
        Assert.Equal("sshd", evt.Logsource.Service);
        Assert.Equal("ssh_login", evt.Get(FieldNames.EventAction));
    }

    [Fact]
    public void Parse_OrdinaryLogout_IsNotAFailure()
    {
        var (ok, evt, _) = Parse(_parser, "Jun 11 15:00:00 bastion sshd[999]: Disconnected from user bob 10.0.0.5 port 50022");

        Assert.True(ok);
        Assert.Null(evt.Get(FieldNames.EventOutcome));
    }

    [Theory]
    // A successful sudo to root: the privilege-escalation audit trail.
    [InlineData("  bob : TTY=pts/0 ; PWD=/home/bob ; USER=root ; COMMAND=/bin/bash", "bob", "root", "/bin/bash", "/home/bob", "sudo_command", "success")]
    // Password guessing at the sudo prompt.
    [InlineData("bob : 3 incorrect password attempts ; TTY=pts/0 ; PWD=/home/bob ; USER=root ; COMMAND=/usr/bin/id", "bob", "root", "/usr/bin/id", "/home/bob", "sudo_incorrect_password", "failure")]
    // A user without rights trying anyway.
    [InlineData("mallory : user NOT in sudoers ; TTY=pts/1 ; PWD=/tmp ; USER=root ; COMMAND=/bin/cat /etc/shadow", "mallory", "root", "/bin/cat /etc/shadow", "/tmp", "sudo_not_in_sudoers", "failure")]
    // Arguments may hold " ; ": COMMAND takes everything to the end.
    [InlineData("bob : TTY=pts/0 ; PWD=/ ; USER=root ; COMMAND=/bin/sh -c a ; b", "bob", "root", "/bin/sh -c a ; b", "/", "sudo_command", "success")]
    // Any other refusal reason is still a failure.
    [InlineData("bob : command not allowed ; TTY=pts/0 ; PWD=/ ; USER=root ; COMMAND=/sbin/reboot", "bob", "root", "/sbin/reboot", "/", "sudo_denied", "failure")]
    public void Parse_SudoMessage_IsDecoded(string message, string user, string target, string command, string pwd, string action, string outcome)
    {
        var (ok, evt, _) = Parse(_parser, "Jun 11 15:00:00 web01 sudo: " + message);

        Assert.True(ok);
        Assert.Equal(user, evt.Get(FieldNames.UserName));
        Assert.Equal(target, evt.Get(FieldNames.UserTargetName));
        Assert.Equal(command, evt.Get(FieldNames.ProcessCommandLine));
        Assert.Equal(pwd, evt.Get(FieldNames.ProcessWorkingDirectory));
        Assert.Equal(action, evt.Get(FieldNames.EventAction));
        Assert.Equal(outcome, evt.Get(FieldNames.EventOutcome));
        Assert.Equal(new Logsource(null, "linux", "sudo"), evt.Logsource);
    }

    [Fact]
    public void Parse_SudoPamFailure_IsDecoded()
    {
        var (ok, evt, _) = Parse(_parser, "Jun 11 15:00:00 web01 sudo: pam_unix(sudo:auth): authentication failure; logname=bob uid=1000 euid=0 tty=/dev/pts/0 ruser=bob rhost=  user=bob");

        Assert.True(ok);
        Assert.Equal("bob", evt.Get(FieldNames.UserName));
        Assert.Null(evt.Get(FieldNames.SourceIp));
        Assert.Equal("pam_auth_failure", evt.Get(FieldNames.EventAction));
    }

    [Fact]
    public void Parse_SudoSessionLine_IsNotDecoded()
    {
        var (ok, evt, _) = Parse(_parser, "Jun 11 15:00:00 web01 sudo: pam_unix(sudo:session): session opened for user root(uid=0) by bob(uid=1000)");

        Assert.True(ok);
        Assert.Null(evt.Get(FieldNames.EventAction));
    }

    [Fact]
    public void Parse_RepeatedProgram_ReusesLogsourceInstance()
    {
        var (_, first, _) = Parse(_parser, "Jun 11 15:00:00 h sshd[1]: a");
        var (_, second, _) = Parse(_parser, "Jun 11 15:00:01 h sshd[2]: b");

        Assert.Same(first.Logsource, second.Logsource);
    }

    [Fact]
    public void Parse_ManyDistinctPrograms_StillParse()
    {
        // Attacker-chosen tags must not grow the cache without bound, nor break parsing past its cap.
        for (var i = 0; i < 1000; i++)
        {
            var (ok, evt, _) = Parse(_parser, "Jun 11 15:00:00 h prog" + i + "[1]: x");
            Assert.True(ok);
            Assert.Equal("prog" + i, evt.Logsource.Service);
        }
    }

    [Fact]
    public void Parse_BinaryGarbageMessage_ParsesAsText()
    {
        byte[] line = [.. "Jun 11 15:00:00 h kernel: "u8, 0x00, 0xFF, 0xFE, 0x01];

        var (ok, evt, _) = Parse(_parser, line);

        Assert.True(ok);
        Assert.Equal("\0\uFFFD\uFFFD\u0001", evt.Get(FieldNames.Message));
    }
}
