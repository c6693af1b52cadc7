using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using EmoStream.Transcribe.Whisper.Native;

namespace EmoStream.Transcribe.Tests.Whisper;

/// <summary>
/// The C# parameter structs must match whisper.h byte for byte: a C program compiled against the header at test
/// time prints sizeof and offsetof of every field the C# struct declares, and both are compared.
/// </summary>
public sealed class StructLayoutTests
{
    public static TheoryData<Type, string> Structs => new()
    {
        { typeof(WhisperContextParams), "struct whisper_context_params" },
        { typeof(WhisperFullParams), "struct whisper_full_params" },
        { typeof(WhisperVadParams), "whisper_vad_params" },
        { typeof(WhisperAheads), "whisper_aheads" },
    };

    [Theory]
    [MemberData(nameof(Structs))]
    public void Every_field_sits_where_the_header_puts_it(Type type, string cType)
    {
        var fields = Fields(type, "", 0).ToList();
        var c = new StringBuilder("#include <stddef.h>\n#include <stdio.h>\n#include \"whisper.h\"\nint main(void) {\n");
        c.Append($"  printf(\"sizeof %zu\\n\", sizeof({cType}));\n");
        foreach (var (path, _) in fields)
            c.Append($"  printf(\"{path} %zu\\n\", offsetof({cType}, {path}));\n");
        c.Append("  return 0;\n}\n");

        var native = CompileAndRun(c.ToString()).ToDictionary(l => l.Split(' ')[0], l => long.Parse(l.Split(' ')[1]));

        Assert.Equal(native["sizeof"], Marshal.SizeOf(type));
        Assert.Equal(Marshal.SizeOf(type), (int)typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!.MakeGenericMethod(type).Invoke(null, null)!);
        foreach (var (path, offset) in fields)
            Assert.True(native[path] == offset, $"{cType}.{path}: C# offset {offset}, header offset {native[path]}");
    }

    [Fact]
    public void Sizes_are_those_of_whisper_cpp_1_9_1()
    {
        Assert.Equal(48, Marshal.SizeOf<WhisperContextParams>());
        Assert.Equal(304, Marshal.SizeOf<WhisperFullParams>());
    }

    /// <summary>Fields as C member paths ("greedy.best_of") with their C# offsets, nested structs flattened.</summary>
    private static IEnumerable<(string Path, long Offset)> Fields(Type type, string prefix, long baseOffset)
    {
        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            var offset = baseOffset + Marshal.OffsetOf(type, field.Name);
            var path = prefix + field.Name;
            yield return (path, offset);
            var nested = field.FieldType;
            if (nested.IsValueType && !nested.IsEnum && !nested.IsPrimitive && nested != typeof(CBool) && nested != typeof(IntPtr) && nested != typeof(UIntPtr))
                foreach (var inner in Fields(nested, path + ".", offset))
                    yield return inner;
        }
    }

    private static string[] CompileAndRun(string source)
    {
        var folder = Directory.CreateTempSubdirectory("whisper-layout-");
        try
        {
            var c = Path.Combine(folder.FullName, "probe.c");
            var exe = Path.Combine(folder.FullName, "probe");
            File.WriteAllText(c, source);
            Run("gcc", "-std=c11", "-I", NativeBuild.IncludeFolder, "-o", exe, c);
            return Run(exe).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} failed: {stderr}");
        return stdout.Result;
    }
}
