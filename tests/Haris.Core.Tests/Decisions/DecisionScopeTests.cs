using Haris.Core.Decisions;

namespace Haris.Core.Tests.Decisions;

public sealed class DecisionScopeTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    // A single-host block is the address, so the edge holds one entry for it.
    [InlineData("203.0.113.7/32", "203.0.113.7")]
    [InlineData("2001:db8::1/128", "2001:db8::1")]
    [InlineData("198.51.100.77/24", "198.51.100.0/24")]
    public void TryNormalize_AddressOrBlock_GivesOneSpelling(string value, string expected)
    {
        Assert.True(DecisionScope.TryNormalize(value, out var normalized));
        Assert.Equal(expected, normalized);
        Assert.Equal(expected.Contains('/', StringComparison.Ordinal), DecisionScope.IsRange(normalized));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("tickets.example.com")]
    [InlineData("203.0.113.7/40")]
    public void TryNormalize_Other_IsRejected(string? value) => Assert.False(DecisionScope.TryNormalize(value, out _));
}
