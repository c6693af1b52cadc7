using System.Diagnostics;
using System.Globalization;

namespace EmoStream.Inference.Tests.Corpora.Importers;

/// <summary>
/// Writes a small tree in IEMOCAP's official release layout: each dialogue's utterances are spoken by espeak-ng
/// (a female and a male voice), joined by sox into <c>SessionN/dialog/wav/DIALOG.wav</c>, with the transcription
/// and EmoEvaluation files giving each turn's real start and end in that wav.
/// </summary>
public static class IemocapTree
{
    public sealed record Turn(string Name, string Text, string Emotion, double Start, double End);

    /// <summary>Writes one dialogue; returns its turns with the times they have in the joined wav.</summary>
    public static IReadOnlyList<Turn> WriteDialogue(string root, int session, string dialogue, IReadOnlyList<(char Gender, string Text, string Emotion)> lines)
    {
        var dialog = Path.Combine(root, $"Session{session}", "dialog");
        foreach (var folder in new[] { "wav", "transcriptions", "EmoEvaluation" }) Directory.CreateDirectory(Path.Combine(dialog, folder));
        var parts = Path.Combine(root, "parts", dialogue);
        Directory.CreateDirectory(parts);
        var turns = new List<Turn>();
        var files = new List<string>();
        var t = 0.0;
        var counts = new Dictionary<char, int>();
        for (var i = 0; i < lines.Count; i++)
        {
            var (gender, text, emotion) = lines[i];
            var wav = Path.Combine(parts, $"{i:D3}.wav");
            Run("espeak-ng", "-v", gender == 'F' ? "en-us+f3" : "en-us+m3", "-s", "190", "-w", wav, text);
            var duration = double.Parse(Run("soxi", "-D", wav), CultureInfo.InvariantCulture);
            var n = counts.GetValueOrDefault(gender);
            counts[gender] = n + 1;
            turns.Add(new Turn($"{dialogue}_{gender}{n:D3}", text, emotion, Math.Round(t, 4), Math.Round(t + duration, 4)));
            files.Add(wav);
            t += duration;
        }
        Run("sox", [.. files, Path.Combine(dialog, "wav", dialogue + ".wav")]);
        File.WriteAllLines(Path.Combine(dialog, "transcriptions", dialogue + ".txt"),
            turns.Select(u => string.Create(CultureInfo.InvariantCulture, $"{u.Name} [{u.Start:000.0000}-{u.End:000.0000}]: {u.Text}")));
        var evaluation = new List<string> { "% [START_TIME - END_TIME] TURN_NAME EMOTION [V, A, D]", "" };
        foreach (var u in turns)
        {
            evaluation.Add(string.Create(CultureInfo.InvariantCulture, $"[{u.Start:0.0000} - {u.End:0.0000}]\t{u.Name}\t{u.Emotion}\t[2.5000, 3.0000, 2.5000]"));
            evaluation.Add("C-E1:\tNeutral;\t()");
            evaluation.Add("A-E1:\tval 3; act 3; dom  3;\t()");
            evaluation.Add("");
        }
        File.WriteAllLines(Path.Combine(dialog, "EmoEvaluation", dialogue + ".txt"), evaluation);
        return turns;
    }

    public static string Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {program}");
        var stdout = p.StandardOutput.ReadToEnd();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {p.ExitCode}: {stderr}");
        return stdout.Trim();
    }
}
