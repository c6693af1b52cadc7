namespace EmoStream.Transcribe;

/// <summary>The value of <c>Transcription:Engine</c>.</summary>
public enum TranscriptionEngine
{
    /// <summary>Whisper when its model file is present, else PocketSphinx when installed, else none.</summary>
    Auto,
    Whisper,
    PocketSphinx,

    /// <summary>No transcription: the lexical modality is masked.</summary>
    None,
}
