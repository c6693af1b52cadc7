namespace EmoStream.Dashboard.Security;

/// <summary>
/// Headers on every answer that keep the page from being framed, sniffed or injected into: a Content Security Policy
/// allowing only the server's own scripts, styles, connections and workers (the page loads nothing from elsewhere
/// and runs no inline script), <c>X-Content-Type-Options: nosniff</c>, <c>X-Frame-Options: DENY</c>, and
/// <c>Referrer-Policy: no-referrer</c> (a viewer's link may carry its token).
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; worker-src 'self'; " +
        "media-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        return next(context);
    }
}
