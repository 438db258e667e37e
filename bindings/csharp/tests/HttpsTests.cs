using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Bunq.Tests.Support;
using NUnit.Framework;

namespace Bunq.Tests
{
    /// <summary>
    /// HTTPS through the binding, against the fake bunq server in its TLS mode: the trust
    /// settings pass through the configuration (<c>tls</c>), calls reuse one TLS connection,
    /// and an untrusted or wrongly pinned server is a TransportException naming the problem.
    /// </summary>
    [TestFixture]
    public sealed class HttpsTests
    {
        private const string OtherPin = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";

        private FakeServer server;

        [TestFixtureSetUp]
        public void StartTheHttpsServer()
        {
            string fake = Environment.GetEnvironmentVariable("BUNQ_FAKE_BUNQ");
            if (string.IsNullOrEmpty(fake))
            {
                fake = Path.Combine(TestEnvironment.RepoRoot, "target", "debug", "fake-bunq");
            }
            server = FakeServer.Start(fake, "--tls");
        }

        [TestFixtureTearDown]
        public void StopTheHttpsServer() => server?.Dispose();

        private Dictionary<string, object> Options(Dictionary<string, object> tls = null)
        {
            var options = TestEnvironment.Options();
            options["base_url"] = server.BaseUrl;
            var trust = tls ?? new Dictionary<string, object>();
            trust["ca_file"] = server.CaFile;
            options["tls"] = trust;
            return options;
        }

        private Client NewClient()
        {
            var config = Options();
            config["api_key"] = Sandbox.CreateUser(Options(), "person");
            config["permitted_ips"] = new[] { "*" };
            return Client.Create(config);
        }

        /// <summary>A context, every page and 100 calls over HTTPS, on one TLS connection.</summary>
        [Test]
        public void AFlowRunsOverHttpsOnOneConnection()
        {
            StringAssert.StartsWith("https://127.0.0.1:", server.BaseUrl);
            using (Client client = NewClient())
            {
                ulong userId = client.GetUserId();
                using (Pages pages = client.Pages($"user/{userId}/monetary-account", new Dictionary<string, object> { ["count"] = 10 }))
                {
                    List<Response> all = pages.ToList();
                    Assert.AreEqual(3, all.Count);
                    all.ForEach(page => page.Dispose());
                }
                for (int call = 0; call < 100; call++)
                {
                    client.Get("user").Dispose();
                }
                object stats = JsonText.Parse(client.GetTransportStats());
                Assert.AreEqual(103L, JsonPath.At(stats, "requests_sent"), "3 pages and 100 calls");
                Assert.AreEqual(1L, JsonPath.At(stats, "connections_opened"));
                Assert.AreEqual(1L, JsonPath.At(stats, "tls_handshakes"));
                StringAssert.StartsWith("TLSv1_", (string)JsonPath.At(stats, "last_tls", "version"));
                Assert.That((string)JsonPath.At(stats, "last_tls", "cipher_suite"), Is.Not.Empty);
            }
        }

        /// <summary>Pinned to the key the server presented (and a backup), it is accepted.</summary>
        [Test]
        public void TheServersOwnPinIsAccepted()
        {
            string pin;
            using (Client client = NewClient())
            {
                client.Get("user").Dispose();
                pin = (string)JsonPath.At(JsonText.Parse(client.GetTransportStats()), "last_tls", "server_key_pin_sha256");
            }
            var pinned = Options(new Dictionary<string, object>
            {
                ["roots"] = "only-added",
                ["pin_sha256"] = new[] { OtherPin, pin },
            });
            Assert.That(Sandbox.CreateUser(pinned, "person"), Is.Not.Empty);
        }

        /// <summary>Without its CA, the server is not trusted.</summary>
        [Test]
        public void AnUntrustedServerIsRefused()
        {
            var options = Options();
            options.Remove("tls");
            var refused = Assert.Throws<TransportException>(() => Sandbox.CreateUser(options, "person"));
            StringAssert.Contains("certificate not trusted", refused.Message);
            StringAssert.Contains("127.0.0.1", refused.Message);
        }

        /// <summary>A trusted server whose key is not pinned is refused.</summary>
        [Test]
        public void AServerWhoseKeyIsNotPinnedIsRefused()
        {
            var options = Options(new Dictionary<string, object> { ["pin_sha256"] = new[] { OtherPin } });
            var refused = Assert.Throws<TransportException>(() => Sandbox.CreateUser(options, "person"));
            StringAssert.Contains("pinned key mismatch", refused.Message);
        }

        /// <summary>A trust setting that means nothing is invalid input.</summary>
        [Test]
        public void BadTrustSettingsAreInvalidInput()
        {
            var options = Options(new Dictionary<string, object> { ["roots"] = "mozilla" });
            Assert.Throws<InvalidInputException>(() => Sandbox.CreateUser(options, "person"));
        }
    }
}
