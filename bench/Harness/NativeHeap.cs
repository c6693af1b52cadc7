using System.Globalization;
using System.Runtime.InteropServices;

namespace EmoStream.Bench;

/// <summary>
/// Where this process's resident memory lies (Linux): anonymous pages against pages of mapped files (code of the
/// native libraries, read lazily), and glibc malloc's own account of its heap, in use against free but kept. A native
/// leak grows "in use"; allocator fragmentation grows "free"; lazily paged library code grows the file part.
/// </summary>
public static partial class NativeHeap
{
    /// <summary>glibc's <c>struct mallinfo2</c> (all arenas): every field a size_t.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct MallInfo2
    {
        public nuint Arena, Ordblks, Smblks, Hblks, Hblkhd, Usmblks, Fsmblks, Uordblks, Fordblks, Keepcost;
    }

    [LibraryImport("libc", EntryPoint = "mallinfo2")]
    private static partial MallInfo2 MallInfo();

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);

    /// <param name="AnonBytes">Resident anonymous memory (heaps, stacks, the managed heap).</param>
    /// <param name="FileBytes">Resident pages of mapped files (library code and data).</param>
    /// <param name="MallocInUseBytes">Bytes malloc has handed out and not had back (arenas and its own mmaps).</param>
    /// <param name="MallocFreeBytes">Bytes malloc holds free in its arenas (kept from the system, resident or not).</param>
    public readonly record struct Snapshot(long AnonBytes, long FileBytes, long MallocInUseBytes, long MallocFreeBytes);

    public static Snapshot Take()
    {
        var info = MallInfo();
        return new Snapshot(Status("RssAnon:"), Status("RssFile:") + Status("RssShmem:"),
            (long)(info.Uordblks + info.Hblkhd), (long)info.Fordblks);
    }

    /// <summary>Gives malloc's free pages back to the system (<c>malloc_trim(0)</c>, every arena).</summary>
    public static void Trim() => MallocTrim(0);

    private static long Status(string key)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (!line.StartsWith(key, StringComparison.Ordinal)) continue;
            var kb = line[key.Length..].Trim().Split(' ')[0];
            return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
        }
        return 0;
    }
}
