using System.CommandLine;
using Haris.Storage.Audit;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Haris.Cli.Commands;

/// <summary><c>haris audit</c>: the hash-chained audit log.</summary>
internal sealed class AuditCommand : Command
{
    public AuditCommand(CliEnvironment env)
        : base("audit", "Check the tamper-evident audit log.")
    {
        Subcommands.Add(new AuditVerifyCommand(env));
    }
}

/// <summary><c>haris audit verify</c>: exit 0 when the chain is intact, 1 naming the first bad entry.</summary>
internal sealed class AuditVerifyCommand : Command
{
    public AuditVerifyCommand(CliEnvironment env)
        : base("verify", "Walk the audit chain; exit 0 when intact, 1 naming the first entry that was altered, removed or inserted.")
    {
        ServerCommandOptions.AddTo(this, listens: false);
        SetAction((parseResult, cancellationToken) => ExecuteAsync(env, parseResult, cancellationToken));
    }

    private static async Task<int> ExecuteAsync(CliEnvironment env, ParseResult parseResult, CancellationToken cancellationToken)
    {
        await using var app = await ServerCommandOptions.OpenAsync(parseResult, cancellationToken).ConfigureAwait(false);
        var result = await app.Services.GetRequiredService<AuditLog>().VerifyAsync(cancellationToken).ConfigureAwait(false);
        if (result.IsIntact)
        {
            env.Out.WriteLine($"audit log intact: {result.Count} entries, head {result.HeadHash ?? "(empty)"}");
            return ExitCodes.Success;
        }

        env.Out.WriteLine($"audit log broken at entry {result.FirstBadSequence}: {Describe(result.Fault)}; {result.Detail} ({result.Count} entries before it are intact)");
        return ExitCodes.Failure;
    }

    private static string Describe(AuditFault fault) => fault switch
    {
        AuditFault.HashMismatch => "its content does not match its hash (edited)",
        AuditFault.BrokenLink => "it does not follow from the entry before it (an earlier entry was replaced)",
        AuditFault.SequenceGap => "its sequence does not follow the entry before it (entries removed or inserted)",
        _ => fault.ToString(),
    };
}
