using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Bunq.Tests.Support;
using NUnit.Framework;

namespace Bunq.Tests
{
    /// <summary>A context file written by this binding is one bunq's official Python SDK
    /// (bunq-sdk 1.28.0) restores and signs with.</summary>
    [TestFixture]
    public sealed class OfficialSdkInteropTests
    {
        /// <summary>The SDK restores the file and makes signed calls as the same user.</summary>
        [Test]
        public void TheOfficialPythonSdkRestoresAContextSavedHere()
        {
            string python = OfficialSdkPython();
            string file = Path.Combine(TestEnvironment.NewScratchDirectory("interop"), "bunq.conf");
            ulong userId;
            using (Client client = TestEnvironment.NewClient())
            {
                userId = client.GetUserId();
                client.Save(file);
            }

            CommandResult sdk = TestEnvironment.Run(python, new[]
            {
                Path.Combine(TestEnvironment.RepoRoot, "tests", "interop", "official_sdk.py"),
                "call", TestEnvironment.BaseUrl, file,
            });

            Assert.AreEqual(0, sdk.ExitCode, "the official SDK failed:\n" + sdk);
            string lastLine = sdk.Output.Split('\n').Last(line => line.Trim().Length > 0);
            var answer = (Dictionary<string, object>)JsonText.Parse(lastLine);
            Assert.AreEqual(Convert.ToDecimal(userId), Convert.ToDecimal(answer["user_id"]));
            Assert.That(Convert.ToDecimal(answer["request_inquiry_id"]), Is.GreaterThan(0m));
        }

        /// <summary>BUNQ_SDK_PYTHON, else the repository's .venv/bunq-sdk; never skipped.</summary>
        private static string OfficialSdkPython()
        {
            string python = Environment.GetEnvironmentVariable("BUNQ_SDK_PYTHON");
            if (string.IsNullOrEmpty(python))
            {
                python = Path.Combine(TestEnvironment.RepoRoot, ".venv", "bunq-sdk", "bin", "python");
            }
            if (!File.Exists(python))
            {
                Assert.Fail($"no Python with the official bunq SDK at {python}: set BUNQ_SDK_PYTHON, or " +
                    "python3 -m venv .venv/bunq-sdk && .venv/bunq-sdk/bin/pip install bunq-sdk==1.28.0");
            }
            return python;
        }
    }
}
