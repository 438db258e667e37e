using System;
using System.Collections;
using System.Collections.Generic;

namespace Bunq
{
    public sealed partial class Client
    {
        /// <summary>
        /// Calls the operation <paramref name="name"/> of bunq's API (e.g.
        /// <c>"Payment.create"</c>; <see cref="Operations.All"/> lists them) and gives its
        /// answer unwrapped, as plain values (see <see cref="JsonText"/>): the object as a
        /// dictionary (an anchor such as <c>User.get</c> or <c>MonetaryAccount.list</c> wrapped
        /// in its kind, <c>{"UserPerson": {...}}</c>), a list of objects for a list operation
        /// (every page, fetched now; <see cref="Walk"/> fetches them as you go), the created id
        /// as a <c>long</c>, a UUID as a string, or null.
        /// </summary>
        /// <example><code>
        /// var ids = new Dictionary&lt;string, object&gt; { ["monetary_account_id"] = accountId };
        /// long paymentId = (long)client.Call("Payment.create", ids, body);
        /// var payments = (List&lt;object&gt;)client.Call("Payment.list", ids);
        /// </code></example>
        /// <param name="name">the operation, <c>Object.verb</c></param>
        /// <param name="ids">the path's ids, e.g. <c>{ ["monetary_account_id"] = 7 }</c>
        /// (numbers, or strings of digits); <c>user_id</c> defaults to the session's user, every
        /// other id the operation takes is required; null for none</param>
        /// <param name="body">the JSON object a create or update sends, or null</param>
        /// <param name="query">query parameters, e.g. <c>{ ["count"] = 200 }</c>, or null</param>
        /// <exception cref="InvalidInputException">an unknown name (the message names the
        /// closest ones), a missing, extra or malformed id, a body for an operation that takes
        /// none, or an operation answering bytes (<see cref="CallBytes"/>): nothing was
        /// signed or sent.</exception>
        /// <exception cref="ApiException">bunq refused (e.g. <see cref="NotFoundException"/>).</exception>
        public object Call(
            string name, IDictionary<string, object> ids = null, IDictionary<string, object> body = null,
            IDictionary<string, object> query = null) =>
            JsonText.Parse(CallJson(name, JsonOf(ids), JsonOf(body), JsonOf(query)));

        /// <summary>
        /// <see cref="Call"/> with its arguments and answer as JSON text, for programs that read
        /// JSON with a library of their own: e.g. <c>CallJson("Payment.list",
        /// "{\"monetary_account_id\": 7}")</c> gives <c>[{"id": 42, ...}, ...]</c>.
        /// </summary>
        /// <param name="name">the operation, <c>Object.verb</c></param>
        /// <param name="idsJson">a JSON object of the path's ids, or null</param>
        /// <param name="bodyJson">the JSON object to send, or null</param>
        /// <param name="queryJson">a JSON object of query parameters, or null</param>
        /// <exception cref="InvalidInputException">as for <see cref="Call"/>.</exception>
        public string CallJson(string name, string idsJson = null, string bodyJson = null, string queryJson = null)
        {
            Interop.Check(NativeMethods.bunq_client_call(
                handle, Interop.Utf8(name, "name"), Interop.Utf8(idsJson, "idsJson"),
                Interop.Utf8(bodyJson, "bodyJson"), Interop.Utf8(queryJson, "queryJson"), out IntPtr answer));
            return Interop.TakeString(answer);
        }

        /// <summary>
        /// Calls an operation that answers bytes (an attachment's or an export's content, e.g.
        /// <c>"AttachmentPublicContent.list"</c>) and gives the bytes bunq signed.
        /// </summary>
        /// <param name="name">the operation, <c>Object.verb</c></param>
        /// <param name="ids">the path's ids, as for <see cref="Call"/></param>
        /// <param name="query">query parameters, or null</param>
        /// <exception cref="InvalidInputException">as for <see cref="Call"/>, or an operation
        /// that does not answer bytes.</exception>
        public byte[] CallBytes(string name, IDictionary<string, object> ids = null, IDictionary<string, object> query = null)
        {
            Interop.Check(NativeMethods.bunq_client_call_bytes(
                handle, Interop.Utf8(name, "name"), Interop.JsonArgument(ids, "ids"),
                Interop.JsonArgument(query, "query"), out IntPtr content, out UIntPtr length));
            return Interop.TakeBytes(content, length);
        }

        /// <summary>
        /// Every object of the list operation <paramref name="name"/> (e.g.
        /// <c>"Payment.list"</c>), newest first, fetched a page at a time as the enumeration
        /// goes on: <c>foreach (var payment in client.Walk("Payment.list", ids)) ...</c>.
        /// The call is checked now; no page is fetched until the first object is asked for.
        /// </summary>
        /// <param name="name">a list operation</param>
        /// <param name="ids">the path's ids, as for <see cref="Call"/></param>
        /// <param name="query">e.g. <c>{ ["count"] = 200 }</c> for the largest pages, or null</param>
        /// <exception cref="InvalidInputException">an unknown name, a wrong id, or an operation
        /// that does not answer a list.</exception>
        public ObjectWalk Walk(string name, IDictionary<string, object> ids = null, IDictionary<string, object> query = null)
        {
            Interop.Check(NativeMethods.bunq_pages_new_call(
                handle, Interop.Utf8(name, "name"), Interop.JsonArgument(ids, "ids"),
                Interop.JsonArgument(query, "query"), out var pages));
            return new ObjectWalk(pages);
        }
    }

    /// <summary>
    /// The objects of a list operation across all its pages, newest first, from
    /// <see cref="Client.Walk"/>: each a dictionary (an anchor such as
    /// <c>MonetaryAccount.list</c>'s wrapped in its kind). Pages are fetched as the enumeration
    /// reaches them; a failure is thrown from the enumeration and ends the walk. It can be
    /// enumerated once: the end of a <c>foreach</c> (also one left early) or
    /// <see cref="Dispose"/> releases it, and a later enumeration gives nothing.
    /// </summary>
    public sealed class ObjectWalk : IEnumerable<Dictionary<string, object>>, IDisposable
    {
        private readonly PagesHandle handle;

        internal ObjectWalk(PagesHandle handle)
        {
            this.handle = handle;
        }

        /// <summary>The objects of the next (older) page, or null when the walk is over.</summary>
        public List<Dictionary<string, object>> NextPage()
        {
            if (handle.IsClosed)
            {
                return null;
            }
            Interop.Check(NativeMethods.bunq_pages_next_objects(handle, out IntPtr json));
            string text = Interop.TakeString(json);
            if (text == null)
            {
                return null;
            }
            var objects = new List<Dictionary<string, object>>();
            foreach (object item in JsonText.ParseArray(text))
            {
                objects.Add(item as Dictionary<string, object> ??
                    throw new JsonException("a list operation gave something other than an object", Status.ErrorJson));
            }
            return objects;
        }

        /// <summary>The remaining objects, page by page; the walk is released when the
        /// enumeration ends.</summary>
        public IEnumerator<Dictionary<string, object>> GetEnumerator()
        {
            try
            {
                for (var page = NextPage(); page != null; page = NextPage())
                {
                    foreach (var item in page)
                    {
                        yield return item;
                    }
                }
            }
            finally
            {
                Dispose();
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        /// <summary>Releases the walk (nothing more is fetched).</summary>
        public void Dispose() => handle.Dispose();
    }
}
