using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using NUnit.Framework;

namespace Bunq.Tests.Support
{
    /// <summary>What an external command did.</summary>
    internal sealed class CommandResult
    {
        internal int ExitCode;
        internal string Output;
        internal string Errors;

        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Errors}";
    }

    /// <summary>
    /// Where things are, and the fake bunq server shared by every test of the run (started
    /// once, before the first test, and stopped after the last).
    /// </summary>
    internal static class TestEnvironment
    {
        private static FakeServer server;
        private static string scratch;

        /// <summary>The repository's root (run_tests.sh sets BUNQ_REPO_ROOT).</summary>
        internal static string RepoRoot
        {
            get
            {
                string root = Environment.GetEnvironmentVariable("BUNQ_REPO_ROOT");
                if (string.IsNullOrEmpty(root) || !File.Exists(Path.Combine(root, "include", "bunq.h")))
                {
                    throw new InvalidOperationException(
                        "BUNQ_REPO_ROOT must name the bunq-context checkout: run bindings/csharp/run_tests.sh");
                }
                return root;
            }
        }

        /// <summary>The libbunq.so under test (run_tests.sh sets BUNQ_LIBRARY_PATH to the debug
        /// build, whose directory is also on LD_LIBRARY_PATH).</summary>
        internal static string NativeLibrary
        {
            get
            {
                string path = Environment.GetEnvironmentVariable("BUNQ_LIBRARY_PATH");
                if (string.IsNullOrEmpty(path) || !File.Exists(path))
                {
                    throw new InvalidOperationException(
                        "BUNQ_LIBRARY_PATH must name the libbunq.so under test: run bindings/csharp/run_tests.sh");
                }
                return path;
            }
        }

        /// <summary>The directory of Bunq.dll (and of this test assembly).</summary>
        internal static string BuildDirectory => Path.GetDirectoryName(typeof(Client).Assembly.Location);

        /// <summary>The fake server's base URL, <c>http://127.0.0.1:PORT/v1/</c>.</summary>
        internal static string BaseUrl => server.BaseUrl;

        internal static void Start()
        {
            scratch = Path.Combine(Path.GetTempPath(), "bunq-csharp-tests-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(scratch);
            string fake = Environment.GetEnvironmentVariable("BUNQ_FAKE_BUNQ");
            if (string.IsNullOrEmpty(fake))
            {
                fake = Path.Combine(RepoRoot, "target", "debug", "fake-bunq");
            }
            server = FakeServer.Start(fake);
        }

        internal static void Stop()
        {
            server?.Dispose();
            if (scratch != null && Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }

        /// <summary>A new empty directory, removed when the run ends.</summary>
        internal static string NewScratchDirectory(string name)
        {
            string directory = Path.Combine(scratch, name + "-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(directory);
            return directory;
        }

        /// <summary>The client options every test uses: no rate limiting, no proxy.</summary>
        internal static Dictionary<string, object> Options() => new Dictionary<string, object>
        {
            ["rate_limits"] = false,
            ["proxy"] = "none",
            ["timeout_ms"] = 30000,
            ["user_agent"] = "bunq-context C# tests",
        };

        /// <summary>The API key of a new sandbox user of the fake server.</summary>
        internal static string NewApiKey() =>
            Sandbox.CreateUser(new Dictionary<string, object> { ["base_url"] = BaseUrl, ["proxy"] = "none" }, "person");

        /// <summary>A configuration for a new context of <paramref name="apiKey"/>.</summary>
        internal static Dictionary<string, object> ClientConfig(string apiKey)
        {
            var config = Options();
            config["base_url"] = BaseUrl;
            config["api_key"] = apiKey;
            config["description"] = "C# binding tests";
            config["permitted_ips"] = new[] { "*" };
            return config;
        }

        /// <summary>A new context for a new sandbox user.</summary>
        internal static Client NewClient() => Client.Create(ClientConfig(NewApiKey()));

        /// <summary>How many calls of each kind the fake server has answered, e.g.
        /// <c>CallCount("POST session-server")</c>.</summary>
        internal static int CallCount(Client client, string call)
        {
            using (Response stats = client.Get("_fake/stats"))
            {
                var calls = (Dictionary<string, object>)JsonPath.At(JsonText.Parse(stats.Text), "calls");
                return calls.TryGetValue(call, out object count) ? Convert.ToInt32(count) : 0;
            }
        }

        /// <summary>Runs a program to its end (at most <paramref name="timeoutSeconds"/>), with
        /// <paramref name="environment"/> added to this process's (a null value removes a
        /// variable).</summary>
        internal static CommandResult Run(
            string program, IEnumerable<string> arguments, string workingDirectory = null,
            IDictionary<string, string> environment = null, int timeoutSeconds = 120)
        {
            var start = new ProcessStartInfo(program, string.Join(" ", arguments.Select(Quote)))
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
            };
            foreach (var variable in environment ?? new Dictionary<string, string>())
            {
                if (variable.Value == null)
                {
                    start.EnvironmentVariables.Remove(variable.Key);
                }
                else
                {
                    start.EnvironmentVariables[variable.Key] = variable.Value;
                }
            }
            using (var process = Process.Start(start))
            {
                var errors = process.StandardError.ReadToEndAsync();
                string output = process.StandardOutput.ReadToEnd();
                if (!process.WaitForExit(timeoutSeconds * 1000))
                {
                    process.Kill();
                    Assert.Fail($"{program} did not finish within {timeoutSeconds} s");
                }
                process.WaitForExit();
                return new CommandResult { ExitCode = process.ExitCode, Output = output, Errors = errors.Result };
            }
        }

        /// <summary>One argument for ProcessStartInfo's command line, quoted when needed.</summary>
        private static string Quote(string argument) =>
            argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_./:=+,@".IndexOf(c) >= 0)
                ? argument
                : "\"" + argument.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

        /// <summary>Compiles C# <paramref name="sources"/> against Bunq.dll with mcs into
        /// <paramref name="output"/>; fails the test with mcs's messages if that fails.</summary>
        internal static void CompileAgainstBunq(string output, params string[] sources)
        {
            var arguments = new List<string>
            {
                "-warnaserror", "-r:" + typeof(Client).Assembly.Location, "-out:" + output,
            };
            arguments.AddRange(sources);
            CommandResult compiled = Run("mcs", arguments);
            Assert.AreEqual(0, compiled.ExitCode, "mcs failed:\n" + compiled);
        }
    }
}
