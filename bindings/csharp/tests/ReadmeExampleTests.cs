using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Bunq.Tests.Support;
using NUnit.Framework;

namespace Bunq.Tests
{
    /// <summary>The README's C# example works as written: the first <c>```csharp</c> block of
    /// its "Using from C#" section (README.md's when it has that section, else
    /// compiled with mcs and run with mono against the fake
    /// server.</summary>
    [TestFixture]
    public sealed class ReadmeExampleTests
    {
        private const string Heading = "## Using from C#";

        /// <summary>Compiles and runs the example; it prints the accounts and saves bunq.conf.</summary>
        [Test]
        public void TheReadmeExampleWorksAsWritten()
        {
            string directory = TestEnvironment.NewScratchDirectory("readme-example");
            string source = Path.Combine(directory, "Example.cs");
            File.WriteAllText(source, ExtractExample());
            // As a user would: Bunq.dll beside the program, libbunq.so on LD_LIBRARY_PATH.
            File.Copy(typeof(Client).Assembly.Location, Path.Combine(directory, "Bunq.dll"));
            TestEnvironment.CompileAgainstBunq(Path.Combine(directory, "Example.exe"), source);

            CommandResult run = TestEnvironment.Run(
                "mono", new[] { Path.Combine(directory, "Example.exe") }, directory,
                new Dictionary<string, string> { ["BUNQ_BASE_URL"] = TestEnvironment.BaseUrl });

            Assert.AreEqual(0, run.ExitCode, run.ToString());
            StringAssert.Contains("MonetaryAccountBank", run.Output);
            Assert.That(File.Exists(Path.Combine(directory, "bunq.conf")), "the example saves its context");
        }

        private static string ExtractExample()
        {
            string readme = Path.Combine(TestEnvironment.RepoRoot, "README.md");
            string example = FirstCSharpBlock(readme);
            Assert.IsNotNull(example, $"no ```csharp block under '{Heading}' in README.md");
            return example;
        }

        /// <summary>The first csharp block of the section, or null when the file has no such
        /// section (or the section no such block).</summary>
        private static string FirstCSharpBlock(string path)
        {
            if (!File.Exists(path))
            {
                return null;
            }
            IEnumerable<string> section = File.ReadLines(path)
                .SkipWhile(line => line.TrimEnd() != Heading)
                .Skip(1)
                .TakeWhile(line => !line.StartsWith("## ", StringComparison.Ordinal));
            List<string> block = section
                .SkipWhile(line => line.TrimEnd() != "```csharp")
                .Skip(1)
                .TakeWhile(line => line.TrimEnd() != "```")
                .ToList();
            return block.Count == 0 ? null : string.Join("\n", block) + "\n";
        }
    }
}
