using EmoStream.Transcribe.Whisper.Native;

namespace EmoStream.Transcribe.Tests.Whisper;

/// <summary>Where scripts/setup.d/30-whisper.sh left whisper.cpp's build (library and headers).</summary>
public static class NativeBuild
{
    public static string IncludeFolder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var include = Path.Combine(dir.FullName, WhisperLibrary.CacheFolder, "include");
                if (File.Exists(Path.Combine(include, "whisper.h"))) return include;
            }
            throw new InvalidOperationException($"whisper.h not found under {WhisperLibrary.CacheFolder}/include in any parent of {AppContext.BaseDirectory}; run scripts/setup.sh");
        }
    }
}
