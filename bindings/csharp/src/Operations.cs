using System;
using System.Collections.Generic;
using System.Linq;

namespace Bunq
{
    /// <summary>
    /// One operation of bunq's API, as the library's table has it (generated from bunq's own
    /// API description): <c>Payment.list</c> is <c>GET
    /// user/{user_id}/monetary-account/{monetary_account_id}/payment</c>, answering a list of
    /// objects wrapped as <c>Payment</c>. Call it with <see cref="Client.Call"/>.
    /// </summary>
    public sealed class Operation
    {
        internal Operation(Dictionary<string, object> row)
        {
            Name = row.TryGetValue("name", out object name) ? name as string : null;
            Method = row.TryGetValue("method", out object method) ? method as string : null;
            Path = row.TryGetValue("path", out object path) ? path as string : null;
            ObjectKey = row.TryGetValue("object_key", out object key) ? key as string : null;
            Answer = row.TryGetValue("answer", out object answer) ? answer as string : null;
            Ids = row.TryGetValue("ids", out object ids) && ids is List<object> list
                ? list.Select(id => id as string).ToList()
                : new List<string>();
        }

        /// <summary>The name to call it by, <c>Object.verb</c>: e.g. <c>Payment.create</c>.</summary>
        public string Name { get; }

        /// <summary><c>GET</c>, <c>POST</c>, <c>PUT</c> or <c>DELETE</c>.</summary>
        public string Method { get; }

        /// <summary>The path template, e.g.
        /// <c>user/{user_id}/monetary-account/{monetary_account_id}/payment</c>.</summary>
        public string Path { get; }

        /// <summary>The key bunq wraps the answer's objects in (e.g. <c>Payment</c>), or null.</summary>
        public string ObjectKey { get; }

        /// <summary>What a call answers: <c>object</c>, <c>list</c>, <c>id</c>, <c>uuid</c>,
        /// <c>binary</c> (use <see cref="Client.CallBytes"/>), <c>nothing</c> or
        /// <c>envelope</c>.</summary>
        public string Answer { get; }

        /// <summary>The ids of the path, in order, e.g. <c>user_id</c>,
        /// <c>monetary_account_id</c> (<c>user_id</c> defaults to the session's user).</summary>
        public IReadOnlyList<string> Ids { get; }

        /// <summary>e.g. <c>Payment.list: GET user/{user_id}/.../payment (list of Payment)</c>.</summary>
        public override string ToString() =>
            $"{Name}: {Method} {Path} ({Answer}{(ObjectKey == null ? "" : " of " + ObjectKey)})";
    }

    /// <summary>The table of every operation of bunq's API that <see cref="Client.Call"/> knows
    /// (about 480), compiled into libbunq.</summary>
    public static class Operations
    {
        private static readonly object Gate = new object();
        private static IReadOnlyList<Operation> all;

        /// <summary>Every operation, in the library's order (read once, then kept).</summary>
        public static IReadOnlyList<Operation> All
        {
            get
            {
                lock (Gate)
                {
                    if (all == null)
                    {
                        all = JsonText.ParseArray(Json())
                            .Select(row => new Operation((Dictionary<string, object>)row))
                            .ToList()
                            .AsReadOnly();
                    }
                    return all;
                }
            }
        }

        /// <summary>The operation named <paramref name="name"/>, or null when the table has none.</summary>
        public static Operation Find(string name) =>
            All.FirstOrDefault(operation => string.Equals(operation.Name, name, StringComparison.Ordinal));

        /// <summary>The table as the library gives it: a JSON array of
        /// <c>{"name", "method", "path", "object_key", "answer", "ids"}</c>.</summary>
        public static string Json()
        {
            Library.EnsureCompatible();
            Interop.Check(NativeMethods.bunq_operations_list(out IntPtr json));
            return Interop.TakeString(json);
        }
    }
}
