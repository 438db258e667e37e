// What Bunq.dll says about itself. The version is bunq-context's (Cargo.toml): a test checks
// that it equals the version of the libbunq it is built and tested with.
using System.Reflection;

[assembly: AssemblyTitle("Bunq")]
[assembly: AssemblyDescription("C# binding of libbunq: the bunq API context, signed calls and verified answers")]
[assembly: AssemblyProduct("bunq-context")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
[assembly: AssemblyInformationalVersion("0.1.0")]
