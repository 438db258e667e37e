using System;
using System.Collections.Generic;
using System.Linq;
using Bunq.Tests.Support;
using NUnit.Framework;

namespace Bunq.Tests
{
    /// <summary>bunq's API by name (issue 22.5): the operation table, calls by name against the
    /// fake server (accounts, a payment, the payments listed, attachment bytes), the lazy walk
    /// across pages, and the checks made in Rust arriving as the right exception before
    /// anything is sent.</summary>
    [TestFixture]
    public sealed class CallsByNameTests
    {
        private static readonly byte[] Png = { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x00, 0xff };

        private static Dictionary<string, object> Ids(string name, object value) =>
            new Dictionary<string, object> { [name] = value };

        /// <summary>The table lists bunq's operations with their method, path, key, answer and ids.</summary>
        [Test]
        public void TheTableListsEveryOperation()
        {
            IReadOnlyList<Operation> all = Operations.All;
            Assert.That(all.Count, Is.GreaterThan(400));
            Assert.AreEqual(all.Count, all.Select(o => o.Name).Distinct().Count(), "names are unique");

            Operation create = Operations.Find("Payment.create");
            Assert.IsNotNull(create);
            Assert.AreEqual("POST", create.Method);
            Assert.AreEqual("user/{user_id}/monetary-account/{monetary_account_id}/payment", create.Path);
            Assert.AreEqual("id", create.Answer);
            CollectionAssert.AreEqual(new[] { "user_id", "monetary_account_id" }, create.Ids);

            Operation list = Operations.Find("Payment.list");
            Assert.AreEqual("GET", list.Method);
            Assert.AreEqual("list", list.Answer);
            Assert.AreEqual("Payment", list.ObjectKey);
            StringAssert.StartsWith("Payment.list: GET user/", list.ToString());

            Assert.AreEqual("ScheduledPayment", Operations.Find("SchedulePayment.get").ObjectKey);
            Assert.IsNull(Operations.Find("Payment.fly"));
            string json = Operations.Json();
            Assert.IsTrue(json.StartsWith("[{", StringComparison.Ordinal), "the table as a JSON array");
            Assert.IsTrue(json.Contains("\"name\":\"Payment.create\""), "the table names Payment.create");
        }

        /// <summary>Accounts listed, money requested, a payment made, read back and listed, all by name.</summary>
        [Test]
        public void AccountsArePaidAndListedByName()
        {
            using (Client client = TestEnvironment.NewClient())
            {
                var accounts = (List<object>)client.Call("MonetaryAccountBank.list");
                Assert.That(accounts.Count, Is.GreaterThan(1));
                var from = (Dictionary<string, object>)accounts[0];
                long accountId = (long)from["id"];
                Assert.That(accountId, Is.GreaterThan(0));
                Sandbox.RequestMoney(client, (ulong)accountId, "20.00", "to spend");

                var ids = Ids("monetary_account_id", accountId);
                var body = new Dictionary<string, object>
                {
                    ["amount"] = new Dictionary<string, object> { ["value"] = "1.25", ["currency"] = "EUR" },
                    ["counterparty_alias"] = new Dictionary<string, object>
                    {
                        ["type"] = "EMAIL", ["value"] = "sugardaddy@bunq.com", ["name"] = "Sugar Daddy",
                    },
                    ["description"] = "by name from C#",
                };
                object created = client.Call("Payment.create", ids, body);
                Assert.IsInstanceOf<long>(created, "a created id is a number");
                long paymentId = (long)created;

                var payment = (Dictionary<string, object>)client.Call(
                    "Payment.get", new Dictionary<string, object> { ["monetary_account_id"] = accountId, ["payment_id"] = paymentId });
                Assert.AreEqual(paymentId, payment["id"]);
                Assert.AreEqual("by name from C#", payment["description"]);
                var amount = (Dictionary<string, object>)payment["amount"];
                Assert.AreEqual("-1.25", amount["value"], "amounts stay bunq's decimal strings");

                var payments = (List<object>)client.Call("Payment.list", ids);
                CollectionAssert.Contains(payments.Select(p => ((Dictionary<string, object>)p)["id"]).ToList(), paymentId);

                // Ids may also be strings of digits; the answer as JSON text for other readers.
                string text = client.CallJson("Payment.get",
                    $"{{\"monetary_account_id\": \"{accountId}\", \"payment_id\": {paymentId}}}");
                StringAssert.Contains($"\"id\":{paymentId}", text.Replace(" ", ""));

                // An anchor comes back with its kind named.
                var user = (Dictionary<string, object>)client.Call("User.get");
                CollectionAssert.AreEqual(new[] { "UserPerson" }, user.Keys.ToArray());
            }
        }

        /// <summary>The walk gives every object across pages, fetching a page only when it is
        /// reached, and agrees with the eager list.</summary>
        [Test]
        public void TheWalkGoesThroughEveryPageLazily()
        {
            using (Client client = TestEnvironment.NewClient())
            {
                var listed = ((List<object>)client.Call("MonetaryAccountBank.list"))
                    .Select(a => (long)((Dictionary<string, object>)a)["id"]).ToList();
                Assert.That(listed.Count, Is.GreaterThan(10), "more than one page of 10");

                int exchanges = 0;
                client.EventReported += (sender, e) =>
                {
                    if (e.Kind == "exchange")
                    {
                        exchanges++;
                    }
                };
                var query = new Dictionary<string, object> { ["count"] = 10 };
                using (ObjectWalk walk = client.Walk("MonetaryAccountBank.list", null, query))
                {
                    Assert.AreEqual(0, exchanges, "nothing is fetched before the first object is asked for");
                    var walked = new List<long>();
                    foreach (var account in walk)
                    {
                        walked.Add((long)account["id"]);
                        if (walked.Count == 1)
                        {
                            Assert.AreEqual(1, exchanges, "one page fetched for the first object");
                        }
                    }
                    CollectionAssert.AreEquivalent(listed, walked);
                    Assert.AreEqual((listed.Count + 9) / 10, exchanges, "one request per page");
                    Assert.IsNull(walk.NextPage(), "the walk is over");
                }
            }
        }

        /// <summary>Bytes answers come by name too, byte for byte.</summary>
        [Test]
        public void BinaryAnswersComeAsBytes()
        {
            using (Client client = TestEnvironment.NewClient())
            {
                string uuid = client.UploadPublicAttachment("image/png", "C# by name", Png);
                byte[] content = client.CallBytes("AttachmentPublicContent.list", Ids("attachment_public_uuid", uuid));
                CollectionAssert.AreEqual(Png, content);
                var ex = Assert.Throws<InvalidInputException>(
                    () => client.Call("AttachmentPublicContent.list", Ids("attachment_public_uuid", uuid)));
                StringAssert.Contains("bytes", ex.Message);
            }
        }

        /// <summary>The checks made in Rust reach C# as InvalidInputException with their
        /// message, and nothing is sent; bunq's 404 is a NotFoundException.</summary>
        [Test]
        public void WrongCallsAreRefusedBeforeAnythingIsSent()
        {
            using (Client client = TestEnvironment.NewClient())
            {
                client.GetUserId();
                int exchanges = 0;
                client.EventReported += (sender, e) =>
                {
                    if (e.Kind == "exchange")
                    {
                        exchanges++;
                    }
                };
                var unknown = Assert.Throws<InvalidInputException>(() => client.Call("Payment.creat"));
                StringAssert.Contains("Payment.create", unknown.Message, "the closest name is suggested");

                var missing = Assert.Throws<InvalidInputException>(() => client.Call("Payment.list"));
                StringAssert.Contains("monetary_account_id", missing.Message);

                var extra = Assert.Throws<InvalidInputException>(() => client.Call(
                    "User.get", Ids("payment_id", 3)));
                StringAssert.Contains("payment_id", extra.Message);

                var malformed = Assert.Throws<InvalidInputException>(() => client.Call(
                    "Payment.list", Ids("monetary_account_id", "seven")));
                StringAssert.Contains("monetary_account_id", malformed.Message);

                var bodyOnGet = Assert.Throws<InvalidInputException>(() => client.Call(
                    "User.get", null, new Dictionary<string, object> { ["x"] = 1 }));
                StringAssert.Contains("body", bodyOnGet.Message);

                Assert.Throws<InvalidInputException>(() => client.Walk("Payment.create", Ids("monetary_account_id", 1)));
                Assert.Throws<InvalidInputException>(() => client.CallBytes("User.get"));
                Assert.AreEqual(0, exchanges, "nothing was sent");

                var accounts = (List<object>)client.Call("MonetaryAccountBank.list");
                long accountId = (long)((Dictionary<string, object>)accounts[0])["id"];
                var notFound = Assert.Throws<NotFoundException>(() => client.Call("Payment.get",
                    new Dictionary<string, object> { ["monetary_account_id"] = accountId, ["payment_id"] = 987654321 }));
                Assert.AreEqual(404, notFound.ResponseCode);
            }
        }

        /// <summary>The binding's JSON reader gives plain values: nested objects, lists,
        /// numbers, escapes; and refuses what is not JSON.</summary>
        [Test]
        public void JsonTextReadsPlainValues()
        {
            var value = JsonText.ParseObject(
                "{\"a\": [1, -2, 3.5, 18446744073709551615], \"b\": {\"c\": null, \"d\": true}, \"e\": \"\\u00e9\\n\\\"\\ud83d\\ude00\"}");
            var list = (List<object>)value["a"];
            Assert.AreEqual(1L, list[0]);
            Assert.AreEqual(-2L, list[1]);
            Assert.AreEqual(3.5, list[2]);
            Assert.AreEqual(ulong.MaxValue, list[3]);
            var inner = (Dictionary<string, object>)value["b"];
            Assert.IsNull(inner["c"]);
            Assert.AreEqual(true, inner["d"]);
            Assert.AreEqual("é\n\"😀", value["e"]);
            CollectionAssert.AreEqual(new[] { "a", "b", "e" }, value.Keys.ToArray(), "members keep their order");
            foreach (string bad in new[] { "", "{", "[1,]", "{\"a\" 1}", "nul", "\"open", "1 2", "{'a': 1}" })
            {
                Assert.Throws<JsonException>(() => JsonText.Parse(bad), bad);
            }
            Assert.Throws<JsonException>(() => JsonText.ParseObject("[]"));
            Assert.Throws<JsonException>(() => JsonText.ParseArray("{}"));
        }
    }
}
