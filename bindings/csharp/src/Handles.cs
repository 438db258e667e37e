// The three opaque handles of the C API, each released by its *_free function exactly once:
// by Dispose, or by the finalizer when a wrapper is dropped undisposed.
using System;
using System.Runtime.InteropServices;

namespace Bunq
{
    /// <summary>A handle whose zero value means "none" (what a failed call leaves behind).</summary>
    internal abstract class BunqHandle : SafeHandle
    {
        protected BunqHandle() : base(IntPtr.Zero, ownsHandle: true)
        {
        }

        public override bool IsInvalid => handle == IntPtr.Zero;
    }

    /// <summary>A <c>bunq_client *</c>, released with <c>bunq_client_free</c>.</summary>
    internal sealed class ClientHandle : BunqHandle
    {
        protected override bool ReleaseHandle()
        {
            NativeMethods.bunq_client_free(handle);
            return true;
        }
    }

    /// <summary>A <c>bunq_response *</c>, released with <c>bunq_response_free</c>.</summary>
    internal sealed class ResponseHandle : BunqHandle
    {
        protected override bool ReleaseHandle()
        {
            NativeMethods.bunq_response_free(handle);
            return true;
        }
    }

    /// <summary>A <c>bunq_pages *</c>, released with <c>bunq_pages_free</c>.</summary>
    internal sealed class PagesHandle : BunqHandle
    {
        protected override bool ReleaseHandle()
        {
            NativeMethods.bunq_pages_free(handle);
            return true;
        }
    }
}
