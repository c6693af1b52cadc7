using EmoStream.Bench;
using EmoStream.Dashboard.Bench;
using EmoStream.Inference.Model;

return TorchProcessExit.Finish(BenchmarkHost.Run(args, typeof(SignalRLatencyBenchmark).Assembly));
