using System;
using System.Collections.Generic;

namespace Bunq
{
    /// <summary>
    /// bunq's OAuth, for apps that act for other bunq users: send the user to
    /// <see cref="AuthorizationUrl"/>, take the <c>code</c> bunq redirects back with, trade it
    /// for an access token with <see cref="ExchangeCode"/>, and use that token as the
    /// <c>api_key</c> of <see cref="Client.Create(string)"/>.
    /// </summary>
    public sealed class OAuth
    {
        private readonly string configJson;

        /// <summary>An OAuth app's settings.</summary>
        /// <param name="configJson">a JSON object: <c>environment</c> (<c>SANDBOX</c> or
        /// <c>PRODUCTION</c>), <c>client_id</c>, <c>redirect_uri</c> (exactly as registered with
        /// bunq), <c>client_secret</c> (for the exchange), and optionally
        /// <c>authorize_url</c>, <c>token_url</c> and client options (timeouts, proxy,
        /// <c>user_agent</c>)</param>
        public OAuth(string configJson)
        {
            Library.EnsureCompatible();
            this.configJson = configJson;
        }

        /// <summary>An OAuth app's settings, given as a dictionary.</summary>
        public OAuth(IDictionary<string, object> config) : this(config == null ? null : Json.Encode(config))
        {
        }

        /// <summary>The bunq page to send the user to, every parameter percent-encoded.
        /// <paramref name="state"/> should be unguessable: check it when bunq redirects back.</summary>
        public string AuthorizationUrl(string state)
        {
            Interop.Check(NativeMethods.bunq_oauth_authorization_url(
                Interop.Utf8(configJson, "config"), Interop.Utf8(state, "state"), out IntPtr url));
            return Interop.TakeString(url);
        }

        /// <summary>Trades the authorization code from bunq's redirect for an access token (a
        /// secret).</summary>
        /// <exception cref="BadRequestException">bunq refused the code.</exception>
        public string ExchangeCode(string code)
        {
            Interop.Check(NativeMethods.bunq_oauth_code_exchange(
                Interop.Utf8(configJson, "config"), Interop.Utf8(code, "code"), out IntPtr token));
            return Interop.TakeString(token);
        }

        /// <summary>Never the settings: they may hold the client secret.</summary>
        public override string ToString() => "OAuth(settings hidden: they may hold the client secret)";
    }
}
