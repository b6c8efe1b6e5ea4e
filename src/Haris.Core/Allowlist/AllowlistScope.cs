namespace Haris.Core.Allowlist;

/// <summary>What an allowlist entry's value is matched against.</summary>
public enum AllowlistScope
{
    Rule,
    SourceIp,
    Cidr,
    Path,
    User,
}
