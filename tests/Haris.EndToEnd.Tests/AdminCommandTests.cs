using Microsoft.Data.Sqlite;

namespace Haris.EndToEnd.Tests;

/// <summary>The offline server commands as a real process: users, API keys and the audit chain.</summary>
public sealed class AdminCommandTests
{
    [Fact]
    public async Task AuditVerify_IntactThenEditedRow_Exit0ThenExit1NamingTheEntry()
    {
        using var dir = new TempDirectory();
        var add = await HarisProcess.RunAsync(dir.Path, "correct horse battery staple\n"u8.ToArray(), "users", "add", "--name", "amina", "--role", "commander", "--password-stdin", "--data", "data");
        Assert.True(add.ExitCode == 0, add.ToString());
        var key = await HarisProcess.RunAsync(dir.Path, null, "apikeys", "create", "--name", "gate-sensor", "--role", "sensor", "--data", "data");
        Assert.True(key.ExitCode == 0, key.ToString());
        Assert.StartsWith("hk_", key.Stdout.Trim(), StringComparison.Ordinal);
        Assert.Single(key.Stdout.Trim().Split('\n'));

        var intact = await HarisProcess.RunAsync(dir.Path, null, "audit", "verify", "--data", "data");
        Assert.True(intact.ExitCode == 0, intact.ToString());
        Assert.Contains("intact: 2 entries", intact.Stdout, StringComparison.Ordinal);

        // An intruder with the database file rewrites who created the user.
        await using (var db = new SqliteConnection($"Data Source={Path.Combine(dir.Path, "data", "haris.db")}"))
        {
            await db.OpenAsync(TestContext.Current.CancellationToken);
            await using var edit = db.CreateCommand();
            edit.CommandText = "UPDATE audit_log SET actor = 'someone-else' WHERE sequence = 1";
            Assert.Equal(1, await edit.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        }

        SqliteConnection.ClearAllPools();
        var broken = await HarisProcess.RunAsync(dir.Path, null, "audit", "verify", "--data", "data");
        Assert.True(broken.ExitCode == 1, broken.ToString());
        Assert.Contains("broken at entry 1", broken.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    // A role that does not exist.
    [InlineData("users", "add", "--name", "x", "--role", "janitor", "--password-stdin")]
    // Sensors are machines: they get keys, not passwords.
    [InlineData("users", "add", "--name", "x", "--role", "sensor", "--password-stdin")]
    // The password must come on stdin, never as an argument.
    [InlineData("users", "add", "--name", "x", "--role", "operator")]
    [InlineData("apikeys", "create", "--name", "x", "--role", "janitor")]
    [InlineData("apikeys", "revoke", "42")]
    public async Task AdminCommand_BadInput_Exit1WithOneLineError(params string[] args)
    {
        using var dir = new TempDirectory();

        var result = await HarisProcess.RunAsync(dir.Path, "long enough password\n"u8.ToArray(), [.. args, "--data", "data"]);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith("haris: error: ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersAdd_ShortPassword_Exit1SayingWhy()
    {
        using var dir = new TempDirectory();

        var result = await HarisProcess.RunAsync(dir.Path, "short\n"u8.ToArray(), "users", "add", "--name", "x", "--role", "operator", "--password-stdin", "--data", "data");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("12", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_MissingConfigFile_Exit1NamingIt()
    {
        using var dir = new TempDirectory();

        var result = await HarisProcess.RunAsync(dir.Path, null, "serve", "--config", "nowhere.yaml", "--data", "data");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("nowhere.yaml", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    // A tournament file that is not there.
    [InlineData("Tournament:\n  Path: nowhere.yaml\n", "Tournament:Path: file 'nowhere.yaml' not found")]
    // One that fails its checks: the problem is named with its file and line.
    [InlineData("Tournament:\n  Path: cup.yaml\n", "cup.yaml:2: venues: must list at least one item")]
    public async Task Serve_BadTournament_Exit1NamingTheProblem(string config, string expected)
    {
        using var dir = new TempDirectory();
        dir.Write("haris.yaml", config);
        dir.Write("cup.yaml", "name: Cup\nvenues: []\nmatches: []\n");

        var result = await HarisProcess.RunAsync(dir.Path, null, "serve", "--data", "data", "--urls", "http://127.0.0.1:0");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_BadSourceInConfig_Exit1NamingTheEntry()
    {
        using var dir = new TempDirectory();
        dir.Write("haris.yaml", "Sources:\n  - Type: carrier-pigeon\n");

        var result = await HarisProcess.RunAsync(dir.Path, null, "serve", "--data", "data", "--urls", "http://127.0.0.1:0");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("Sources[0]", result.Stderr, StringComparison.Ordinal);
    }
}
