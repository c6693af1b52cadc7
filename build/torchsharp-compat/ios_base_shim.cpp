// Defines the one GLIBCXX_3.4.32 symbol libLibTorchSharp.so needs, for libstdc++ builds that predate it.
#include <ios>
namespace std {
void ios_base_library_init() { static ios_base::Init init; }
}
