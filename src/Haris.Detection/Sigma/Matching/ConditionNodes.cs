using Haris.Core.Events;

namespace Haris.Detection.Sigma.Matching;

/// <summary>A node of a compiled condition. Each search identifier is evaluated at most once per event (cached).</summary>
internal abstract class ConditionNode
{
    /// <param name="evt">The event.</param>
    /// <param name="searches">The rule's compiled search identifiers, by index.</param>
    /// <param name="cache">Per identifier: 0 not yet evaluated, 1 false, 2 true.</param>
    public abstract bool Evaluate(LogEvent evt, SearchNode[] searches, Span<byte> cache);
}

internal sealed class IdentifierNode(int index, string name) : ConditionNode
{
    public string Name { get; } = name;

    public int Index => index;

    public override bool Evaluate(LogEvent evt, SearchNode[] searches, Span<byte> cache)
    {
        var known = cache[index];
        if (known != 0)
        {
            return known == 2;
        }

        var result = searches[index].Evaluate(evt);
        cache[index] = result ? (byte)2 : (byte)1;
        return result;
    }
}

internal sealed class NotNode(ConditionNode operand) : ConditionNode
{
    public ConditionNode Operand => operand;

    public override bool Evaluate(LogEvent evt, SearchNode[] searches, Span<byte> cache) =>
        !operand.Evaluate(evt, searches, cache);
}

internal sealed class AndNode(ConditionNode[] operands) : ConditionNode
{
    public IReadOnlyList<ConditionNode> Operands => operands;

    public override bool Evaluate(LogEvent evt, SearchNode[] searches, Span<byte> cache)
    {
        foreach (var operand in operands)
        {
            if (!operand.Evaluate(evt, searches, cache))
            {
                return false;
            }
        }

        return true;
    }
}

internal sealed class OrNode(ConditionNode[] operands) : ConditionNode
{
    public IReadOnlyList<ConditionNode> Operands => operands;

    public override bool Evaluate(LogEvent evt, SearchNode[] searches, Span<byte> cache)
    {
        foreach (var operand in operands)
        {
            if (operand.Evaluate(evt, searches, cache))
            {
                return true;
            }
        }

        return false;
    }
}
