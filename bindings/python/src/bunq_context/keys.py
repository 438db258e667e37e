"""RSA keys and the signatures bunq uses: RSASSA-PKCS1-v1_5 with SHA-256, base64."""

from __future__ import annotations

import ctypes
from typing import Union

from ._native import binary, check, lib, required_text, take_string

#: Data to sign or verify: bytes as they are, text as its UTF-8 encoding.
Data = Union[bytes, bytearray, memoryview, str]


def sign(private_key_pem: str, content: Data) -> str:
    """The base64 signature of ``content`` by ``private_key_pem`` (PKCS#8 or PKCS#1), as
    bunq wants in ``X-Bunq-Client-Signature``. A bad PEM raises
    :class:`InvalidInputException`.

    The library keeps the last 8 keys signed with parsed (``bunq_key_pair_sign``), so that
    signing again with one of them skips parsing the PEM, which costs about half as much
    again as the signature."""
    encoded_key = required_text(private_key_pem, "private_key_pem")
    encoded = binary(content, "content")
    out = ctypes.c_void_p()
    check(lib.bunq_key_pair_sign(encoded_key, encoded, len(encoded), ctypes.byref(out)))
    return take_string(out) or ""


def verify(public_key_pem: str, content: Data, signature: str) -> None:
    """Checks that ``signature`` (base64) is the signature of ``content`` by
    ``public_key_pem`` (SPKI or PKCS#1): returns when it is, raises
    :class:`SignatureException` when it is not (:class:`InvalidInputException` for a bad
    PEM)."""
    encoded_key = required_text(public_key_pem, "public_key_pem")
    encoded = binary(content, "content")
    encoded_signature = required_text(signature, "signature")
    check(lib.bunq_public_key_verify(encoded_key, encoded, len(encoded), encoded_signature))


def public_key_of(private_key_pem: str) -> str:
    """The SPKI PEM public key (``BEGIN PUBLIC KEY``) of a private key PEM."""
    encoded_key = required_text(private_key_pem, "private_key_pem")
    out = ctypes.c_void_p()
    check(lib.bunq_key_pair_public_key(encoded_key, ctypes.byref(out)))
    return take_string(out) or ""


class KeyPair:
    """An RSA key pair as PEM text: ``private_key_pem`` (PKCS#8) and ``public_key_pem``
    (SPKI). The private key is a secret: it is left out of ``repr``."""

    __slots__ = ("private_key_pem", "public_key_pem")

    def __init__(self, private_key_pem: str, public_key_pem: str) -> None:
        self.private_key_pem = private_key_pem
        self.public_key_pem = public_key_pem

    @classmethod
    def generate(cls) -> KeyPair:
        """A fresh RSA-2048 key pair."""
        private_out = ctypes.c_void_p()
        public_out = ctypes.c_void_p()
        check(lib.bunq_key_pair_generate(ctypes.byref(private_out), ctypes.byref(public_out)))
        return cls(take_string(private_out) or "", take_string(public_out) or "")

    @classmethod
    def from_private_key(cls, private_key_pem: str) -> KeyPair:
        """The key pair of a private key PEM (PKCS#8 or PKCS#1)."""
        return cls(private_key_pem, public_key_of(private_key_pem))

    def sign(self, content: Data) -> str:
        """The base64 signature of ``content``: see :func:`sign`."""
        return sign(self.private_key_pem, content)

    def verify(self, content: Data, signature: str) -> None:
        """Checks a signature of ``content``: see :func:`verify`."""
        verify(self.public_key_pem, content, signature)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, KeyPair):
            return NotImplemented
        return (self.private_key_pem, self.public_key_pem) == (
            other.private_key_pem,
            other.public_key_pem,
        )

    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value

    def __repr__(self) -> str:
        return "<KeyPair (private key hidden)>"
