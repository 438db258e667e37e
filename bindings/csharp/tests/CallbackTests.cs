using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using Bunq.Tests.Support;
using NUnit.Framework;

namespace Bunq.Tests
{
    /// <summary>Callbacks (issue 23.5-23.7): bunq's samples parse, bad bodies are refused, the
    /// sender check, filters kept per user and per account, and the whole webhook loop against
    /// the fake bunq with an HttpListener receiver: pay between two accounts by name, receive
    /// the callbacks, check the sender, parse, confirm each through the signed API; a forged
    /// callback confirms as not found, a replayed delivery has the same de-duplication key;
    /// failed deliveries are listed and sent again.</summary>
    [TestFixture]
    public sealed class CallbackTests
    {
        /// <summary>The fake sends callbacks from 127.0.0.2 (or 127.0.0.1): inside this range.</summary>
        private static readonly string[] Loopback = { "127.0.0.0/8" };

        /// <summary>Every sample of bunq's callbacks (tests/data/callbacks) parses, with a
        /// category, an event type, the object's type and id, and a 64-hex-digit key.</summary>
        [Test]
        public void EverySampleParses()
        {
            string[] files = Directory.GetFiles(Path.Combine(TestEnvironment.RepoRoot, "tests", "data", "callbacks"), "*.json");
            Assert.That(files.Length, Is.GreaterThanOrEqualTo(8));
            foreach (string file in files)
            {
                Callback callback = Callback.Parse(File.ReadAllBytes(file));
                string name = Path.GetFileNameWithoutExtension(file);
                StringAssert.Contains("\"" + callback.ObjectType + "\": {", File.ReadAllText(file), file);
                Assert.That(callback.Category, Is.Not.Null.And.Not.Empty, file);
                Assert.That(callback.EventType, Is.Not.Null.And.Not.Empty, file);
                Assert.IsNotNull(callback.ObjectId, file);
                Assert.AreEqual((long)callback.ObjectId.Value, callback.Object["id"], file);
                StringAssert.IsMatch("^[0-9a-f]{64}$", callback.DeduplicationKey, file);
                StringAssert.Contains(callback.ObjectType, callback.ToString(), name);
            }
            Callback mutation = Callback.Parse(File.ReadAllText(Path.Combine(
                TestEnvironment.RepoRoot, "tests", "data", "callbacks", "Mutation.json")));
            Assert.AreEqual("MUTATION", mutation.Category);
            Assert.AreEqual("MUTATION_CREATED", mutation.EventType);
            Assert.AreEqual(108864UL, mutation.ObjectId);
            Assert.AreEqual("-24.95", ((Dictionary<string, object>)mutation.Object["amount"])["value"]);
        }

        /// <summary>Garbage, JSON that is no callback, and a body over 1 MiB are an
        /// InvalidInputException saying so.</summary>
        [Test]
        public void BadBodiesAreRefused()
        {
            foreach (string garbage in new[] { "", "not json", "{}", "[1,2]", "{\"NotificationUrl\": 7}",
                "{\"NotificationUrl\": {\"category\": \"PAYMENT\"}}", "\u0000\u0001" })
            {
                var refused = Assert.Throws<InvalidInputException>(() => Callback.Parse(garbage), garbage);
                StringAssert.Contains("not a bunq callback", refused.Message, garbage);
            }
            var huge = new byte[Callback.MaxBodyBytes + 1];
            for (int i = 0; i < huge.Length; i++)
            {
                huge[i] = (byte)' ';
            }
            var tooLarge = Assert.Throws<InvalidInputException>(() => Callback.Parse(huge));
            StringAssert.Contains("bytes", tooLarge.Message);
            Assert.Throws<NullArgumentException>(() => Callback.Parse((byte[])null));
        }

        /// <summary>bunq's production range, another range given, and addresses that do not parse.</summary>
        [Test]
        public void TheSenderIsChecked()
        {
            Assert.IsTrue(Callback.IsFromBunq("185.40.108.7"));
            Assert.IsTrue(Callback.IsFromBunq("[::ffff:185.40.111.255]:443"));
            Assert.IsFalse(Callback.IsFromBunq("185.40.112.1"));
            Assert.IsFalse(Callback.IsFromBunq("127.0.0.2"));
            Assert.IsTrue(Callback.IsFromBunq("127.0.0.2:5000", Loopback));
            Assert.IsFalse(Callback.IsFromBunq("185.40.108.7", Loopback), "the given ranges replace bunq's");
            Assert.Throws<InvalidInputException>(() => Callback.IsFromBunq("bunq.com"));
            Assert.Throws<InvalidInputException>(() => Callback.IsFromBunq("1.2.3.4", new[] { "185.40.108.1/22" }));
        }

        /// <summary>Filters of an account and of the user: add, list, remove, replace, clear;
        /// a target that is not https (http only to this machine) is refused.</summary>
        [Test]
        public void FiltersAreKeptPerUserAndPerAccount()
        {
            using (Client client = TestEnvironment.NewClient())
            {
                ulong account = AccountIds(client)[0];
                const string Target = "http://127.0.0.1:9/bunq";
                CollectionAssert.IsEmpty(client.ListNotificationFilters(account));
                client.AddNotificationFilter("PAYMENT", Target, account);
                List<NotificationFilter> written = client.AddNotificationFilter("MUTATION", "https://example.com/hook", account);
                CollectionAssert.AreEquivalent(
                    new[] { new NotificationFilter("PAYMENT", Target), new NotificationFilter("MUTATION", "https://example.com/hook") },
                    written);
                CollectionAssert.AreEquivalent(written, client.ListNotificationFilters(account));
                CollectionAssert.IsEmpty(client.ListNotificationFilters(), "the user's list is another list");

                CollectionAssert.AreEqual(new[] { new NotificationFilter("MUTATION", "https://example.com/hook") },
                    client.RemoveNotificationFilter("PAYMENT", Target, account));

                client.ReplaceNotificationFilters(new[] { new NotificationFilter("REQUEST", "https://example.com/r") });
                CollectionAssert.AreEqual(new[] { new NotificationFilter("REQUEST", "https://example.com/r") },
                    client.ListNotificationFilters());

                var ftp = Assert.Throws<InvalidInputException>(() => client.AddNotificationFilter("PAYMENT", "ftp://127.0.0.1/x"));
                StringAssert.Contains("https", ftp.Message);
                Assert.Throws<InvalidInputException>(() => client.AddNotificationFilter("PAYMENT", "http://example.com/x"));
                Assert.Throws<InvalidInputException>(() => client.ReplaceNotificationFilters(
                    new[] { new NotificationFilter("PAYMENT", "http://example.com/x") }, account));

                client.ClearNotificationFilters();
                client.ClearNotificationFilters(account);
                CollectionAssert.IsEmpty(client.ListNotificationFilters());
                CollectionAssert.IsEmpty(client.ListNotificationFilters(account));
            }
        }

        /// <summary>The webhook loop offline: a receiver on 127.0.0.1, filters for PAYMENT and
        /// MUTATION, a payment between two accounts by name; the four callbacks (both sides)
        /// come from the fake's address, parse, and confirm through the API as the payment
        /// bunq has; a forged one is not found, a replay has the same key; the receiver
        /// answers garbage with 400 and a huge body with 413.</summary>
        [Test]
        public void TheWebhookLoopRunsAgainstTheFakeServer()
        {
            using (Client client = TestEnvironment.NewClient())
            using (var receiver = new Receiver())
            {
                List<ulong> accounts = AccountIds(client);
                ulong from = accounts[0], to = accounts[1];
                Sandbox.RequestMoney(client, from, "10.00", "to spend");
                var toAccount = (Dictionary<string, object>)client.Call("MonetaryAccountBank.get",
                    new Dictionary<string, object> { ["monetary_account_bank_id"] = to });
                var iban = ((List<object>)toAccount["alias"]).Cast<Dictionary<string, object>>()
                    .First(alias => (string)alias["type"] == "IBAN");

                client.AddNotificationFilter("PAYMENT", receiver.Url);
                client.AddNotificationFilter("MUTATION", receiver.Url);

                long paymentId = (long)client.Call("Payment.create",
                    new Dictionary<string, object> { ["monetary_account_id"] = from },
                    new Dictionary<string, object>
                    {
                        ["amount"] = new Dictionary<string, object> { ["value"] = "0.50", ["currency"] = "EUR" },
                        ["counterparty_alias"] = new Dictionary<string, object>
                        {
                            ["type"] = "IBAN", ["value"] = iban["value"], ["name"] = iban["name"],
                        },
                        ["description"] = "a callback, please",
                    });

                List<Received> deliveries = receiver.Take(4, TimeSpan.FromSeconds(20));
                var keys = new HashSet<string>();
                var events = new List<string>();
                foreach (Received delivery in deliveries)
                {
                    Assert.IsFalse(Callback.IsFromBunq(delivery.Sender), "the fake is not bunq's production range");
                    Assert.IsTrue(Callback.IsFromBunq(delivery.Sender, Loopback), delivery.Sender);
                    Callback callback = Callback.Parse(delivery.Body);
                    Assert.AreEqual("Payment", callback.ObjectType);
                    Assert.AreEqual(receiver.Url, callback.TargetUrl);
                    events.Add(callback.Category + "/" + callback.EventType);
                    keys.Add(callback.DeduplicationKey);

                    Dictionary<string, object> confirmed = client.ConfirmCallback(callback);
                    Assert.AreEqual((long)callback.ObjectId.Value, confirmed["id"], "bunq's own object");
                    Assert.AreEqual(callback.Object["monetary_account_id"], confirmed["monetary_account_id"]);
                    var amount = (Dictionary<string, object>)confirmed["amount"];
                    bool payer = (long)confirmed["monetary_account_id"] == (long)from;
                    Assert.AreEqual(payer ? "-0.50" : "0.50", amount["value"]);
                    Assert.AreEqual("a callback, please", confirmed["description"]);
                    if (payer)
                    {
                        Assert.AreEqual(paymentId, confirmed["id"], "the payer's side is the payment made");
                    }

                    // A replayed delivery is recognised by its key.
                    Assert.AreEqual(callback.DeduplicationKey, Callback.Parse(delivery.Body).DeduplicationKey);
                }
                CollectionAssert.AreEquivalent(
                    new[] { "PAYMENT/PAYMENT_CREATED", "MUTATION/MUTATION_CREATED", "PAYMENT/PAYMENT_RECEIVED", "MUTATION/MUTATION_RECEIVED" },
                    events);
                Assert.AreEqual(4, keys.Count, "each callback has a key of its own");

                // A callback naming a payment bunq does not have: confirm says not found.
                string forged = "{\"NotificationUrl\": {\"category\": \"PAYMENT\", \"event_type\": \"PAYMENT_CREATED\", " +
                    $"\"object\": {{\"Payment\": {{\"id\": 99999999, \"monetary_account_id\": {from}}}}}}}}}";
                var notFound = Assert.Throws<NotFoundException>(() => client.ConfirmCallback(Callback.Parse(forged)));
                Assert.AreEqual(404, notFound.ResponseCode);

                // The receiver's own refusals: garbage and a body over the limit.
                Assert.AreEqual(400, Post(receiver.Url, Encoding.UTF8.GetBytes("{\"NotificationUrl\": \"garbage\"}")));
                Assert.AreEqual(413, AnnounceHugeBody(receiver.Url, Callback.MaxBodyBytes + 10));
                Assert.AreEqual(0, receiver.Count, "nothing bad was taken in");

                client.ClearNotificationFilters();
            }
        }

        /// <summary>A target that is down: the fake tries it six times, lists the failure, and
        /// sends it again when asked, to a receiver that is up by then.</summary>
        [Test]
        public void FailedDeliveriesAreListedAndSentAgain()
        {
            using (FakeServer fake = FakeServer.Start(FakeBunq(), "--callback-retry-interval-ms 20"))
            {
                var config = TestEnvironment.Options();
                config["base_url"] = fake.BaseUrl;
                config["api_key"] = Sandbox.CreateUser(new Dictionary<string, object> { ["base_url"] = fake.BaseUrl, ["proxy"] = "none" });
                config["permitted_ips"] = new[] { "*" };
                using (Client client = Client.Create(config))
                {
                    ulong account = AccountIds(client)[0];
                    int port = FreePort();
                    string target = $"http://127.0.0.1:{port}/bunq-callback";
                    client.AddNotificationFilter("REQUEST", target, account);
                    Sandbox.RequestMoney(client, account, "5.00", "nobody listens");

                    List<Dictionary<string, object>> failures = null;
                    DateTime giveUp = DateTime.UtcNow.AddSeconds(20);
                    while (DateTime.UtcNow < giveUp)
                    {
                        failures = client.ListCallbackFailures();
                        if (failures.Count > 0)
                        {
                            break;
                        }
                        Thread.Sleep(50);
                    }
                    Assert.AreEqual(1, failures?.Count, "the failed delivery is listed");
                    Assert.AreEqual("REQUEST", failures[0]["category"]);

                    using (var receiver = new Receiver(port))
                    {
                        client.RetryCallbackFailures(new[] { Convert.ToUInt64(failures[0]["id"]) });
                        Received delivery = receiver.Take(1, TimeSpan.FromSeconds(20))[0];
                        Callback callback = Callback.Parse(delivery.Body);
                        Assert.AreEqual("REQUEST", callback.Category);
                        Assert.AreEqual("RequestInquiry", callback.ObjectType);
                        Assert.AreEqual((long)callback.ObjectId.Value, client.ConfirmCallback(callback)["id"]);
                    }
                }
            }
        }

        private static string FakeBunq()
        {
            string fake = Environment.GetEnvironmentVariable("BUNQ_FAKE_BUNQ");
            return string.IsNullOrEmpty(fake) ? Path.Combine(TestEnvironment.RepoRoot, "target", "debug", "fake-bunq") : fake;
        }

        private static List<ulong> AccountIds(Client client) =>
            ((List<object>)client.Call("MonetaryAccountBank.list"))
                .Select(account => Convert.ToUInt64(((Dictionary<string, object>)account)["id"]))
                .ToList();

        private static int FreePort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        /// <summary>POSTs <paramref name="body"/> and gives the HTTP status of the answer.</summary>
        private static int Post(string url, byte[] body)
        {
            var request = (HttpWebRequest)WebRequest.Create(url);
            request.Method = "POST";
            request.Proxy = null;
            request.ContentType = "application/json";
            request.ContentLength = body.Length;
            try
            {
                using (Stream stream = request.GetRequestStream())
                {
                    stream.Write(body, 0, body.Length);
                }
                using (var response = (HttpWebResponse)request.GetResponse())
                {
                    return (int)response.StatusCode;
                }
            }
            catch (WebException e) when (e.Response is HttpWebResponse refused)
            {
                using (refused)
                {
                    return (int)refused.StatusCode;
                }
            }
        }

        /// <summary>Sends only the head of a POST announcing <paramref name="length"/> bytes
        /// and gives the status the receiver answers without reading them.</summary>
        private static int AnnounceHugeBody(string url, int length)
        {
            var uri = new Uri(url);
            using (var connection = new TcpClient(uri.Host, uri.Port))
            using (NetworkStream stream = connection.GetStream())
            {
                connection.ReceiveTimeout = 20000;
                byte[] head = Encoding.ASCII.GetBytes(
                    $"POST {uri.AbsolutePath} HTTP/1.1\r\nHost: {uri.Authority}\r\n" +
                    $"Content-Type: application/json\r\nContent-Length: {length}\r\n\r\n");
                stream.Write(head, 0, head.Length);
                string statusLine = new StreamReader(stream, Encoding.ASCII).ReadLine() ?? "";
                string[] parts = statusLine.Split(' ');
                Assert.That(parts.Length, Is.GreaterThanOrEqualTo(2), statusLine);
                return int.Parse(parts[1]);
            }
        }

        /// <summary>One delivery: the body and the sender's address.</summary>
        private sealed class Received
        {
            internal byte[] Body;
            internal string Sender;
        }

        /// <summary>The receiver as docs/csharp.md shows it: an HttpListener on 127.0.0.1 that
        /// refuses a body over the limit (413) and one that is not a callback (400), answers a
        /// callback with 200 at once, and keeps it for the test.</summary>
        private sealed class Receiver : IDisposable
        {
            private readonly HttpListener listener = new HttpListener();
            private readonly BlockingCollection<Received> received = new BlockingCollection<Received>();
            private readonly Thread loop;

            internal Receiver(int port = 0)
            {
                port = port == 0 ? FreePort() : port;
                Url = $"http://127.0.0.1:{port}/bunq-callback";
                listener.Prefixes.Add($"http://127.0.0.1:{port}/");
                listener.Start();
                loop = new Thread(Serve) { IsBackground = true };
                loop.Start();
            }

            internal string Url { get; }

            internal int Count => received.Count;

            internal List<Received> Take(int count, TimeSpan patience)
            {
                var taken = new List<Received>();
                DateTime giveUp = DateTime.UtcNow + patience;
                while (taken.Count < count)
                {
                    TimeSpan left = giveUp - DateTime.UtcNow;
                    if (left <= TimeSpan.Zero || !received.TryTake(out Received next, left))
                    {
                        Assert.Fail($"{taken.Count} of {count} callbacks arrived within {patience.TotalSeconds} s");
                    }
                    taken.Add(next);
                }
                return taken;
            }

            private void Serve()
            {
                while (true)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = listener.GetContext();
                    }
                    catch (Exception)
                    {
                        return; // stopped
                    }
                    using (HttpListenerResponse response = context.Response)
                    {
                        HttpListenerRequest request = context.Request;
                        if (request.ContentLength64 > Callback.MaxBodyBytes)
                        {
                            response.StatusCode = 413;
                            continue;
                        }
                        var body = new MemoryStream();
                        request.InputStream.CopyTo(body);
                        try
                        {
                            Callback.Parse(body.ToArray());
                        }
                        catch (InvalidInputException)
                        {
                            response.StatusCode = 400;
                            continue;
                        }
                        response.StatusCode = 200;
                        received.Add(new Received { Body = body.ToArray(), Sender = request.RemoteEndPoint.ToString() });
                    }
                }
            }

            public void Dispose()
            {
                listener.Close();
                loop.Join(5000);
                received.Dispose();
            }
        }
    }
}
