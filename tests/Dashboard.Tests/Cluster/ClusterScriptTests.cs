using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using EmoStream.Dashboard.Tests.Support;
using EmoStream.Sessions.Storage;
using EmoStream.Sessions.Tests.Support;

namespace EmoStream.Dashboard.Tests.Cluster;

/// <summary><c>scripts/cluster.sh up 2</c> then <c>down</c>, on ports and a state folder of the test's own.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ClusterScriptTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-cluster-sh-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<(int Code, string Stdout, string Stderr)> ClusterAsync(params string[] args)
    {
        var info = new ProcessStartInfo("bash", [Path.Combine(DashboardServer.RepoRoot(), "scripts", "cluster.sh"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["EMOSTREAM_CLUSTER_DIR"] = Path.Combine(_dir, "state");
        info.Environment["EMOSTREAM_CLUSTER_PORT"] = Port(0);
        info.Environment["EMOSTREAM_CLUSTER_REDIS_PORT"] = Port(1);
        info.Environment["EMOSTREAM_CLUSTER_PG_PORT"] = Port(2);
        info.Environment["EMOSTREAM_Transcription__Engine"] = "none";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(4));
        return (process.ExitCode, await stdout, await stderr);
    }

    private readonly Dictionary<int, string> _ports = [];

    /// <summary>Five free loopback ports in a row: the balancer, its two nodes after it, Redis, PostgreSQL.</summary>
    private string Port(int which)
    {
        if (_ports.Count == 0)
        {
            for (var port = 20000 + Random.Shared.Next(20000); _ports.Count == 0; port += 7)
            {
                if (!new[] { port, port + 1, port + 2, port + 3, port + 4 }.All(Free)) continue;
                _ports[0] = $"{port}";
                _ports[1] = $"{port + 3}";
                _ports[2] = $"{port + 4}";
            }
        }
        return _ports[which];
    }

    private static bool Free(int port)
    {
        try
        {
            using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    [SkippableFact]
    public async Task Up_2_prints_the_balancer_and_each_node_on_its_own_line_all_serving_one_store_and_down_stops_everything()
    {
        foreach (var (tool, package) in new[] { ("/usr/bin/redis-server", "redis-server"), ("/usr/sbin/haproxy", "haproxy"), ("/usr/lib/postgresql", "postgresql") })
            Skip.If(!Path.Exists(tool), $"{package} is not installed (scripts/apt-packages.txt; run scripts/setup.sh)");
        // PostgreSQL runs as its own user when the tests run as root: it must reach its data folder.
        File.SetUnixFileMode(_dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        try
        {
            var (code, stdout, stderr) = await ClusterAsync("up", "2");
            Assert.True(code == 0, stderr);
            var urls = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(u => new Uri(u)).ToArray();
            var balancer = int.Parse(Port(0), CultureInfo.InvariantCulture);
            Assert.Equal([balancer, balancer + 1, balancer + 2], urls.Select(u => u.Port));

            // A session uploaded to node 1 is listed by node 2 and through the balancer (one store behind all).
            using var node1 = new HttpClient { BaseAddress = urls[1] };
            using var form = new MultipartFormDataContent
            {
                { new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(DashboardServer.RepoRoot(), ".cache", "demo", "conversation.wav"))), "file", "call.wav" },
            };
            using var created = await node1.PostAsync("/api/sessions/replay", form);
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
            var id = (await created.Content.ReadFromJsonAsync<EmoStream.Dashboard.Api.SessionCreated>(DashboardServer.Json))!.Session.Id;
            foreach (var url in new[] { urls[2], urls[0] })
            {
                using var http = new HttpClient { BaseAddress = url };
                using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
                // The balancer takes its nodes in once their health checks pass.
                while (true)
                {
                    using var response = await http.GetAsync("/api/sessions", cts.Token);
                    if (response.IsSuccessStatusCode)
                    {
                        Assert.Contains(id, (await response.Content.ReadFromJsonAsync<SessionRecord[]>(DashboardServer.Json, cts.Token))!.Select(s => s.Id));
                        break;
                    }
                    await Task.Delay(200, cts.Token);
                }
            }
        }
        finally
        {
            var (code, _, stderr) = await ClusterAsync("down");
            Assert.True(code == 0, stderr);
        }
        foreach (var pidFile in Directory.GetFiles(Path.Combine(_dir, "state"), "*.pid"))
            Assert.Fail($"{Path.GetFileName(pidFile)} left behind: something still runs");
        var first = int.Parse(Port(0), CultureInfo.InvariantCulture);
        foreach (var port in Enumerable.Range(first, 5)) // the balancer, two nodes, Redis, PostgreSQL
            Assert.True(Free(port), $"port {port} still taken after down");
    }
}
