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

        private FakeServer(Process process, string baseUrl, string caFile)
        {
            this.process = process;
            BaseUrl = baseUrl;
            CaFile = caFile;
        }

        /// <summary>The server's base URL, <c>http://127.0.0.1:PORT/v1/</c> (with
        /// <c>--tls</c>, <c>https://...</c>).</summary>
        internal string BaseUrl { get; }

        /// <summary>With <c>--tls</c>, the file of the server's throw-away CA certificate,
        /// which a client must trust; otherwise null.</summary>
        internal string CaFile { get; }

        internal static FakeServer Start(string executable, string arguments = "")
        {
            if (!File.Exists(executable))
            {
                throw new FileNotFoundException(
                    $"no fake bunq server at {executable}: run cargo build -p fake-bunq --bin fake-bunq", executable);
            }
            var start = new ProcessStartInfo(executable, arguments)
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
            if (baseUrl == null || !(baseUrl.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)
                || baseUrl.StartsWith("https://127.0.0.1:", StringComparison.Ordinal)))
            {
                process.Kill();
                throw new InvalidOperationException($"the fake bunq server printed no base URL (got '{baseUrl}')");
            }
            string caFile = null;
            if (baseUrl.StartsWith("https://", StringComparison.Ordinal))
            {
                const string prefix = "CA certificate: ";
                string named = process.StandardOutput.ReadLine();
                if (named == null || !named.StartsWith(prefix, StringComparison.Ordinal))
                {
                    process.Kill();
                    throw new InvalidOperationException($"the HTTPS fake bunq server named no CA file (got '{named}')");
                }
                caFile = named.Substring(prefix.Length);
            }
            return new FakeServer(process, baseUrl, caFile);
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
