namespace EmoStream.Sessions;

/// <summary>
/// What a live session's client may make it do: how long it may send nothing before the session ends, and how far its
/// audio time may run ahead of its arrival. The web host binds them from its <c>Limits</c> section.
/// </summary>
/// <param name="Setting">How the setting of the idle time-out is named in messages (for instance <c>Limits:LiveIdleTimeout</c>).</param>
public sealed record LiveLimits(TimeSpan IdleTimeout, TimeSpan MaxLead, string Setting = "Limits:LiveIdleTimeout")
{
    public static LiveLimits Default { get; } = new(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(30));
}
