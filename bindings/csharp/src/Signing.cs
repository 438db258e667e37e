using System;
using System.Collections.Generic;
using System.Threading;

namespace Bunq
{
    /// <summary>
    /// bunq's signatures: RSASSA-PKCS1-v1_5 with SHA-256 over the exact bytes, base64-encoded,
    /// as in <c>X-Bunq-Client-Signature</c> and <c>X-Bunq-Server-Signature</c>. A
    /// <see cref="Client"/> signs and verifies on its own; these are for checking things by
    /// hand (e.g. a callback's body).
    /// </summary>
    public static class Signing
    {
        /// <summary>How many parsed keys <see cref="Sign(string, byte[])"/> keeps.</summary>
        private const int KeptKeys = 8;

        private static readonly object KeysGate = new object();

        /// <summary>The keys parsed last, by their PEM, the most recently used first.</summary>
        private static readonly LinkedList<KeyValuePair<string, SigningKeyHandle>> Keys =
            new LinkedList<KeyValuePair<string, SigningKeyHandle>>();

        private static long parses;

        /// <summary>How many times a PEM was parsed for <see cref="Sign(string, byte[])"/>
        /// (for the tests: signing again with a kept key parses nothing).</summary>
        internal static long Parses => Interlocked.Read(ref parses);

        /// <summary>The base64 signature of <paramref name="data"/> by the private key
        /// <paramref name="privateKeyPem"/> (PKCS#8 or PKCS#1). The key is parsed once and kept
        /// (the last few keys used, by their PEM): parsing costs about half as much again as
        /// the signature.</summary>
        /// <exception cref="InvalidInputException">the PEM is not a private key.</exception>
        public static string Sign(string privateKeyPem, byte[] data)
        {
            Library.EnsureCompatible();
            SigningKeyHandle key = KeyOf(privateKeyPem);
            try
            {
                Interop.Check(NativeMethods.bunq_signing_key_sign(key, data, Interop.Length(data), out IntPtr signature));
                return Interop.TakeString(signature);
            }
            finally
            {
                key.DangerousRelease();
            }
        }

        /// <summary>The parsed key of <paramref name="privateKeyPem"/>, kept or parsed now, with
        /// a reference taken for the caller (release it with <c>DangerousRelease</c>), so that
        /// a key another thread drops from the cache meanwhile stays valid until the caller is
        /// done. A bad PEM throws and is not kept.</summary>
        private static SigningKeyHandle KeyOf(string privateKeyPem)
        {
            byte[] pem = Interop.Utf8(privateKeyPem, "privateKeyPem");
            bool added = false;
            lock (KeysGate)
            {
                for (var node = Keys.First; node != null; node = node.Next)
                {
                    if (string.Equals(node.Value.Key, privateKeyPem, StringComparison.Ordinal))
                    {
                        Keys.Remove(node);
                        Keys.AddFirst(node);
                        node.Value.Value.DangerousAddRef(ref added);
                        return node.Value.Value;
                    }
                }
            }
            Status status = NativeMethods.bunq_signing_key_new(pem, out SigningKeyHandle parsed);
            if (status != Status.Ok)
            {
                parsed.Dispose();
                Interop.Check(status);
            }
            Interlocked.Increment(ref parses);
            lock (KeysGate)
            {
                parsed.DangerousAddRef(ref added);
                Keys.AddFirst(new KeyValuePair<string, SigningKeyHandle>(privateKeyPem, parsed));
                while (Keys.Count > KeptKeys)
                {
                    // Released now, or when the last call using it ends.
                    Keys.Last.Value.Value.Dispose();
                    Keys.RemoveLast();
                }
            }
            return parsed;
        }

        /// <summary>The base64 signature of <paramref name="text"/>'s UTF-8 bytes.</summary>
        public static string Sign(string privateKeyPem, string text) =>
            Sign(privateKeyPem, Interop.Utf8Bytes(text, "text") ?? new byte[0]);

        /// <summary>Whether <paramref name="signature"/> (base64) is the signature of
        /// <paramref name="data"/> by the public key <paramref name="publicKeyPem"/> (SPKI or
        /// PKCS#1).</summary>
        /// <exception cref="InvalidInputException">the PEM is not a public key.</exception>
        public static bool Verify(string publicKeyPem, byte[] data, string signature)
        {
            Library.EnsureCompatible();
            Status status = NativeMethods.bunq_public_key_verify(
                Interop.Utf8(publicKeyPem, "publicKeyPem"), data, Interop.Length(data),
                Interop.Utf8(signature, "signature"));
            if (status == Status.ErrorSignature)
            {
                return false;
            }
            Interop.Check(status);
            return true;
        }

        /// <summary>Whether <paramref name="signature"/> is the signature of
        /// <paramref name="text"/>'s UTF-8 bytes.</summary>
        public static bool Verify(string publicKeyPem, string text, string signature) =>
            Verify(publicKeyPem, Interop.Utf8Bytes(text, "text") ?? new byte[0], signature);

        /// <summary>The public key (SPKI PEM, <c>BEGIN PUBLIC KEY</c>) of a private key PEM
        /// (PKCS#8 or PKCS#1).</summary>
        /// <exception cref="InvalidInputException">the PEM is not a private key.</exception>
        public static string PublicKeyOf(string privateKeyPem)
        {
            Library.EnsureCompatible();
            Interop.Check(NativeMethods.bunq_key_pair_public_key(
                Interop.Utf8(privateKeyPem, "privateKeyPem"), out IntPtr publicKey));
            return Interop.TakeString(publicKey);
        }
    }

    /// <summary>
    /// An RSA key pair as PEM text: a fresh RSA-2048 pair for a context (pass the private key
    /// as <c>private_key_pem</c> to <see cref="Client.Create(string)"/>), or the pair of a
    /// private key. <see cref="ToString"/> never shows the private key.
    /// </summary>
    public sealed class KeyPair
    {
        private KeyPair(string privateKeyPem, string publicKeyPem)
        {
            PrivateKeyPem = privateKeyPem;
            PublicKeyPem = publicKeyPem;
        }

        /// <summary>The private key, PKCS#8 (<c>BEGIN PRIVATE KEY</c>) or as given. A secret.</summary>
        public string PrivateKeyPem { get; }

        /// <summary>The public key, SPKI (<c>BEGIN PUBLIC KEY</c>).</summary>
        public string PublicKeyPem { get; }

        /// <summary>A fresh RSA-2048 key pair.</summary>
        public static KeyPair Generate()
        {
            Library.EnsureCompatible();
            Interop.Check(NativeMethods.bunq_key_pair_generate(out IntPtr privateKey, out IntPtr publicKey));
            return new KeyPair(Interop.TakeString(privateKey), Interop.TakeString(publicKey));
        }

        /// <summary>The pair of a private key PEM (PKCS#8 or PKCS#1).</summary>
        /// <exception cref="InvalidInputException">the PEM is not a private key.</exception>
        public static KeyPair FromPrivateKeyPem(string privateKeyPem) =>
            new KeyPair(privateKeyPem, Signing.PublicKeyOf(privateKeyPem));

        /// <summary>The base64 signature of <paramref name="data"/> with the private key.</summary>
        public string Sign(byte[] data) => Signing.Sign(PrivateKeyPem, data);

        /// <summary>The base64 signature of <paramref name="text"/>'s UTF-8 bytes.</summary>
        public string Sign(string text) => Signing.Sign(PrivateKeyPem, text);

        /// <summary>Whether <paramref name="signature"/> is this pair's signature of <paramref name="data"/>.</summary>
        public bool Verify(byte[] data, string signature) => Signing.Verify(PublicKeyPem, data, signature);

        /// <summary>Whether <paramref name="signature"/> is this pair's signature of
        /// <paramref name="text"/>'s UTF-8 bytes.</summary>
        public bool Verify(string text, string signature) => Signing.Verify(PublicKeyPem, text, signature);

        /// <summary>The public key only: the private key stays out of logs.</summary>
        public override string ToString() => "KeyPair(private key hidden, " + PublicKeyPem.Trim() + ")";
    }
}
