using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;

namespace Bunq
{
    /// <summary>
    /// One thing the library did for a client: an exchange with bunq, a wait for the rate
    /// limiter or after a 429, a session renewal or close, a save of the context. Raised by
    /// <see cref="Client.EventReported"/>. No event carries a body, a header value, the API
    /// key, a token or a key.
    /// </summary>
    public sealed class BunqEvent : EventArgs
    {
        internal BunqEvent(string json)
        {
            Json = json;
            Fields = EventJson.Read(json);
        }

        /// <summary>The event as the library sent it: one JSON object (see docs/events.md).</summary>
        public string Json { get; }

        /// <summary>Every field of the event: strings, <c>long</c> or <c>double</c> numbers,
        /// booleans and nulls, e.g. <c>method</c>, <c>path</c>, <c>status</c>,
        /// <c>response_id</c>, <c>duration_ms</c>, <c>attempt</c>, <c>resend_reason</c>.</summary>
        public IReadOnlyDictionary<string, object> Fields { get; }

        /// <summary>The kind: <c>exchange</c>, <c>rate_limit_wait</c>, <c>retry_backoff</c>,
        /// <c>session_renewal</c>, <c>session_closed</c> or <c>context_save</c>.</summary>
        public string Kind => Text("event");

        /// <summary><c>debug</c> (went as planned), <c>info</c> (refused, resent, renewed) or
        /// <c>warning</c> (a failed save).</summary>
        public string Level => Text("level");

        /// <summary>One line, e.g. <c>POST session-server 200 3.2 ms response-id=...</c>.</summary>
        public string Message => Text("message");

        /// <summary>The field <paramref name="name"/>, or null when the event has none.</summary>
        public object this[string name] => Fields.TryGetValue(name, out object value) ? value : null;

        /// <inheritdoc/>
        public override string ToString() => Message;

        private string Text(string name) => this[name] as string;
    }

    /// <summary>
    /// Carries the library's events to the clients' .NET events. One static callback serves
    /// every client, so that no delegate can be collected while the library may still call
    /// it (a <see cref="Pages"/> walk keeps reporting after its client is disposed); the
    /// user data is a number that finds the client's listener, or nothing once it is gone.
    /// </summary>
    internal static class EventDispatch
    {
        private static readonly NativeMethods.EventCallback Callback = Deliver;
        private static readonly ConcurrentDictionary<long, WeakReference<EventListener>> Listeners =
            new ConcurrentDictionary<long, WeakReference<EventListener>>();
        private static long lastId;
        private static long delivered;

        internal static NativeMethods.EventCallback NativeCallback => Callback;

        /// <summary>How many events the library has handed to this process (for the tests:
        /// with no handler the callback is not registered, so none are made at all).</summary>
        internal static long Delivered => Interlocked.Read(ref delivered);

        /// <summary>A new listener, found by the user data it returns.</summary>
        internal static IntPtr Register(EventListener listener)
        {
            long id = Interlocked.Increment(ref lastId);
            Listeners[id] = new WeakReference<EventListener>(listener);
            return new IntPtr(id);
        }

        internal static void Unregister(IntPtr userData)
        {
            Listeners.TryRemove(userData.ToInt64(), out _);
        }

        private static void Deliver(IntPtr eventJson, IntPtr userData)
        {
            Interlocked.Increment(ref delivered);
            // Runs inside a library call: no exception may unwind into native frames.
            try
            {
                if (eventJson == IntPtr.Zero ||
                    !Listeners.TryGetValue(userData.ToInt64(), out var reference) ||
                    !reference.TryGetTarget(out var listener))
                {
                    return;
                }
                listener.Raise(new BunqEvent(Marshal.PtrToStringUTF8(eventJson)));
            }
            catch
            {
                // A failing handler must not break the call that reported the event.
            }
        }
    }

    /// <summary>The handlers of one client, and the sender they are given.</summary>
    internal sealed class EventListener
    {
        private EventHandler<BunqEvent> handlers;

        internal WeakReference<Client> Sender { get; } = new WeakReference<Client>(null);

        internal bool HasHandlers => Volatile.Read(ref handlers) != null;

        internal void Add(EventHandler<BunqEvent> handler)
        {
            EventHandler<BunqEvent> seen, next;
            do
            {
                seen = Volatile.Read(ref handlers);
                next = (EventHandler<BunqEvent>)Delegate.Combine(seen, handler);
            }
            while (Interlocked.CompareExchange(ref handlers, next, seen) != seen);
        }

        internal void Remove(EventHandler<BunqEvent> handler)
        {
            EventHandler<BunqEvent> seen, next;
            do
            {
                seen = Volatile.Read(ref handlers);
                next = (EventHandler<BunqEvent>)Delegate.Remove(seen, handler);
            }
            while (Interlocked.CompareExchange(ref handlers, next, seen) != seen);
        }

        internal void Raise(BunqEvent reported)
        {
            var current = Volatile.Read(ref handlers);
            if (current == null)
            {
                return;
            }
            Sender.TryGetTarget(out Client sender);
            foreach (EventHandler<BunqEvent> handler in current.GetInvocationList())
            {
                try
                {
                    handler(sender, reported);
                }
                catch
                {
                    // One failing handler neither stops the others nor the call.
                }
            }
        }
    }

    /// <summary>Reads the library's event objects: one flat JSON object of strings, numbers,
    /// booleans and nulls (mono's base libraries have no JSON reader).</summary>
    internal static class EventJson
    {
        internal static IReadOnlyDictionary<string, object> Read(string json)
        {
            var fields = new Dictionary<string, object>();
            try
            {
                int at = 0;
                Expect(json, ref at, '{');
                SkipSpace(json, ref at);
                if (json[at] == '}')
                {
                    return fields;
                }
                while (true)
                {
                    SkipSpace(json, ref at);
                    string key = ReadString(json, ref at);
                    Expect(json, ref at, ':');
                    fields[key] = ReadValue(json, ref at);
                    SkipSpace(json, ref at);
                    if (json[at] == ',')
                    {
                        at++;
                        continue;
                    }
                    Expect(json, ref at, '}');
                    return fields;
                }
            }
            catch (Exception)
            {
                // A shape this reader does not know (a later library): the Json text still has it.
                return fields;
            }
        }

        private static object ReadValue(string json, ref int at)
        {
            SkipSpace(json, ref at);
            char first = json[at];
            if (first == '"')
            {
                return ReadString(json, ref at);
            }
            if (Literal(json, ref at, "true"))
            {
                return true;
            }
            if (Literal(json, ref at, "false"))
            {
                return false;
            }
            if (Literal(json, ref at, "null"))
            {
                return null;
            }
            int start = at;
            while (at < json.Length && "+-0123456789.eE".IndexOf(json[at]) >= 0)
            {
                at++;
            }
            string number = json.Substring(start, at - start);
            if (long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long whole))
            {
                return whole;
            }
            return double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        private static bool Literal(string json, ref int at, string literal)
        {
            if (string.CompareOrdinal(json, at, literal, 0, literal.Length) != 0)
            {
                return false;
            }
            at += literal.Length;
            return true;
        }

        private static string ReadString(string json, ref int at)
        {
            Expect(json, ref at, '"');
            var text = new StringBuilder();
            while (json[at] != '"')
            {
                char next = json[at++];
                if (next != '\\')
                {
                    text.Append(next);
                    continue;
                }
                char escaped = json[at++];
                switch (escaped)
                {
                    case 'n': text.Append('\n'); break;
                    case 'r': text.Append('\r'); break;
                    case 't': text.Append('\t'); break;
                    case 'b': text.Append('\b'); break;
                    case 'f': text.Append('\f'); break;
                    case 'u':
                        text.Append((char)int.Parse(json.Substring(at, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        at += 4;
                        break;
                    default: text.Append(escaped); break;
                }
            }
            at++;
            return text.ToString();
        }

        private static void Expect(string json, ref int at, char expected)
        {
            SkipSpace(json, ref at);
            if (json[at] != expected)
            {
                throw new FormatException("expected " + expected);
            }
            at++;
        }

        private static void SkipSpace(string json, ref int at)
        {
            while (at < json.Length && char.IsWhiteSpace(json[at]))
            {
                at++;
            }
        }
    }
}
