using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Bunq.Tests.Support;
using NUnit.Framework;

namespace Bunq.Tests
{
    /// <summary>Every vector of tests/data/signing_vectors.json, signed byte for byte as bunq
    /// and the official SDKs sign it.</summary>
    [TestFixture]
    public sealed class SigningVectorTests
    {
        private static Dictionary<string, object> Vectors() => (Dictionary<string, object>)JsonText.Parse(
            File.ReadAllText(Path.Combine(TestEnvironment.RepoRoot, "tests", "data", "signing_vectors.json")));

        /// <summary>Each vector's body (checked by length and SHA-256) gives its signature, and
        /// the signature verifies with the public key.</summary>
        [Test]
        public void EverySigningVectorIsReproducedByteForByte()
        {
            Dictionary<string, object> file = Vectors();
            string privateKey = (string)file["private_key_pkcs8_pem"];
            string publicKey = (string)file["public_key_pem"];
            var vectors = (List<object>)file["vectors"];
            Assert.That(vectors.Count, Is.GreaterThanOrEqualTo(10));
            foreach (Dictionary<string, object> vector in vectors)
            {
                string name = (string)vector["name"];
                byte[] body = Body(vector);
                Assert.AreEqual(Convert.ToInt32(vector["body_len"]), body.Length, name + ": length");
                Assert.AreEqual((string)vector["body_sha256"], Sha256(body), name + ": SHA-256");
                string signature = Signing.Sign(privateKey, body);
                Assert.AreEqual((string)vector["signature_b64"], signature, name + ": signature");
                Assert.IsTrue(Signing.Verify(publicKey, body, signature), name + ": verifies");
            }
        }

        /// <summary>The public key derived from the private key is the vectors' public key.</summary>
        [Test]
        public void ThePublicKeyOfTheVectorsKeyIsTheirPublicKey()
        {
            Dictionary<string, object> file = Vectors();
            KeyPair pair = KeyPair.FromPrivateKeyPem((string)file["private_key_pkcs8_pem"]);
            Assert.AreEqual(((string)file["public_key_pem"]).Trim(), pair.PublicKeyPem.Trim());
            StringAssert.DoesNotContain("PRIVATE", pair.ToString());
        }

        private static byte[] Body(Dictionary<string, object> vector)
        {
            if (vector.TryGetValue("body_b64", out object base64))
            {
                return Convert.FromBase64String((string)base64);
            }
            var repeat = (Dictionary<string, object>)vector["body_repeat"];
            byte[] unit = Encoding.UTF8.GetBytes((string)repeat["unit_utf8"]);
            int times = Convert.ToInt32(repeat["times"]);
            var body = new byte[unit.Length * times];
            for (int index = 0; index < times; index++)
            {
                Buffer.BlockCopy(unit, 0, body, index * unit.Length, unit.Length);
            }
            return body;
        }

        private static string Sha256(byte[] data)
        {
            using (var sha = SHA256.Create())
            {
                return string.Concat(sha.ComputeHash(data).Select(b => b.ToString("x2")));
            }
        }
    }
}
