namespace EmoStream.Dashboard.Security;

/// <summary>The host cannot start as configured (for instance listening beyond loopback without access tokens).</summary>
public sealed class HostingConfigurationException(string message) : Exception(message);
