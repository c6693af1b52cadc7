using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EmoStream.Dashboard.Tests.Support;

/// <summary>
/// A real HTTP receiver on loopback for webhook deliveries: <c>POST /PATH</c> answers what <see cref="Answer"/> says for
/// that path and its request count there (from 1), and records every request's headers and body bytes.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public sealed record Request(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body);

    public Uri Address { get; }

    public ConcurrentQueue<Request> Requests { get; } = new();

    /// <summary>(path, nth request on it) to the status to answer; awaitable, so a receiver can hang.</summary>
    public Func<string, int, Task<int>> Answer { get; set; } = (_, _) => Task.FromResult(200);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        var counts = new ConcurrentDictionary<string, int>();
        app.MapPost("/{path}", async (string path, HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            receiver!.Requests.Enqueue(new Request(path, context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body.ToArray()));
            return Results.StatusCode(await receiver.Answer(path, counts.AddOrUpdate(path, 1, (_, n) => n + 1)));
        });
        await app.StartAsync();
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        receiver = new WebhookReceiver(app, bound);
        return receiver;
    }

    public string Url(string path) => new Uri(Address, path).ToString();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
