using System.Runtime.InteropServices;

namespace EmoStream.Transcribe.Whisper.Native;

/// <summary><c>whisper_vad_params</c> (whisper.cpp's own VAD; the product segments speech itself, so it stays off).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct WhisperVadParams
{
    public float threshold;
    public int min_speech_duration_ms;
    public int min_silence_duration_ms;
    public float max_speech_duration_s;
    public int speech_pad_ms;
    public float samples_overlap;
}
