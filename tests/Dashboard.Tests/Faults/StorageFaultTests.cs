using EmoStream.Dashboard.Tests.Support;

namespace EmoStream.Dashboard.Tests.Faults;

/// <summary>Storage the server cannot write is reported with the operating system's reason, not SQLite's "unable to open database file".</summary>
public sealed class StorageFaultTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-storage-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [SkippableFact]
    public async Task Serve_on_a_read_only_data_folder_exits_saying_the_folder_is_read_only()
    {
        var why = ServerProcess.MountNamespaceUnavailable();
        Skip.If(why is not null, why);
        var data = Path.Combine(_dir, "data");
        Directory.CreateDirectory(data);
        await using var serve = ServerProcess.Run(data, ["serve", "--urls", "http://127.0.0.1:0"], mountFirst: $"mount -t tmpfs -o ro,size=1m tmpfs '{data}'");
        Assert.Equal(EmoStream.Dashboard.Cli.ExitCodes.UserError, await serve.ExitCodeAsync(TimeSpan.FromMinutes(2)));
        Assert.Contains($"the data folder {data} is not writable (read-only file system)", serve.Stderr);
        Assert.DoesNotContain("   at ", serve.Stderr);
    }

    [Fact]
    public async Task Serve_names_the_address_it_actually_bound()
    {
        await using var serve = await ServerProcess.ServeAsync(Path.Combine(_dir, "data"));
        Assert.NotEqual(0, serve.Address.Port); // --urls said port 0: the message names the port the system chose
        using var http = new HttpClient { BaseAddress = serve.Address };
        Assert.Equal("{\"status\":\"ok\"}", await http.GetStringAsync("/health"));
    }
}
