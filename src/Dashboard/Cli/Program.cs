using EmoStream.Dashboard.Cli;

return await CommandLineApp.RunAsync(args);
