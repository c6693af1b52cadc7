using EmoStream.Testing;

namespace EmoStream.Sessions.Tests.Support;

/// <summary>RAVDESS clips from <c>../shared/data/ravdess/labels.csv</c>, with the sentence each one says.</summary>
internal static class RavdessClips
{
    public sealed record Clip(string Path, string Actor, string Emotion, string Text);

    private static readonly Dictionary<string, string> Statements = new()
    {
        ["01"] = "Kids are talking by the door.",
        ["02"] = "Dogs are sitting by the door.",
    };

    /// <summary>The actor's clips in file order whose emotion is one of <paramref name="emotions"/>.</summary>
    public static IReadOnlyList<Clip> Of(string actor, IReadOnlyCollection<string> emotions, int count)
    {
        var root = SharedData.Path("ravdess");
        return File.ReadLines(System.IO.Path.Combine(root, "labels.csv")).Skip(1)
            .Select(line => line.Split(','))
            .Where(f => f[1] == actor && emotions.Contains(f[3]))
            .Select(f => new Clip(System.IO.Path.Combine(root, f[0]), f[1], f[3], Statements[f[5]]))
            .Take(count)
            .ToArray();
    }
}
