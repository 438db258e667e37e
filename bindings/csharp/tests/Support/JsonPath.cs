using System.Collections.Generic;

namespace Bunq.Tests.Support
{
    /// <summary>
    /// Walks JSON read with the binding's own <see cref="JsonText"/> (objects are dictionaries,
    /// arrays lists, whole numbers <c>long</c>), for the tests' checks of the signing vectors,
    /// bunq's answers and the fake server's stats.
    /// </summary>
    internal static class JsonPath
    {
        /// <summary>Follows object keys and array indexes, e.g. <c>At(json, "Response", 0, "Id", "id")</c>.</summary>
        internal static object At(object json, params object[] path)
        {
            foreach (object step in path)
            {
                json = step is int index
                    ? ((List<object>)json)[index]
                    : ((Dictionary<string, object>)json)[(string)step];
            }
            return json;
        }
    }
}
