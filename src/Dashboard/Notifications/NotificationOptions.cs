namespace EmoStream.Dashboard.Notifications;

/// <summary>Where alerts are delivered, bound from <c>Notifications</c> (docs/API.md#webhooks).</summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Notifications";

    public List<WebhookTarget> Webhooks { get; set; } = [];

    /// <summary>Deliveries waiting per webhook; when full, a new one is dropped (and recorded) rather than slowing a session.</summary>
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>Attempts per delivery, the first included.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait before the first retry; each later one waits about twice as long (exponential back-off with jitter).</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one attempt may take before it counts as failed.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many finished deliveries <c>GET /api/notifications/deliveries</c> keeps (newest first).</summary>
    public int History { get; set; } = 500;

    /// <summary>What is wrong with the settings, naming the key, or null.</summary>
    public string? Problem()
    {
        if (QueueCapacity < 1) return $"{SectionName}:QueueCapacity is {QueueCapacity}; expected 1 or more";
        if (MaxAttempts is < 1 or > 20) return $"{SectionName}:MaxAttempts is {MaxAttempts}; expected 1 to 20";
        if (FirstRetryDelay <= TimeSpan.Zero) return $"{SectionName}:FirstRetryDelay is {FirstRetryDelay}; expected more than 0";
        if (AttemptTimeout < TimeSpan.FromMilliseconds(10)) return $"{SectionName}:AttemptTimeout is {AttemptTimeout}; expected 10 ms or more";
        if (History < 0) return $"{SectionName}:History is {History}; expected 0 or more";
        for (var i = 0; i < Webhooks.Count; i++)
        {
            var key = $"{SectionName}:Webhooks:{i}";
            var hook = Webhooks[i];
            if (!Uri.TryCreate(hook.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                return $"{key}:Url is '{hook.Url}'; expected an absolute http:// or https:// address";
            if (string.IsNullOrEmpty(hook.Secret) || hook.Secret.Length < 16)
                return $"{key}:Secret is {(string.IsNullOrEmpty(hook.Secret) ? "empty" : $"{hook.Secret.Length} characters")}; expected 16 characters or more (the receiver checks each body's HMAC-SHA256 with it)";
            if (Webhooks.Take(i).Any(h => h.DisplayName == hook.DisplayName))
                return $"{key}:Name '{hook.DisplayName}' is used twice; each webhook needs its own name";
        }
        return null;
    }
}

/// <summary>One receiver of alerts.</summary>
public sealed class WebhookTarget
{
    /// <summary>Names it in logs and delivery outcomes; its host when not set.</summary>
    public string? Name { get; set; }

    public string Url { get; set; } = "";

    /// <summary>The key of the <c>X-EmoStream-Signature</c> HMAC-SHA256 over each body.</summary>
    public string Secret { get; set; } = "";

    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? (Uri.TryCreate(Url, UriKind.Absolute, out var u) ? u.Authority : Url) : Name;
}
