using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Bunq.Tests.Support
{
    /// <summary>
    /// Reads JSON for the tests' own checks (the signing vectors, bunq's answers, the fake
    /// server's stats): mono's base libraries have no JSON reader, and the binding gives bunq's
    /// JSON as text on purpose. Objects become dictionaries, arrays lists, numbers decimals.
    /// </summary>
    internal sealed class MiniJson
    {
        private readonly string text;
        private int position;

        private MiniJson(string text)
        {
            this.text = text;
        }

        internal static object Parse(string text)
        {
            var reader = new MiniJson(text);
            object value = reader.ReadValue();
            reader.SkipWhitespace();
            if (reader.position != text.Length)
            {
                throw reader.Error("trailing text");
            }
            return value;
        }

        /// <summary>Follows object keys and array indexes, e.g. <c>At(json, "Response", 0, "Id", "id")</c>.</summary>
        internal static object At(object json, params object[] path)
        {
            foreach (object step in path)
            {
                json = step is int
                    ? ((List<object>)json)[(int)step]
                    : ((Dictionary<string, object>)json)[(string)step];
            }
            return json;
        }

        private object ReadValue()
        {
            SkipWhitespace();
            if (position >= text.Length)
            {
                throw Error("unexpected end");
            }
            char c = text[position];
            switch (c)
            {
                case '{': return ReadObject();
                case '[': return ReadArray();
                case '"': return ReadString();
                case 't': return ReadLiteral("true", true);
                case 'f': return ReadLiteral("false", false);
                case 'n': return ReadLiteral("null", null);
                default: return ReadNumber();
            }
        }

        private Dictionary<string, object> ReadObject()
        {
            var members = new Dictionary<string, object>();
            position++;
            SkipWhitespace();
            if (Peek() == '}')
            {
                position++;
                return members;
            }
            while (true)
            {
                SkipWhitespace();
                string key = ReadString();
                SkipWhitespace();
                Expect(':');
                members[key] = ReadValue();
                SkipWhitespace();
                if (Peek() == ',')
                {
                    position++;
                    continue;
                }
                Expect('}');
                return members;
            }
        }

        private List<object> ReadArray()
        {
            var items = new List<object>();
            position++;
            SkipWhitespace();
            if (Peek() == ']')
            {
                position++;
                return items;
            }
            while (true)
            {
                items.Add(ReadValue());
                SkipWhitespace();
                if (Peek() == ',')
                {
                    position++;
                    continue;
                }
                Expect(']');
                return items;
            }
        }

        private string ReadString()
        {
            Expect('"');
            var value = new StringBuilder();
            while (true)
            {
                if (position >= text.Length)
                {
                    throw Error("unterminated string");
                }
                char c = text[position++];
                if (c == '"')
                {
                    return value.ToString();
                }
                if (c != '\\')
                {
                    value.Append(c);
                    continue;
                }
                char escaped = text[position++];
                switch (escaped)
                {
                    case 'b': value.Append('\b'); break;
                    case 'f': value.Append('\f'); break;
                    case 'n': value.Append('\n'); break;
                    case 'r': value.Append('\r'); break;
                    case 't': value.Append('\t'); break;
                    case 'u':
                        value.Append((char)int.Parse(text.Substring(position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        position += 4;
                        break;
                    default: value.Append(escaped); break;
                }
            }
        }

        private decimal ReadNumber()
        {
            int start = position;
            while (position < text.Length && "+-0123456789.eE".IndexOf(text[position]) >= 0)
            {
                position++;
            }
            if (start == position)
            {
                throw Error("unexpected character");
            }
            return decimal.Parse(text.Substring(start, position - start), NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        private object ReadLiteral(string literal, object value)
        {
            if (string.CompareOrdinal(text, position, literal, 0, literal.Length) != 0)
            {
                throw Error("unexpected literal");
            }
            position += literal.Length;
            return value;
        }

        private void SkipWhitespace()
        {
            while (position < text.Length && char.IsWhiteSpace(text[position]))
            {
                position++;
            }
        }

        private char Peek() => position < text.Length ? text[position] : '\0';

        private void Expect(char expected)
        {
            if (Peek() != expected)
            {
                throw Error($"expected '{expected}'");
            }
            position++;
        }

        private FormatException Error(string what) =>
            new FormatException($"JSON: {what} at offset {position}");
    }
}
