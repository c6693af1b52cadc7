using System.CommandLine;
using System.Globalization;
using EmoStream.Capture.Segmentation;
using EmoStream.Capture.Vad;
using EmoStream.Dashboard.Cli.Conversations;
using EmoStream.Inference.Conversations;
using EmoStream.Inference.Corpora;

namespace EmoStream.Dashboard.Cli.Commands;

/// <summary>The options <c>assemble</c> and <c>evaluate-conversations</c> share, and how they turn into conversation plans.</summary>
internal sealed class ConversationCommandOptions
{
    public Option<DirectoryInfo[]> Corpora { get; } = CommandOptions.Corpora();
    public Option<string[]> Groups { get; } = CommandOptions.GroupList("--groups", "Groups whose clips or dialogues make the conversations (comma-separated; prefix* for every group starting with prefix)", required: true);
    public Option<int?> Conversations { get; } = new("--conversations") { Description = "Conversations per corpus (clip corpora: default 3; dialogue corpora: default all of the groups' dialogues)" };
    public Option<int> Turns { get; } = new("--turns") { Description = "Turns per assembled conversation, two speakers taking turns (clip corpora)", DefaultValueFactory = _ => 32 };
    public Option<bool> Stereo { get; } = new("--stereo") { Description = "One channel per speaker, as a call recording (default)" };
    public Option<bool> Mono { get; } = new("--mono") { Description = "All speakers mixed in one channel, as a room microphone" };
    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of the conversations' emotions, clips and pauses", DefaultValueFactory = _ => 1 };
    public Option<string> Gaps { get; }

    public ConversationCommandOptions(string defaultGaps)
    {
        Gaps = new Option<string>("--gaps") { Description = "Pause between turns in seconds: one value, or MIN,MAX drawn uniformly", DefaultValueFactory = _ => defaultGaps };
        Turns.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 2) r.AddError("--turns: expected 2 or more"); });
        Conversations.Validators.Add(r => { if (r.GetValueOrDefault<int?>() is < 1) r.AddError("--conversations: expected 1 or more"); });
    }

    public IEnumerable<Option> All => [Corpora, Groups, Conversations, Turns, Stereo, Mono, Seed, Gaps];

    public ConversationRenderer Renderer(ParseResult parse)
    {
        if (parse.GetValue(Stereo) && parse.GetValue(Mono)) throw new CliUsageException("--stereo and --mono exclude each other");
        var text = parse.GetValue(Gaps)!;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN).ToArray();
        if (values.Length is < 1 or > 2 || values.Any(v => double.IsNaN(v) || v < 0) || values[^1] < values[0])
            throw new CliUsageException($"--gaps: expected seconds as MIN or MIN,MAX with 0 <= MIN <= MAX, got '{text}'");
        return new ConversationRenderer(!parse.GetValue(Mono), values[0], values[^1]);
    }

    /// <summary>Each corpus with its conversation plans: clip corpora assembled, dialogue corpora's own dialogues.</summary>
    public IReadOnlyList<(Corpus Corpus, IReadOnlyList<ConversationPlan> Plans)> Plans(ParseResult parse)
    {
        var groups = parse.GetValue(Groups)!;
        var seed = parse.GetValue(Seed);
        var chosen = new List<(Corpus Corpus, string[] Groups)>();
        var matched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var directory in parse.GetValue(Corpora)!)
        {
            var corpus = Corpus.Load(directory.FullName);
            var known = corpus.Groups.ToArray();
            var mine = groups.Where(g => g.EndsWith('*') ? known.Any(k => k.StartsWith(g[..^1], StringComparison.Ordinal)) : known.Contains(g)).ToArray();
            if (mine.Length == 0) continue;
            matched.UnionWith(mine);
            chosen.Add((corpus, CommandOptions.ExpandGroups("--groups", mine, known)));
        }
        var unknown = groups.Except(matched).ToArray();
        if (unknown.Length > 0)
            throw new CliUsageException($"--groups: {string.Join(", ", unknown)} in none of the corpora");
        var result = new List<(Corpus, IReadOnlyList<ConversationPlan>)>();
        foreach (var (corpus, mine) in chosen)
        {
            var dialogues = corpus.Dialogues.Where(d => mine.Contains(d.Group)).ToArray();
            try
            {
                var plans = ConversationPlanner.IsClipCorpus(dialogues)
                    ? ConversationPlanner.FromClips(dialogues.Select(d => d.Utterances[0]).ToArray(), parse.GetValue(Conversations) ?? 3, parse.GetValue(Turns),
                        EmotionDynamics.Dialogue, seed, $"{Path.GetFileName(corpus.Directory.TrimEnd('/'))}-conversation")
                    : ConversationPlanner.FromDialogues(dialogues, parse.GetValue(Conversations), seed);
                result.Add((corpus, plans));
            }
            catch (ArgumentException e)
            {
                throw new CliUsageException($"{corpus.Directory}, groups {string.Join(",", mine)}: {e.Message}");
            }
        }
        return result;
    }

    /// <summary>The configured detector and segmentation settings (bound once with the other settings): what the live capture path uses.</summary>
    public static (IVoiceActivityDetectorFactory Vad, SegmentationOptions Segmentation) Capture(CliContext context) =>
        (VoiceActivityDetection.CreateFactory(context.Options<VadOptions>()), context.Options<SegmentationOptions>());

    /// <summary>Every plan of every corpus with the turn audio of its corpus.</summary>
    public static (TurnAudio Audio, ConversationPlan Plan)[] Work(IReadOnlyList<(Corpus Corpus, IReadOnlyList<ConversationPlan> Plans)> corpora,
        IVoiceActivityDetectorFactory vad, SegmentationOptions segmentation) =>
        corpora.SelectMany(c =>
        {
            var audio = new TurnAudio(c.Corpus.Directory, vad, segmentation);
            return c.Plans.Select(p => (audio, p));
        }).ToArray();
}
