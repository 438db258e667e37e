using System;
using System.Diagnostics;
using System.IO;

namespace Bunq.Tests.Support
{
    /// <summary>
    /// The offline fake bunq server (target/debug/fake-bunq), started by the tests themselves.
    /// It serves until its stdin reaches end-of-file: the pipe held here closes when the
    /// server is disposed, or when this process dies, so no server outlives the tests.
    /// </summary>
    internal sealed class FakeServer : IDisposable
    {
        private readonly Process process;

        private FakeServer(Process process, string baseUrl)
        {
            this.process = process;
            BaseUrl = baseUrl;
        }

        /// <summary>The server's base URL, <c>http://127.0.0.1:PORT/v1/</c>.</summary>
        internal string BaseUrl { get; }

        internal static FakeServer Start(string executable)
        {
            if (!File.Exists(executable))
            {
                throw new FileNotFoundException(
                    $"no fake bunq server at {executable}: run cargo build -p fake-bunq --bin fake-bunq", executable);
            }
            var start = new ProcessStartInfo(executable)
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            var process = Process.Start(start);
            // Drained so that a chatty server never blocks on a full pipe.
            process.ErrorDataReceived += (sender, line) => { };
            process.BeginErrorReadLine();
            string baseUrl = process.StandardOutput.ReadLine();
            if (baseUrl == null || !baseUrl.StartsWith("http://127.0.0.1:", StringComparison.Ordinal))
            {
                process.Kill();
                throw new InvalidOperationException($"the fake bunq server printed no base URL (got '{baseUrl}')");
            }
            return new FakeServer(process, baseUrl);
        }

        public void Dispose()
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(5000))
            {
                process.Kill();
                process.WaitForExit();
            }
            process.Dispose();
        }
    }
}
