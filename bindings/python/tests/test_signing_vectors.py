"""Every signing vector of tests/data/signing_vectors.json, reproduced byte for byte."""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any, Dict, List

import pytest
from support import REPO_ROOT

from bunq_context import KeyPair, SignatureException, sign, verify

VECTORS_FILE = REPO_ROOT / "tests" / "data" / "signing_vectors.json"
VECTORS: Dict[str, Any] = json.loads(VECTORS_FILE.read_text(encoding="utf-8"))


def body_of(vector: Dict[str, Any]) -> bytes:
    """The signed bytes: base64 `body_b64`, or `body_repeat` {unit_utf8, times}."""
    if "body_repeat" in vector:
        unit: str = vector["body_repeat"]["unit_utf8"]
        times: int = vector["body_repeat"]["times"]
        return unit.encode("utf-8") * times
    return base64.b64decode(vector["body_b64"])


def test_there_are_vectors() -> None:
    vectors: List[Dict[str, Any]] = VECTORS["vectors"]
    assert len(vectors) >= 10
    assert any("body_repeat" in vector for vector in vectors)


@pytest.mark.parametrize("vector", VECTORS["vectors"], ids=lambda vector: vector["name"])
def test_each_vector_is_reproduced(vector: Dict[str, Any]) -> None:
    body = body_of(vector)
    assert len(body) == vector["body_len"]
    assert hashlib.sha256(body).hexdigest() == vector["body_sha256"]

    signature = sign(VECTORS["private_key_pkcs8_pem"], body)
    assert signature == vector["signature_b64"]
    verify(VECTORS["public_key_pem"], body, signature)
    if body:
        with pytest.raises(SignatureException):
            verify(VECTORS["public_key_pem"], body[:-1], signature)


def test_the_vector_key_pair_derives_its_public_key() -> None:
    keys = KeyPair.from_private_key(VECTORS["private_key_pkcs8_pem"])
    assert keys.public_key_pem.strip() == VECTORS["public_key_pem"].strip()
    assert "PRIVATE" not in repr(keys)


def test_text_is_signed_as_its_utf8_bytes() -> None:
    text = '{"description":"Café €5 日本 💸"}'
    key = VECTORS["private_key_pkcs8_pem"]
    assert sign(key, text) == sign(key, text.encode("utf-8"))


def test_more_keys_than_the_library_keeps_parsed_never_mix() -> None:
    # The library keeps the last 8 keys parsed (its own tests check that); here, keys that
    # come and go from what it keeps each sign as themselves, again and again.
    pairs = [KeyPair.generate() for _ in range(10)]
    for round_number in range(2):
        for index, pair in enumerate(pairs):
            body = f"round {round_number} key {index}".encode()
            verify(pair.public_key_pem, body, sign(pair.private_key_pem, body))
    first = VECTORS["vectors"][0]
    assert sign(VECTORS["private_key_pkcs8_pem"], body_of(first)) == first["signature_b64"]


def test_a_bad_pem_fails_every_time_and_is_not_kept() -> None:
    from bunq_context import InvalidInputException

    for _ in range(2):
        with pytest.raises(InvalidInputException):
            sign("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----", b"x")
