using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Bunq
{
    /// <summary>
    /// Writes configurations, queries and headers given as dictionaries as the JSON text the
    /// C API takes (mono's base libraries have no JSON writer). Only plain values: null,
    /// strings, booleans, numbers, dictionaries with string keys and sequences. The library
    /// validates the result; nothing here knows what the keys mean.
    /// </summary>
    internal static class Json
    {
        internal static string Encode(object value)
        {
            var text = new StringBuilder();
            Write(text, value);
            return text.ToString();
        }

        private static void Write(StringBuilder text, object value)
        {
            if (value == null)
            {
                text.Append("null");
            }
            else if (value is string || value is char)
            {
                WriteString(text, value.ToString());
            }
            else if (value is bool)
            {
                text.Append((bool)value ? "true" : "false");
            }
            else if (value is float || value is double)
            {
                WriteFloatingPoint(text, Convert.ToDouble(value, CultureInfo.InvariantCulture));
            }
            else if (IsInteger(value) || value is decimal)
            {
                text.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
            }
            else if (value is IDictionary)
            {
                WriteObject(text, (IDictionary)value);
            }
            else if (value is IEnumerable<KeyValuePair<string, object>>)
            {
                WriteObject(text, (IEnumerable<KeyValuePair<string, object>>)value);
            }
            else if (value is IEnumerable<KeyValuePair<string, string>>)
            {
                WriteObject(text, ((IEnumerable<KeyValuePair<string, string>>)value)
                    .Select(pair => new KeyValuePair<string, object>(pair.Key, pair.Value)));
            }
            else if (value is IEnumerable)
            {
                WriteArray(text, (IEnumerable)value);
            }
            else
            {
                throw new InvalidInputException(
                    $"a {value.GetType().Name} cannot be written as JSON: use strings, numbers, " +
                    "booleans, dictionaries and sequences", Status.ErrorInvalidInput);
            }
        }

        private static bool IsInteger(object value) =>
            value is sbyte || value is byte || value is short || value is ushort ||
            value is int || value is uint || value is long || value is ulong;

        private static void WriteFloatingPoint(StringBuilder text, double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                throw new InvalidInputException($"{value} is not a JSON number", Status.ErrorInvalidInput);
            }
            text.Append(value.ToString("R", CultureInfo.InvariantCulture));
        }

        private static void WriteObject(StringBuilder text, IDictionary dictionary)
        {
            var members = new List<KeyValuePair<string, object>>();
            // IDictionary's own enumerator: a generic dictionary's IEnumerable one yields
            // KeyValuePairs, not DictionaryEntries.
            IDictionaryEnumerator entries = dictionary.GetEnumerator();
            while (entries.MoveNext())
            {
                if (!(entries.Key is string))
                {
                    throw new InvalidInputException("JSON object keys must be strings", Status.ErrorInvalidInput);
                }
                members.Add(new KeyValuePair<string, object>((string)entries.Key, entries.Value));
            }
            WriteObject(text, members);
        }

        private static void WriteObject(StringBuilder text, IEnumerable<KeyValuePair<string, object>> members)
        {
            text.Append('{');
            bool first = true;
            foreach (var member in members)
            {
                if (!first)
                {
                    text.Append(',');
                }
                first = false;
                WriteString(text, member.Key);
                text.Append(':');
                Write(text, member.Value);
            }
            text.Append('}');
        }

        private static void WriteArray(StringBuilder text, IEnumerable sequence)
        {
            text.Append('[');
            bool first = true;
            foreach (object item in sequence)
            {
                if (!first)
                {
                    text.Append(',');
                }
                first = false;
                Write(text, item);
            }
            text.Append(']');
        }

        private static void WriteString(StringBuilder text, string value)
        {
            text.Append('"');
            foreach (char c in value)
            {
                switch (c)
                {
                    case '"': text.Append("\\\""); break;
                    case '\\': text.Append("\\\\"); break;
                    case '\n': text.Append("\\n"); break;
                    case '\r': text.Append("\\r"); break;
                    case '\t': text.Append("\\t"); break;
                    default:
                        if (c < 0x20)
                        {
                            text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            text.Append(c);
                        }
                        break;
                }
            }
            text.Append('"');
        }
    }
}
