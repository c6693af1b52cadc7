using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace EmoStream.Dashboard.Security;

/// <summary>
/// Who a request is: on a server bound to loopback only, every client is the operator (both access levels); beyond
/// loopback, the holder of the token it presents (<c>Authorization: Bearer TOKEN</c> or <c>?access_token=TOKEN</c>).
/// A refusal is a problem-details body: 401 without a valid token, 403 with the view token where the ingest token
/// is needed.
/// </summary>
public sealed class TokenAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AccessMode mode) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "emostream-token";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        IReadOnlyList<string> levels = mode.IsLoopback ? [AccessPolicies.Ingest, AccessPolicies.View] : mode.Grants(TokenAuthentication.Presented(Request));
        if (levels.Count == 0) return Task.FromResult(AuthenticateResult.NoResult());
        var identity = new ClaimsIdentity(levels.Select(l => new Claim(AccessPolicies.AccessClaim, l)), SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var token = Needed() == AccessPolicies.View
            ? $"{nameof(SecurityOptions.ViewToken)} or {nameof(SecurityOptions.IngestToken)}"
            : nameof(SecurityOptions.IngestToken);
        return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
            detail: $"this request needs the {token} (header 'Authorization: Bearer TOKEN' or query parameter '{TokenAuthentication.QueryParameter}')")
            .ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
            detail: $"this request needs the {nameof(SecurityOptions.IngestToken)}; the {nameof(SecurityOptions.ViewToken)} only reads").ExecuteAsync(Context);

    private string? Needed() => AccessPolicies.Of(Context.GetEndpoint()) ?? AccessPolicies.Ingest;
}
