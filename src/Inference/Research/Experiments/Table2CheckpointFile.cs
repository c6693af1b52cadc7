using System.Text.Json;
using System.Text.Json.Nodes;
using EmoStream.Inference.Calibration;
using EmoStream.Inference.Evaluation;
using EmoStream.Inference.Training;

namespace EmoStream.Inference.Experiments;

/// <summary>
/// An <see cref="ITable2Checkpoint"/> in a JSON-lines file, one finished run a line, appended as runs finish. Every
/// line carries the experiment's configuration (corpus, grouping, hyper-parameters, featurizers); a file written with
/// another configuration is refused rather than mixed in. Several processes can run different settings with their
/// own files; concatenated, the files resume the whole table.
/// </summary>
public sealed class Table2CheckpointFile : ITable2Checkpoint
{
    private readonly string _path;
    private readonly string _configuration;
    private readonly Dictionary<(string Setting, double Lambda, int Seed), RunResult> _runs = new();

    public Table2CheckpointFile(string path, string configuration)
    {
        _path = Path.GetFullPath(path);
        _configuration = configuration;
        if (!File.Exists(_path)) return;
        var number = 0;
        foreach (var line in File.ReadLines(_path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var (setting, lambda, result, theirs) = Parse(line, number);
            if (theirs != configuration)
                throw new Table2CheckpointException(
                    $"{_path}:{number}: written by an experiment with other settings ({theirs}); this one has ({configuration}): use another checkpoint file");
            _runs[(setting, lambda, result.Seed)] = result;
        }
    }

    /// <summary>Runs read from the file or recorded since.</summary>
    public int Count => _runs.Count;

    public RunResult? Find(string setting, double lambda, int seed) => _runs.GetValueOrDefault((setting, lambda, seed));

    public void Record(string setting, double lambda, RunResult result)
    {
        if (!_runs.TryAdd((setting, lambda, result.Seed), result)) return;
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        // One append per line: a run is either wholly in the file or not at all.
        File.AppendAllText(_path, Serialize(setting, lambda, result) + "\n");
    }

    private string Serialize(string setting, double lambda, RunResult r) => new JsonObject
    {
        ["configuration"] = _configuration,
        ["setting"] = setting,
        ["lambda"] = lambda,
        ["seed"] = r.Seed,
        ["wa"] = r.Test.Wa,
        ["ua"] = r.Test.Ua,
        ["macro_f1"] = r.Test.MacroF1,
        ["utterances"] = r.Test.Count,
        ["confusion"] = new JsonArray(r.Test.Confusion.Select(row => (JsonNode)new JsonArray(row.Select(x => (JsonNode)JsonValue.Create(x)).ToArray())).ToArray()),
        ["seconds"] = r.Elapsed.TotalSeconds,
        ["ece_before_calibration"] = Finite(r.EceBefore),
        ["ece"] = Finite(r.Ece),
    }.ToJsonString();

    private (string Setting, double Lambda, RunResult Result, string Configuration) Parse(string line, int number)
    {
        try
        {
            var o = JsonNode.Parse(line)!.AsObject();
            T Get<T>(string key) => (o[key] ?? throw new Table2CheckpointException($"{_path}:{number}: field '{key}' is missing")).GetValue<T>();
            double Optional(string key) => o[key] is { } v ? v.GetValue<double>() : double.NaN;
            var confusion = (o["confusion"] ?? throw new Table2CheckpointException($"{_path}:{number}: field 'confusion' is missing")).AsArray()
                .Select(row => row!.AsArray().Select(x => x!.GetValue<int>()).ToArray()).ToArray();
            var metrics = new ClassificationMetrics(Optional("wa"), Optional("ua"), Optional("macro_f1"), confusion, Get<int>("utterances"));
            var result = new RunResult(Get<int>("seed"), metrics, TimeSpan.FromSeconds(Get<double>("seconds")), Temperatures.None,
                Optional("ece_before_calibration"), Optional("ece"));
            return (Get<string>("setting"), Get<double>("lambda"), result, Get<string>("configuration"));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new Table2CheckpointException($"{_path}:{number}: not a checkpoint line ({e.Message})");
        }
    }

    private static JsonNode? Finite(double x) => double.IsFinite(x) ? JsonValue.Create(x) : null;
}
