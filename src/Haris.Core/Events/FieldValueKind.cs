namespace Haris.Core.Events;

/// <summary>What a field value was in its source, kept so rules can tell a JSON null from an empty string.</summary>
public enum FieldValueKind : byte
{
    String,
    Number,
    Boolean,
    Null,
}
