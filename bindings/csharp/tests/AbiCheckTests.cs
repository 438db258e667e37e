using System.Collections.Generic;
using System.IO;
using Bunq.Tests.Support;
using NUnit.Framework;

namespace Bunq.Tests
{
    /// <summary>
    /// The binding checks bunq_abi_version() on first use and refuses a mismatched library with
    /// a clear message. Tested for real: a stub libbunq.so built with gcc (ABI version 999) is
    /// put beside a copy of Bunq.dll and a small probe program, which mono then runs.
    /// </summary>
    [TestFixture]
    public sealed class AbiCheckTests
    {
        private const string StubLibrary =
            "#include <stdint.h>\n" +
            "uint32_t bunq_abi_version(void) { return 999; }\n" +
            "const char *bunq_version(void) { return \"999.0.0-stub\"; }\n";

        /// <summary>Prints the library's version (exit 0), or the LibraryLoadException's
        /// message and the ABI version read without the check (exit 3).</summary>
        private const string Probe =
            "public static class AbiProbe {\n" +
            "    public static int Main() {\n" +
            "        try {\n" +
            "            System.Console.WriteLine(\"version \" + Bunq.Library.Version);\n" +
            "            return 0;\n" +
            "        } catch (Bunq.LibraryLoadException e) {\n" +
            "            System.Console.WriteLine(\"refused: \" + e.Message);\n" +
            "            try { Bunq.Client.Create(\"{}\"); } catch (Bunq.LibraryLoadException) {\n" +
            "                System.Console.WriteLine(\"refused again\");\n" +
            "            }\n" +
            "            try { System.Console.WriteLine(\"abi \" + Bunq.Library.AbiVersion); }\n" +
            "            catch (Bunq.LibraryLoadException) { }\n" +
            "            return 3;\n" +
            "        }\n" +
            "    }\n" +
            "}\n";

        /// <summary>A libbunq with ABI version 999 is refused, on every use, naming both versions.</summary>
        [Test]
        public void AMismatchedLibraryIsRefusedWithAClearMessage()
        {
            string directory = ProbeDirectory("abi-stub");
            string stubSource = Path.Combine(directory, "stub.c");
            File.WriteAllText(stubSource, StubLibrary);
            CommandResult gcc = TestEnvironment.Run(
                "gcc", new[] { "-shared", "-fPIC", "-o", Path.Combine(directory, "libbunq.so"), stubSource });
            Assert.AreEqual(0, gcc.ExitCode, "gcc could not build the stub library:\n" + gcc);

            CommandResult probe = RunProbe(directory, libraryPath: directory);

            Assert.AreEqual(3, probe.ExitCode, probe.ToString());
            StringAssert.Contains("has ABI version 999", probe.Output);
            StringAssert.Contains("written for ABI version " + Library.ExpectedAbiVersion, probe.Output);
            StringAssert.Contains(Path.Combine(directory, "libbunq.so"), probe.Output, "names the file");
            StringAssert.Contains("refused again", probe.Output);
            StringAssert.Contains("abi 999", probe.Output);
        }

        /// <summary>No libbunq at all is a LibraryLoadException saying where to put it.</summary>
        [Test]
        public void AMissingLibraryIsRefusedWithAClearMessage()
        {
            string directory = ProbeDirectory("abi-missing");
            CommandResult probe = RunProbe(directory, libraryPath: directory);
            Assert.AreEqual(3, probe.ExitCode, probe.ToString());
            StringAssert.Contains("libbunq.so could not be loaded", probe.Output);
            StringAssert.Contains("LD_LIBRARY_PATH", probe.Output);
        }

        /// <summary>The control: the real library passes the same probe.</summary>
        [Test]
        public void TheRealLibraryIsAccepted()
        {
            string directory = ProbeDirectory("abi-real");
            CommandResult probe = RunProbe(directory, libraryPath: null);
            Assert.AreEqual(0, probe.ExitCode, probe.ToString());
            StringAssert.Contains("version " + Library.Version, probe.Output);
            Assert.AreEqual(Library.ExpectedAbiVersion, Library.AbiVersion);
        }

        /// <summary>A directory holding a copy of Bunq.dll and the compiled probe.</summary>
        private static string ProbeDirectory(string name)
        {
            string directory = TestEnvironment.NewScratchDirectory(name);
            File.Copy(typeof(Client).Assembly.Location, Path.Combine(directory, "Bunq.dll"));
            string source = Path.Combine(directory, "AbiProbe.cs");
            File.WriteAllText(source, Probe);
            TestEnvironment.CompileAgainstBunq(Path.Combine(directory, "AbiProbe.exe"), source);
            return directory;
        }

        /// <summary>Runs the probe with LD_LIBRARY_PATH set to <paramref name="libraryPath"/>
        /// (null: as inherited, which finds the real library).</summary>
        private static CommandResult RunProbe(string directory, string libraryPath)
        {
            var environment = new Dictionary<string, string>();
            if (libraryPath != null)
            {
                environment["LD_LIBRARY_PATH"] = libraryPath;
            }
            return TestEnvironment.Run(
                "mono", new[] { Path.Combine(directory, "AbiProbe.exe") }, directory, environment);
        }
    }
}
