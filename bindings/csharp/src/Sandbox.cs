using System;
using System.Collections.Generic;

namespace Bunq
{
    /// <summary>bunq's sandbox: throw-away users and free money, for tests and trying things out.</summary>
    public static class Sandbox
    {
        /// <summary>
        /// Creates a sandbox user and gives its API key (a secret), ready for
        /// <see cref="Client.Create(string)"/>. No context is needed.
        /// </summary>
        /// <param name="configJson">null for bunq's public sandbox, or a JSON object with
        /// <c>environment</c> (<c>SANDBOX</c>), <c>base_url</c> (another sandbox-like server)
        /// and client options</param>
        /// <param name="kind"><c>person</c> (null: the default) or <c>company</c></param>
        /// <exception cref="InvalidInputException">sandbox only: a <c>base_url</c> on bunq's
        /// production hosts (such as <c>https://api.bunq.com/v1/</c>) is refused ("sandbox-only
        /// helper refused: ...") before anything is sent.</exception>
        public static string CreateUser(string configJson = null, string kind = null)
        {
            Library.EnsureCompatible();
            Interop.Check(NativeMethods.bunq_sandbox_user_create(
                Interop.Utf8(configJson, "configJson"), Interop.Utf8(kind, "kind"), out IntPtr apiKey));
            return Interop.TakeString(apiKey);
        }

        /// <summary>Creates a sandbox user, the configuration given as a dictionary.</summary>
        public static string CreateUser(IDictionary<string, object> config, string kind = null) =>
            CreateUser(config == null ? null : Json.Encode(config), kind);

        /// <summary>
        /// Asks the sandbox's sugar daddy for <paramref name="amountEur"/> euros (e.g.
        /// <c>"100.00"</c>, at most 500) on the session user's account
        /// <paramref name="accountId"/>; the money arrives at once.
        /// </summary>
        /// <returns>the id of the request-inquiry made</returns>
        /// <exception cref="InvalidInputException">a malformed or too large amount; or, sandbox
        /// only, a client whose context is <c>PRODUCTION</c> or whose base URL is on bunq's
        /// production hosts ("sandbox-only helper refused: ..."), before anything is sent.</exception>
        public static ulong RequestMoney(Client client, ulong accountId, string amountEur, string description)
        {
            if (client == null)
            {
                throw new NullArgumentException("client is null", Status.ErrorNullArgument);
            }
            Interop.Check(NativeMethods.bunq_sandbox_money_request(
                client.Handle, accountId, Interop.Utf8(amountEur, "amountEur"),
                Interop.Utf8(description, "description"), out ulong requestId));
            return requestId;
        }
    }
}
