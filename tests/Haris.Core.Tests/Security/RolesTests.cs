using Haris.Core.Security;

namespace Haris.Core.Tests.Security;

public sealed class RolesTests
{
    [Fact]
    public void All_ListsEachRoleOnce() =>
        Assert.Equal(["admin", "commander", "cyber-analyst", "operator", "steward", "partner-liaison", "sensor"], Roles.All);

    [Theory]
    [InlineData("operator", true)]
    // Role names are compared exactly: "Admin" is not a role, so it cannot slip past a check written for "admin".
    [InlineData("Admin", false)]
    [InlineData("root", false)]
    [InlineData(null, false)]
    public void IsKnown_ExactNamesOnly(string? role, bool known) => Assert.Equal(known, Roles.IsKnown(role));
}
