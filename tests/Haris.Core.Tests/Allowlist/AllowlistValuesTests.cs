using Haris.Core.Allowlist;

namespace Haris.Core.Tests.Allowlist;

public sealed class AllowlistValuesTests
{
    [Theory]
    [InlineData(AllowlistScope.Rule, " 5c9f1a3e-web-scanner ", "5c9f1a3e-web-scanner")]
    [InlineData(AllowlistScope.SourceIp, "::ffff:192.0.2.10", "192.0.2.10")]
    [InlineData(AllowlistScope.Cidr, "192.0.2.10/24", "192.0.2.0/24")]
    // Paths keep their case: servers tell /Admin and /admin apart.
    [InlineData(AllowlistScope.Path, "/Health", "/Health")]
    [InlineData(AllowlistScope.User, "monitor", "monitor")]
    public void TryNormalize_ValidValue_GivesOneSpelling(AllowlistScope scope, string value, string expected)
    {
        Assert.True(AllowlistValues.TryNormalize(scope, value, out var normalized));
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData(AllowlistScope.SourceIp, "192.0.2.0/24")]
    [InlineData(AllowlistScope.Path, "health")]
    [InlineData(AllowlistScope.Rule, "")]
    public void TryNormalize_InvalidValue_IsRejected(AllowlistScope scope, string value) =>
        Assert.False(AllowlistValues.TryNormalize(scope, value, out _));
}
