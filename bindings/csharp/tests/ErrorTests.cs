using System.Collections.Generic;
using System.IO;
using Bunq.Tests.Support;
using NUnit.Framework;

namespace Bunq.Tests
{
    /// <summary>Every kind of failure comes out as its exception, with what the library knows
    /// about it, and never as a crash.</summary>
    [TestFixture]
    public sealed class ErrorTests
    {
        private const string BadPublicKey = "-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----\n";
        private Client client;

        /// <summary>One client for the fixture.</summary>
        [TestFixtureSetUp]
        public void MakeClient() => client = TestEnvironment.NewClient();

        /// <summary>Released after the fixture.</summary>
        [TestFixtureTearDown]
        public void ReleaseClient() => client?.Dispose();

        /// <summary>bunq's 404 is a NotFoundException with status, descriptions and response id.</summary>
        [Test]
        public void AnApiErrorCarriesItsStatusDescriptionsAndResponseId()
        {
            var error = Assert.Throws<NotFoundException>(() => client.Get("user/999999"));
            Assert.IsInstanceOf<ApiException>(error);
            Assert.IsInstanceOf<BunqException>(error);
            Assert.AreEqual(Status.ErrorApi, error.Status);
            Assert.AreEqual(404, error.ResponseCode);
            Assert.That(error.Descriptions, Is.Not.Empty);
            Assert.That(error.Descriptions[0], Is.Not.Empty);
            Assert.That(error.ResponseId, Is.Not.Null.And.Not.Empty);
            StringAssert.Contains(error.ResponseId, error.Message);
            StringAssert.Contains("404", error.Message);
            Assert.IsNull(error.Step);
        }

        /// <summary>An answer whose server signature does not match is refused.</summary>
        [Test]
        public void ATamperedServerSignatureIsRefused()
        {
            var error = Assert.Throws<SignatureException>(() => client.Get("_fake/tampered"));
            Assert.AreEqual(Status.ErrorSignature, error.Status);
            Assert.AreEqual(0, error.ResponseCode);
        }

        /// <summary>A bad PEM given to each key function is an InvalidInputException.</summary>
        [Test]
        public void AnInvalidPemIsAnExceptionNotACrash()
        {
            var data = new byte[] { (byte)'b', (byte)'u', (byte)'n', (byte)'q' };
            Assert.Throws<InvalidInputException>(() => Signing.Sign("not a pem", data));
            Assert.Throws<InvalidInputException>(() => Signing.Sign(
                "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----", data));
            Assert.Throws<InvalidInputException>(() => Signing.Verify(BadPublicKey, data, "AAAA"));
            Assert.Throws<InvalidInputException>(() => Signing.PublicKeyOf("garbage"));
            Assert.Throws<InvalidInputException>(() => KeyPair.FromPrivateKeyPem("garbage"));
            var error = Assert.Throws<InvalidInputException>(() => Client.Create(new Dictionary<string, object>
            {
                ["base_url"] = "http://127.0.0.1:1/v1/",
                ["api_key"] = "key",
                ["private_key_pem"] = "not a pem",
            }));
            Assert.AreEqual(Status.ErrorInvalidInput, error.Status);
        }

        /// <summary>A wrong signature is false; only a bad key is an exception.</summary>
        [Test]
        public void AWrongSignatureIsFalse()
        {
            KeyPair keys = KeyPair.Generate();
            string signature = keys.Sign("bunq");
            Assert.IsTrue(keys.Verify("bunq", signature));
            Assert.IsFalse(keys.Verify("bunk", signature));
            Assert.IsFalse(keys.Verify("bunq", "not base64!"));
        }

        /// <summary>Invalid JSON, an unknown key and a wrongly typed value are JsonExceptions.</summary>
        [Test]
        public void InvalidJsonIsAnExceptionNotACrash()
        {
            Assert.Throws<JsonException>(() => Client.Create("{"));
            Assert.Throws<JsonException>(() => Client.Create("[1, 2]"));
            var unknown = Assert.Throws<JsonException>(() => Client.Create(
                "{\"base_url\": \"http://127.0.0.1:1/v1/\", \"api_key\": \"k\", \"timeout\": 5}"));
            StringAssert.Contains("timeout", unknown.Message);
            var wrongType = Assert.Throws<JsonException>(() => Client.Create(
                "{\"base_url\": \"http://127.0.0.1:1/v1/\", \"api_key\": \"k\", \"timeout_ms\": \"soon\"}"));
            StringAssert.DoesNotContain("soon", wrongType.Message, "values are never echoed: they may be secrets");
            Assert.Throws<JsonException>(() => Client.FromJson("{"));
            Assert.Throws<JsonException>(() => Client.FromJson("{}", "{\"save_to\": 3}"));
        }

        /// <summary>Text the C API cannot take is refused before the call, never cut or replaced.</summary>
        [Test]
        public void TextThatIsNotACStringIsRefused()
        {
            var nul = Assert.Throws<InvalidInputException>(() => client.Get("user\0/999999"));
            StringAssert.Contains("path", nul.Message);
            var surrogate = Assert.Throws<InvalidUtf8Exception>(() => client.Get("user/\ud800"));
            Assert.AreEqual(Status.ErrorInvalidUtf8, surrogate.Status);
            Assert.Throws<InvalidUtf8Exception>(() => Signing.Sign("pem", "\udc00"));
        }

        /// <summary>A misspelt setting is named, with the closest valid one.</summary>
        [Test]
        public void AMisspeltSettingIsNamedWithTheClosestValidOne()
        {
            var typo = Assert.Throws<JsonException>(() => Client.Create(
                "{\"base_url\": \"http://127.0.0.1:1/v1/\", \"api_key\": \"k\", \"timeout_msec\": 30000}"));
            Assert.AreEqual("unknown setting \"timeout_msec\"; did you mean \"timeout_ms\"?", typo.Message);
            var unknown = Assert.Throws<JsonException>(() => Client.Restore("/nowhere/bunq.conf", "{\"colour\": 1}"));
            StringAssert.StartsWith("unknown setting \"colour\"; the valid ones are \"base_url\", ", unknown.Message);
            StringAssert.DoesNotContain("options_json", unknown.Message);
        }

        /// <summary>A value of the wrong type names the setting and the type it takes, in words.</summary>
        [Test]
        public void AValueOfTheWrongTypeIsNamedWithTheTypeInWords()
        {
            var error = Assert.Throws<JsonException>(() => Client.Create(
                "{\"base_url\": \"http://127.0.0.1:1/v1/\", \"api_key\": \"k\", \"timeout_ms\": \"30000\"}"));
            Assert.AreEqual(
                "the setting \"timeout_ms\" must be a whole number of milliseconds, not a string: " +
                "write the number without quotes",
                error.Message);
        }

        /// <summary>The settings are named and documented on <see cref="Settings"/>, in the XML
        /// documentation beside Bunq.dll (what IntelliSense shows).</summary>
        [Test]
        public void TheSettingsAreNamedAndDocumented()
        {
            Assert.AreEqual("timeout_ms", Settings.TimeoutMs);
            Assert.AreEqual("permitted_ips", Settings.PermittedIps);
            string xml = File.ReadAllText(Path.ChangeExtension(typeof(Client).Assembly.Location, ".xml"));
            StringAssert.Contains("\"timeout_ms\": a whole number of milliseconds, default 60000 (60 s).", xml);
            StringAssert.Contains("<member name=\"F:Bunq.Settings.PermittedIps\">", xml);
        }

        /// <summary>A null where the library needs a value is a NullArgumentException naming it.</summary>
        [Test]
        public void AMissingArgumentIsNamed()
        {
            var error = Assert.Throws<NullArgumentException>(() => Client.Create((string)null));
            Assert.IsInstanceOf<InvalidInputException>(error);
            StringAssert.Contains("config_json", error.Message);
            Assert.Throws<NullArgumentException>(() => client.Request(null, "user"));
            Assert.Throws<NullArgumentException>(() => Sandbox.RequestMoney(null, 1, "1.00", "none"));
        }

        /// <summary>The other statuses each have their exception; context creation names its step.</summary>
        [Test]
        public void OtherFailuresHaveTheirOwnExceptions()
        {
            var refused = Assert.Throws<TransportException>(() => Client.Create(new Dictionary<string, object>
            {
                ["base_url"] = "http://127.0.0.1:1/v1/",
                ["api_key"] = "key",
                ["connect_timeout_ms"] = 2000,
                ["proxy"] = "none",
            }));
            Assert.AreEqual("installation", refused.Step);
            var noEnvironment = Assert.Throws<InvalidInputException>(() => Client.Create("{\"api_key\": \"k\"}"));
            StringAssert.Contains("environment", noEnvironment.Message);
            string missing = Path.Combine(TestEnvironment.NewScratchDirectory("errors"), "no", "such", "bunq.conf");
            Assert.Throws<IoException>(() => Client.Restore(missing));
            Assert.Throws<IoException>(() => client.Save(missing));
            Assert.Throws<InvalidInputException>(() => client.Request("PATCH", "user"));
            Assert.Throws<InvalidInputException>(() => Sandbox.RequestMoney(client, 1, "600.00", "too much"));
            Assert.Throws<InvalidInputException>(() => Sandbox.CreateUser((string)null, "robot"));
        }

        /// <summary>A refused OAuth code is bunq's 400: a BadRequestException.</summary>
        [Test]
        public void ARefusedOAuthCodeIsABadRequest()
        {
            var oauth = new OAuth(new Dictionary<string, object>
            {
                ["environment"] = "SANDBOX",
                ["client_id"] = "fake-client-id",
                ["client_secret"] = "fake-client-secret",
                ["redirect_uri"] = "https://example.com/callback",
                ["token_url"] = TestEnvironment.BaseUrl + "token",
                ["proxy"] = "none",
            });
            var error = Assert.Throws<BadRequestException>(() => oauth.ExchangeCode("not-a-fake-code"));
            Assert.AreEqual(400, error.ResponseCode);
        }

        /// <summary>The status names are bunq.h's.</summary>
        [Test]
        public void StatusNamesAreTheHeadersNames()
        {
            Assert.AreEqual("BUNQ_OK", Library.StatusName(Status.Ok));
            Assert.AreEqual("BUNQ_ERROR_SIGNATURE", Library.StatusName(Status.ErrorSignature));
            Assert.AreEqual("BUNQ_ERROR_PANIC", Library.StatusName(Status.ErrorPanic));
            Assert.AreEqual("BUNQ_UNKNOWN_STATUS", Library.StatusName((Status)99));
        }

        /// <summary>A disposed client is refused by .NET's own rule, not used after release.</summary>
        [Test]
        public void ADisposedClientCannotBeUsed()
        {
            Client disposed = TestEnvironment.NewClient();
            disposed.Dispose();
            disposed.Dispose();
            Assert.Throws<System.ObjectDisposedException>(() => disposed.GetUserId());
        }
    }
}
