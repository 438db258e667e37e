using System;
using System.Collections.Generic;
using System.Linq;

namespace Bunq
{
    /// <summary>
    /// One callback from bunq (a POST to a URL of a notification filter), read from its body by
    /// <see cref="Parse(byte[])"/>. Nothing in it is verified: bunq does not sign callbacks.
    /// Check where it came from (<see cref="IsFromBunq"/>) and act only on bunq's current
    /// object, fetched through the signed API with <see cref="Client.ConfirmCallback"/>.
    /// </summary>
    public sealed class Callback
    {
        private Callback(string json)
        {
            Json = json;
            Dictionary<string, object> fields = JsonText.ParseObject(json);
            Category = Field(fields, "category") as string;
            EventType = Field(fields, "event_type") as string;
            ObjectType = Field(fields, "object_type") as string;
            object id = Field(fields, "object_id");
            ObjectId = id == null ? (ulong?)null : Convert.ToUInt64(id);
            Object = Field(fields, "object") as Dictionary<string, object> ?? new Dictionary<string, object>();
            TargetUrl = Field(fields, "target_url") as string;
            DeduplicationKey = Field(fields, "deduplication_key") as string;
        }

        /// <summary>The largest body <see cref="Parse(byte[])"/> reads: 1 MiB. Refuse bigger
        /// requests before reading them.</summary>
        public const int MaxBodyBytes = 1024 * 1024;

        /// <summary>What the callback is about: <c>PAYMENT</c>, <c>MUTATION</c>,
        /// <c>REQUEST</c>, <c>CARD_TRANSACTION_SUCCESSFUL</c>, ... (any other category bunq
        /// sends is kept as text).</summary>
        public string Category { get; }

        /// <summary>What happened, as bunq names it, e.g. <c>PAYMENT_CREATED</c>,
        /// <c>MUTATION_RECEIVED</c>.</summary>
        public string EventType { get; }

        /// <summary>The type name of the object, e.g. <c>Payment</c>, <c>RequestInquiry</c>.</summary>
        public string ObjectType { get; }

        /// <summary>The object's <c>id</c>, or null when it has none.</summary>
        public ulong? ObjectId { get; }

        /// <summary>The object as the callback carried it (unverified: confirm it).</summary>
        public IReadOnlyDictionary<string, object> Object { get; }

        /// <summary>The URL bunq says it called, or null.</summary>
        public string TargetUrl { get; }

        /// <summary>The same for every delivery of one callback (bunq tries a failed one up to
        /// five times more): keep the keys of the callbacks you handled, and ignore a repeat.</summary>
        public string DeduplicationKey { get; }

        /// <summary>The callback as the library read it: one JSON object (<c>category</c>,
        /// <c>event_type</c>, <c>object_type</c>, <c>object_id</c>, <c>object</c>,
        /// <c>target_url</c>, <c>deduplication_key</c>).</summary>
        public string Json { get; }

        /// <summary>Reads a callback's body, the bytes bunq POSTed.</summary>
        /// <exception cref="InvalidInputException">the body is over 1 MiB, not JSON, or not a
        /// callback (the message says which).</exception>
        public static Callback Parse(byte[] body)
        {
            Library.EnsureCompatible();
            if (body == null)
            {
                throw new NullArgumentException("body must not be null", Status.ErrorNullArgument);
            }
            Interop.Check(NativeMethods.bunq_callback_parse(body, Interop.Length(body), out IntPtr json));
            return new Callback(Interop.TakeString(json));
        }

        /// <summary>Reads a callback's body given as text (its UTF-8 bytes).</summary>
        /// <exception cref="InvalidInputException">as for <see cref="Parse(byte[])"/>.</exception>
        public static Callback Parse(string body) =>
            Parse(Interop.Utf8Bytes(body, "body") ?? throw new NullArgumentException("body must not be null", Status.ErrorNullArgument));

        /// <summary>
        /// Whether <paramref name="address"/> (an IPv4 or IPv6 address, with or without a port,
        /// e.g. <c>HttpListenerRequest.RemoteEndPoint.ToString()</c>) is in bunq's published
        /// production range for callbacks (185.40.108.0/22), or in one of
        /// <paramref name="ranges"/> when given (e.g. <c>{"185.40.108.0/22"}</c> plus a range
        /// bunq announces). The sandbox has no fixed range.
        /// </summary>
        /// <param name="address">the sender's address</param>
        /// <param name="ranges">CIDR ranges to use instead of bunq's, or null</param>
        /// <exception cref="InvalidInputException">the address or a range does not parse.</exception>
        public static bool IsFromBunq(string address, IEnumerable<string> ranges = null)
        {
            Library.EnsureCompatible();
            byte[] rangesJson = ranges == null ? null : Interop.Utf8(Bunq.Json.Encode(ranges.ToList()), "ranges");
            Interop.Check(NativeMethods.bunq_callback_sender_is_bunq(
                Interop.Utf8(address, "address"), rangesJson, out bool isBunq));
            return isBunq;
        }

        /// <summary>e.g. <c>Callback(PAYMENT PAYMENT_CREATED Payment 42)</c>.</summary>
        public override string ToString() => $"Callback({Category} {EventType} {ObjectType} {ObjectId})";

        private static object Field(Dictionary<string, object> fields, string name) =>
            fields.TryGetValue(name, out object value) ? value : null;
    }

    /// <summary>One URL notification filter: bunq calls <see cref="NotificationTarget"/> for
    /// every event of <see cref="Category"/>.</summary>
    public sealed class NotificationFilter
    {
        /// <summary>A filter for <paramref name="category"/> (e.g. <c>PAYMENT</c>) calling
        /// <paramref name="notificationTarget"/> (<c>https://</c>; <c>http://</c> only to this
        /// machine, for a test server).</summary>
        public NotificationFilter(string category, string notificationTarget)
        {
            Category = category;
            NotificationTarget = notificationTarget;
        }

        /// <summary>The category, e.g. <c>PAYMENT</c>, <c>MUTATION</c>.</summary>
        public string Category { get; }

        /// <summary>The URL bunq calls.</summary>
        public string NotificationTarget { get; }

        /// <summary>e.g. <c>PAYMENT -> https://example.com/bunq</c>.</summary>
        public override string ToString() => $"{Category} -> {NotificationTarget}";

        /// <summary>Whether <paramref name="other"/> is a filter of the same category and target.</summary>
        public override bool Equals(object other) =>
            other is NotificationFilter filter && filter.Category == Category &&
            filter.NotificationTarget == NotificationTarget;

        /// <summary>A hash of the category and target.</summary>
        public override int GetHashCode() => (Category ?? "").GetHashCode() * 31 + (NotificationTarget ?? "").GetHashCode();

        internal static List<NotificationFilter> ListOf(string json) =>
            JsonText.ParseArray(json ?? "[]")
                .OfType<Dictionary<string, object>>()
                .Select(row => new NotificationFilter(
                    row.TryGetValue("category", out object category) ? category as string : null,
                    row.TryGetValue("notification_target", out object target) ? target as string : null))
                .ToList();

        internal Dictionary<string, object> ToJsonObject() => new Dictionary<string, object>
        {
            ["category"] = Category,
            ["notification_target"] = NotificationTarget,
        };
    }

    public sealed partial class Client
    {
        /// <summary>
        /// Fetches the object <paramref name="callback"/> names through the signed, verified
        /// API and gives bunq's current version of it (unwrapped, a dictionary): act on that,
        /// not on the callback's copy. The path is built from the object itself (its
        /// <c>monetary_account_id</c> where it has one).
        /// </summary>
        /// <exception cref="NotFoundException">bunq does not know the object (or not for this
        /// user): a forged or stale callback.</exception>
        /// <exception cref="InvalidInputException">a type that cannot be fetched by its id
        /// alone; nothing was sent.</exception>
        public Dictionary<string, object> ConfirmCallback(Callback callback)
        {
            if (callback == null)
            {
                throw new NullArgumentException("callback must not be null", Status.ErrorNullArgument);
            }
            Interop.Check(NativeMethods.bunq_client_confirm_callback(
                handle, Interop.Utf8(callback.Json, "callback"), out IntPtr json));
            return JsonText.ParseObject(Interop.TakeString(json));
        }

        /// <summary>The URL notification filters of the user (<paramref name="monetaryAccountId"/>
        /// 0, the default) or of one of its monetary accounts.</summary>
        public List<NotificationFilter> ListNotificationFilters(ulong monetaryAccountId = 0)
        {
            Interop.Check(NativeMethods.bunq_notification_filters_list(handle, monetaryAccountId, out IntPtr json));
            return NotificationFilter.ListOf(Interop.TakeString(json));
        }

        /// <summary>
        /// Replaces the whole list of URL notification filters of the user
        /// (<paramref name="monetaryAccountId"/> 0) or of one account with
        /// <paramref name="filters"/> (empty: none). bunq has no other way to change a list.
        /// </summary>
        /// <exception cref="InvalidInputException">a target that is not <c>https://</c>
        /// (<c>http://</c> only to this machine); nothing was sent.</exception>
        public void ReplaceNotificationFilters(IEnumerable<NotificationFilter> filters, ulong monetaryAccountId = 0)
        {
            if (filters == null)
            {
                throw new NullArgumentException("filters must not be null", Status.ErrorNullArgument);
            }
            string json = Json.Encode(filters.Select(filter => filter.ToJsonObject()).ToList());
            Interop.Check(NativeMethods.bunq_notification_filters_replace(
                handle, monetaryAccountId, Interop.Utf8(json, "filters")));
        }

        /// <summary>
        /// Adds a filter for <paramref name="category"/> calling <paramref name="target"/> to the
        /// list of the user (<paramref name="monetaryAccountId"/> 0) or of one account. It reads
        /// the list, adds the filter and writes the whole list back: not atomic, so a program
        /// changing the same list in between loses its change.
        /// </summary>
        /// <returns>the list as written</returns>
        /// <exception cref="InvalidInputException">a target that is not <c>https://</c>
        /// (<c>http://</c> only to this machine); nothing was sent.</exception>
        public List<NotificationFilter> AddNotificationFilter(string category, string target, ulong monetaryAccountId = 0)
        {
            Interop.Check(NativeMethods.bunq_notification_filter_add(
                handle, monetaryAccountId, Interop.Utf8(category, "category"), Interop.Utf8(target, "target"),
                out IntPtr json));
            return NotificationFilter.ListOf(Interop.TakeString(json));
        }

        /// <summary>Removes the filter for <paramref name="category"/> calling
        /// <paramref name="target"/>: read, remove, write back, as
        /// <see cref="AddNotificationFilter"/>.</summary>
        /// <returns>the list as written</returns>
        public List<NotificationFilter> RemoveNotificationFilter(string category, string target, ulong monetaryAccountId = 0)
        {
            Interop.Check(NativeMethods.bunq_notification_filter_remove(
                handle, monetaryAccountId, Interop.Utf8(category, "category"), Interop.Utf8(target, "target"),
                out IntPtr json));
            return NotificationFilter.ListOf(Interop.TakeString(json));
        }

        /// <summary>Clears the list of the user (<paramref name="monetaryAccountId"/> 0) or of
        /// one account: bunq calls back no more for it.</summary>
        public void ClearNotificationFilters(ulong monetaryAccountId = 0) =>
            Interop.Check(NativeMethods.bunq_notification_filters_clear(handle, monetaryAccountId));

        /// <summary>The callbacks bunq could not deliver (after its retries), as bunq's own
        /// objects: <c>id</c>, <c>category</c>, <c>event_type</c>, <c>object_id</c>,
        /// <c>exception_message</c>, <c>response_code</c>, ...</summary>
        public List<Dictionary<string, object>> ListCallbackFailures()
        {
            Interop.Check(NativeMethods.bunq_callback_failures_list(handle, out IntPtr json));
            return JsonText.ParseArray(Interop.TakeString(json)).OfType<Dictionary<string, object>>().ToList();
        }

        /// <summary>Asks bunq to send the failed callbacks <paramref name="ids"/> (the <c>id</c>s
        /// <see cref="ListCallbackFailures"/> gave) again.</summary>
        public void RetryCallbackFailures(IEnumerable<ulong> ids)
        {
            if (ids == null)
            {
                throw new NullArgumentException("ids must not be null", Status.ErrorNullArgument);
            }
            Interop.Check(NativeMethods.bunq_callback_failures_retry(
                handle, Interop.Utf8(Json.Encode(ids.ToList()), "ids")));
        }
    }
}
