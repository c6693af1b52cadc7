using System.Runtime.CompilerServices;

namespace EmoStream.Testing;

internal static class TorchThreads
{
    // Test assemblies run side by side on a small machine; libtorch's spinning worker threads would fight over the cores.
    [ModuleInitializer]
    internal static void OneThread() => TorchSharp.torch.set_num_threads(1);
}
