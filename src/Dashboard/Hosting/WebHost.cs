using Microsoft.Extensions.Configuration;

namespace EmoStream.Dashboard.Hosting;

/// <summary>Builds and runs the ASP.NET Core host over the shared configuration.</summary>
public static class WebHost
{
    public static WebApplication Build(IConfiguration configuration, string urls)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddConfiguration(configuration);
        builder.WebHost.UseUrls(urls);
        builder.Logging.ClearProviders().AddJsonConsole(o => o.IncludeScopes = true);
        var app = builder.Build();
        app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
        return app;
    }

    public static async Task RunAsync(IConfiguration configuration, string urls, CancellationToken ct)
    {
        await using var app = Build(configuration, urls);
        await app.RunAsync(ct);
    }
}
