using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace EmoStream.Sessions.Tests.Support;

/// <summary>
/// A private PostgreSQL server for tests: Debian's postgresql package, a data folder of its own, a free loopback port,
/// trust authentication for the user <c>emostream</c>, fsync off. As root it runs as the <c>postgres</c> user (PostgreSQL
/// refuses root). Each test takes a database of its own (<see cref="NewDatabaseAsync"/>). Stopped and removed on dispose.
/// </summary>
public sealed class LocalPostgres : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-pg-").FullName;
    private string? _bin;

    public int Port { get; private set; }

    /// <summary>Why there is no server (the package is not installed); null when it runs.</summary>
    public string? Unavailable { get; private set; }

    public async Task InitializeAsync()
    {
        _bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb"))).OrderDescending().FirstOrDefault()
            : null;
        if (_bin is null)
        {
            Unavailable = "PostgreSQL is not installed (Debian package postgresql, listed in scripts/apt-packages.txt; run scripts/setup.sh)";
            return;
        }
        Port = FreePort();
        if (Environment.UserName == "root") await RunAsync("chown", ["-R", "postgres:postgres", _dir]);
        await RunAsync(Path.Combine(_bin, "initdb"), ["-D", Data, "-A", "trust", "-U", "emostream", "--no-sync", "-E", "UTF8"], asPostgres: true);
        await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", Data, "-l", Path.Combine(_dir, "log"), "-w", "-o",
            $"-p {Port} -k {_dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start"], asPostgres: true);
    }

    private string Data => Path.Combine(_dir, "data");

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=emostream;Database={database};Pooling=true;Timeout=15";

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> NewDatabaseAsync()
    {
        Skip.If(Unavailable is not null, Unavailable);
        var name = "t" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name};", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_bin is not null && Port != 0)
            await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", Data, "-m", "immediate", "-w", "stop"], asPostgres: true, check: false);
        Directory.Delete(_dir, recursive: true);
    }

    private static async Task RunAsync(string file, IEnumerable<string> args, bool asPostgres = false, bool check = true)
    {
        var info = asPostgres && Environment.UserName == "root"
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", file, .. args])
            : new ProcessStartInfo(file, args);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (check && process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(file)} exited with {process.ExitCode}: {await error}{await output}");
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A private Redis server for tests: Debian's redis-server on a free loopback port, nothing saved to disk; killed on dispose.</summary>
public sealed class LocalRedis : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-redis-").FullName;
    private Process? _process;

    public int Port { get; private set; }

    public string? Unavailable { get; private set; }

    /// <summary>A StackExchange.Redis configuration string.</summary>
    public string Configuration => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    public async Task InitializeAsync()
    {
        if (!File.Exists("/usr/bin/redis-server"))
        {
            Unavailable = "Redis is not installed (Debian package redis-server, listed in scripts/apt-packages.txt; run scripts/setup.sh)";
            return;
        }
        Port = LocalPostgres.FreePort();
        _process = Process.Start(new ProcessStartInfo("/usr/bin/redis-server",
            ["--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _dir])
            { RedirectStandardOutput = true, UseShellExecute = false })!;
        _ = _process.StandardOutput.ReadToEndAsync();
        for (var tries = 0; ; tries++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (tries < 100 && !_process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    public void SkipIfUnavailable() => Skip.If(Unavailable is not null, Unavailable);

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
