using System;
using System.Collections;
using System.Collections.Generic;

namespace Bunq
{
    /// <summary>
    /// A walk through every page of a list endpoint, newest page first, following bunq's
    /// <c>Pagination.older_url</c>. Enumerate it (<c>foreach (var page in pages)</c>, disposing
    /// each page) or call <see cref="Next"/> until it gives null. Made by
    /// <see cref="Client.Pages"/>; no call is made until the first page is asked for. A failure
    /// ends the walk. The walk keeps its client's context alive even if the client is disposed.
    /// </summary>
    public sealed class Pages : IDisposable, IEnumerable<Response>
    {
        private readonly PagesHandle handle;

        internal Pages(PagesHandle handle)
        {
            this.handle = handle;
        }

        /// <summary>Fetches the next (older) page, or gives null when the walk is over.</summary>
        public Response Next()
        {
            Status status = NativeMethods.bunq_pages_next(handle, out var page);
            if (status != Status.Ok || page.IsInvalid)
            {
                page.Dispose();
                Interop.Check(status);
                return null;
            }
            return new Response(page);
        }

        /// <summary>The <c>future_url</c> of the newest page: request it later for the items
        /// created since. Null before the first page, or when bunq gave none.</summary>
        public string FutureUrl
        {
            get
            {
                Interop.Check(NativeMethods.bunq_pages_future_url(handle, out IntPtr url));
                return Interop.TakeString(url);
            }
        }

        /// <summary>The remaining pages, fetched one by one as the enumeration asks for them.
        /// Each page is the caller's to dispose.</summary>
        public IEnumerator<Response> GetEnumerator()
        {
            for (Response page = Next(); page != null; page = Next())
            {
                yield return page;
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        /// <summary>Releases the walk.</summary>
        public void Dispose() => handle.Dispose();
    }
}
