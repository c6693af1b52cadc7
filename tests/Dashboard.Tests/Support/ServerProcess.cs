using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace EmoStream.Dashboard.Tests.Support;

/// <summary>
/// The real <c>emostream</c> executable in a process of its own (for faults no in-process host can suffer: kill -9,
/// SIGTERM, a file system of its own), run from the repository root with the shipped model and no transcription.
/// </summary>
internal sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Task> _pumps = [];

    private ServerProcess(Process process)
    {
        _process = process;
    }

    public Uri Address { get; private set; } = null!;

    public int Id => _process.Id;

    public string Stdout { get { lock (_stdout) return _stdout.ToString(); } }

    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>A path as the process sees it in its own mount namespace (<c>mountFirst</c>), through <c>/proc/PID/root</c>.</summary>
    public string InItsNamespace(string path) => $"/proc/{Id}/root{Path.GetFullPath(path)}";

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "emostream.dll");

    /// <summary>Whether this machine lets a test give the process a mount namespace of its own (root, or user namespaces).</summary>
    public static string? MountNamespaceUnavailable()
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo("unshare", ["-m", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs /mnt"])
                { RedirectStandardError = true, UseShellExecute = false })!;
            var error = probe.StandardError.ReadToEnd();
            probe.WaitForExit();
            return probe.ExitCode == 0 ? null : $"no mount namespace with tmpfs here (unshare -m: {error.Trim()})";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"no unshare command here ({e.Message})";
        }
    }

    /// <summary>Runs <c>emostream ARGS</c>; with <paramref name="mountFirst"/>, inside a new mount namespace after that shell command.</summary>
    public static ServerProcess Run(string dataDirectory, IEnumerable<string> args, IReadOnlyDictionary<string, string>? settings = null, string? mountFirst = null)
    {
        var command = $"exec dotnet {Quote(Dll)} {string.Join(' ', args.Select(Quote))}";
        var info = mountFirst is null
            ? new ProcessStartInfo("sh", ["-c", command])
            : new ProcessStartInfo("unshare", ["-m", "sh", "-c", $"{mountFirst} && {command}"]);
        info.WorkingDirectory = DashboardServer.RepoRoot();
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        info.Environment["EMOSTREAM_Storage__DataDirectory"] = dataDirectory;
        info.Environment["EMOSTREAM_Transcription__Engine"] = "none";
        info.Environment["EMOSTREAM_Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            info.Environment["EMOSTREAM_" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var process = new ServerProcess(Process.Start(info)!);
        process.Pump(process._process.StandardOutput, process._stdout);
        process.Pump(process._process.StandardError, process._stderr);
        return process;
    }

    /// <summary>Starts <c>emostream serve</c> on a free loopback port and waits until it says where it listens.</summary>
    public static async Task<ServerProcess> ServeAsync(string dataDirectory, IReadOnlyDictionary<string, string>? settings = null, string? mountFirst = null)
    {
        var server = Run(dataDirectory, ["serve", "--urls", "http://127.0.0.1:0"], settings, mountFirst);
        var exited = server._process.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var first = await Task.WhenAny(server._listening.Task, exited).WaitAsync(timeout.Token);
        if (first == exited) throw new InvalidOperationException($"serve exited with {server._process.ExitCode}: {server.Stderr}");
        server.Address = await server._listening.Task;
        return server;
    }

    private void Pump(StreamReader reader, StringBuilder into) => _pumps.Add(Task.Run(async () =>
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (into) into.AppendLine(line);
            if (Listening().Match(line) is { Success: true } match) _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }));

    /// <summary>Sends a signal (<c>KILL</c>, <c>TERM</c>).</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start("kill", [$"-{name}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        await Task.WhenAll(_pumps).WaitAsync(timeout); // the output is read to its end
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"dashboard on (http://[^\s,]+)")]
    private static partial Regex Listening();
}
