namespace Haris.Core.Incidents;

/// <summary>What an observable (an indicator attached to an incident) is.</summary>
public enum ObservableKind
{
    Ip,
    Cidr,
    Domain,
    Url,
    Hash,
    User,
}
