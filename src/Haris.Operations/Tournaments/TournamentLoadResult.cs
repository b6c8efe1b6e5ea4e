using System.Diagnostics.CodeAnalysis;

namespace Haris.Operations.Tournaments;

/// <summary>Either a valid tournament or every reason it is not one.</summary>
public sealed class TournamentLoadResult
{
    private TournamentLoadResult(Tournament? tournament, IReadOnlyList<TournamentError> errors)
    {
        Tournament = tournament;
        Errors = errors;
    }

    /// <summary>The tournament, when the configuration has no error.</summary>
    public Tournament? Tournament { get; }

    /// <summary>Every problem found, in document order; empty when <see cref="Tournament"/> is set.</summary>
    public IReadOnlyList<TournamentError> Errors { get; }

    /// <summary>Whether the configuration loaded without error.</summary>
    [MemberNotNullWhen(true, nameof(Tournament))]
    public bool Succeeded => Tournament is not null;

    internal static TournamentLoadResult Success(Tournament tournament) => new(tournament, []);

    internal static TournamentLoadResult Failure(IReadOnlyList<TournamentError> errors) => new(null, errors);
}
