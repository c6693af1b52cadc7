using System.ComponentModel;
using System.Diagnostics;
using EmoStream.Capture.Audio;

namespace EmoStream.Capture.Processes;

/// <summary>
/// An external audio tool (ffmpeg, ffprobe, arecord) run as a child process: binary output on stdout, its
/// diagnostics collected from stderr so that failures can be reported in the tool's own words.
/// Killed (with its children) when disposed before it exits.
/// </summary>
internal sealed class ToolProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stderr;

    private ToolProcess(Process process)
    {
        _process = process;
        _stderr = process.StandardError.ReadToEndAsync();
    }

    /// <summary>The tool's stdout, read as raw bytes.</summary>
    public Stream Output => _process.StandardOutput.BaseStream;

    /// <param name="installHint">What to install when the tool is missing, for the error message.</param>
    public static ToolProcess Start(string tool, IEnumerable<string> arguments, string installHint)
    {
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        try
        {
            var process = Process.Start(info) ?? throw new AudioToolException(tool, "the process did not start");
            process.StandardInput.Close(); // the tools must never wait for a keypress
            return new ToolProcess(process);
        }
        catch (Win32Exception e)
        {
            throw new AudioToolException(tool, $"cannot start it ({e.Message}); install {installHint}", e);
        }
    }

    /// <summary>Waits for the exit; returns the exit code and the last non-empty lines the tool wrote to stderr.</summary>
    public async Task<(int ExitCode, string Diagnostics)> WaitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var stderr = await _stderr.ConfigureAwait(false);
        return (_process.ExitCode, LastLines(stderr));
    }

    /// <summary>Runs the tool to its end, ignoring stdout; throws <see cref="AudioToolException"/> with its own words when it fails.</summary>
    public static void RunToCompletion(string tool, IEnumerable<string> arguments, string installHint, CancellationToken cancellationToken)
    {
        using var process = Start(tool, arguments, installHint);
        var drain = process.Output.CopyToAsync(Stream.Null, cancellationToken);
        var (code, diagnostics) = process.WaitAsync(cancellationToken).GetAwaiter().GetResult();
        drain.GetAwaiter().GetResult();
        if (code != 0) throw new AudioToolException(tool, $"exited with code {code}: {diagnostics}");
    }

    private static string LastLines(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(" | ", lines.TakeLast(3));
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
        _process.Dispose();
    }
}
