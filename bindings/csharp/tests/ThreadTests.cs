using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using Bunq.Tests.Support;
using NUnit.Framework;

namespace Bunq.Tests
{
    /// <summary>One client shared by several threads at once (handles are thread-safe in the C
    /// API), each thread with its own last error.</summary>
    [TestFixture]
    public sealed class ThreadTests
    {
        private const int Threads = 6;
        private const int RoundsPerThread = 3;

        /// <summary>Threads read the user and fail on purpose through one client; every
        /// exception carries its own thread's response id. (No NUnit assertions inside the
        /// threads: what goes wrong there is collected and asserted on afterwards.)</summary>
        [Test]
        public void OneClientServesSeveralThreads()
        {
            using (Client client = TestEnvironment.NewClient())
            {
                ulong userId = client.GetUserId();
                var failures = new ConcurrentQueue<string>();
                var responseIds = new ConcurrentBag<string>();
                var start = new ManualResetEventSlim(false);
                Thread[] threads = Enumerable.Range(0, Threads).Select(index => new Thread(() =>
                {
                    start.Wait();
                    try
                    {
                        for (int round = 0; round < RoundsPerThread; round++)
                        {
                            if (client.GetUserId() != userId)
                            {
                                failures.Enqueue("another user id");
                            }
                            using (Response user = client.Get("user/" + userId))
                            {
                                if (!user.Text.Contains("UserPerson"))
                                {
                                    failures.Enqueue("not the user: " + user.Text);
                                }
                            }
                            try
                            {
                                client.Get("user/999999").Dispose();
                                failures.Enqueue("user/999999 was found");
                            }
                            catch (NotFoundException error)
                            {
                                responseIds.Add(error.ResponseId);
                            }
                        }
                    }
                    catch (Exception e)
                    {
                        failures.Enqueue(e.ToString());
                    }
                })).ToArray();

                foreach (Thread thread in threads)
                {
                    thread.Start();
                }
                start.Set();
                foreach (Thread thread in threads)
                {
                    thread.Join();
                }

                Assert.IsEmpty(failures, string.Join("\n", failures));
                Assert.AreEqual(Threads * RoundsPerThread, responseIds.Count);
                Assert.AreEqual(responseIds.Count, responseIds.Distinct().Count(), "each error is its own");
            }
        }

        /// <summary>Signing from several threads at once gives the same signatures as one thread.</summary>
        [Test]
        public void SigningFromSeveralThreadsAgrees()
        {
            KeyPair keys = KeyPair.Generate();
            string expected = keys.Sign("the same bytes");
            var signatures = new ConcurrentBag<string>();
            Thread[] threads = Enumerable.Range(0, Threads).Select(index => new Thread(() =>
            {
                for (int round = 0; round < 20; round++)
                {
                    signatures.Add(keys.Sign("the same bytes"));
                }
            })).ToArray();
            foreach (Thread thread in threads)
            {
                thread.Start();
            }
            foreach (Thread thread in threads)
            {
                thread.Join();
            }
            Assert.AreEqual(Threads * 20, signatures.Count);
            Assert.That(signatures, Is.All.EqualTo(expected));
        }
    }
}
