using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Bunq.Tests.Support;
using NUnit.Framework;

namespace Bunq.Tests
{
    /// <summary>
    /// The whole quickstart against the fake server: a sandbox user, a new context, saved to a
    /// file and to JSON text and restored from both, the user, every account through every
    /// page, money from the sugar daddy, a payment of 0.01 EUR, and the context saved again.
    /// </summary>
    [TestFixture]
    public sealed class QuickstartFlowTests
    {
        private const string Payment =
            "{\"amount\": {\"value\": \"0.01\", \"currency\": \"EUR\"}, " +
            "\"counterparty_alias\": {\"type\": \"EMAIL\", \"value\": \"sugardaddy@bunq.com\", " +
            "\"name\": \"Sugar Daddy\"}, \"description\": \"C# quickstart test\"}";

        /// <summary>The quickstart, step by step, with restored clients doing the later steps.</summary>
        [Test]
        public void TheQuickstartRunsFromSandboxUserToPaymentAndSavesItsContext()
        {
            string directory = TestEnvironment.NewScratchDirectory("quickstart");
            string file = Path.Combine(directory, "bunq.conf");
            string apiKey = TestEnvironment.NewApiKey();
            Assert.That(apiKey, Is.Not.Null.And.Not.Empty);

            using (Client created = Client.Create(TestEnvironment.ClientConfig(apiKey)))
            {
                string json = created.ToJson();
                StringAssert.Contains("\"installation_context\"", json);
                StringAssert.Contains("\"session_context\"", json);
                created.Save(file);
                Assert.That(File.Exists(file));

                using (Client fromJson = Client.FromJson(json, TestEnvironment.Options()))
                using (Client fromFile = Client.Restore(file, TestEnvironment.Options()))
                {
                    Assert.AreEqual(json, fromFile.ToJson(), "the file holds the same context");
                    ulong userId = TheUser(fromJson);
                    Assert.AreEqual(userId, fromFile.GetUserId());
                    ulong accountId = EveryAccountThroughEveryPage(fromFile, userId);
                    MoneyInAndAPaymentOut(fromJson, userId, accountId);

                    fromFile.Save(file);
                    using (Client again = Client.Restore(file, TestEnvironment.Options()))
                    {
                        Assert.AreEqual(userId, again.GetUserId(), "the context saved again restores");
                    }
                }
            }
        }

        private static ulong TheUser(Client client)
        {
            ulong userId = client.GetUserId();
            Assert.That(userId, Is.GreaterThan(0));
            string user = client.GetUser();
            StringAssert.StartsWith("{\"UserPerson\":", user);
            using (Response response = client.Get("user/" + userId))
            {
                Assert.AreEqual(200, response.StatusCode);
                Assert.That(response.ResponseId, Is.Not.Null.And.Not.Empty);
                Assert.AreEqual(response.ResponseId, response.Header("x-bunq-client-response-id"));
                Assert.IsNull(response.Header("X-Not-There"));
                object id = JsonPath.At(JsonText.Parse(response.Text), "Response", 0, "UserPerson", "id");
                Assert.AreEqual(Convert.ToDecimal(userId), Convert.ToDecimal(id));
                Assert.AreEqual(response.Text, System.Text.Encoding.UTF8.GetString(response.Body));
            }
            return userId;
        }

        /// <summary>
        /// Walks the 27 accounts (25 bank accounts, a savings and a joint account, each in its
        /// kind's key) in pages of 10; gives the first account's id.
        /// </summary>
        private static ulong EveryAccountThroughEveryPage(Client client, ulong userId)
        {
            var accountIds = new List<ulong>();
            var kinds = new List<string>();
            int pageCount = 0;
            using (Pages pages = client.Pages($"user/{userId}/monetary-account", new Dictionary<string, object> { ["count"] = 10 }))
            {
                foreach (Response page in pages)
                {
                    using (page)
                    {
                        pageCount++;
                        var items = (List<object>)JsonPath.At(JsonText.Parse(page.Text), "Response");
                        foreach (var item in items.Cast<Dictionary<string, object>>())
                        {
                            Assert.AreEqual(1, item.Count, "one kind per account");
                            string kind = item.Keys.Single();
                            kinds.Add(kind);
                            accountIds.Add(Convert.ToUInt64(JsonPath.At(item, kind, "id")));
                        }
                    }
                }
                StringAssert.Contains("newer_id", pages.FutureUrl);
                Assert.IsNull(pages.Next(), "a finished walk stays finished");
            }
            Assert.AreEqual(3, pageCount, "pages of 10, 10 and 7");
            Assert.AreEqual(27, accountIds.Count);
            Assert.AreEqual(27, accountIds.Distinct().Count());
            Assert.AreEqual(25, kinds.Count(kind => kind == "MonetaryAccountBank"));
            Assert.AreEqual(1, kinds.Count(kind => kind == "MonetaryAccountSavings"));
            Assert.AreEqual(1, kinds.Count(kind => kind == "MonetaryAccountJoint"));
            Assert.AreEqual("MonetaryAccountBank", kinds[0], "bank accounts are the newest");
            return accountIds[0];
        }

        private static void MoneyInAndAPaymentOut(Client client, ulong userId, ulong accountId)
        {
            ulong inquiryId = Sandbox.RequestMoney(client, accountId, "100.00", "C# quickstart test");
            Assert.That(inquiryId, Is.GreaterThan(0));
            using (Response payment = client.Post($"user/{userId}/monetary-account/{accountId}/payment", Payment))
            {
                Assert.That(payment.CreatedId, Is.GreaterThan(0));
            }
        }
    }
}
