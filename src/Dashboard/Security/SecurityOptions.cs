namespace EmoStream.Dashboard.Security;

/// <summary>
/// Access tokens, bound from <c>Security</c> (or <c>EMOSTREAM_Security__IngestToken</c> / <c>..__ViewToken</c> /
/// <c>..__ReviewTokens__NAME</c>).
/// Required only when the host listens beyond loopback; sent as <c>Authorization: Bearer TOKEN</c> or, where a
/// client cannot set headers (WebSockets, SignalR), as the <c>access_token</c> query parameter.
/// </summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>Ingest and control: creating, uploading, stopping, deleting sessions, streaming audio in. Also allows viewing.</summary>
    public string? IngestToken { get; set; }

    /// <summary>Viewing: REST reads and the SignalR hub.</summary>
    public string? ViewToken { get; set; }

    /// <summary>
    /// Reviewers: name to token (<c>{"alice": "…"}</c>). A review token reads what the view token reads and may also
    /// correct utterances' emotions; the corrections record the name, never one the client claims. Optional; each token
    /// must differ from every other (<see cref="TokenAuthentication.CheckReviewers"/>).
    /// </summary>
    public Dictionary<string, string> ReviewTokens { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Web origins (<c>https://example.org</c>) other than the server's own whose pages may call the API, the ingest
    /// socket and the hub from a browser; none by default (<see cref="RequestOrigins"/>).
    /// </summary>
    public string[]? AllowedOrigins { get; set; }
}
