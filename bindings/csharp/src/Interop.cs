using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;

namespace Bunq
{
    /// <summary>Marshalling between C# values and the C API's strings, buffers and statuses.</summary>
    internal static class Interop
    {
        /// <summary>UTF-8 that refuses what it cannot encode (a lone surrogate) instead of
        /// replacing it: the library refuses invalid UTF-8 too, it never guesses.</summary>
        private static readonly Encoding StrictUtf8 = new UTF8Encoding(
            encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        /// <summary>
        /// <paramref name="value"/> as a NUL-terminated UTF-8 array for a <c>const char *</c>
        /// argument, or null for null (the library then says whether null is allowed).
        /// </summary>
        /// <exception cref="InvalidInputException">the text holds a NUL character, which
        /// would cut it short.</exception>
        /// <exception cref="InvalidUtf8Exception">the text cannot be encoded as UTF-8.</exception>
        internal static byte[] Utf8(string value, string name)
        {
            if (value == null)
            {
                return null;
            }
            if (value.IndexOf('\0') >= 0)
            {
                throw new InvalidInputException(
                    $"{name} contains a NUL character, which a C string cannot hold", Status.ErrorInvalidInput);
            }
            return Encode(value, name, terminator: 1);
        }

        /// <summary><paramref name="value"/> as UTF-8 bytes for a buffer argument (a body or
        /// data to sign), or null for null.</summary>
        /// <exception cref="InvalidUtf8Exception">the text cannot be encoded as UTF-8.</exception>
        internal static byte[] Utf8Bytes(string value, string name) =>
            value == null ? null : Encode(value, name, terminator: 0);

        private static byte[] Encode(string value, string name, int terminator)
        {
            byte[] bytes;
            try
            {
                bytes = new byte[StrictUtf8.GetByteCount(value) + terminator];
            }
            catch (EncoderFallbackException)
            {
                throw new InvalidUtf8Exception(
                    $"{name} cannot be encoded as UTF-8 (it holds a lone surrogate)", Status.ErrorInvalidUtf8);
            }
            StrictUtf8.GetBytes(value, 0, value.Length, bytes, 0);
            return bytes;
        }

        /// <summary>A JSON argument: the text as given, or a dictionary encoded as JSON.</summary>
        internal static byte[] JsonArgument(IDictionary<string, object> value, string name) =>
            value == null ? null : Utf8(Json.Encode(value), name);

        /// <summary>A <c>size_t</c> length for a buffer argument (0 for null).</summary>
        internal static UIntPtr Length(byte[] data) => new UIntPtr((uint)(data?.Length ?? 0));

        /// <summary>Copies an owned <c>char *</c> result and releases it with
        /// <c>bunq_string_free</c>; null for a NULL result.</summary>
        internal static string TakeString(IntPtr owned)
        {
            if (owned == IntPtr.Zero)
            {
                return null;
            }
            try
            {
                return Marshal.PtrToStringUTF8(owned);
            }
            finally
            {
                NativeMethods.bunq_string_free(owned);
            }
        }

        /// <summary>Copies an owned <c>uint8_t *</c> result of <paramref name="length"/>
        /// bytes and releases it with <c>bunq_bytes_free</c>.</summary>
        internal static byte[] TakeBytes(IntPtr owned, UIntPtr length)
        {
            try
            {
                ulong size = length.ToUInt64();
                if (size > int.MaxValue)
                {
                    throw new InvalidInputException(
                        $"a buffer of {size} bytes is too large for a byte[]", Status.ErrorInvalidInput);
                }
                var bytes = new byte[size];
                if (size > 0)
                {
                    Marshal.Copy(owned, bytes, 0, (int)size);
                }
                return bytes;
            }
            finally
            {
                NativeMethods.bunq_bytes_free(owned);
            }
        }

        /// <summary>Reads a static <c>const char *</c> (never released).</summary>
        internal static string StaticString(IntPtr value) => Marshal.PtrToStringUTF8(value);

        /// <summary>Throws the exception for a failed call; returns on <see cref="Status.Ok"/>.
        /// Must run on the thread that made the call, right after it: the library keeps the
        /// details of the last failure per thread.</summary>
        internal static void Check(Status status)
        {
            if (status != Status.Ok)
            {
                throw LastError(status);
            }
        }

        /// <summary>The exception for the calling thread's last failure.</summary>
        private static BunqException LastError(Status status)
        {
            string message = TakeString(NativeMethods.bunq_last_error_message());
            int responseCode = NativeMethods.bunq_last_error_http_status();
            ulong count = NativeMethods.bunq_last_error_description_count().ToUInt64();
            var descriptions = new List<string>();
            for (ulong index = 0; index < count; index++)
            {
                descriptions.Add(TakeString(NativeMethods.bunq_last_error_description(new UIntPtr(index))) ?? "");
            }
            string responseId = TakeString(NativeMethods.bunq_last_error_response_id());
            string step = TakeString(NativeMethods.bunq_last_error_step());
            return ExceptionTable.Create(
                status, message ?? Library.StatusName(status), responseCode, descriptions, responseId, step);
        }
    }
}
