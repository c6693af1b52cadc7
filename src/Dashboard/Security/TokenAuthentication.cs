namespace EmoStream.Dashboard.Security;

/// <summary>
/// Where a request presents its token and the rule that both tokens are set and differ. Which token a request
/// needs is the routed endpoint's policy (<see cref="AccessPolicies"/>); who holds it, <see cref="TokenAuthenticationHandler"/>.
/// </summary>
public static class TokenAuthentication
{
    public const string QueryParameter = "access_token";

    /// <summary>Throws when a token is missing: off loopback the host must not start without both.</summary>
    public static SecurityOptions Require(SecurityOptions options, string urls)
    {
        var missing = new[] { (nameof(options.IngestToken), options.IngestToken), (nameof(options.ViewToken), options.ViewToken) }
            .Where(t => string.IsNullOrWhiteSpace(t.Item2)).Select(t => $"{SecurityOptions.SectionName}:{t.Item1}").ToArray();
        if (missing.Length > 0)
            throw new HostingConfigurationException(
                $"listening on {urls} (beyond loopback) needs access tokens, but {string.Join(" and ", missing)} {(missing.Length == 1 ? "is" : "are")} not set; " +
                "set them in appsettings.json or the environment (EMOSTREAM_Security__IngestToken, EMOSTREAM_Security__ViewToken), or listen on http://127.0.0.1:PORT");
        if (options.IngestToken == options.ViewToken)
            throw new HostingConfigurationException($"{SecurityOptions.SectionName}:IngestToken and {SecurityOptions.SectionName}:ViewToken are the same; viewers would be able to control sessions");
        return options;
    }

    /// <summary>
    /// Throws when a review token is empty, equals another token (ingest, view or another reviewer's: one token, one
    /// holder) or its reviewer is named as the authors without a reviewer (<see cref="AccessMode.OperatorAuthor"/>,
    /// <see cref="AccessMode.LocalAuthor"/>). Checked at every start, loopback or not; the message never shows a token.
    /// </summary>
    public static void CheckReviewers(SecurityOptions options)
    {
        var key = $"{SecurityOptions.SectionName}:{nameof(options.ReviewTokens)}";
        var others = new List<(string Key, string Token)>();
        if (!string.IsNullOrWhiteSpace(options.IngestToken)) others.Add(($"{SecurityOptions.SectionName}:{nameof(options.IngestToken)}", options.IngestToken));
        if (!string.IsNullOrWhiteSpace(options.ViewToken)) others.Add(($"{SecurityOptions.SectionName}:{nameof(options.ViewToken)}", options.ViewToken));
        foreach (var (name, token) in options.ReviewTokens.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (string.IsNullOrWhiteSpace(token))
                throw new HostingConfigurationException($"{key}:{name} is empty; give reviewer '{name}' a token of its own, or remove the entry");
            if (name is AccessMode.OperatorAuthor or AccessMode.LocalAuthor || string.IsNullOrWhiteSpace(name))
                throw new HostingConfigurationException(
                    $"{key}:{name}: '{name}' cannot name a reviewer; it is reserved for corrections made with the ingest token ('{AccessMode.OperatorAuthor}') or on loopback without a token ('{AccessMode.LocalAuthor}')");
            if (others.FirstOrDefault(o => o.Token == token) is { Key: not null } same)
                throw new HostingConfigurationException($"{key}:{name} is the same token as {same.Key}; each token must be different, so that it says who is using it");
            others.Add(($"{key}:{name}", token));
        }
    }

    /// <summary>The token a request presents: the bearer header, else the <see cref="QueryParameter"/>; null when none.</summary>
    public static string? Presented(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header["Bearer ".Length..].Trim();
        return request.Query.TryGetValue(QueryParameter, out var value) ? value.ToString() : null;
    }
}
