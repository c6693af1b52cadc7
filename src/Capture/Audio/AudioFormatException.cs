namespace EmoStream.Capture.Audio;

/// <summary>
/// An audio file that cannot be read: empty, truncated, corrupt or not audio at all. The message names the
/// file and the problem; it is a user error (the CLI prints it without a stack trace).
/// </summary>
public sealed class AudioFormatException(string file, string problem) : Exception($"{file}: {problem}")
{
    public string File { get; } = file;
    public string Problem { get; } = problem;
}
