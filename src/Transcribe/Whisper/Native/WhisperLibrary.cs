using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace EmoStream.Transcribe.Whisper.Native;

/// <summary>
/// Finds libwhisper.so (built by scripts/setup.d/30-whisper.sh) and quiets its logging. Search order: the path
/// configured in <c>Transcription:Whisper:LibraryPath</c>, the application's own folder (the build copies the
/// library there), then <c>.cache/native/whisper-1.9.1/</c> in any parent folder (a checkout whose build ran
/// before the set-up step).
/// </summary>
public static unsafe class WhisperLibrary
{
    public const string FileName = "libwhisper.so";
    public const string CacheFolder = ".cache/native/whisper-1.9.1";

    private static readonly object Gate = new();
    private static string? _configuredPath;
    private static bool _resolverSet;
    private static bool _logRedirected;

    [ThreadStatic] private static StringBuilder? _lastError;

    /// <summary>Uses this file instead of searching; call before the first Whisper call.</summary>
    public static void UsePath(string? path)
    {
        lock (Gate) _configuredPath = string.IsNullOrWhiteSpace(path) ? null : Path.GetFullPath(path);
    }

    /// <summary>The file that will be loaded (<paramref name="configuredPath"/> if given, else the one set by
    /// <see cref="UsePath"/>, else the search), or null when none is found.</summary>
    public static string? Locate(string? configuredPath = null)
    {
        string? configured;
        if (!string.IsNullOrWhiteSpace(configuredPath)) configured = Path.GetFullPath(configuredPath);
        else lock (Gate) configured = _configuredPath;
        if (configured is not null) return File.Exists(configured) ? configured : null;
        var beside = Path.Combine(AppContext.BaseDirectory, FileName);
        if (File.Exists(beside)) return beside;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var cached = Path.Combine(dir.FullName, CacheFolder, FileName);
            if (File.Exists(cached)) return cached;
        }
        return null;
    }

    internal static void EnsureResolver()
    {
        lock (Gate)
        {
            if (_resolverSet) return;
            NativeLibrary.SetDllImportResolver(typeof(WhisperLibrary).Assembly, Resolve);
            _resolverSet = true;
        }
    }

    /// <summary>Sends whisper.cpp's and ggml's log lines to nowhere, except errors, which the calling thread can read back.</summary>
    internal static void RedirectLog()
    {
        lock (Gate)
        {
            if (_logRedirected) return;
            WhisperNative.whisper_log_set(&OnLog, IntPtr.Zero);
            _logRedirected = true;
        }
    }

    /// <summary>Error lines whisper.cpp logged on this thread since the last call, for exception messages.</summary>
    internal static string TakeErrors()
    {
        var text = _lastError?.ToString().Trim() ?? "";
        _lastError?.Clear();
        return text;
    }

    private const int LogLevelError = 4;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnLog(int level, byte* text, IntPtr userData)
    {
        if (level != LogLevelError || text is null) return;
        (_lastError ??= new StringBuilder()).Append(Marshal.PtrToStringUTF8((IntPtr)text));
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != WhisperNative.Library) return IntPtr.Zero;
        var path = Locate() ?? throw new DllNotFoundException(
            $"{FileName} not found (configured path, application folder, or {CacheFolder}/ in a parent folder); run scripts/setup.sh to build it");
        return NativeLibrary.Load(path);
    }
}
