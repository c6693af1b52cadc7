using EmoStream.Bench;
using EmoStream.Dashboard.Bench;

return BenchmarkHost.Run(args, typeof(SignalRLatencyBenchmark).Assembly);
