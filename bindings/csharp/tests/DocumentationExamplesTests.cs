using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Bunq.Tests.Support;
using NUnit.Framework;

namespace Bunq.Tests
{
    /// <summary>Every C# sample of the documentation works as written, read from the page
    /// itself: the README's example (the <c>```csharp</c> block under its "## C#" heading) and
    /// every <c>```csharp</c> block of docs/*.md are compiled with mcs and run with mono
    /// against the fake server, each in a scratch directory with Bunq.dll beside it.</summary>
    [TestFixture]
    public sealed class DocumentationExamplesTests
    {
        private const string ReadmeHeading = "## C#";

        /// <summary>One <c>```csharp</c> block: its page (relative to the checkout), the line
        /// its fence opens on, the level-2 heading above it, its source.</summary>
        public sealed class Sample
        {
            internal string Page;
            internal int Line;
            internal string Heading;
            internal string Source;

            public override string ToString() => $"{Page}:{Line}";
        }

        /// <summary>Every <c>```csharp</c> block of README.md and docs/*.md, in page order.</summary>
        public static IEnumerable<Sample> Samples()
        {
            string root = TestEnvironment.RepoRoot;
            var pages = new List<string> { Path.Combine(root, "README.md") };
            pages.AddRange(Directory.GetFiles(Path.Combine(root, "docs"), "*.md").OrderBy(p => p, StringComparer.Ordinal));
            foreach (string path in pages)
            {
                string page = path.Substring(root.TrimEnd('/').Length + 1);
                string heading = "";
                int opened = 0;
                string info = "";
                var lines = new List<string>();
                int number = 0;
                foreach (string line in File.ReadLines(path))
                {
                    number++;
                    if (opened != 0)
                    {
                        if (line.StartsWith("```", StringComparison.Ordinal))
                        {
                            if (info == "csharp")
                            {
                                yield return new Sample
                                {
                                    Page = page, Line = opened, Heading = heading,
                                    Source = string.Join("\n", lines) + "\n",
                                };
                            }
                            opened = 0;
                            lines.Clear();
                        }
                        else
                        {
                            lines.Add(line);
                        }
                    }
                    else if (line.StartsWith("```", StringComparison.Ordinal))
                    {
                        opened = number;
                        info = line.Substring(3).Trim();
                    }
                    else if (line.StartsWith("## ", StringComparison.Ordinal))
                    {
                        heading = line.TrimEnd();
                    }
                }
            }
        }

        /// <summary>The README has its example under "## C#", docs/csharp.md has one.</summary>
        [Test]
        public void TheSamplesAreWhereUsersFindThem()
        {
            List<Sample> samples = Samples().ToList();
            CollectionAssert.AreEqual(
                new[] { ReadmeHeading },
                samples.Where(s => s.Page == "README.md").Select(s => s.Heading).ToArray(),
                string.Join(", ", samples));
            Assert.That(samples.Any(s => s.Page == "docs/csharp.md"), "no ```csharp block in docs/csharp.md");
        }

        /// <summary>What a sample under a heading of docs/csharp.md prints (and the context file
        /// it saves, if any); every other sample prints accounts and saves bunq.conf.</summary>
        private static readonly Dictionary<string, string[]> Prints = new Dictionary<string, string[]>
        {
            ["## Calls by name"] = new[] { "paid: payment ", "-1.50 EUR by name", "refused before sending: ", "Payment.create" },
            ["## Callbacks"] = new[]
            {
                "confirmed PAYMENT PAYMENT_CREATED: Payment ", "confirmed MUTATION MUTATION_CREATED: Payment ",
                "confirmed PAYMENT PAYMENT_RECEIVED: Payment ", "confirmed MUTATION MUTATION_RECEIVED: Payment ",
                "of -2.00 EUR", "of 2.00 EUR",
            },
        };

        /// <summary>The samples of calls by name and callbacks are on the page.</summary>
        [Test]
        public void TheCallbackAndCallSamplesAreOnThePage()
        {
            var headings = Samples().Where(s => s.Page == "docs/csharp.md").Select(s => s.Heading).ToList();
            foreach (string heading in Prints.Keys)
            {
                CollectionAssert.Contains(headings, heading);
            }
        }

        /// <summary>Compiles and runs one sample; each prints what its section promises (pages
        /// of accounts and a saved bunq.conf, unless <see cref="Prints"/> says otherwise).</summary>
        [Test, TestCaseSource("Samples")]
        public void EverySampleWorksAsWritten(Sample sample)
        {
            string directory = TestEnvironment.NewScratchDirectory("docs-example");
            string source = Path.Combine(directory, "Example.cs");
            File.WriteAllText(source, sample.Source);
            // As a user would: Bunq.dll beside the program, libbunq.so on LD_LIBRARY_PATH.
            File.Copy(typeof(Client).Assembly.Location, Path.Combine(directory, "Bunq.dll"));
            TestEnvironment.CompileAgainstBunq(Path.Combine(directory, "Example.exe"), source);

            CommandResult run = TestEnvironment.Run(
                "mono", new[] { Path.Combine(directory, "Example.exe") }, directory,
                new Dictionary<string, string>
                {
                    ["BUNQ_BASE_URL"] = TestEnvironment.BaseUrl,
                    ["HTTP_PROXY"] = null, ["HTTPS_PROXY"] = null, ["ALL_PROXY"] = null,
                    ["http_proxy"] = null, ["https_proxy"] = null, ["all_proxy"] = null,
                });

            string output = $"{sample}:\n{run}";
            Assert.AreEqual(0, run.ExitCode, output);
            Assert.AreEqual("", run.Errors, output);
            if (sample.Page == "docs/csharp.md" && Prints.TryGetValue(sample.Heading, out string[] expected))
            {
                foreach (string text in expected)
                {
                    StringAssert.Contains(text, run.Output, output);
                }
                StringAssert.DoesNotContain("ignored", run.Output, output);
                return;
            }
            StringAssert.Contains("MonetaryAccountBank", run.Output, output);
            if (sample.Page == "README.md")
            {
                // One line per account of every kind: the fake gives 25 bank accounts, a
                // savings and a joint account.
                string[] kinds = run.Output.Split('\n')
                    .Where(line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^MonetaryAccount\w+ \d+ "))
                    .Select(line => line.Split(' ')[0]).ToArray();
                Assert.AreEqual(27, kinds.Length, output);
                Assert.AreEqual(25, kinds.Count(kind => kind == "MonetaryAccountBank"), output);
                Assert.AreEqual(1, kinds.Count(kind => kind == "MonetaryAccountSavings"), output);
                Assert.AreEqual(1, kinds.Count(kind => kind == "MonetaryAccountJoint"), output);
            }
            StringAssert.Contains("\"session_context\"", File.ReadAllText(Path.Combine(directory, "bunq.conf")), output);
        }
    }
}
