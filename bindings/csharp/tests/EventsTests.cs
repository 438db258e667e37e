using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Bunq.Tests.Support;
using NUnit.Framework;

namespace Bunq.Tests
{
    /// <summary>The library's events as a .NET event: a whole offline flow is raised in order,
    /// with its fields, and no event shows a secret.</summary>
    [TestFixture]
    public sealed class EventsTests
    {
        private static string Outline(BunqEvent e)
        {
            switch (e.Kind)
            {
                case "exchange":
                    return string.Format("{0} {1} {2} attempt={3}{4}", e["method"], e["path"], e["status"] ?? "none",
                        e["attempt"], e["resend_reason"] == null ? "" : " after=" + e["resend_reason"]);
                case "session_renewal":
                    return "session renewed: " + e["reason"];
                case "context_save":
                    return "saved " + Path.GetFileName((string)e["path"]) + " ok=" + e["ok"];
                default:
                    return e.Kind;
            }
        }

        /// <summary>The API key, the tokens and the private key's lines of a saved context.</summary>
        private static IEnumerable<string> SecretsOf(string contextJson)
        {
            object context = JsonText.Parse(contextJson);
            yield return (string)JsonPath.At(context, "api_key");
            yield return (string)JsonPath.At(context, "installation_context", "token");
            yield return (string)JsonPath.At(context, "session_context", "token");
            string privateKey = (string)JsonPath.At(context, "installation_context", "private_key_client");
            foreach (string line in privateKey.Split('\n'))
            {
                if (line.Length > 0 && !line.StartsWith("-----", StringComparison.Ordinal))
                {
                    yield return line;
                }
            }
        }

        /// <summary>A PSD2 provider's creation is raised from its first exchange.</summary>
        [Test]
        public void APsd2CreationIsRaisedFromItsFirstExchange()
        {
            string data = Path.Combine(TestEnvironment.RepoRoot, "tests", "c", "data");
            string certificate = File.ReadAllText(Path.Combine(data, "psd2-test-certificate.pem"));
            string key = File.ReadAllText(Path.Combine(data, "psd2-test-key.pem"));
            var config = TestEnvironment.Options();
            config["base_url"] = TestEnvironment.BaseUrl;
            config["permitted_ips"] = new[] { "*" };
            var events = new List<BunqEvent>();
            using (Client.CreatePsd2(config, certificate, certificate, key, (sender, e) => events.Add(e)))
            {
            }
            CollectionAssert.AreEqual(
                new[] { "installation", "payment-service-provider-credential", "device-server", "session-server" },
                events.Where(e => e.Kind == "exchange").Select(e => (string)e["path"]).ToList());
        }

        /// <summary>The sandbox helpers refuse bunq production before anything is sent.</summary>
        [Test]
        public void TheSandboxHelpersRefuseBunqProduction()
        {
            var closedProxy = new Dictionary<string, object>
            {
                ["base_url"] = "https://api.bunq.com/v1/", ["proxy"] = "http://127.0.0.1:9",
            };
            var refused = Assert.Throws<InvalidInputException>(() => Sandbox.CreateUser(closedProxy));
            StringAssert.StartsWith("sandbox-only helper refused: creating a sandbox user", refused.Message);
            var config = TestEnvironment.ClientConfig(TestEnvironment.NewApiKey());
            config["environment"] = "PRODUCTION";
            using (Client production = Client.Create(config))
            {
                var money = Assert.Throws<InvalidInputException>(
                    () => Sandbox.RequestMoney(production, 1, "1.00", "must not arrive"));
                StringAssert.Contains("this context is bunq production", money.Message);
            }
        }

        [Test]
        public void AWholeFlowIsRaisedInOrderWithoutSecrets()
        {
            var events = new List<BunqEvent>();
            var senders = new List<object>();
            string saveTo = Path.Combine(TestEnvironment.NewScratchDirectory("events"), "events.conf");
            var config = TestEnvironment.ClientConfig(TestEnvironment.NewApiKey());
            config["save_to"] = saveTo;
            // GET user once a second: the resend after the renewal waits for the limiter.
            config["rate_limits"] = new Dictionary<string, object>
            {
                ["get"] = 1, ["window_ms"] = 1000, ["session_server_window_ms"] = 10,
            };
            string first, last;
            using (Client client = Client.Create(config, (sender, e) => { events.Add(e); senders.Add(sender); }))
            {
                first = client.ToJson();
                client.Get("user").Dispose();
                client.Request("POST", "_fake/expire-session").Dispose(); // the fake forgets the session
                client.Get("user").Dispose(); // 401, renewal, saved, resent
                last = client.ToJson();
                Assert.That(senders.Skip(3), Is.All.SameAs(client), "the client is the sender once it exists");
            }

            var kept = events.Where(e => e.Kind != "rate_limit_wait").Select(Outline).ToList();
            CollectionAssert.AreEqual(new[]
            {
                "POST installation 200 attempt=1",
                "POST device-server 200 attempt=1",
                "POST session-server 200 attempt=1",
                "GET user 200 attempt=1",
                "POST _fake/expire-session 200 attempt=1",
                "GET user 401 attempt=1",
                "POST session-server 200 attempt=1",
                "session renewed: refused",
                "saved events.conf ok=True",
                "GET user 200 attempt=2 after=session_renewal",
            }, kept);
            Assert.IsTrue(events.Any(e => e.Kind == "rate_limit_wait" && (string)e["endpoint"] == "user"),
                "the resend waited for the rate limiter");
            BunqEvent refused = events.First(e => Equals(e["status"], 401L));
            Assert.AreEqual("api", refused["error"]);
            Assert.AreEqual("info", refused.Level);
            Assert.IsNotNull(refused["response_id"]);
            StringAssert.StartsWith("POST installation 200 ", events[0].Message);
            StringAssert.Contains(" ms response-id=", events[0].Message);
            Assert.AreEqual(events[0].Message, events[0].ToString());

            var secrets = SecretsOf(first).Concat(SecretsOf(last)).ToList();
            foreach (BunqEvent e in events)
            {
                foreach (string secret in secrets)
                {
                    StringAssert.DoesNotContain(secret, e.Json);
                    StringAssert.DoesNotContain(secret, e.Message);
                }
                StringAssert.DoesNotContain("PRIVATE KEY", e.Json);
            }
        }

        [Test]
        public void HandlersCanBeAddedAndRemovedAndAThrowingOneBreaksNoCall()
        {
            using (Client client = TestEnvironment.NewClient())
            {
                var seen = new List<BunqEvent>();
                EventHandler<BunqEvent> record = (sender, e) => seen.Add(e);
                EventHandler<BunqEvent> explode = (sender, e) => throw new InvalidOperationException("a broken handler");
                client.EventReported += explode;
                client.EventReported += record;
                using (Response answer = client.Get("user"))
                {
                    Assert.AreEqual(200, answer.StatusCode);
                }
                Assert.AreEqual(1, seen.Count, "the handler after the throwing one still ran");
                StringAssert.StartsWith("GET user 200 ", seen[0].Message);
                Assert.AreEqual(200L, seen[0]["status"]);
                Assert.AreEqual("debug", seen[0].Level);
                client.EventReported -= explode;
                client.EventReported -= record;
                client.Get("user").Dispose();
                Assert.AreEqual(1, seen.Count, "no handler, no events");
            }
        }
    }
}
