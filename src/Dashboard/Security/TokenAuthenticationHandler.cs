using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace EmoStream.Dashboard.Security;

/// <summary>
/// Who a request is (<see cref="AccessMode.Grant"/>): on a server bound to loopback only, every client is the
/// operator (every access level); beyond loopback, the holder of the token it presents (<c>Authorization: Bearer
/// TOKEN</c> or <c>?access_token=TOKEN</c>), its access levels as claims and, where it may correct, the author
/// corrections record as its name. A refusal is a problem-details body: 401 without a valid token, 403 with a token
/// that does not reach the endpoint's level.
/// </summary>
public sealed class TokenAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AccessMode mode) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "emostream-token";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (mode.Grant(TokenAuthentication.Presented(Request)) is not { } grant) return Task.FromResult(AuthenticateResult.NoResult());
        var claims = grant.Levels.Select(l => new Claim(AccessPolicies.AccessClaim, l)).ToList();
        if (grant.Author is { } author) claims.Add(new Claim(ClaimTypes.Name, author));
        var identity = new ClaimsIdentity(claims, SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
            detail: $"this request needs the {Tokens()} (header 'Authorization: Bearer TOKEN' or query parameter '{TokenAuthentication.QueryParameter}')")
            .ExecuteAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
            detail: Needed() == AccessPolicies.Review
                ? $"this request needs the {Tokens()}; the {nameof(SecurityOptions.ViewToken)} only reads"
                : $"this request needs the {Tokens()}; the {nameof(SecurityOptions.ViewToken)} only reads and review tokens only read and correct")
            .ExecuteAsync(Context);

    /// <summary>The tokens that would do, for the endpoint's policy.</summary>
    private string Tokens() => Needed() switch
    {
        AccessPolicies.View => $"{nameof(SecurityOptions.ViewToken)} or {nameof(SecurityOptions.IngestToken)}",
        AccessPolicies.Review => $"{nameof(SecurityOptions.IngestToken)} or a review token ({SecurityOptions.SectionName}:{nameof(SecurityOptions.ReviewTokens)})",
        _ => nameof(SecurityOptions.IngestToken),
    };

    private string? Needed() => AccessPolicies.Of(Context.GetEndpoint()) ?? AccessPolicies.Ingest;
}
