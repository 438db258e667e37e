using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;
using Bunq.Tests.Support;
using NUnit.Framework;

namespace Bunq.Tests
{
    /// <summary>Nothing paid for what nobody uses (issue 24.3): Signing.Sign goes through the
    /// library's kept keys (checked in its own tests) and gets every key right; the library
    /// makes no events for a client without a handler.</summary>
    [TestFixture]
    public sealed class CostTests
    {
        /// <summary>An internal counter of Bunq.dll, read by reflection (the assembly grants
        /// the tests no access to its internals).</summary>
        private static long Internal(string type, string property) =>
            (long)typeof(Client).Assembly.GetType(type, throwOnError: true)
                .GetProperty(property, BindingFlags.NonPublic | BindingFlags.Static)
                .GetValue(null);

        /// <summary>Keys that come and go from the ones the library keeps parsed (8) each sign
        /// as themselves, again and again; a bad PEM is refused every time.</summary>
        [Test]
        public void MoreKeysThanTheLibraryKeepsParsedNeverMix()
        {
            KeyPair[] pairs = Enumerable.Range(0, 10).Select(_ => KeyPair.Generate()).ToArray();
            for (int round = 0; round < 2; round++)
            {
                for (int index = 0; index < pairs.Length; index++)
                {
                    string text = $"round {round} key {index}";
                    Assert.IsTrue(pairs[index].Verify(text, Signing.Sign(pairs[index].PrivateKeyPem, text)), text);
                }
            }
            for (int i = 0; i < 2; i++)
            {
                Assert.Throws<InvalidInputException>(() => Signing.Sign("-----BEGIN PRIVATE KEY-----\nnope\n", "x"));
            }
        }

        /// <summary>Threads signing with more keys than are kept (so keys are dropped while
        /// other threads use them) all get valid signatures.</summary>
        [Test]
        public void KeptKeysAreSafeAcrossThreads()
        {
            KeyPair[] pairs = Enumerable.Range(0, 12).Select(_ => KeyPair.Generate()).ToArray();
            var failures = new List<string>();
            var threads = Enumerable.Range(0, 6).Select(t => new Thread(() =>
            {
                for (int i = 0; i < 60; i++)
                {
                    KeyPair pair = pairs[(i * 7 + t) % pairs.Length];
                    string text = $"thread {t} round {i}";
                    try
                    {
                        if (!pair.Verify(text, Signing.Sign(pair.PrivateKeyPem, text)))
                        {
                            lock (failures) { failures.Add(text + ": does not verify"); }
                        }
                    }
                    catch (Exception e)
                    {
                        lock (failures) { failures.Add(text + ": " + e); }
                    }
                }
            })).ToList();
            threads.ForEach(thread => thread.Start());
            threads.ForEach(thread => thread.Join());
            CollectionAssert.IsEmpty(failures);
        }

        /// <summary>A client without a handler has no native event callback: its calls hand
        /// no event to .NET; with a handler they do, and after its removal none again.</summary>
        [Test]
        public void NoHandlerMeansNoEventsAreMade()
        {
            using (Client client = TestEnvironment.NewClient())
            {
                long before = Internal("Bunq.EventDispatch", "Delivered");
                client.Call("User.get");
                client.Call("MonetaryAccountBank.list");
                Assert.AreEqual(before, Internal("Bunq.EventDispatch", "Delivered"), "no handler, no events made");

                int seen = 0;
                EventHandler<BunqEvent> count = (sender, e) => seen++;
                client.EventReported += count;
                client.Call("User.get");
                Assert.AreEqual(1, seen);
                Assert.AreEqual(before + 1, Internal("Bunq.EventDispatch", "Delivered"));

                client.EventReported -= count;
                client.Call("User.get");
                Assert.AreEqual(before + 1, Internal("Bunq.EventDispatch", "Delivered"), "removed: none again");
            }
        }
    }
}
