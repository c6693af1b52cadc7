using EmoStream.Dashboard.Cli;
using EmoStream.Inference.Model;
using Microsoft.Data.Sqlite;

var exitCode = await CommandLineApp.RunAsync(args);
// The verb is done: close the database cleanly, then end without libtorch's teardown (see TorchProcessExit).
SqliteConnection.ClearAllPools();
return TorchProcessExit.Finish(exitCode);
