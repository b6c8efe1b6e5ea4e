namespace Haris.Server.Hosting;

/// <summary>The server cannot start with its configuration; the message says what and where.</summary>
public sealed class ServerConfigurationException(string message) : Exception(message);
