using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Bunq.Tests.Support;
using NUnit.Framework;

namespace Bunq.Tests
{
    /// <summary>The rest of what a Rust user has: keys, attachments, OAuth, PSD2, JSON given as
    /// dictionaries.</summary>
    [TestFixture]
    public sealed class FeatureTests
    {
        /// <summary>Binary, with a NUL inside: the bytes must come back exactly.</summary>
        private static readonly byte[] Png = { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x10 };

        /// <summary>A generated pair signs, verifies, and derives its own public key.</summary>
        [Test]
        public void KeysAreGeneratedSignAndVerify()
        {
            KeyPair keys = KeyPair.Generate();
            StringAssert.StartsWith("-----BEGIN PRIVATE KEY-----", keys.PrivateKeyPem);
            StringAssert.StartsWith("-----BEGIN PUBLIC KEY-----", keys.PublicKeyPem);
            Assert.AreEqual(keys.PublicKeyPem, Signing.PublicKeyOf(keys.PrivateKeyPem));
            string signature = Signing.Sign(keys.PrivateKeyPem, new byte[0]);
            Assert.IsTrue(Signing.Verify(keys.PublicKeyPem, new byte[0], signature), "empty data");
            Assert.IsTrue(Signing.Verify(keys.PublicKeyPem, (byte[])null, signature), "null is empty data");
            Assert.IsTrue(keys.Verify("Café €5 日本", keys.Sign("Café €5 日本")), "text is signed as UTF-8");
            StringAssert.DoesNotContain("PRIVATE", keys.ToString());
        }

        /// <summary>A context made with a given key uses it.</summary>
        [Test]
        public void AContextCanUseAGivenKey()
        {
            KeyPair keys = KeyPair.Generate();
            var config = TestEnvironment.ClientConfig(TestEnvironment.NewApiKey());
            config["private_key_pem"] = keys.PrivateKeyPem;
            using (Client client = Client.Create(config))
            {
                StringAssert.Contains("BEGIN PRIVATE KEY", client.ToJson());
                Assert.That(client.GetUserId(), Is.GreaterThan(0));
            }
        }

        /// <summary>Public and account attachments go up and come back byte for byte.</summary>
        [Test]
        public void AttachmentsGoUpAndComeBack()
        {
            using (Client client = TestEnvironment.NewClient())
            {
                string uuid = client.UploadPublicAttachment("image/png", "C# test avatar", Png);
                Assert.That(uuid, Is.Not.Null.And.Not.Empty);
                CollectionAssert.AreEqual(Png, client.DownloadPublicAttachment(uuid));

                ulong accountId = FirstAccount(client);
                ulong attachmentId = client.UploadAccountAttachment(accountId, "image/png", "C# test receipt", Png);
                Assert.That(attachmentId, Is.GreaterThan(0));
                CollectionAssert.AreEqual(Png, client.DownloadAccountAttachment(accountId, attachmentId));
            }
        }

        /// <summary>OAuth: the authorization URL, a code traded for a token, the token used as
        /// an API key, and a code used twice refused.</summary>
        [Test]
        public void OAuthGivesAnAccessTokenThatWorksAsAnApiKey()
        {
            var oauth = new OAuth(new Dictionary<string, object>
            {
                ["environment"] = "SANDBOX",
                ["client_id"] = "fake-client-id",
                ["client_secret"] = "fake-client-secret",
                ["redirect_uri"] = "https://example.com/callback?from=csharp",
                ["token_url"] = TestEnvironment.BaseUrl + "token",
                ["proxy"] = "none",
            });
            Assert.AreEqual(
                "https://oauth.sandbox.bunq.com/auth?response_type=code&client_id=fake-client-id" +
                "&redirect_uri=https%3A%2F%2Fexample.com%2Fcallback%3Ffrom%3Dcsharp&state=state%201",
                oauth.AuthorizationUrl("state 1"));
            StringAssert.DoesNotContain("fake-client-secret", oauth.ToString());

            string code = "fake-code-csharp-" + System.Guid.NewGuid().ToString("N");
            string token = oauth.ExchangeCode(code);
            Assert.Throws<BadRequestException>(() => oauth.ExchangeCode(code), "a code works once");
            var config = TestEnvironment.ClientConfig(token);
            using (Client client = Client.Create(config))
            {
                StringAssert.StartsWith("{\"UserApiKey\":", client.GetUser());
            }
        }

        /// <summary>A PSD2 provider registers its certificate and gets a session.</summary>
        [Test]
        public void APsd2ProviderGetsASession()
        {
            string data = Path.Combine(TestEnvironment.RepoRoot, "tests", "c", "data");
            string certificate = File.ReadAllText(Path.Combine(data, "psd2-test-certificate.pem"));
            string key = File.ReadAllText(Path.Combine(data, "psd2-test-key.pem"));
            var config = TestEnvironment.Options();
            config["base_url"] = TestEnvironment.BaseUrl;
            config["description"] = "C# test provider";
            config["permitted_ips"] = new[] { "*" };
            using (Client client = Client.CreatePsd2(config, certificate, certificate, key))
            {
                StringAssert.StartsWith("{\"UserPaymentServiceProvider\":", client.GetUser());
            }
        }

        /// <summary>Queries and headers given as dictionaries reach bunq; JSON given as text
        /// works the same as a dictionary.</summary>
        [Test]
        public void QueriesAndConfigurationsTakeDictionariesOrJsonText()
        {
            string apiKey = TestEnvironment.NewApiKey();
            string configJson =
                "{\"base_url\": \"" + TestEnvironment.BaseUrl + "\", \"api_key\": \"" + apiKey + "\", " +
                "\"permitted_ips\": [\"*\"], \"rate_limits\": false, \"proxy\": \"none\"}";
            using (Client client = Client.Create(configJson))
            {
                ulong userId = client.GetUserId();
                var query = new Dictionary<string, object> { ["count"] = 3, ["unused_flag"] = true };
                var headers = new Dictionary<string, string> { ["X-Csharp-Test"] = "headers as a dictionary" };
                using (Response page = client.Request("GET", $"user/{userId}/monetary-account", query, null, headers))
                {
                    var items = (List<object>)JsonPath.At(JsonText.Parse(page.Text), "Response");
                    Assert.AreEqual(3, items.Count);
                }
            }
        }

        /// <summary>A pages walk keeps working after its client is disposed.</summary>
        [Test]
        public void APagesWalkOutlivesItsClient()
        {
            Pages pages;
            using (Client client = TestEnvironment.NewClient())
            {
                pages = client.Pages($"user/{client.GetUserId()}/monetary-account", new Dictionary<string, object> { ["count"] = 10 });
            }
            using (pages)
            {
                var sizes = pages.Select(page =>
                {
                    using (page)
                    {
                        return ((List<object>)JsonPath.At(JsonText.Parse(page.Text), "Response")).Count;
                    }
                }).ToList();
                CollectionAssert.AreEqual(new[] { 10, 10, 7 }, sizes, "25 bank accounts, a savings and a joint account");
            }
        }

        /// <summary>The library says what it is.</summary>
        [Test]
        public void TheLibrarySaysWhatItIs()
        {
            Assert.That(Library.Version, Is.Not.Empty);
            Assert.AreEqual(1u, Library.AbiVersion);
        }

        private static ulong FirstAccount(Client client)
        {
            using (Response accounts = client.Get($"user/{client.GetUserId()}/monetary-account", new Dictionary<string, object> { ["count"] = 1 }))
            {
                return Convert.ToUInt64(JsonPath.At(JsonText.Parse(accounts.Text), "Response", 0, "MonetaryAccountBank", "id"));
            }
        }
    }
}
