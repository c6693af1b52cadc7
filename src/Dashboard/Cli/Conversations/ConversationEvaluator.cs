using System.Collections.Concurrent;
using EmoStream.Sessions;
using EmoStream.Sessions.Pipeline;
using EmoStream.Sessions.Storage;
using EmoStream.Inference.Calibration;
using EmoStream.Inference.Conversations;
using EmoStream.Inference.Evaluation;
using EmoStream.Transcribe;

namespace EmoStream.Dashboard.Cli.Conversations;

/// <summary>Progress of an evaluation: conversations done of all, with the running turn accuracy.</summary>
public sealed record EvaluateProgress(int Done, int Total, int Turns, double TurnAccuracy);

/// <summary>
/// Replays assembled conversations through the real pipeline (the session registry `replay` runs, as fast as possible) and
/// scores what comes out against the turns that went in; then replays each turn alone for the clip-by-clip figure.
/// </summary>
/// <param name="givenText">Give the pipeline each turn's corpus transcript (what a perfect ASR would say) instead of its transcriber's.</param>
/// <param name="diarize">Mono conversations are split into their speakers by voice, as `replay --speakers` does, and the
/// speaker each found turn was given is checked (<see cref="ConversationEvaluation.SpeakerRight"/>).</param>
public sealed class ConversationEvaluator(SessionRegistry sessions, ConversationRenderer renderer, bool givenText, string workDirectory, bool diarize = false)
{
    private const int ClipSessionsAtOnce = 4;
    private readonly ConcurrentDictionary<string, List<UtteranceRecord>> _results = new(StringComparer.Ordinal);

    /// <summary>Collects every session's results as the registry publishes them, once stored; subscribe it to the registry.</summary>
    public ISessionObserver Observer => new Collector(_results);

    private sealed class Collector(ConcurrentDictionary<string, List<UtteranceRecord>> results) : ISessionObserver
    {
        public Task StartedAsync(RunningSession session)
        {
            results[session.Id] = [];
            return Task.CompletedTask;
        }

        // Calls for one session never overlap (the registry's gate), so its list needs no lock.
        public Task UtteranceAsync(RunningSession session, UtteranceRecord utterance)
        {
            results[session.Id].Add(utterance);
            return Task.CompletedTask;
        }

        public Task EndedAsync(RunningSession session, SessionOutcome outcome) => Task.CompletedTask;
    }

    public async Task<ConversationEvaluation> EvaluateAsync(IReadOnlyList<(TurnAudio Audio, ConversationPlan Plan)> plans, int seed, IProgress<EvaluateProgress>? progress,
        CancellationToken cancellationToken)
    {
        var classes = sessions.Model.Classes;
        var random = new Random(seed);
        List<int> truth = [], turnPredictions = [], clipPredictions = [];
        List<float[]> answeredProbabilities = [];
        List<int> answeredTruth = [];
        var details = new List<TurnReport>();
        var weights = new Dictionary<string, double> { [ModalityNames.Audio] = 0, [ModalityNames.Text] = 0 };
        int scored = 0, turns = 0, found = 0, split = 0, misaligned = 0, missed = 0, speakerRight = 0;
        for (var n = 0; n < plans.Count; n++)
        {
            var (audio, plan) = plans[n];
            var turnAudio = plan.Turns.Select(t => audio.For(t, cancellationToken)).ToArray();
            var rendered = renderer.Render(plan, turnAudio, random);
            var results = await ReplayAsync(rendered, cancellationToken, diarize).ConfigureAwait(false);
            var spans = results.Select(r => ConversationCapture.Span(rendered, r.Speaker, r.Start, r.End)).ToArray();
            var match = TurnMatcher.Match(rendered.Turns, spans);
            speakerRight += SpeakersRight(rendered.Turns, match, results);
            foreach (var r in results)
                foreach (var (modality, weight) in r.Weights) weights[modality] += weight;
            scored += results.Count;

            var clips = await ScoreClipsAsync(plan, turnAudio, cancellationToken).ConfigureAwait(false);
            for (var t = 0; t < rendered.Turns.Count; t++)
            {
                var turn = rendered.Turns[t];
                var probabilities = Combine(match.DetectedOfTurn[t].Select(d => results[d]).ToArray(), classes);
                var predicted = probabilities is null ? ClassificationMetrics.NoPrediction : Array.IndexOf(probabilities, probabilities.Max());
                details.Add(new TurnReport(plan.Id, t, turn.Speaker, turn.Start, turn.End, turn.Label, match.Outcomes[t],
                    match.DetectedOfTurn[t].Select(d => (results[d].Start, results[d].End)).ToArray(), Name(predicted), Name(clips[t])));
                var label = turn.Label is { } l ? classes.ToList().IndexOf(l) : -1;
                if (label < 0) continue;
                truth.Add(label);
                turnPredictions.Add(predicted);
                if (probabilities is not null)
                {
                    answeredProbabilities.Add(probabilities);
                    answeredTruth.Add(label);
                }
                clipPredictions.Add(clips[t]);
            }
            turns += rendered.Turns.Count;
            found += match.Count(TurnOutcome.Found);
            split += match.Count(TurnOutcome.Split);
            misaligned += match.Count(TurnOutcome.Misaligned);
            missed += match.Count(TurnOutcome.Missed);
            var correct = truth.Select((x, i) => x == turnPredictions[i]).Count(ok => ok);
            progress?.Report(new EvaluateProgress(n + 1, plans.Count, truth.Count, truth.Count == 0 ? double.NaN : (double)correct / truth.Count));
        }
        var mean = weights.ToDictionary(w => w.Key, w => scored == 0 ? double.NaN : w.Value / scored);
        return new ConversationEvaluation(plans.Count, turns, found, split, misaligned, missed,
            ClassificationMetrics.Compute(classes.Count, truth, turnPredictions), ClassificationMetrics.Compute(classes.Count, truth, clipPredictions),
            mean, scored, classes, details,
            answeredTruth.Count == 0 ? double.NaN : CalibrationError.Expected(answeredProbabilities, answeredTruth), diarize ? speakerRight : null);

        string? Name(int c) => c == ClassificationMetrics.NoPrediction ? null : classes[c];
    }

    /// <summary>Each turn replayed alone, a few at once; the predicted class of each (or none when no speech was found).</summary>
    private async Task<int[]> ScoreClipsAsync(ConversationPlan plan, TurnSpeech[] turnAudio, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(ClipSessionsAtOnce);
        var tasks = plan.Turns.Select(async (turn, t) =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var alone = new ConversationPlan($"{plan.Id}-clip{t:D3}", plan.Group, [turn.Speaker], [turn]);
                var rendered = renderer.Render(alone, [turnAudio[t]], new Random(0));
                var results = await ReplayAsync(rendered, cancellationToken).ConfigureAwait(false);
                return Combine(results, sessions.Model.Classes) is { } p ? Array.IndexOf(p, p.Max()) : ClassificationMetrics.NoPrediction;
            }
            finally
            {
                gate.Release();
            }
        });
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    /// <summary>
    /// Found turns whose utterance carries the turn's speaker, under the one-to-one naming of detected speakers that
    /// makes most of them right (diarization names speakers by voice, not by who they are).
    /// </summary>
    private static int SpeakersRight(IReadOnlyList<TurnSpan> turns, TurnMatcher.Result match, IReadOnlyList<UtteranceRecord> results)
    {
        var pairs = Enumerable.Range(0, turns.Count).Where(t => match.Outcomes[t] == TurnOutcome.Found)
            .Select(t => (Truth: turns[t].Speaker, Detected: results[match.DetectedOfTurn[t][0]].Speaker)).ToArray();
        var detected = pairs.Select(p => p.Detected).Distinct(StringComparer.Ordinal).ToArray();
        var truth = turns.Select(t => t.Speaker).Distinct(StringComparer.Ordinal).ToArray();
        int Best(int i, HashSet<string> used)
        {
            if (i == detected.Length) return 0;
            var best = Best(i + 1, used); // this detected speaker named as no one
            foreach (var name in truth)
            {
                if (!used.Add(name)) continue;
                best = Math.Max(best, pairs.Count(p => p.Detected == detected[i] && p.Truth == name) + Best(i + 1, used));
                used.Remove(name);
            }
            return best;
        }
        return Best(0, new HashSet<string>(StringComparer.Ordinal));
    }

    private async Task<IReadOnlyList<UtteranceRecord>> ReplayAsync(RenderedConversation rendered, CancellationToken cancellationToken, bool diarized = false)
    {
        var files = ConversationFiles.Write(rendered, workDirectory);
        try
        {
            var names = ConversationFiles.ChannelNames(rendered);
            var given = givenText
                ? rendered.Turns.Where(t => t.Text is not null)
                    .Select(t => new TranscriptSegment(rendered.Channels.Count > 1 ? names[t.Channel] : null, t.Start, t.End, t.Text!)).ToArray()
                : null;
            var session = await sessions.StartReplayAsync(files.Recording, ConversationCapture.ReplayOptionsFor(rendered, diarized), cancellationToken,
                transcript: given, transcriptName: "the turns' own transcripts").ConfigureAwait(false);
            await session.Completion.ConfigureAwait(false);
            var outcome = await session.Pipeline.Completion.ConfigureAwait(false);
            if (outcome.Status != SessionStatus.Completed)
                throw new InvalidDataException($"{files.Recording}: the pipeline ended {outcome.Status.ToString().ToLowerInvariant()}: {outcome.Detail}");
            return _results.TryRemove(session.Id, out var results) ? results : [];
        }
        finally
        {
            foreach (var path in files.ChannelFiles.Append(files.Recording).Distinct()) File.Delete(path);
        }
    }

    /// <summary>A turn's probabilities: its one utterance's, or its fragments' averaged by duration; null when nothing was detected.</summary>
    private static float[]? Combine(IReadOnlyList<UtteranceRecord> fragments, IReadOnlyList<string> classes)
    {
        if (fragments.Count == 0) return null;
        var total = new double[classes.Count];
        var weight = 0.0;
        foreach (var f in fragments)
        {
            var duration = Math.Max(f.End - f.Start, 1e-3);
            weight += duration;
            for (var c = 0; c < classes.Count; c++) total[c] += duration * f.Probabilities[classes[c]];
        }
        return total.Select(x => (float)(x / weight)).ToArray();
    }
}
