using EmoStream.Bench;

// Figures are per core: the harness pins the process to one.
return BenchmarkHost.Run(args, typeof(Program).Assembly, pinToOneCore: true);
