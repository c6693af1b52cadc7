using System.Runtime.InteropServices;

namespace EmoStream.Inference.Model;

/// <summary>
/// Ends a process that used TorchSharp once its work is done and its output written. The normal exit (C
/// <c>exit()</c>: atexit handlers and static destructors) can crash with a segmentation fault after long runs:
/// libtorch's static state is torn down while its own worker threads, or the runtime's finalizer thread freeing
/// tensors nobody holds any more, still call into it (exit code 139 after correct output). Nothing is left to do at
/// that point, so the process ends with <c>_exit</c> instead, after flushing the console, with the caller's exit
/// code. A process that never loaded TorchSharp exits normally.
/// </summary>
public static class TorchProcessExit
{
    /// <summary>Call last, with everything written and closed; returns only where TorchSharp was not loaded.</summary>
    public static int Finish(int exitCode)
    {
        Console.Out.Flush();
        Console.Error.Flush();
        if (!OperatingSystem.IsLinux() || !AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == "TorchSharp")) return exitCode;
        Exit(exitCode);
        return exitCode; // not reached
    }

#pragma warning disable SYSLIB1054 // a void(int) call needs no marshalling; LibraryImport would need unsafe code
    [DllImport("libc", EntryPoint = "_exit")]
    private static extern void Exit(int status);
#pragma warning restore SYSLIB1054
}
