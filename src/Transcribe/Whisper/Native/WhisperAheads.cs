using System.Runtime.InteropServices;

namespace EmoStream.Transcribe.Whisper.Native;

/// <summary><c>struct whisper_aheads</c> (DTW alignment heads; unused here, kept for layout).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct WhisperAheads
{
    public nuint n_heads;
    public IntPtr heads;
}
