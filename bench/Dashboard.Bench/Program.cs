using EmoStream.Bench;

return BenchmarkHost.Run(args, typeof(Program).Assembly);
