using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using System.Text.Json;

namespace EmoStream.Dashboard.Api;

/// <summary>A request's JSON body, or the 400 that names what is wrong with it.</summary>
internal static class JsonBody
{
    /// <param name="what">What the body describes, for the message ("a live session").</param>
    public static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request, IOptions<JsonOptions> json, string what, CancellationToken ct)
        where T : class
    {
        try
        {
            var body = await request.ReadFromJsonAsync<T>(json.Value.SerializerOptions, ct);
            return body is null ? (null, SessionsApi.Invalid("body", "expected a JSON object, got null")) : (body, null);
        }
        catch (JsonException e)
        {
            return (null, SessionsApi.Invalid(string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.'), $"not valid JSON for {what} ({e.Message})"));
        }
        catch (InvalidOperationException)
        {
            return (null, SessionsApi.Invalid("body", $"expected a JSON object (Content-Type: application/json), got Content-Type '{request.ContentType}'"));
        }
    }
}
