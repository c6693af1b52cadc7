namespace EmoStream.Transcribe.Whisper.Models;

/// <summary>A model file published by whisper.cpp's authors, with the size and hash it must have.</summary>
public sealed record OfficialWhisperModel(string Name, long Bytes, string Sha256)
{
    public const string DownloadBase = "https://huggingface.co/ggerganov/whisper.cpp/resolve/main/";

    public string FileName => WhisperOptions.ModelFileName(Name);

    public Uri Url => new(DownloadBase + FileName);
}
