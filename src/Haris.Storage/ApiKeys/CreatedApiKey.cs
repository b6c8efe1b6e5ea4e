namespace Haris.Storage.ApiKeys;

/// <summary>A new API key and its text, which is shown to the user once and cannot be recovered afterwards.</summary>
/// <remarks>A class, not a record: a record's generated <c>ToString</c> would print the key into any log it reached.</remarks>
public sealed class CreatedApiKey(ApiKey key, string plaintext)
{
    public ApiKey Key { get; } = key;

    /// <summary>The key to hand to the caller; never log or store it.</summary>
    public string Plaintext { get; } = plaintext;

    /// <inheritdoc />
    public override string ToString() => $"API key {Key.Name} ({Key.Prefix}…)";
}
