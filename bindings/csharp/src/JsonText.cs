using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Bunq
{
    /// <summary>
    /// Reads the JSON the library gives back (answers of calls by name, callbacks, filters) as
    /// plain .NET values, since mono's base libraries have no JSON reader: an object becomes a
    /// <c>Dictionary&lt;string, object&gt;</c> (members in their order), an array a
    /// <c>List&lt;object&gt;</c>, a whole number a <c>long</c> (a <c>ulong</c> above
    /// <c>long.MaxValue</c>), any other number a <c>double</c>, a string a <c>string</c>,
    /// <c>true</c>/<c>false</c> a <c>bool</c>, <c>null</c> null. bunq writes amounts as
    /// strings (<c>"12.50"</c>), so no money goes through a <c>double</c>.
    /// </summary>
    public static class JsonText
    {
        /// <summary>The value of the JSON text <paramref name="json"/>.</summary>
        /// <exception cref="JsonException">the text is not one JSON value.</exception>
        public static object Parse(string json)
        {
            if (json == null)
            {
                throw new NullArgumentException("json must not be null", Status.ErrorNullArgument);
            }
            var reader = new Reader(json);
            object value = reader.Value();
            reader.Space();
            if (!reader.AtEnd)
            {
                throw reader.Error("text after the JSON value");
            }
            return value;
        }

        /// <summary>The JSON object <paramref name="json"/> as a dictionary.</summary>
        /// <exception cref="JsonException">the text is not a JSON object.</exception>
        public static Dictionary<string, object> ParseObject(string json) =>
            Parse(json) as Dictionary<string, object> ??
            throw new JsonException("expected a JSON object", Status.ErrorJson);

        /// <summary>The JSON array <paramref name="json"/> as a list.</summary>
        /// <exception cref="JsonException">the text is not a JSON array.</exception>
        public static List<object> ParseArray(string json) =>
            Parse(json) as List<object> ?? throw new JsonException("expected a JSON array", Status.ErrorJson);

        private sealed class Reader
        {
            private readonly string text;
            private int at;

            internal Reader(string text)
            {
                this.text = text;
            }

            internal bool AtEnd => at >= text.Length;

            internal JsonException Error(string what) =>
                new JsonException($"not JSON: {what} at character {at}", Status.ErrorJson);

            internal void Space()
            {
                while (at < text.Length && (text[at] == ' ' || text[at] == '\t' || text[at] == '\n' || text[at] == '\r'))
                {
                    at++;
                }
            }

            internal object Value()
            {
                Space();
                if (AtEnd)
                {
                    throw Error("end of text");
                }
                char first = text[at];
                switch (first)
                {
                    case '{': return Object();
                    case '[': return Array();
                    case '"': return String();
                    case 't': Literal("true"); return true;
                    case 'f': Literal("false"); return false;
                    case 'n': Literal("null"); return null;
                    default: return Number();
                }
            }

            private Dictionary<string, object> Object()
            {
                var members = new Dictionary<string, object>();
                at++;
                Space();
                if (!AtEnd && text[at] == '}')
                {
                    at++;
                    return members;
                }
                while (true)
                {
                    Space();
                    if (AtEnd || text[at] != '"')
                    {
                        throw Error("expected a member name");
                    }
                    string name = String();
                    Expect(':');
                    members[name] = Value();
                    Space();
                    if (!AtEnd && text[at] == ',')
                    {
                        at++;
                        continue;
                    }
                    Expect('}');
                    return members;
                }
            }

            private List<object> Array()
            {
                var items = new List<object>();
                at++;
                Space();
                if (!AtEnd && text[at] == ']')
                {
                    at++;
                    return items;
                }
                while (true)
                {
                    items.Add(Value());
                    Space();
                    if (!AtEnd && text[at] == ',')
                    {
                        at++;
                        continue;
                    }
                    Expect(']');
                    return items;
                }
            }

            private string String()
            {
                at++;
                var value = new StringBuilder();
                while (true)
                {
                    if (AtEnd)
                    {
                        throw Error("unterminated string");
                    }
                    char next = text[at++];
                    if (next == '"')
                    {
                        return value.ToString();
                    }
                    if (next != '\\')
                    {
                        value.Append(next);
                        continue;
                    }
                    if (AtEnd)
                    {
                        throw Error("unterminated escape");
                    }
                    char escaped = text[at++];
                    switch (escaped)
                    {
                        case '"': value.Append('"'); break;
                        case '\\': value.Append('\\'); break;
                        case '/': value.Append('/'); break;
                        case 'b': value.Append('\b'); break;
                        case 'f': value.Append('\f'); break;
                        case 'n': value.Append('\n'); break;
                        case 'r': value.Append('\r'); break;
                        case 't': value.Append('\t'); break;
                        case 'u':
                            if (at + 4 > text.Length || !int.TryParse(text.Substring(at, 4), NumberStyles.AllowHexSpecifier,
                                    CultureInfo.InvariantCulture, out int unit))
                            {
                                throw Error("bad \\u escape");
                            }
                            value.Append((char)unit);
                            at += 4;
                            break;
                        default: throw Error("bad escape");
                    }
                }
            }

            private object Number()
            {
                int start = at;
                while (!AtEnd && "+-0123456789.eE".IndexOf(text[at]) >= 0)
                {
                    at++;
                }
                string number = text.Substring(start, at - start);
                if (number.Length == 0)
                {
                    throw Error("unexpected character");
                }
                if (long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long whole))
                {
                    return whole;
                }
                if (ulong.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out ulong large))
                {
                    return large;
                }
                if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double real))
                {
                    return real;
                }
                throw Error("bad number");
            }

            private void Literal(string literal)
            {
                if (string.CompareOrdinal(text, at, literal, 0, literal.Length) != 0)
                {
                    throw Error("unexpected word");
                }
                at += literal.Length;
            }

            private void Expect(char expected)
            {
                Space();
                if (AtEnd || text[at] != expected)
                {
                    throw Error("expected '" + expected + "'");
                }
                at++;
            }
        }
    }
}
