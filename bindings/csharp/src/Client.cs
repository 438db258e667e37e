using System;
using System.Collections.Generic;
using System.Linq;

namespace Bunq
{
    /// <summary>
    /// A bunq API context (installation, device, session) and the way to talk to bunq with it:
    /// every request gets bunq's headers and the session token, its body is signed byte for
    /// byte, and bunq's answer is verified before you see it. Sessions open and renew
    /// themselves (before they expire, and once on a 401); the client-side rate limiter and
    /// the retries of 429 answers are on unless the configuration turns them off.
    /// </summary>
    /// <remarks>
    /// <para>Configurations and options are JSON text, or dictionaries written as JSON, of the
    /// settings <see cref="Settings"/> lists with their types, defaults and meaning:
    /// e.g. <c>{"environment": "SANDBOX", "api_key": "...", "permitted_ips": ["*"]}</c>
    /// (<c>*</c>: from any address, for the sandbox only), or
    /// <c>"base_url"</c> for a test server. An unknown name or a value of the wrong type is
    /// refused with a <see cref="JsonException"/> naming the setting, never ignored.</para>
    /// <para>One client may be used from several threads at once. Dispose it when done; a
    /// <see cref="Pages"/> walk made from it keeps working after that. See
    /// docs/threads-and-processes.md for the thread rules and re-entrant handlers.</para>
    /// <para>Every exchange with bunq, wait, session renewal and save is raised as
    /// <see cref="EventReported"/>; give a handler to <see cref="Create(string, EventHandler{BunqEvent})"/>
    /// to see the exchanges that create the context too.</para>
    /// </remarks>
    public sealed partial class Client : IDisposable
    {
        private readonly ClientHandle handle;
        private readonly EventListener listener;
        private readonly IntPtr listenerId;
        private readonly object eventLock = new object();

        private Client(ClientHandle handle, EventListener listener, IntPtr listenerId)
        {
            this.handle = handle;
            this.listener = listener;
            this.listenerId = listenerId;
            listener.Sender.SetTarget(this);
        }

        /// <summary>
        /// Raised for each event of this client (see <see cref="BunqEvent"/>), on the thread
        /// whose call the event belongs to, before that call returns. An exception a handler
        /// throws is dropped. A handler may call this client: the nested call works, or
        /// throws <see cref="InvalidInputException"/> at once when it needs the session
        /// renewal in progress on this very thread (or the next page of the walk being
        /// fetched); it never waits for its own thread. With no handler, the library makes no
        /// events at all.
        /// </summary>
        public event EventHandler<BunqEvent> EventReported
        {
            add
            {
                lock (eventLock)
                {
                    bool first = !listener.HasHandlers;
                    listener.Add(value);
                    if (first && listener.HasHandlers)
                    {
                        Interop.Check(NativeMethods.bunq_client_set_event_callback(
                            handle, EventDispatch.NativeCallback, listenerId));
                    }
                }
            }
            remove
            {
                lock (eventLock)
                {
                    listener.Remove(value);
                    if (!listener.HasHandlers && !handle.IsClosed)
                    {
                        Interop.Check(NativeMethods.bunq_client_set_event_callback(handle, null, IntPtr.Zero));
                    }
                }
            }
        }

        /// <summary>The handle, for the other classes of this package (Sandbox).</summary>
        internal ClientHandle Handle => handle;

        /// <summary>
        /// Makes a new API context: installation, device registration and session (three calls
        /// to bunq).
        /// </summary>
        /// <remarks>
        /// <para><c>permitted_ips</c> lists the addresses the API key may be used from
        /// (default: the address this call comes from). Do not give <c>["*"]</c> for a
        /// production key: anyone who obtains the key could use it from any machine; <c>*</c>
        /// is meant for the sandbox.</para>
        /// <para>Each of the three calls may take up to <c>timeout_ms</c> (default 60000:
        /// 60 s), of which <c>connect_timeout_ms</c> (default 10000: 10 s) to connect: a
        /// server that never answers fails the creation with a <see cref="TimeoutException"/>
        /// after about a minute. To see each exchange as it ends, give a handler to
        /// <see cref="Create(string, EventHandler{BunqEvent})"/>.</para>
        /// </remarks>
        /// <param name="configJson">a JSON object: <c>environment</c> and/or <c>base_url</c>,
        /// <c>api_key</c>, and optionally <c>description</c>, <c>permitted_ips</c>,
        /// <c>proxy_url</c>, <c>private_key_pem</c> and every client option
        /// (<see cref="Settings"/> lists them with their types and defaults)</param>
        public static Client Create(string configJson)
        {
            Library.EnsureCompatible();
            return Made(NativeMethods.bunq_client_create(Interop.Utf8(configJson, "configJson"), out var made), made);
        }

        /// <summary>
        /// Makes a new API context as <see cref="Create(string)"/> does, with
        /// <paramref name="onEvent"/> handling <see cref="EventReported"/> from the start: the
        /// three exchanges that create the context, then every event of the client.
        /// </summary>
        /// <param name="configJson">as for <see cref="Create(string)"/></param>
        /// <param name="onEvent">the first handler of <see cref="EventReported"/></param>
        public static Client Create(string configJson, EventHandler<BunqEvent> onEvent)
        {
            if (onEvent == null)
            {
                return Create(configJson);
            }
            Library.EnsureCompatible();
            var listener = new EventListener();
            listener.Add(onEvent);
            IntPtr id = EventDispatch.Register(listener);
            try
            {
                return Made(NativeMethods.bunq_client_create_with_events(
                    Interop.Utf8(configJson, "configJson"), EventDispatch.NativeCallback, id, out var made),
                    made, listener, id);
            }
            catch
            {
                EventDispatch.Unregister(id);
                throw;
            }
        }

        /// <summary>Makes a new API context with an event handler, the configuration given as a dictionary.</summary>
        public static Client Create(IDictionary<string, object> config, EventHandler<BunqEvent> onEvent) =>
            Create(JsonOf(config), onEvent);

        /// <summary>Makes a new API context, the configuration given as a dictionary.</summary>
        /// <param name="config">as for <see cref="Create(string)"/></param>
        public static Client Create(IDictionary<string, object> config) => Create(JsonOf(config));

        /// <summary>
        /// Restores a context file saved by this library or an official bunq SDK (no network
        /// call). Session renewals are saved back to <paramref name="path"/> unless the options
        /// say otherwise.
        /// </summary>
        /// <param name="path">the context file</param>
        /// <param name="optionsJson">null for the defaults, or a JSON object of client options
        /// (<c>base_url</c>, <c>timeout_ms</c>, <c>proxy</c>, <c>rate_limits</c>, <c>retry</c>,
        /// <c>save_to</c>, ...: <see cref="Settings"/> lists them with their types and
        /// defaults)</param>
        public static Client Restore(string path, string optionsJson = null)
        {
            Library.EnsureCompatible();
            return Made(NativeMethods.bunq_client_restore(
                Interop.Utf8(path, "path"), Interop.Utf8(optionsJson, "optionsJson"), out var made), made);
        }

        /// <summary>Restores a context file, the options given as a dictionary.</summary>
        public static Client Restore(string path, IDictionary<string, object> options) =>
            Restore(path, JsonOf(options));

        /// <summary>
        /// Restores a context from its JSON text, as <see cref="ToJson"/> gives it (no network
        /// call; nothing is saved anywhere unless the options name <c>save_to</c>).
        /// </summary>
        /// <param name="contextJson">the saved context</param>
        /// <param name="optionsJson">as for <see cref="Restore(string, string)"/></param>
        public static Client FromJson(string contextJson, string optionsJson = null)
        {
            Library.EnsureCompatible();
            return Made(NativeMethods.bunq_client_from_json(
                Interop.Utf8(contextJson, "contextJson"), Interop.Utf8(optionsJson, "optionsJson"),
                out var made), made);
        }

        /// <summary>Restores a context from its JSON text, the options given as a dictionary.</summary>
        public static Client FromJson(string contextJson, IDictionary<string, object> options) =>
            FromJson(contextJson, JsonOf(options));

        /// <summary>
        /// Makes a new API context as a PSD2 provider: installation, registration of the QSEAL
        /// certificate, device registration and session, with the credential bunq issues as
        /// the API key. The failed step, if any, is in <see cref="BunqException.Step"/>.
        /// </summary>
        /// <param name="configJson">as for <see cref="Create(string)"/>, without <c>api_key</c></param>
        /// <param name="certificatePem">the certificate (<c>BEGIN CERTIFICATE</c>)</param>
        /// <param name="certificateChainPem">the chain that issued it (for a self-signed test
        /// certificate, the certificate itself)</param>
        /// <param name="certificatePrivateKeyPem">the certificate's private key (PKCS#8 or PKCS#1)</param>
        public static Client CreatePsd2(
            string configJson, string certificatePem, string certificateChainPem, string certificatePrivateKeyPem)
        {
            Library.EnsureCompatible();
            return Made(NativeMethods.bunq_psd2_client_create(
                Interop.Utf8(configJson, "configJson"),
                Interop.Utf8(certificatePem, "certificatePem"),
                Interop.Utf8(certificateChainPem, "certificateChainPem"),
                Interop.Utf8(certificatePrivateKeyPem, "certificatePrivateKeyPem"),
                out var made), made);
        }

        /// <summary>
        /// Makes a PSD2 provider's context as <see cref="CreatePsd2(string, string, string, string)"/>
        /// does, with <paramref name="onEvent"/> handling <see cref="EventReported"/> from the
        /// start: the four exchanges that create the context, then every event of the client.
        /// </summary>
        /// <param name="configJson">as for <see cref="CreatePsd2(string, string, string, string)"/></param>
        /// <param name="certificatePem">the certificate (<c>BEGIN CERTIFICATE</c>)</param>
        /// <param name="certificateChainPem">the chain that issued it</param>
        /// <param name="certificatePrivateKeyPem">the certificate's private key</param>
        /// <param name="onEvent">the first handler of <see cref="EventReported"/></param>
        public static Client CreatePsd2(
            string configJson, string certificatePem, string certificateChainPem, string certificatePrivateKeyPem,
            EventHandler<BunqEvent> onEvent)
        {
            if (onEvent == null)
            {
                return CreatePsd2(configJson, certificatePem, certificateChainPem, certificatePrivateKeyPem);
            }
            Library.EnsureCompatible();
            var listener = new EventListener();
            listener.Add(onEvent);
            IntPtr id = EventDispatch.Register(listener);
            try
            {
                return Made(NativeMethods.bunq_psd2_client_create_with_events(
                    Interop.Utf8(configJson, "configJson"),
                    Interop.Utf8(certificatePem, "certificatePem"),
                    Interop.Utf8(certificateChainPem, "certificateChainPem"),
                    Interop.Utf8(certificatePrivateKeyPem, "certificatePrivateKeyPem"),
                    EventDispatch.NativeCallback, id, out var made),
                    made, listener, id);
            }
            catch
            {
                EventDispatch.Unregister(id);
                throw;
            }
        }

        /// <summary>Makes a PSD2 provider's context, the configuration given as a dictionary.</summary>
        public static Client CreatePsd2(
            IDictionary<string, object> config, string certificatePem, string certificateChainPem,
            string certificatePrivateKeyPem) =>
            CreatePsd2(JsonOf(config), certificatePem, certificateChainPem, certificatePrivateKeyPem);

        /// <summary>Makes a PSD2 provider's context with an event handler, the configuration given as a dictionary.</summary>
        public static Client CreatePsd2(
            IDictionary<string, object> config, string certificatePem, string certificateChainPem,
            string certificatePrivateKeyPem, EventHandler<BunqEvent> onEvent) =>
            CreatePsd2(JsonOf(config), certificatePem, certificateChainPem, certificatePrivateKeyPem, onEvent);

        /// <summary>
        /// The current context (latest session included) as JSON text in the official Python
        /// SDK's format. It holds the API key, tokens and private key: keep it secret.
        /// </summary>
        public string ToJson()
        {
            Interop.Check(NativeMethods.bunq_client_to_json(handle, out IntPtr json));
            return Interop.TakeString(json);
        }

        /// <summary>Saves the current context to <paramref name="path"/>, atomically and
        /// readable by the owner only, in the official Python SDK's format.</summary>
        public void Save(string path)
        {
            Interop.Check(NativeMethods.bunq_client_save(handle, Interop.Utf8(path, "path")));
        }

        /// <summary>
        /// Why the auto-save (<c>save_to</c>, or the restored file) failed after the latest
        /// session change, or null when it worked. Such a failure never fails the call that
        /// renewed the session; each session change replaces the value.
        /// </summary>
        public string LastSaveError
        {
            get
            {
                Interop.Check(NativeMethods.bunq_client_last_save_error(handle, out IntPtr message));
                return Interop.TakeString(message);
            }
        }

        /// <summary>The session user's id (opening a session first if there is none).</summary>
        public ulong GetUserId()
        {
            Interop.Check(NativeMethods.bunq_client_user_id(handle, out ulong userId));
            return userId;
        }

        /// <summary>
        /// The session user as JSON, wrapped in its type name as bunq sends it:
        /// <c>{"UserPerson": {...}}</c> (or <c>UserCompany</c>, <c>UserApiKey</c>,
        /// <c>UserPaymentServiceProvider</c>). Opens a session first if there is none.
        /// </summary>
        public string GetUser()
        {
            Interop.Check(NativeMethods.bunq_client_user(handle, out IntPtr json));
            return Interop.TakeString(json);
        }

        /// <summary>
        /// What this client's connections have cost so far, as JSON:
        /// <c>{"requests_sent": N, "connections_opened": N, "tls_handshakes": N,
        /// "name_lookups": N, "last_tls": null | {"host", "version", "cipher_suite",
        /// "server_key_pin_sha256"}}</c>.
        /// </summary>
        public string GetTransportStats()
        {
            Interop.Check(NativeMethods.bunq_client_transport_stats(handle, out IntPtr json));
            return Interop.TakeString(json);
        }

        /// <summary>
        /// Sends a request to any bunq endpoint and gives bunq's verified 2xx answer.
        /// </summary>
        /// <param name="method"><c>GET</c>, <c>POST</c>, <c>PUT</c> or <c>DELETE</c></param>
        /// <param name="path">relative to the base URL (<c>user/1/monetary-account</c>), or a
        /// pagination URL (<c>/v1/user/1/payment?older_id=5</c>)</param>
        /// <param name="query">query parameters, e.g. <c>{ ["count"] = 200 }</c> (strings,
        /// numbers, booleans), or null</param>
        /// <param name="body">sent (and signed) exactly as given, or null for none</param>
        /// <param name="headers">extra headers, e.g. <c>{ ["Content-Type"] = "image/png" }</c>,
        /// or null</param>
        /// <exception cref="ApiException">bunq refused (with status, descriptions, response id).</exception>
        /// <exception cref="SignatureException">bunq's answer was not signed by bunq.</exception>
        public Response Request(
            string method, string path, IDictionary<string, object> query = null, byte[] body = null,
            IDictionary<string, string> headers = null)
        {
            Interop.Check(NativeMethods.bunq_client_request(
                handle, Interop.Utf8(method, "method"), Interop.Utf8(path, "path"),
                Interop.JsonArgument(query, "query"), body, Interop.Length(body),
                headers == null ? null : Interop.Utf8(Json.Encode(headers), "headers"),
                out var response));
            return new Response(response);
        }

        /// <summary>A GET request.</summary>
        public Response Get(string path, IDictionary<string, object> query = null) => Request("GET", path, query);

        /// <summary>A POST request of JSON text, sent (and signed) as its exact UTF-8 bytes.</summary>
        public Response Post(string path, string json, IDictionary<string, string> headers = null) =>
            Request("POST", path, null, JsonBody(json), headers);

        /// <summary>A POST request of raw bytes (e.g. an attachment), with its headers.</summary>
        public Response Post(string path, byte[] body, IDictionary<string, string> headers) =>
            Request("POST", path, null, body, headers);

        /// <summary>A PUT request of JSON text, as for <see cref="Post(string, string, IDictionary{string, string})"/>.</summary>
        public Response Put(string path, string json, IDictionary<string, string> headers = null) =>
            Request("PUT", path, null, JsonBody(json), headers);

        /// <summary>A DELETE request.</summary>
        public Response Delete(string path) => Request("DELETE", path);

        /// <summary>
        /// A walk through every page of the list at <paramref name="path"/>, newest first. No
        /// call is made until the first page is asked for.
        /// </summary>
        /// <param name="path">a list endpoint, e.g. <c>user/1/payment</c></param>
        /// <param name="query">e.g. <c>{ ["count"] = 200 }</c> for the largest pages, or null</param>
        public Pages Pages(string path, IDictionary<string, object> query = null)
        {
            Interop.Check(NativeMethods.bunq_pages_new(
                handle, Interop.Utf8(path, "path"), Interop.JsonArgument(query, "query"), out var pages));
            return new Pages(pages);
        }

        /// <summary>Opens a new session if there is none or the current one is about to expire.</summary>
        /// <returns>whether a new session was opened</returns>
        public bool EnsureSession()
        {
            Interop.Check(NativeMethods.bunq_session_ensure(handle, out bool opened));
            return opened;
        }

        /// <summary>Opens a new session now, whatever the state of the current one.</summary>
        public void ResetSession() => Interop.Check(NativeMethods.bunq_session_reset(handle));

        /// <summary>Ends the session at bunq; the next request opens a new one.</summary>
        public void CloseSession() => Interop.Check(NativeMethods.bunq_session_close(handle));

        /// <summary>Whether there is a session with more than the renewal margin left (no
        /// network call).</summary>
        public bool IsSessionActive
        {
            get
            {
                Interop.Check(NativeMethods.bunq_session_is_active(handle, out bool active));
                return active;
            }
        }

        /// <summary>Uploads a public attachment (e.g. an avatar).</summary>
        /// <param name="contentType">its MIME type, e.g. <c>image/png</c></param>
        /// <param name="description">printable ASCII</param>
        /// <param name="content">the raw bytes</param>
        /// <returns>the attachment's uuid</returns>
        public string UploadPublicAttachment(string contentType, string description, byte[] content)
        {
            Interop.Check(NativeMethods.bunq_public_attachment_upload(
                handle, Interop.Utf8(contentType, "contentType"), Interop.Utf8(description, "description"),
                content, Interop.Length(content), out IntPtr uuid));
            return Interop.TakeString(uuid);
        }

        /// <summary>The content of public attachment <paramref name="uuid"/>, verified against
        /// bunq's signature.</summary>
        public byte[] DownloadPublicAttachment(string uuid)
        {
            Interop.Check(NativeMethods.bunq_public_attachment_download(
                handle, Interop.Utf8(uuid, "uuid"), out IntPtr content, out UIntPtr length));
            return Interop.TakeBytes(content, length);
        }

        /// <summary>Uploads an attachment to the session user's monetary account
        /// <paramref name="accountId"/> (e.g. a receipt), arguments as for
        /// <see cref="UploadPublicAttachment"/>.</summary>
        /// <returns>the attachment's id</returns>
        public ulong UploadAccountAttachment(ulong accountId, string contentType, string description, byte[] content)
        {
            Interop.Check(NativeMethods.bunq_account_attachment_upload(
                handle, accountId, Interop.Utf8(contentType, "contentType"),
                Interop.Utf8(description, "description"), content, Interop.Length(content), out ulong id));
            return id;
        }

        /// <summary>The content of attachment <paramref name="attachmentId"/> of account
        /// <paramref name="accountId"/>, verified against bunq's signature.</summary>
        public byte[] DownloadAccountAttachment(ulong accountId, ulong attachmentId)
        {
            Interop.Check(NativeMethods.bunq_account_attachment_download(
                handle, accountId, attachmentId, out IntPtr content, out UIntPtr length));
            return Interop.TakeBytes(content, length);
        }

        /// <summary>Releases the client. Calls still running on other threads finish first.</summary>
        public void Dispose()
        {
            // A Pages walk may outlive the client: its events find no listener after this.
            EventDispatch.Unregister(listenerId);
            handle.Dispose();
        }

        /// <summary>The client for a successful call; throws (and drops the unused handle) otherwise.</summary>
        private static Client Made(Status status, ClientHandle made)
        {
            var listener = new EventListener();
            return Made(status, made, listener, EventDispatch.Register(listener));
        }

        private static Client Made(Status status, ClientHandle made, EventListener listener, IntPtr listenerId)
        {
            try
            {
                Interop.Check(status);
            }
            catch
            {
                made?.Dispose();
                EventDispatch.Unregister(listenerId);
                throw;
            }
            return new Client(made, listener, listenerId);
        }

        private static string JsonOf(IDictionary<string, object> value) => value == null ? null : Json.Encode(value);

        private static byte[] JsonBody(string json) => Interop.Utf8Bytes(json, "json");
    }
}
