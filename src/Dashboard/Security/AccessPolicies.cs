using Microsoft.AspNetCore.Authorization;

namespace EmoStream.Dashboard.Security;

/// <summary>
/// The authorization policies every routed endpoint names (<c>RequireAuthorization(View)</c>, <c>(Review)</c> or <c>(Ingest)</c>,
/// <c>AllowAnonymous()</c> for health): what a request needs is decided by the endpoint routing selected, never by
/// the path's text. An endpoint that names none falls back to <see cref="Ingest"/>.
/// </summary>
public static class AccessPolicies
{
    /// <summary>Reading sessions and results: the REST reads and the SignalR hub.</summary>
    public const string View = "view";

    /// <summary>Correcting utterances' emotions: review tokens and the ingest token.</summary>
    public const string Review = "review";

    /// <summary>Creating, uploading, stopping, deleting sessions and streaming audio in.</summary>
    public const string Ingest = "ingest";

    /// <summary>The claim <see cref="TokenAuthenticationHandler"/> gives a request: one per access level it holds.</summary>
    public const string AccessClaim = "emostream:access";

    public static void Add(AuthorizationOptions options)
    {
        AuthorizationPolicy Needing(string level) => new AuthorizationPolicyBuilder(TokenAuthenticationHandler.SchemeName).RequireClaim(AccessClaim, level).Build();
        var ingest = Needing(Ingest);
        options.AddPolicy(View, Needing(View));
        options.AddPolicy(Review, Needing(Review));
        options.AddPolicy(Ingest, ingest);
        options.DefaultPolicy = ingest;
        options.FallbackPolicy = ingest;
    }

    /// <summary>The policy an endpoint's metadata names; null when it allows anyone.</summary>
    public static string? Of(Endpoint? endpoint)
    {
        if (endpoint is null || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null) return null;
        var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToArray();
        return policies.Contains(Ingest) ? Ingest : policies.Contains(Review) ? Review : policies.Contains(View) ? View : Ingest;
    }
}
