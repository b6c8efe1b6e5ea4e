namespace Haris.Core.Decisions;

/// <summary>What the edge does with traffic from a decision's scope.</summary>
public enum DecisionKind
{
    Ban,
}
