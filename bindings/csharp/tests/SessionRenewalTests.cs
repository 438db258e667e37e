using Bunq.Tests.Support;
using NUnit.Framework;

namespace Bunq.Tests
{
    /// <summary>Sessions renew themselves, and can be steered by hand.</summary>
    [TestFixture]
    public sealed class SessionRenewalTests
    {
        /// <summary>bunq forgets the session: the next call gets a 401, and the client opens
        /// exactly one new session and retries, without the caller noticing.</summary>
        [Test]
        public void A401RenewsTheSessionOnceAndTheCallSucceeds()
        {
            using (Client client = TestEnvironment.NewClient())
            {
                ulong userId = client.GetUserId();
                int sessionsBefore = TestEnvironment.CallCount(client, "POST session-server");
                client.Request("POST", "_fake/expire-session").Dispose();

                using (Response user = client.Get("user/" + userId))
                {
                    Assert.AreEqual(200, user.StatusCode);
                }
                Assert.AreEqual(sessionsBefore + 1, TestEnvironment.CallCount(client, "POST session-server"),
                    "exactly one session-server call renewed the session");
            }
        }

        /// <summary>EnsureSession, ResetSession, CloseSession and IsSessionActive.</summary>
        [Test]
        public void TheSessionCanBeSteered()
        {
            using (Client client = TestEnvironment.NewClient())
            {
                Assert.IsTrue(client.IsSessionActive);
                Assert.IsFalse(client.EnsureSession(), "a fresh session needs no renewal");
                client.ResetSession();
                Assert.IsTrue(client.IsSessionActive);
                client.CloseSession();
                Assert.IsFalse(client.IsSessionActive);
                Assert.IsTrue(client.EnsureSession(), "a closed session is opened again");
                Assert.That(client.GetUserId(), Is.GreaterThan(0));
            }
        }
    }
}
