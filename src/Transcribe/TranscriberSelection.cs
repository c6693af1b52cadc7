namespace EmoStream.Transcribe;

/// <summary>Which engine runs and why (shown by the dashboard, for instance when no engine is available).</summary>
public sealed record TranscriberSelection(TranscriptionEngine Engine, string Reason);
