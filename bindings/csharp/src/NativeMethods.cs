// The C API of libbunq (include/bunq.h), declared for P/Invoke, one declaration per function.
//
// Marshalling rules, the same for every declaration:
// - input strings are NUL-terminated UTF-8 byte arrays made by Interop.Utf8 (never the
//   marshaller's own string conversion, which would replace what UTF-8 cannot encode);
// - binary input is a byte[] (pinned for the call) plus its length as UIntPtr (size_t);
// - owned outputs (char *, uint8_t *) are IntPtr, copied then released by Interop.Take*;
// - handles go in as SafeHandle subclasses, so the marshaller keeps a handle alive for the
//   length of a call (a Dispose on another thread waits instead of freeing it mid-call), and
//   come out as `out` SafeHandles, which stay invalid when the call fails;
// - C99 bool is one byte (UnmanagedType.U1); bunq_status is an int-sized enum.
using System;
using System.Runtime.InteropServices;

namespace Bunq
{
    internal static class NativeMethods
    {
        /// <summary>The name mono resolves to libbunq.so (beside the assembly, or on
        /// LD_LIBRARY_PATH, or through a dllmap).</summary>
        internal const string LibraryName = "bunq";

        // --- the library ---------------------------------------------------------------

        [DllImport(LibraryName)]
        internal static extern uint bunq_abi_version();

        [DllImport(LibraryName)]
        internal static extern IntPtr bunq_version();

        [DllImport(LibraryName)]
        internal static extern IntPtr bunq_status_name(int status);

        [DllImport(LibraryName)]
        internal static extern void bunq_string_free(IntPtr value);

        [DllImport(LibraryName)]
        internal static extern void bunq_bytes_free(IntPtr bytes);

        // --- the last error ------------------------------------------------------------

        [DllImport(LibraryName)]
        internal static extern Status bunq_last_error_status();

        [DllImport(LibraryName)]
        internal static extern IntPtr bunq_last_error_message();

        [DllImport(LibraryName)]
        internal static extern ushort bunq_last_error_http_status();

        [DllImport(LibraryName)]
        internal static extern UIntPtr bunq_last_error_description_count();

        [DllImport(LibraryName)]
        internal static extern IntPtr bunq_last_error_description(UIntPtr index);

        [DllImport(LibraryName)]
        internal static extern IntPtr bunq_last_error_response_id();

        [DllImport(LibraryName)]
        internal static extern IntPtr bunq_last_error_step();

        // --- clients ---------------------------------------------------------------------

        [DllImport(LibraryName)]
        internal static extern Status bunq_client_create(byte[] configJson, out ClientHandle client);

        [DllImport(LibraryName)]
        internal static extern Status bunq_client_restore(
            byte[] path, byte[] optionsJson, out ClientHandle client);

        [DllImport(LibraryName)]
        internal static extern Status bunq_client_from_json(
            byte[] contextJson, byte[] optionsJson, out ClientHandle client);

        [DllImport(LibraryName)]
        internal static extern Status bunq_psd2_client_create(
            byte[] configJson, byte[] certificatePem, byte[] certificateChainPem,
            byte[] certificatePrivateKeyPem, out ClientHandle client);

        [DllImport(LibraryName)]
        internal static extern Status bunq_client_to_json(ClientHandle client, out IntPtr contextJson);

        [DllImport(LibraryName)]
        internal static extern Status bunq_client_save(ClientHandle client, byte[] path);

        [DllImport(LibraryName)]
        internal static extern Status bunq_client_last_save_error(ClientHandle client, out IntPtr message);

        [DllImport(LibraryName)]
        internal static extern Status bunq_client_user_id(ClientHandle client, out ulong userId);

        [DllImport(LibraryName)]
        internal static extern Status bunq_client_user(ClientHandle client, out IntPtr userJson);

        [DllImport(LibraryName)]
        internal static extern Status bunq_client_transport_stats(ClientHandle client, out IntPtr statsJson);

        [DllImport(LibraryName)]
        internal static extern void bunq_client_free(IntPtr client);

        /// <summary><c>bunq_event_callback</c>: the event's JSON (borrowed for the call) and
        /// the user data given with the callback.</summary>
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void EventCallback(IntPtr eventJson, IntPtr userData);

        [DllImport(LibraryName)]
        internal static extern Status bunq_client_set_event_callback(
            ClientHandle client, EventCallback callback, IntPtr userData);

        [DllImport(LibraryName)]
        internal static extern Status bunq_client_create_with_events(
            byte[] configJson, EventCallback callback, IntPtr userData, out ClientHandle client);

        [DllImport(LibraryName)]
        internal static extern Status bunq_psd2_client_create_with_events(
            byte[] configJson, byte[] certificatePem, byte[] certificateChainPem,
            byte[] certificatePrivateKeyPem, EventCallback callback, IntPtr userData,
            out ClientHandle client);

        [DllImport(LibraryName)]
        internal static extern Status bunq_client_request(
            ClientHandle client, byte[] method, byte[] path, byte[] queryJson,
            byte[] body, UIntPtr bodyLength, byte[] headersJson, out ResponseHandle response);

        // --- sessions --------------------------------------------------------------------

        [DllImport(LibraryName)]
        internal static extern Status bunq_session_ensure(
            ClientHandle client, [MarshalAs(UnmanagedType.U1)] out bool opened);

        [DllImport(LibraryName)]
        internal static extern Status bunq_session_reset(ClientHandle client);

        [DllImport(LibraryName)]
        internal static extern Status bunq_session_close(ClientHandle client);

        [DllImport(LibraryName)]
        internal static extern Status bunq_session_is_active(
            ClientHandle client, [MarshalAs(UnmanagedType.U1)] out bool active);

        // --- responses -------------------------------------------------------------------

        [DllImport(LibraryName)]
        internal static extern Status bunq_response_status(ResponseHandle response, out ushort status);

        [DllImport(LibraryName)]
        internal static extern Status bunq_response_header(
            ResponseHandle response, byte[] name, out IntPtr value);

        [DllImport(LibraryName)]
        internal static extern Status bunq_response_response_id(
            ResponseHandle response, out IntPtr responseId);

        [DllImport(LibraryName)]
        internal static extern Status bunq_response_body(
            ResponseHandle response, out IntPtr body, out UIntPtr length);

        [DllImport(LibraryName)]
        internal static extern Status bunq_response_body_text(ResponseHandle response, out IntPtr text);

        [DllImport(LibraryName)]
        internal static extern Status bunq_response_created_id(ResponseHandle response, out ulong id);

        [DllImport(LibraryName)]
        internal static extern void bunq_response_free(IntPtr response);

        // --- pages -----------------------------------------------------------------------

        [DllImport(LibraryName)]
        internal static extern Status bunq_pages_new(
            ClientHandle client, byte[] path, byte[] queryJson, out PagesHandle pages);

        [DllImport(LibraryName)]
        internal static extern Status bunq_pages_next(PagesHandle pages, out ResponseHandle page);

        [DllImport(LibraryName)]
        internal static extern Status bunq_pages_future_url(PagesHandle pages, out IntPtr url);

        [DllImport(LibraryName)]
        internal static extern void bunq_pages_free(IntPtr pages);

        // --- keys and signatures ---------------------------------------------------------

        [DllImport(LibraryName)]
        internal static extern Status bunq_key_pair_generate(out IntPtr privateKeyPem, out IntPtr publicKeyPem);

        [DllImport(LibraryName)]
        internal static extern Status bunq_key_pair_public_key(byte[] privateKeyPem, out IntPtr publicKeyPem);

        [DllImport(LibraryName)]
        internal static extern Status bunq_key_pair_sign(
            byte[] privateKeyPem, byte[] data, UIntPtr dataLength, out IntPtr signature);

        [DllImport(LibraryName)]
        internal static extern Status bunq_public_key_verify(
            byte[] publicKeyPem, byte[] data, UIntPtr dataLength, byte[] signature);

        // --- OAuth -----------------------------------------------------------------------

        [DllImport(LibraryName)]
        internal static extern Status bunq_oauth_authorization_url(byte[] configJson, byte[] state, out IntPtr url);

        [DllImport(LibraryName)]
        internal static extern Status bunq_oauth_code_exchange(
            byte[] configJson, byte[] code, out IntPtr accessToken);

        // --- sandbox ---------------------------------------------------------------------

        [DllImport(LibraryName)]
        internal static extern Status bunq_sandbox_user_create(byte[] configJson, byte[] kind, out IntPtr apiKey);

        [DllImport(LibraryName)]
        internal static extern Status bunq_sandbox_money_request(
            ClientHandle client, ulong accountId, byte[] amountEur, byte[] description, out ulong requestId);

        // --- attachments -----------------------------------------------------------------

        [DllImport(LibraryName)]
        internal static extern Status bunq_public_attachment_upload(
            ClientHandle client, byte[] contentType, byte[] description,
            byte[] content, UIntPtr contentLength, out IntPtr uuid);

        [DllImport(LibraryName)]
        internal static extern Status bunq_public_attachment_download(
            ClientHandle client, byte[] uuid, out IntPtr content, out UIntPtr length);

        [DllImport(LibraryName)]
        internal static extern Status bunq_account_attachment_upload(
            ClientHandle client, ulong accountId, byte[] contentType, byte[] description,
            byte[] content, UIntPtr contentLength, out ulong attachmentId);

        [DllImport(LibraryName)]
        internal static extern Status bunq_account_attachment_download(
            ClientHandle client, ulong accountId, ulong attachmentId, out IntPtr content, out UIntPtr length);
    }
}
