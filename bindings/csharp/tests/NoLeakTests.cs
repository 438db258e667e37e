using System;
using System.IO;
using System.Linq;
using System.Text;
using Bunq.Tests.Support;
using NUnit.Framework;

namespace Bunq.Tests
{
    /// <summary>
    /// Every owned string, buffer and handle the library hands out is released: a long loop of
    /// calls keeps the process's resident memory flat.
    /// </summary>
    [TestFixture]
    public sealed class NoLeakTests
    {
        private const int Iterations = 10000;
        private const int WarmUp = 1000;

        /// <summary>Every how many iterations a request goes to the fake server (each costs
        /// milliseconds of RSA on both sides; signing and the bad-PEM error run every time).</summary>
        private const int RequestEvery = 4;

        /// <summary>The growth allowed between the warm-up and the end. Leaking only the
        /// signature string (345 bytes) of each of the 9,000 measured iterations would exceed
        /// it (about 3.2 MiB with malloc's overhead), and leaking the restored client handle far
        /// more; a clean run grows by a few hundred KiB (mono's heap, allocator noise).</summary>
        private const long AllowedGrowthKiB = 2 * 1024;

        /// <summary>10,000 iterations, each signing, failing on a bad PEM and restoring a client
        /// from JSON (a handle, no network), every 4th also a request (a success and a 404 in
        /// turn): resident memory after the 10,000 is within 2 MiB of what it was after the
        /// first 1,000.</summary>
        [Test]
        public void TenThousandCallsKeepResidentMemoryFlat()
        {
            KeyPair keys = KeyPair.Generate();
            byte[] data = Encoding.UTF8.GetBytes("{\"amount\": {\"value\": \"0.01\", \"currency\": \"EUR\"}}");
            long afterWarmUp = 0;
            using (Client client = TestEnvironment.NewClient())
            {
                ulong userId = client.GetUserId();
                string context = client.ToJson();
                for (int iteration = 1; iteration <= Iterations; iteration++)
                {
                    OneIteration(client, userId, context, keys, data, iteration);
                    if (iteration == WarmUp)
                    {
                        afterWarmUp = ResidentKiB();
                    }
                }
            }
            long atEnd = ResidentKiB();
            long growth = atEnd - afterWarmUp;
            Console.WriteLine(
                $"RSS after {WarmUp} iterations: {afterWarmUp} KiB; after {Iterations}: {atEnd} KiB; " +
                $"growth {growth} KiB (allowed {AllowedGrowthKiB} KiB)");
            Assert.That(growth, Is.LessThanOrEqualTo(AllowedGrowthKiB), "resident memory grew");
        }

        private static void OneIteration(
            Client client, ulong userId, string context, KeyPair keys, byte[] data, int iteration)
        {
            using (Client restored = Client.FromJson(context, "{\"rate_limits\": false}"))
            {
                if (!restored.IsSessionActive)
                {
                    Assert.Fail("the restored context lost its session");
                }
            }
            string signature = Signing.Sign(keys.PrivateKeyPem, data);
            if (signature.Length != 344)
            {
                Assert.Fail("a 2048-bit signature is 344 base64 characters, not " + signature.Length);
            }
            try
            {
                Signing.PublicKeyOf("-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----");
                Assert.Fail("a bad PEM was accepted");
            }
            catch (InvalidInputException)
            {
            }
            if (iteration % RequestEvery != 0)
            {
                return;
            }
            if (iteration % (2 * RequestEvery) == 0)
            {
                using (Response user = client.Get("user/" + userId))
                {
                    if (user.Text.Length == 0 || user.ResponseId == null)
                    {
                        Assert.Fail("an empty answer");
                    }
                }
            }
            else
            {
                try
                {
                    client.Get("user/999999").Dispose();
                    Assert.Fail("user/999999 was found");
                }
                catch (NotFoundException error)
                {
                    if (error.ResponseId == null || error.Descriptions.Count == 0)
                    {
                        Assert.Fail("the error lost its details");
                    }
                }
            }
        }

        /// <summary>VmRSS of this process, after a full garbage collection (so that only
        /// memory still referenced, or leaked natively, counts).</summary>
        private static long ResidentKiB()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            string line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return long.Parse(line.Substring("VmRSS:".Length).Trim().Split(' ')[0]);
        }
    }
}
