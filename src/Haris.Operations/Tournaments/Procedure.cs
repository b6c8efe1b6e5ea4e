using Haris.Core.Incidents;

namespace Haris.Operations.Tournaments;

/// <summary>The checklist responders follow for one category of incident.</summary>
/// <param name="Category">The incident category it answers.</param>
/// <param name="Steps">The steps, in the order they are carried out.</param>
public sealed record Procedure(IncidentCategory Category, IReadOnlyList<LocalizedText> Steps);
