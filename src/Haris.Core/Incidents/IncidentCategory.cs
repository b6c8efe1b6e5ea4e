namespace Haris.Core.Incidents;

/// <summary>What kind of incident it is: one list for the cyber command center and the stadium operations room.</summary>
public enum IncidentCategory
{
    // Cyber command center.
    WebAttack,
    Ddos,
    CredentialStuffing,
    Malware,
    DataLeak,
    Scanner,
    BotScalping,
    OtherCyber,

    // Stadium security operations room.
    Medical,
    CrowdPressure,
    Fight,
    SuspiciousObject,
    PitchInvasion,
    Fire,
    LostChild,
    TicketingFraud,
    OtherField,
}

/// <summary>Which room an incident category belongs to.</summary>
public static class IncidentCategories
{
    /// <summary>Whether the category is handled by the cyber command center rather than the operations room.</summary>
    // The cyber categories are declared first, up to OtherCyber; a new one goes before it.
    public static bool IsCyber(this IncidentCategory category) => category <= IncidentCategory.OtherCyber;
}
