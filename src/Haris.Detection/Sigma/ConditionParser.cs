using Haris.Detection.Sigma.Matching;

namespace Haris.Detection.Sigma;

/// <summary>
/// Parses a Sigma v2 condition: <c>or</c> binds loosest, then <c>and</c>, then <c>not</c>, then <c>x of</c>, then parentheses.
/// </summary>
/// <remarks>
/// Operators are lower-case as the specification writes them; <c>AND</c> is refused with a hint rather than read as an
/// identifier. <c>them</c> covers every identifier that does not start with <c>_</c>. A pattern that names no identifier
/// is an error, as is the v1 aggregation syntax (<c>| count()</c>), which v2 replaced by correlation rules.
/// </remarks>
internal sealed class ConditionParser
{
    private readonly List<string> _tokens;
    private readonly IReadOnlyList<string> _identifiers;
    private readonly string _text;
    private int _position;

    private ConditionParser(string text, IReadOnlyList<string> identifiers)
    {
        _text = text;
        _identifiers = identifiers;
        _tokens = Tokenize(text);
    }

    /// <summary>Parses <paramref name="text"/> against the rule's search identifiers (their order gives their index).</summary>
    public static ConditionNode Parse(string text, IReadOnlyList<string> identifiers)
    {
        var parser = new ConditionParser(text, identifiers);
        if (parser._tokens.Count == 0)
        {
            throw new SigmaRuleException("condition is empty");
        }

        var node = parser.ParseOr();
        if (parser._position < parser._tokens.Count)
        {
            var token = parser._tokens[parser._position];
            throw parser.Error(Misplaced(token) ?? $"unexpected '{token}'");
        }

        return node;
    }

    private ConditionNode ParseOr()
    {
        var operands = new List<ConditionNode> { ParseAnd() };
        while (Accept("or"))
        {
            operands.Add(ParseAnd());
        }

        return operands.Count == 1 ? operands[0] : new OrNode([.. operands]);
    }

    private ConditionNode ParseAnd()
    {
        var operands = new List<ConditionNode> { ParseNot() };
        while (Accept("and"))
        {
            operands.Add(ParseNot());
        }

        return operands.Count == 1 ? operands[0] : new AndNode([.. operands]);
    }

    private ConditionNode ParseNot() => Accept("not") ? new NotNode(ParseNot()) : ParsePrimary();

    private ConditionNode ParsePrimary()
    {
        if (_position >= _tokens.Count)
        {
            throw Error("ends where an identifier, 'not', 'x of' or '(' was expected");
        }

        var token = _tokens[_position++];
        switch (token)
        {
            case "(":
                var inner = ParseOr();
                if (!Accept(")"))
                {
                    throw Error("'(' is never closed");
                }

                return inner;
            case ")":
                throw Error("')' without a matching '('");
            case "and" or "or" or "of" or "them":
                throw Error($"'{token}' where an identifier was expected");
        }

        if (Misplaced(token) is { } problem)
        {
            throw Error(problem);
        }

        if (token is "1" or "all" or "any" && _position < _tokens.Count && _tokens[_position] == "of")
        {
            _position++;
            return ParseQuantified(all: token == "all");
        }

        return Identifier(token);
    }

    private ConditionNode ParseQuantified(bool all)
    {
        if (_position >= _tokens.Count)
        {
            throw Error("'of' must be followed by 'them' or an identifier pattern");
        }

        var target = _tokens[_position++];
        var matched = new List<ConditionNode>();
        for (var i = 0; i < _identifiers.Count; i++)
        {
            var name = _identifiers[i];
            var hit = target == "them" ? !name.StartsWith('_') : PatternMatches(target, name);
            if (hit)
            {
                matched.Add(new IdentifierNode(i, name));
            }
        }

        if (matched.Count == 0)
        {
            throw Error(target == "them" ? "'them' names no search identifier" : $"pattern '{target}' names no search identifier");
        }

        if (matched.Count == 1)
        {
            return matched[0];
        }

        return all ? new AndNode([.. matched]) : new OrNode([.. matched]);
    }

    private IdentifierNode Identifier(string token)
    {
        if (token.Contains('*', StringComparison.Ordinal))
        {
            throw Error($"pattern '{token}' can only follow '1 of', 'any of' or 'all of'");
        }

        for (var i = 0; i < _identifiers.Count; i++)
        {
            if (_identifiers[i] == token)
            {
                return new IdentifierNode(i, token);
            }
        }

        throw Error($"'{token}' is not a search identifier of this rule");
    }

    // Tokens that are never identifiers, with the reason a rule author needs.
    private static string? Misplaced(string token) => token switch
    {
        "|" => "the v1 aggregation syntax ('| count() ...') is obsolete in Sigma v2; write a correlation rule instead",
        "AND" or "OR" or "NOT" or "And" or "Or" or "Not" => $"operators are lower-case: write '{token.ToLowerInvariant()}' instead of '{token}'",
        "near" => "'near' is obsolete in Sigma v2; write a temporal correlation rule instead",
        _ => null,
    };

    private bool Accept(string token)
    {
        if (_position < _tokens.Count && _tokens[_position] == token)
        {
            _position++;
            return true;
        }

        return false;
    }

    private SigmaRuleException Error(string message) => new($"condition '{_text}': {message}");

    // '*' stands for any run of identifier characters, anywhere in the pattern; without '*' only the same name matches.
    private static bool PatternMatches(string pattern, string name)
    {
        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        if (star < 0)
        {
            return pattern == name;
        }

        var head = pattern[..star];
        if (!name.StartsWith(head, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = pattern[(star + 1)..];
        var remaining = name[head.Length..];
        if (rest.Length == 0)
        {
            return true;
        }

        for (var i = 0; i <= remaining.Length; i++)
        {
            if (PatternMatches(rest, remaining[i..]))
            {
                return true;
            }
        }

        return false;
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')' or '|')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')' or '|'))
                {
                    i++;
                }

                tokens.Add(text[start..i]);
            }
        }

        return tokens;
    }
}
