using EmoStream.Bench;
using EmoStream.Inference.Model;

return TorchProcessExit.Finish(BenchmarkHost.Run(args, typeof(Program).Assembly, pinToOneCore: false));
