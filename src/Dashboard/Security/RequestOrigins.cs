using Microsoft.Extensions.Primitives;

namespace EmoStream.Dashboard.Security;

/// <summary>
/// Keeps other web pages out, in front of every endpoint (REST, ingest WebSockets, the hub; not the page's static
/// files): a request whose <c>Host</c> is not allowed is refused with 400 (<c>AllowedHosts</c>; when unset, a server
/// bound to loopback allows only <c>localhost</c>, <c>127.0.0.1</c> and <c>[::1]</c>, which defeats DNS rebinding),
/// and a request a browser sent from another origin (its <c>Origin</c> header is neither this server's own origin nor
/// listed in <c>Security:AllowedOrigins</c>) is refused with 403. Clients that are not browsers send no
/// <c>Origin</c> and are not affected.
/// </summary>
public sealed class RequestOrigins(RequestDelegate next, AccessMode mode, IConfiguration configuration)
{
    /// <summary>The host names a server bound to loopback answers when <c>AllowedHosts</c> is not set.</summary>
    public static readonly IReadOnlyList<string> LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    private readonly string[] _configuredHosts = (configuration["AllowedHosts"] ?? "")
        .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private readonly string[] _allowedOrigins = (mode.Tokens.AllowedOrigins ?? []).Select(o => o.TrimEnd('/')).ToArray();

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HostAllowed(request.Host.Host))
        {
            await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad Request",
                detail: $"host '{request.Host.Host}' is not one this server answers to (AllowedHosts; on loopback: {string.Join(", ", LoopbackHosts)})")
                .ExecuteAsync(context);
            return;
        }
        if (request.Headers.Origin is { Count: > 0 } origin && !OriginAllowed(origin, request))
        {
            await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: $"a page from origin '{origin}' may not use this server: only its own page, or origins listed in {SecurityOptions.SectionName}:{nameof(SecurityOptions.AllowedOrigins)}")
                .ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    private bool HostAllowed(string host)
    {
        IReadOnlyList<string> allowed = _configuredHosts.Length > 0 ? _configuredHosts : mode.IsLoopback ? LoopbackHosts : ["*"];
        return allowed.Any(a => a == "*"
            || string.Equals(a, host, StringComparison.OrdinalIgnoreCase)
            || (a.StartsWith("*.", StringComparison.Ordinal) && host.EndsWith(a[1..], StringComparison.OrdinalIgnoreCase)));
    }

    private bool OriginAllowed(StringValues origin, HttpRequest request)
    {
        if (origin.Count != 1) return false;
        var value = origin.ToString().TrimEnd('/');
        var own = $"{request.Scheme}://{request.Host.Value}";
        return string.Equals(value, own, StringComparison.OrdinalIgnoreCase)
            || _allowedOrigins.Contains(value, StringComparer.OrdinalIgnoreCase);
    }
}
