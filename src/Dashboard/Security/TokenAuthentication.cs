using System.Security.Cryptography;
using System.Text;

namespace EmoStream.Dashboard.Security;

/// <summary>
/// Refuses <c>/api</c> and <c>/hubs</c> requests without the token their access level needs (401, problem details).
/// Only installed when the host listens beyond loopback.
/// </summary>
public sealed class TokenAuthentication(RequestDelegate next, SecurityOptions options)
{
    public const string QueryParameter = "access_token";

    private readonly byte[] _ingest = Encoding.UTF8.GetBytes(options.IngestToken!);
    private readonly byte[] _view = Encoding.UTF8.GetBytes(options.ViewToken!);

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

    public static AccessLevel Needed(HttpRequest request)
    {
        var path = request.Path;
        if (path.StartsWithSegments("/hubs")) return AccessLevel.View;
        if (!path.StartsWithSegments("/api")) return AccessLevel.None;
        var ingest = path.Value!.EndsWith("/ingest", StringComparison.Ordinal);
        return ingest || !HttpMethods.IsGet(request.Method) ? AccessLevel.Ingest : AccessLevel.View;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var needed = Needed(context.Request);
        if (needed == AccessLevel.None || Grants(Presented(context.Request), needed))
        {
            await next(context);
            return;
        }
        var token = needed == AccessLevel.Ingest ? nameof(SecurityOptions.IngestToken) : $"{nameof(SecurityOptions.ViewToken)} or {nameof(SecurityOptions.IngestToken)}";
        await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
            detail: $"this request needs the {token} (header 'Authorization: Bearer TOKEN' or query parameter '{QueryParameter}')").ExecuteAsync(context);
    }

    private bool Grants(string? presented, AccessLevel needed)
    {
        if (presented is null) return false;
        var bytes = Encoding.UTF8.GetBytes(presented);
        return CryptographicOperations.FixedTimeEquals(bytes, _ingest) || (needed == AccessLevel.View && CryptographicOperations.FixedTimeEquals(bytes, _view));
    }

    private static string? Presented(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header["Bearer ".Length..].Trim();
        return request.Query.TryGetValue(QueryParameter, out var value) ? value.ToString() : null;
    }
}
