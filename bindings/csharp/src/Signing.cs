using System;

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
        /// <summary>The base64 signature of <paramref name="data"/> by the private key
        /// <paramref name="privateKeyPem"/> (PKCS#8 or PKCS#1). The library keeps the last 8
        /// keys signed with parsed (<c>bunq_key_pair_sign</c>), so that signing again with one
        /// of them skips parsing the PEM, which costs about half as much again as the
        /// signature.</summary>
        /// <exception cref="InvalidInputException">the PEM is not a private key.</exception>
        public static string Sign(string privateKeyPem, byte[] data)
        {
            Library.EnsureCompatible();
            Interop.Check(NativeMethods.bunq_key_pair_sign(
                Interop.Utf8(privateKeyPem, "privateKeyPem"), data, Interop.Length(data),
                out IntPtr signature));
            return Interop.TakeString(signature);
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
