// Generated from include/bunq.h and bindings/bindings.toml by `cargo run -p bunq-codegen -- bindings`; do not edit.
//
// Marshalling, from bunq.h's conventions: input strings are NUL-terminated UTF-8 byte arrays
// (Interop.Utf8); binary input is a byte[] plus its length as UIntPtr (size_t); owned
// outputs (char *, uint8_t *) are IntPtr, copied then released (Interop.Take*); handles go
// in as SafeHandles (kept alive for the call) and come out as `out` SafeHandles (invalid
// when the call fails); C99 bool is one byte (UnmanagedType.U1).
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace Bunq
{
    /// <summary>The C API of libbunq (include/bunq.h), one declaration per function.</summary>
    internal static class NativeMethods
    {
        /// <summary>The name mono resolves to libbunq.so (beside the assembly, on
        /// LD_LIBRARY_PATH, or through a dllmap).</summary>
        internal const string LibraryName = "bunq";

        /// <summary><c>BUNQ_ABI_VERSION</c>: the <c>bunq_abi_version()</c> this binding was generated for.</summary>
        internal const uint AbiVersion = 1;

        /// <summary><c>bunq_event_callback</c>: Receives one event: <c>event_json</c> is a JSON object (see <c>bunq_client_set_event_callback</c>), borrowed, valid until the callback returns; <c>user_data</c> is the pointer given with the callback.</summary>
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void EventCallback(IntPtr eventJson, IntPtr userData);

        /// <summary><c>bunq_public_attachment_upload</c>: Uploads <c>content_length</c> bytes at <c>content</c> (borrowed) as a public attachment of MIME type <c>content_type</c> (borrowed, e.g. <c>"image/png"</c>) described by <c>description</c> (borrowed, printable ASCII).</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_public_attachment_upload(ClientHandle client, byte[] contentType, byte[] description, byte[] content, UIntPtr contentLength, out IntPtr outUuid);

        /// <summary><c>bunq_public_attachment_download</c>: Downloads the content of the public attachment <c>uuid</c> (borrowed), verified against bunq's signature.</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_public_attachment_download(ClientHandle client, byte[] uuid, out IntPtr outContent, out UIntPtr outLength);

        /// <summary><c>bunq_account_attachment_upload</c>: Uploads an attachment (arguments as for <c>bunq_public_attachment_upload</c>) to the session user's monetary account <c>account_id</c>.</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_account_attachment_upload(ClientHandle client, ulong accountId, byte[] contentType, byte[] description, byte[] content, UIntPtr contentLength, out ulong outAttachmentId);

        /// <summary><c>bunq_account_attachment_download</c>: Downloads the content of attachment <c>attachment_id</c> of the session user's monetary account <c>account_id</c>, verified against bunq's signature.</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_account_attachment_download(ClientHandle client, ulong accountId, ulong attachmentId, out IntPtr outContent, out UIntPtr outLength);

        /// <summary><c>bunq_callback_parse</c>: Reads a callback's body (<c>body_length</c> bytes at <c>body</c>, borrowed: what bunq POSTed).</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_callback_parse(byte[] body, UIntPtr bodyLength, out IntPtr outCallbackJson);

        /// <summary><c>bunq_callback_sender_is_bunq</c>: Whether <c>address</c> (borrowed: an IPv4 or IPv6 address, with or without a port, e.g. <c>"185.40.108.7:443"</c>) is in bunq's published production range for callbacks (185.40.108.0/22), or, when <c>ranges_json</c> (borrowed, may be NULL) is given, in one of its ranges (e.g. <c>["185.40.108.0/22", "2001:db8::/32"]</c>, for when bunq announces a change).</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_callback_sender_is_bunq(byte[] address, byte[] rangesJson, [MarshalAs(UnmanagedType.U1)] out bool outIsBunq);

        /// <summary><c>bunq_client_confirm_callback</c>: Fetches the object a callback names through the signed, verified API, and returns bunq's current version of it: act on that, not on the callback's copy.</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_client_confirm_callback(ClientHandle client, byte[] callbackJson, out IntPtr outObjectJson);

        /// <summary><c>bunq_notification_filters_list</c>: The URL notification filters of the session's user (<c>monetary_account_id</c> 0) or of one of its monetary accounts, as a JSON array of <c>{"category": "PAYMENT", "notification_target": "https://..."}</c>.</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_notification_filters_list(ClientHandle client, ulong monetaryAccountId, out IntPtr outFiltersJson);

        /// <summary><c>bunq_notification_filters_replace</c>: Replaces the whole list of URL notification filters of the user (<c>monetary_account_id</c> 0) or of one account with <c>filters_json</c> (borrowed: a JSON array in the form <c>bunq_notification_filters_list</c> gives; <c>[]</c> clears it).</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_notification_filters_replace(ClientHandle client, ulong monetaryAccountId, byte[] filtersJson);

        /// <summary><c>bunq_notification_filter_add</c>: Adds one filter (<c>category</c>, e.g. <c>"PAYMENT"</c>, and <c>target</c>, both borrowed) to the list of the user (<c>monetary_account_id</c> 0) or of one account: reads the list, adds the filter, writes the whole list back (not atomic: a program writing the same list in between loses its change).</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_notification_filter_add(ClientHandle client, ulong monetaryAccountId, byte[] category, byte[] target, out IntPtr outFiltersJson);

        /// <summary><c>bunq_notification_filter_remove</c>: Removes one filter (<c>category</c>, <c>target</c>) from the list of the user (<c>monetary_account_id</c> 0) or of one account: read, remove, write back, as <c>bunq_notification_filter_add</c>.</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_notification_filter_remove(ClientHandle client, ulong monetaryAccountId, byte[] category, byte[] target, out IntPtr outFiltersJson);

        /// <summary><c>bunq_notification_filters_clear</c>: Clears the list of URL notification filters of the user (<c>monetary_account_id</c> 0) or of one account: bunq calls back no more for it.</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_notification_filters_clear(ClientHandle client, ulong monetaryAccountId);

        /// <summary><c>bunq_callback_failures_list</c>: The callbacks bunq could not deliver (<c>notification-filter-failure</c>), as a JSON array of bunq's own objects (<c>id</c>, <c>category</c>, <c>event_type</c>, <c>object_id</c>, <c>exception_message</c>, <c>response_code</c>, ...).</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_callback_failures_list(ClientHandle client, out IntPtr outFailuresJson);

        /// <summary><c>bunq_callback_failures_retry</c>: Asks bunq to send the failed callbacks <c>ids_json</c> (borrowed: a JSON array of the ids <c>bunq_callback_failures_list</c> gave, e.g. <c>[3, 4]</c>) again.</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_callback_failures_retry(ClientHandle client, byte[] idsJson);

        /// <summary><c>bunq_operations_list</c>: Every operation of bunq's API (about 480, from bunq's own API description), as a JSON array of objects: <c>{"name": "Payment.list", "method": "GET", "path": "user/{user_id}/monetary-account/{monetary_account_id}/payment", "object_key": "Payment", "answer": "list", "ids": ["user_id", "monetary_account_id"]}</c>.</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_operations_list(out IntPtr outJson);

        /// <summary><c>bunq_client_call</c>: Calls the operation <c>name</c> (borrowed, e.g. <c>"Payment.create"</c>; <c>bunq_operations_list</c> names them all) and returns its answer unwrapped, as JSON.</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_client_call(ClientHandle client, byte[] name, byte[] idsJson, byte[] bodyJson, byte[] queryJson, out IntPtr outAnswerJson);

        /// <summary><c>bunq_client_call_bytes</c>: Calls the operation <c>name</c>, one that answers bytes (an attachment's or an export's content, e.g. <c>"AttachmentPublicContent.list"</c>), with <c>ids_json</c> and <c>query_json</c> as for <c>bunq_client_call</c>.</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_client_call_bytes(ClientHandle client, byte[] name, byte[] idsJson, byte[] queryJson, out IntPtr outContent, out UIntPtr outLength);

        /// <summary><c>bunq_client_create</c>: Makes a new API context (installation, device registration, session: three calls to bunq) and a client for it.</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_client_create(byte[] configJson, out ClientHandle outClient);

        /// <summary><c>bunq_client_restore</c>: Restores a client from a context file saved by this library or an official bunq SDK (no network call).</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_client_restore(byte[] path, byte[] optionsJson, out ClientHandle outClient);

        /// <summary><c>bunq_client_from_json</c>: Restores a client from the JSON text of a saved context (as <c>bunq_client_to_json</c> writes it; no network call).</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_client_from_json(byte[] contextJson, byte[] optionsJson, out ClientHandle outClient);

        /// <summary><c>bunq_client_to_json</c>: The client's current context (latest session included) as JSON text in the official Python SDK's format.</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_client_to_json(ClientHandle client, out IntPtr outContextJson);

        /// <summary><c>bunq_client_save</c>: Saves the client's current context to <c>path</c> (borrowed, UTF-8) atomically, readable by the owner only, in the official Python SDK's format.</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_client_save(ClientHandle client, byte[] path);

        /// <summary><c>bunq_client_last_save_error</c>: Why the auto-save (<c>"save_to"</c>, or the restored file) failed after the client's latest session change (a renewal or <c>bunq_session_close</c>), or NULL when it worked or nothing changed yet.</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_client_last_save_error(ClientHandle client, out IntPtr outMessage);

        /// <summary><c>bunq_client_user_id</c>: The session user's id, opening a session first if there is none.</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_client_user_id(ClientHandle client, out ulong outUserId);

        /// <summary><c>bunq_client_user</c>: The session user as JSON, wrapped in its type name as bunq sends it: <c>{"UserPerson": {...}}</c> (or <c>UserCompany</c>, <c>UserApiKey</c>, <c>UserPaymentServiceProvider</c>).</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_client_user(ClientHandle client, out IntPtr outUserJson);

        /// <summary><c>bunq_client_transport_stats</c>: What the client's connections have cost so far, as a JSON object: <c>{"requests_sent": N, "connections_opened": N, "tls_handshakes": N, "name_lookups": N, "last_tls": null | {"host": "...", "version": "TLSv1_3", "cipher_suite": "...", "server_key_pin_sha256": "..."}}</c>.</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_client_transport_stats(ClientHandle client, out IntPtr outStatsJson);

        /// <summary><c>bunq_client_free</c>: Releases a client.</summary>
        [DllImport(LibraryName)]
        internal static extern void bunq_client_free(IntPtr client);

        /// <summary><c>bunq_client_set_event_callback</c>: Sets the function that receives every event of <c>client</c> from now on, or with a NULL <c>callback</c> removes it.</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_client_set_event_callback(ClientHandle client, EventCallback callback, IntPtr userData);

        /// <summary><c>bunq_client_create_with_events</c>: <c>bunq_client_create</c>, with <c>callback</c> (NULL: none) receiving every event from the start: the exchanges that create the context (installation, device-server, session-server), then every event of the new client, as <c>bunq_client_set_event_callback</c> describes (the same thread rules apply).</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_client_create_with_events(byte[] configJson, EventCallback callback, IntPtr userData, out ClientHandle outClient);

        /// <summary><c>bunq_key_pair_generate</c>: Generates a fresh RSA-2048 key pair.</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_key_pair_generate(out IntPtr outPrivateKeyPem, out IntPtr outPublicKeyPem);

        /// <summary><c>bunq_key_pair_public_key</c>: The SPKI PEM public key of a private key PEM (PKCS#8 or PKCS#1, borrowed).</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_key_pair_public_key(byte[] privateKeyPem, out IntPtr outPublicKeyPem);

        /// <summary><c>bunq_key_pair_sign</c>: Signs <c>data_length</c> bytes at <c>data</c> (borrowed; NULL allowed when the length is 0) with RSASSA-PKCS1-v1_5 SHA-256, as bunq wants for <c>X-Bunq-Client-Signature</c>, using the private key PEM <c>private_key_pem</c> (borrowed; PKCS#8 or PKCS#1).</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_key_pair_sign(byte[] privateKeyPem, byte[] data, UIntPtr dataLength, out IntPtr outSignature);

        /// <summary><c>bunq_public_key_verify</c>: Checks that <c>signature</c> (base64, borrowed) is the RSASSA-PKCS1-v1_5 SHA-256 signature of the <c>data_length</c> bytes at <c>data</c> (borrowed; NULL allowed when the length is 0) by the public key PEM <c>public_key_pem</c> (borrowed; SPKI or PKCS#1).</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_public_key_verify(byte[] publicKeyPem, byte[] data, UIntPtr dataLength, byte[] signature);

        /// <summary><c>bunq_signing_key_new</c>: Parses the private key PEM <c>private_key_pem</c> (borrowed; PKCS#8 or PKCS#1).</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_signing_key_new(byte[] privateKeyPem, out SigningKeyHandle outKey);

        /// <summary><c>bunq_signing_key_sign</c>: Signs <c>data_length</c> bytes at <c>data</c> (borrowed; NULL allowed when the length is 0) with <c>key</c>, as <c>bunq_key_pair_sign</c> does with the same key's PEM.</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_signing_key_sign(SigningKeyHandle key, byte[] data, UIntPtr dataLength, out IntPtr outSignature);

        /// <summary><c>bunq_signing_key_free</c>: Releases a signing key.</summary>
        [DllImport(LibraryName)]
        internal static extern void bunq_signing_key_free(IntPtr key);

        /// <summary><c>bunq_last_error_status</c>: The status of this thread's last failed call, or <c>BUNQ_OK</c> when the last call succeeded.</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_last_error_status();

        /// <summary><c>bunq_last_error_message</c>: The last error's message (for bunq's refusals, in the official SDKs' wording, response id included), or NULL when the last call succeeded.</summary>
        [DllImport(LibraryName)]
        internal static extern IntPtr bunq_last_error_message();

        /// <summary><c>bunq_last_error_http_status</c>: The HTTP status of bunq's error answer (e.g. 404), or 0 when the last error was not an answer from bunq (or there is none).</summary>
        [DllImport(LibraryName)]
        internal static extern ushort bunq_last_error_http_status();

        /// <summary><c>bunq_last_error_description_count</c>: How many <c>error_description</c>s bunq's error answer had (0 when none, or no error).</summary>
        [DllImport(LibraryName)]
        internal static extern UIntPtr bunq_last_error_description_count();

        /// <summary><c>bunq_last_error_description</c>: bunq's <c>error_description</c> number <c>index</c> (from 0), or NULL when <c>index</c> is out of range.</summary>
        [DllImport(LibraryName)]
        internal static extern IntPtr bunq_last_error_description(UIntPtr index);

        /// <summary><c>bunq_last_error_response_id</c>: The <c>X-Bunq-Client-Response-Id</c> of bunq's error answer (the id to quote to bunq support), or NULL when there was none.</summary>
        [DllImport(LibraryName)]
        internal static extern IntPtr bunq_last_error_response_id();

        /// <summary><c>bunq_last_error_step</c>: The step of context creation that failed (<c>installation</c>, <c>device-server</c>, <c>session-server</c>, <c>payment-service-provider-credential</c>), or NULL when the last error happened outside those steps.</summary>
        [DllImport(LibraryName)]
        internal static extern IntPtr bunq_last_error_step();

        /// <summary><c>bunq_string_free</c>: Releases a string returned by this library (any <c>char *</c> it returned).</summary>
        [DllImport(LibraryName)]
        internal static extern void bunq_string_free(IntPtr @string);

        /// <summary><c>bunq_bytes_free</c>: Releases a byte buffer returned by this library (any <c>uint8_t *</c> it returned, e.g. by <c>bunq_response_body</c>).</summary>
        [DllImport(LibraryName)]
        internal static extern void bunq_bytes_free(IntPtr bytes);

        /// <summary><c>bunq_oauth_authorization_url</c>: The bunq page to send a user to so that they grant your app access, with every parameter percent-encoded.</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_oauth_authorization_url(byte[] configJson, byte[] state, out IntPtr outUrl);

        /// <summary><c>bunq_oauth_code_exchange</c>: Trades the authorization <c>code</c> (borrowed) from bunq's redirect for an access token.</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_oauth_code_exchange(byte[] configJson, byte[] code, out IntPtr outAccessToken);

        /// <summary><c>bunq_pages_new</c>: Starts a walk through every page of the list at <c>path</c> (borrowed, e.g. <c>"user/1/payment"</c>), with the query <c>query_json</c> (borrowed, may be NULL; e.g. <c>{"count": 200}</c> for the largest pages, in the shapes <c>bunq_client_request</c> takes).</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_pages_new(ClientHandle client, byte[] path, byte[] queryJson, out PagesHandle outPages);

        /// <summary><c>bunq_pages_new_call</c>: Starts a walk through every page of the list operation <c>name</c> (borrowed, e.g. <c>"Payment.list"</c>), with <c>ids_json</c> and <c>query_json</c> as <c>bunq_client_call</c> takes them (e.g. <c>{"monetary_account_id": 7}</c> and <c>{"count": 200}</c>).</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_pages_new_call(ClientHandle client, byte[] name, byte[] idsJson, byte[] queryJson, out PagesHandle outPages);

        /// <summary><c>bunq_pages_next_objects</c>: Fetches the next (older) page of a walk started with <c>bunq_pages_new_call</c> and gives its objects unwrapped, as a JSON array in the form <c>bunq_client_call</c> gives a list (each object wrapped in its kind for an anchor such as <c>MonetaryAccount.list</c>).</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_pages_next_objects(PagesHandle pages, out IntPtr outObjectsJson);

        /// <summary><c>bunq_pages_next</c>: Fetches the next (older) page.</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_pages_next(PagesHandle pages, out ResponseHandle outPage);

        /// <summary><c>bunq_pages_future_url</c>: The <c>future_url</c> of the newest page: request it later for items created since.</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_pages_future_url(PagesHandle pages, out IntPtr outUrl);

        /// <summary><c>bunq_pages_free</c>: Releases a walk.</summary>
        [DllImport(LibraryName)]
        internal static extern void bunq_pages_free(IntPtr pages);

        /// <summary><c>bunq_psd2_client_create</c>: Makes a new API context as a PSD2 provider and a client for it: installation, the certificate's registration (<c>payment-service-provider-credential</c>), device registration and session, with the credential bunq issues as the API key.</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_psd2_client_create(byte[] configJson, byte[] certificatePem, byte[] certificateChainPem, byte[] certificatePrivateKeyPem, out ClientHandle outClient);

        /// <summary><c>bunq_psd2_client_create_with_events</c>: <c>bunq_psd2_client_create</c>, with <c>callback</c> (NULL: none) receiving every event from the start: the exchanges that create the context (installation, payment-service-provider-credential, device-server, session-server), then every event of the new client, as <c>bunq_client_set_event_callback</c> describes (the same thread rules apply).</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_psd2_client_create_with_events(byte[] configJson, byte[] certificatePem, byte[] certificateChainPem, byte[] certificatePrivateKeyPem, EventCallback callback, IntPtr userData, out ClientHandle outClient);

        /// <summary><c>bunq_client_request</c>: Sends a request to any bunq endpoint: standard headers, the session token (a session is opened or renewed when needed), the body signed byte for byte; bunq's answer is verified.</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_client_request(ClientHandle client, byte[] method, byte[] path, byte[] queryJson, byte[] body, UIntPtr bodyLength, byte[] headersJson, out ResponseHandle outResponse);

        /// <summary><c>bunq_response_status</c>: Writes the HTTP status code (e.g. 200) to <c>*out_status</c>.</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_response_status(ResponseHandle response, out ushort outStatus);

        /// <summary><c>bunq_response_header</c>: Looks up the first value of header <c>name</c> (borrowed; any case).</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_response_header(ResponseHandle response, byte[] name, out IntPtr outValue);

        /// <summary><c>bunq_response_response_id</c>: The <c>X-Bunq-Client-Response-Id</c> header, the id to quote to bunq support.</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_response_response_id(ResponseHandle response, out IntPtr outResponseId);

        /// <summary><c>bunq_response_body</c>: A copy of the body bytes, exactly as received and verified.</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_response_body(ResponseHandle response, out IntPtr outBody, out UIntPtr outLength);

        /// <summary><c>bunq_response_body_text</c>: The body as a NUL-terminated string (bunq's JSON).</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_response_body_text(ResponseHandle response, out IntPtr outText);

        /// <summary><c>bunq_response_created_id</c>: The id bunq gives in answer to a create (<c>POST</c>): the <c>id</c> of the first <c>Id</c> object, e.g. a new payment's id.</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_response_created_id(ResponseHandle response, out ulong outId);

        /// <summary><c>bunq_response_free</c>: Releases a response.</summary>
        [DllImport(LibraryName)]
        internal static extern void bunq_response_free(IntPtr response);

        /// <summary><c>bunq_sandbox_user_create</c>: Creates a sandbox user and gives its API key, ready for <c>bunq_client_create</c> (bind it to a device within hours).</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_sandbox_user_create(byte[] configJson, byte[] kind, out IntPtr outApiKey);

        /// <summary><c>bunq_sandbox_money_request</c>: Asks the sandbox's sugar daddy for <c>amount_eur</c> euros (borrowed, e.g. <c>"100.00"</c>, at most 500) on the session user's monetary account <c>account_id</c>, with <c>description</c> (borrowed).</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_sandbox_money_request(ClientHandle client, ulong accountId, byte[] amountEur, byte[] description, out ulong outRequestId);

        /// <summary><c>bunq_session_ensure</c>: Opens a new session if there is none or the current one is about to expire.</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_session_ensure(ClientHandle client, [MarshalAs(UnmanagedType.U1)] out bool outOpened);

        /// <summary><c>bunq_session_reset</c>: Opens a new session now, whatever the state of the current one.</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_session_reset(ClientHandle client);

        /// <summary><c>bunq_session_close</c>: Ends the session at bunq and forgets it; the next request opens a new one.</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_session_close(ClientHandle client);

        /// <summary><c>bunq_session_is_active</c>: Writes <c>*out_active</c>: whether the client has a session with more than its renewal margin left (no network call).</summary>
        [DllImport(LibraryName)]
        internal static extern Status bunq_session_is_active(ClientHandle client, [MarshalAs(UnmanagedType.U1)] out bool outActive);

        /// <summary><c>bunq_version</c>: The library's version, e.g. <c>"0.1.0"</c>.</summary>
        [DllImport(LibraryName)]
        internal static extern IntPtr bunq_version();

        /// <summary><c>bunq_abi_version</c>: The ABI version of this library.</summary>
        [DllImport(LibraryName)]
        internal static extern uint bunq_abi_version();

        /// <summary><c>bunq_status_name</c>: The name of a status code, e.g. <c>"BUNQ_ERROR_API"</c>, or <c>"BUNQ_UNKNOWN_STATUS"</c> for a number that is none.</summary>
        [DllImport(LibraryName)]
        internal static extern IntPtr bunq_status_name(int status);
    }

    /// <summary>A handle whose zero value means "none" (what a failed call leaves behind).</summary>
    internal abstract class BunqHandle : SafeHandle
    {
        protected BunqHandle() : base(IntPtr.Zero, ownsHandle: true)
        {
        }

        public override bool IsInvalid => handle == IntPtr.Zero;
    }

    /// <summary>A <c>bunq_client *</c>, released with <c>bunq_client_free</c> exactly once.</summary>
    internal sealed class ClientHandle : BunqHandle
    {
        protected override bool ReleaseHandle()
        {
            NativeMethods.bunq_client_free(handle);
            return true;
        }
    }

    /// <summary>A <c>bunq_pages *</c>, released with <c>bunq_pages_free</c> exactly once.</summary>
    internal sealed class PagesHandle : BunqHandle
    {
        protected override bool ReleaseHandle()
        {
            NativeMethods.bunq_pages_free(handle);
            return true;
        }
    }

    /// <summary>A <c>bunq_response *</c>, released with <c>bunq_response_free</c> exactly once.</summary>
    internal sealed class ResponseHandle : BunqHandle
    {
        protected override bool ReleaseHandle()
        {
            NativeMethods.bunq_response_free(handle);
            return true;
        }
    }

    /// <summary>A <c>bunq_signing_key *</c>, released with <c>bunq_signing_key_free</c> exactly once.</summary>
    internal sealed class SigningKeyHandle : BunqHandle
    {
        protected override bool ReleaseHandle()
        {
            NativeMethods.bunq_signing_key_free(handle);
            return true;
        }
    }

    /// <summary>The exception class of each status (bindings/bindings.toml).</summary>
    internal static class ExceptionTable
    {
        /// <summary>The exception for a failed call: by status, and for bunq's refusals by
        /// HTTP status, as bunq's official SDKs choose it.</summary>
        internal static BunqException Create(
            Status status, string message, int responseCode, IReadOnlyList<string> descriptions,
            string responseId, string step)
        {
            if (status == Status.ErrorApi)
            {
                switch (responseCode)
                {
                    case 400: return new BadRequestException(message, status, responseCode, descriptions, responseId, step);
                    case 401: return new UnauthorizedException(message, status, responseCode, descriptions, responseId, step);
                    case 403: return new ForbiddenException(message, status, responseCode, descriptions, responseId, step);
                    case 404: return new NotFoundException(message, status, responseCode, descriptions, responseId, step);
                    case 405: return new MethodNotAllowedException(message, status, responseCode, descriptions, responseId, step);
                    case 429: return new TooManyRequestsException(message, status, responseCode, descriptions, responseId, step);
                    case 500: return new PleaseContactBunqException(message, status, responseCode, descriptions, responseId, step);
                    default: return new UnknownApiErrorException(message, status, responseCode, descriptions, responseId, step);
                }
            }
            switch (status)
            {
                case Status.ErrorRateLimited: return new TooManyRequestsException(message, status, responseCode, descriptions, responseId, step);
                case Status.ErrorTransport: return new TransportException(message, status, responseCode, descriptions, responseId, step);
                case Status.ErrorTimeout: return new TimeoutException(message, status, responseCode, descriptions, responseId, step);
                case Status.ErrorSignature: return new SignatureException(message, status, responseCode, descriptions, responseId, step);
                case Status.ErrorJson: return new JsonException(message, status, responseCode, descriptions, responseId, step);
                case Status.ErrorIo: return new IoException(message, status, responseCode, descriptions, responseId, step);
                case Status.ErrorInvalidInput: return new InvalidInputException(message, status, responseCode, descriptions, responseId, step);
                case Status.ErrorNullArgument: return new NullArgumentException(message, status, responseCode, descriptions, responseId, step);
                case Status.ErrorInvalidUtf8: return new InvalidUtf8Exception(message, status, responseCode, descriptions, responseId, step);
                case Status.ErrorPanic: return new PanicException(message, status, responseCode, descriptions, responseId, step);
                default: return new BunqException(message, status, responseCode, descriptions, responseId, step);
            }
        }
    }
}
