using System;

namespace Bunq
{
    /// <summary>
    /// A verified 2xx answer from bunq: status, headers and body, exactly as received.
    /// Immutable, so safe to read from several threads at once. Dispose it when done.
    /// </summary>
    public sealed class Response : IDisposable
    {
        private readonly ResponseHandle handle;

        internal Response(ResponseHandle handle)
        {
            this.handle = handle;
        }

        /// <summary>The HTTP status code, e.g. 200.</summary>
        public int StatusCode
        {
            get
            {
                Interop.Check(NativeMethods.bunq_response_status(handle, out ushort status));
                return status;
            }
        }

        /// <summary>The <c>X-Bunq-Client-Response-Id</c> header, the id to quote to bunq
        /// support; null when the answer had none.</summary>
        public string ResponseId
        {
            get
            {
                Interop.Check(NativeMethods.bunq_response_response_id(handle, out IntPtr id));
                return Interop.TakeString(id);
            }
        }

        /// <summary>A copy of the body bytes, exactly as received and verified (use this for
        /// binary answers such as attachments).</summary>
        public byte[] Body
        {
            get
            {
                Interop.Check(NativeMethods.bunq_response_body(handle, out IntPtr body, out UIntPtr length));
                return Interop.TakeBytes(body, length);
            }
        }

        /// <summary>The body as text (bunq's JSON).</summary>
        /// <exception cref="InvalidUtf8Exception">the body is not UTF-8.</exception>
        /// <exception cref="InvalidInputException">the body holds a NUL byte.</exception>
        public string Text
        {
            get
            {
                Interop.Check(NativeMethods.bunq_response_body_text(handle, out IntPtr text));
                return Interop.TakeString(text);
            }
        }

        /// <summary>The id bunq gives in answer to a create (POST): the <c>id</c> of the first
        /// <c>Id</c> object, e.g. a new payment's id.</summary>
        /// <exception cref="JsonException">the body has no such id.</exception>
        public ulong CreatedId
        {
            get
            {
                Interop.Check(NativeMethods.bunq_response_created_id(handle, out ulong id));
                return id;
            }
        }

        /// <summary>The first value of header <paramref name="name"/> (any case), or null when
        /// the answer has no such header.</summary>
        public string Header(string name)
        {
            Interop.Check(NativeMethods.bunq_response_header(handle, Interop.Utf8(name, "name"), out IntPtr value));
            return Interop.TakeString(value);
        }

        /// <summary>Releases the response.</summary>
        public void Dispose() => handle.Dispose();
    }
}
