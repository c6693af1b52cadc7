namespace EmoStream.Sessions.Tests.Support;

/// <summary>Short RAVDESS conversations (two actors alternating) written as WAV fixtures.</summary>
internal static class Conversations
{
    private static readonly string[] Emotions = ["angry", "sad", "happy"];

    public static string Write(string directory, string name, int turns, double pauseSeconds = 1.0)
    {
        var a = RavdessClips.Of("03", Emotions, turns / 2 + 1);
        var b = RavdessClips.Of("04", Emotions, turns / 2 + 1);
        var clips = Enumerable.Range(0, turns).Select(i => (i % 2 == 0 ? a : b)[i / 2].Path).ToArray();
        var path = Path.Combine(directory, name);
        SpeechConversation.Write(path, clips, channelPerSpeaker: false, pauseSeconds);
        return path;
    }
}
