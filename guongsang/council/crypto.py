"""Exponential ElGamal with zero-knowledge proofs, for the council's encrypted ballot.

All the arithmetic of the encrypted ballot is here and nowhere else: key shares, encryption of
0 and 1, the proofs that a ballot is valid, the homomorphic sum, partial decryption with its
proof, combination and the discrete logarithm of the small tally. The rest of the project
stores and shows what these functions return and calls the `verify_*` functions.

Group. The ElectionGuard 2.0 standard group: p is a 4096-bit safe-ish prime whose middle bits
are those of ln 2, q = 2^256 − 189 divides p − 1, and g generates the subgroup of order q.
Constants copied from the ElectionGuard Design Specification 2.0.0 (Microsoft, August 2023),
section 3.1.1 "Standard Baseline Parameters"; the tests check p and q are prime, q | p − 1 and
g^q = 1, and a known answer from the specification's published example (a guardian's secret
coefficient and its commitment g^a mod p).

Scheme (as in Helios and ElectionGuard):
- Key: each holder i picks s_i in Z_q and publishes K_i = g^{s_i} with a Schnorr proof of
  knowledge of s_i. The session key is K = ∏ K_i (secret s = Σ s_i, which nobody holds).
- Encryption of m ∈ {0, 1} with nonce r: (α, β) = (g^r, K^r · g^m) (exponential ElGamal:
  products of ciphertexts encrypt sums of the messages).
- A choice among Đồng ý / Không đồng ý / Không biểu quyết is three ciphertexts (one-hot). Each
  carries a disjunctive Chaum–Pedersen proof that it encrypts 0 or 1 (Cramer, Damgård,
  Schoenmakers, "Proofs of partial knowledge", CRYPTO '94; ElectionGuard 2.0 §3.3.5); the
  product of the three carries a Chaum–Pedersen proof that it encrypts exactly 1
  (ElectionGuard 2.0 §3.3.8, selection limit 1).
- Tally: the componentwise product of the ballots' ciphertexts encrypts the count.
- Partial decryption by holder i of (A, B): M_i = A^{s_i}, with a Chaum–Pedersen proof that
  log_g K_i = log_A M_i (Chaum, Pedersen, "Wallet databases with observers", CRYPTO '92;
  ElectionGuard 2.0 §3.6.3). Combination: g^t = B / ∏ M_i; t is found by trying 0, 1, 2, …
  (t is at most the number of members).
- Fiat–Shamir: every challenge is SHA-256 over a canonical encoding — a domain tag, the
  context string (session, item, tracking code), then each integer as a 4-byte length and its
  fixed-width big-endian bytes (512 bytes for elements of Z_p, 32 for Z_q) — reduced mod q.
  Proofs are stored in the compact form (challenges, responses): the verifier recomputes the
  commitments from the verification equations and checks the challenge.

Randomness comes from `secrets` (the operating system's generator).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

import gmpy2

# ElectionGuard 2.0 standard baseline parameters (hexadecimal, as published).
P_HEX = (
    "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF"
    "B17217F7D1CF79ABC9E3B39803F2F6AF40F343267298B62D8A0D175B8BAAFA2B"
    "E7B876206DEBAC98559552FB4AFA1B10ED2EAE35C138214427573B291169B825"
    "3E96CA16224AE8C51ACBDA11317C387EB9EA9BC3B136603B256FA0EC7657F74B"
    "72CE87B19D6548CAF5DFA6BD38303248655FA1872F20E3A2DA2D97C50F3FD5C6"
    "07F4CA11FB5BFB90610D30F88FE551A2EE569D6DFC1EFA157D2E23DE1400B396"
    "17460775DB8990E5C943E732B479CD33CCCC4E659393514C4C1A1E0BD1D6095D"
    "25669B333564A3376A9C7F8A5E148E82074DB6015CFE7AA30C480A5417350D2C"
    "955D5179B1E17B9DAE313CDB6C606CB1078F735D1B2DB31B5F50B5185064C18B"
    "4D162DB3B365853D7598A1951AE273EE5570B6C68F96983496D4E6D330AF889B"
    "44A02554731CDC8EA17293D1228A4EF98D6F5177FBCF0755268A5C1F9538B982"
    "61AFFD446B1CA3CF5E9222B88C66D3C5422183EDC99421090BBB16FAF3D949F2"
    "36E02B20CEE886B905C128D53D0BD2F9621363196AF503020060E49908391A0C"
    "57339BA2BEBA7D052AC5B61CC4E9207CEF2F0CE2D7373958D762265890445744"
    "FB5F2DA4B751005892D356890DEFE9CAD9B9D4B713E06162A2D8FDD0DF2FD608"
    "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF"
)
Q_HEX = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF43"
G_HEX = (
    "36036FED214F3B50DC566D3A312FE4131FEE1C2BCE6D02EA39B477AC05F7F885"
    "F38CFE77A7E45ACF4029114C4D7A9BFE058BF2F995D2479D3DDA618FFD910D3C"
    "4236AB2CFDD783A5016F7465CF59BBF45D24A22F130F2D04FE93B2D58BB9C1D1"
    "D27FC9A17D2AF49A779F3FFBDCA22900C14202EE6C99616034BE35CBCDD3E7BB"
    "7996ADFE534B63CCA41E21FF5DC778EBB1B86C53BFBE99987D7AEA0756237FB4"
    "0922139F90A62F2AA8D9AD34DFF799E33C857A6468D001ACF3B681DB87DC4242"
    "755E2AC5A5027DB81984F033C4D178371F273DBB4FCEA1E628C23E52759BC776"
    "5728035CEA26B44C49A65666889820A45C33DD37EA4A1D00CB62305CD541BE1E"
    "8A92685A07012B1A20A746C3591A2DB3815000D2AACCFE43DC49E828C1ED7387"
    "466AFD8E4BF1935593B2A442EEC271C50AD39F733797A1EA11802A2557916534"
    "662A6B7E9A9E449A24C8CFF809E79A4D806EB681119330E6C57985E39B200B48"
    "93639FDFDEA49F76AD1ACD997EBA13657541E79EC57437E504EDA9DD01106151"
    "6C643FB30D6D58AFCCD28B73FEDA29EC12B01A5EB86399A593A9D5F450DE39CB"
    "92962C5EC6925348DB54D128FD99C14B457F883EC20112A75A6A0581D3D80A3B"
    "4EF09EC86F9552FFDA1653F133AA2534983A6F31B0EE4697935A6B1EA2F75B85"
    "E7EBA151BA486094D68722B054633FEC51CA3F29B31E77E317B178B6B9D8AE0F"
)
P = int(P_HEX, 16)
Q = int(Q_HEX, 16)
G = int(G_HEX, 16)
P_BYTES = 512
Q_BYTES = 32


def _pow(base: int, exponent: int, modulus: int) -> int:
    """Modular power through GMP: about nine times CPython's ``pow`` at 4096 bits, the same
    numbers (an exponent of -1 gives the inverse, as ``pow`` does)."""
    return int(gmpy2.powmod(base, exponent, modulus))


GROUP_NAME = "ElectionGuard 2.0 standard baseline parameters (4096-bit p, 256-bit q)"


class ProofError(ValueError):
    """A proof, a ciphertext or a decryption that does not verify."""


# ------------------------------------------------------------------------------- encoding


def _hash(tag: str, context: str, *values: tuple[int, int]) -> int:
    """SHA-256 over tag ‖ context ‖ each (value, width) as 4-byte length + fixed-width bytes."""
    digest = hashlib.sha256()
    for text in (tag, context):
        raw = text.encode("utf-8")
        digest.update(len(raw).to_bytes(4, "big") + raw)
    for value, width in values:
        digest.update(width.to_bytes(4, "big") + value.to_bytes(width, "big"))
    return int.from_bytes(digest.digest(), "big") % Q


def _p(value: int) -> tuple[int, int]:
    return (value, P_BYTES)


def hex_of(value: int) -> str:
    return format(value, "X")


def int_of(text: str) -> int:
    try:
        return int(text, 16)
    except (TypeError, ValueError) as exc:
        raise ProofError(f"not a hexadecimal number: {text!r}") from exc


def is_group_element(value: int) -> bool:
    """In the subgroup of order q (not 0, not outside Z_p)."""
    return 0 < value < P and _pow(value, Q, P) == 1


def _random_q() -> int:
    return secrets.randbelow(Q - 1) + 1


def _inverse(value: int) -> int:
    return _pow(value, -1, P)


# ------------------------------------------------------------------------------- keys


@dataclass(frozen=True)
class Schnorr:
    """Proof of knowledge of s with K = g^s."""

    challenge: int
    response: int


def keygen(context: str) -> tuple[int, int, Schnorr]:
    """A key share: (secret s, public K = g^s, proof of knowledge of s)."""
    secret = _random_q()
    public = _pow(G, secret, P)
    return secret, public, prove_knowledge(secret, public, context)


def prove_knowledge(secret: int, public: int, context: str) -> Schnorr:
    u = _random_q()
    commitment = _pow(G, u, P)
    c = _hash("key", context, _p(public), _p(commitment))
    return Schnorr(c, (u - c * secret) % Q)


def verify_knowledge(public: int, proof: Schnorr, context: str) -> None:
    if not is_group_element(public):
        raise ProofError("public key share is not in the group")
    commitment = _pow(G, proof.response, P) * _pow(public, proof.challenge, P) % P
    if _hash("key", context, _p(public), _p(commitment)) != proof.challenge:
        raise ProofError("proof of knowledge of the key share does not verify")


def joint_key(publics: list[int]) -> int:
    key = 1
    for public in publics:
        key = key * public % P
    return key


# ------------------------------------------------------------------------------- ciphertexts


@dataclass(frozen=True)
class Ciphertext:
    alpha: int
    beta: int

    def __mul__(self, other: Ciphertext) -> Ciphertext:
        return Ciphertext(self.alpha * other.alpha % P, self.beta * other.beta % P)


ZERO = Ciphertext(1, 1)  # the encryption of 0 with nonce 0: neutral for the sum


def encrypt(message: int, key: int, nonce: int) -> Ciphertext:
    return Ciphertext(_pow(G, nonce, P), _pow(key, nonce, P) * _pow(G, message, P) % P)


def add(ciphertexts: list[Ciphertext]) -> Ciphertext:
    total = ZERO
    for ciphertext in ciphertexts:
        total = total * ciphertext
    return total


@dataclass(frozen=True)
class RangeProof:
    """Disjunctive Chaum–Pedersen: (α, β) encrypts 0 or 1. Compact form."""

    c0: int
    c1: int
    v0: int
    v1: int


def _range_commitments(
    ct: Ciphertext, key: int, j: int, c: int, v: int
) -> tuple[tuple[int, int], tuple[int, int]]:
    """Recompute branch j's commitments a = g^v α^c, b = K^v (β / g^j)^c."""
    a = _pow(G, v, P) * _pow(ct.alpha, c, P) % P
    b = _pow(key, v, P) * _pow(ct.beta * _inverse(_pow(G, j, P)) % P, c, P) % P
    return _p(a), _p(b)


def prove_range(ct: Ciphertext, message: int, nonce: int, key: int, context: str) -> RangeProof:
    if message not in (0, 1):
        raise ValueError("message must be 0 or 1")
    fake = 1 - message
    c_fake, v_fake = _random_q(), _random_q()
    fake_commitments = _range_commitments(ct, key, fake, c_fake, v_fake)
    u = _random_q()
    real_commitments = (_p(_pow(G, u, P)), _p(_pow(key, u, P)))
    ordered = (
        (real_commitments, fake_commitments)
        if message == 0
        else (fake_commitments, real_commitments)
    )
    c = _hash("range", context, _p(key), _p(ct.alpha), _p(ct.beta), *ordered[0], *ordered[1])
    c_real = (c - c_fake) % Q
    v_real = (u - c_real * nonce) % Q
    if message == 0:
        return RangeProof(c_real, c_fake, v_real, v_fake)
    return RangeProof(c_fake, c_real, v_fake, v_real)


def verify_range(ct: Ciphertext, proof: RangeProof, key: int, context: str) -> None:
    if not (is_group_element(ct.alpha) and is_group_element(ct.beta)):
        raise ProofError("ciphertext is not in the group")
    first = _range_commitments(ct, key, 0, proof.c0, proof.v0)
    second = _range_commitments(ct, key, 1, proof.c1, proof.v1)
    c = _hash("range", context, _p(key), _p(ct.alpha), _p(ct.beta), *first, *second)
    if (proof.c0 + proof.c1) % Q != c:
        raise ProofError("proof that the ciphertext encrypts 0 or 1 does not verify")


@dataclass(frozen=True)
class EqualityProof:
    """Chaum–Pedersen: log_g X = log_H Y, in compact form (challenge, response)."""

    challenge: int
    response: int


def _prove_equal(tag: str, context: str, h: int, secret: int, publics: list[int]) -> EqualityProof:
    u = _random_q()
    a, b = _pow(G, u, P), _pow(h, u, P)
    c = _hash(tag, context, *(_p(x) for x in publics), _p(a), _p(b))
    return EqualityProof(c, (u - c * secret) % Q)


def _verify_equal(
    tag: str, context: str, h: int, x: int, y: int, proof: EqualityProof, publics: list[int]
) -> bool:
    """a = g^v X^c, b = H^v Y^c, then c = H(publics, a, b)."""
    a = _pow(G, proof.response, P) * _pow(x, proof.challenge, P) % P
    b = _pow(h, proof.response, P) * _pow(y, proof.challenge, P) % P
    return _hash(tag, context, *(_p(v) for v in publics), _p(a), _p(b)) == proof.challenge


def prove_sum_is_one(total: Ciphertext, nonce: int, key: int, context: str) -> EqualityProof:
    """The product of a one-hot selection encrypts exactly 1: log_g A = log_K (B / g)."""
    return _prove_equal("sum", context, key, nonce, [key, total.alpha, total.beta])


def verify_sum_is_one(total: Ciphertext, proof: EqualityProof, key: int, context: str) -> None:
    y = total.beta * _inverse(G) % P
    if not _verify_equal(
        "sum", context, key, total.alpha, y, proof, [key, total.alpha, total.beta]
    ):
        raise ProofError("proof that exactly one choice is selected does not verify")


# ------------------------------------------------------------------------------- ballots


@dataclass(frozen=True)
class EncryptedSelection:
    ciphertexts: list[Ciphertext]
    proofs: list[RangeProof]
    sum_proof: EqualityProof


def encrypt_selection(index: int, options: int, key: int, context: str) -> EncryptedSelection:
    """One-hot encryption of choice `index` among `options`, with its proofs."""
    if not 0 <= index < options:
        raise ValueError("choice out of range")
    nonces = [_random_q() for _ in range(options)]
    messages = [1 if i == index else 0 for i in range(options)]
    cts = [encrypt(m, key, r) for m, r in zip(messages, nonces, strict=True)]
    proofs = [
        prove_range(ct, m, r, key, f"{context}|{i}")
        for i, (ct, m, r) in enumerate(zip(cts, messages, nonces, strict=True))
    ]
    total_nonce = sum(nonces) % Q
    sum_proof = prove_sum_is_one(add(cts), total_nonce, key, context)
    return EncryptedSelection(cts, proofs, sum_proof)


def verify_selection(selection: EncryptedSelection, options: int, key: int, context: str) -> None:
    if len(selection.ciphertexts) != options or len(selection.proofs) != options:
        raise ProofError("wrong number of ciphertexts in the ballot")
    for i, (ct, proof) in enumerate(zip(selection.ciphertexts, selection.proofs, strict=True)):
        verify_range(ct, proof, key, f"{context}|{i}")
    verify_sum_is_one(add(selection.ciphertexts), selection.sum_proof, key, context)


# ------------------------------------------------------------------------------- decryption


def partial_decrypt(
    ct: Ciphertext, secret: int, public: int, context: str
) -> tuple[int, EqualityProof]:
    """M = A^s with the proof that log_g K_i = log_A M."""
    share = _pow(ct.alpha, secret, P)
    proof = _prove_equal("decrypt", context, ct.alpha, secret, [public, ct.alpha, share])
    return share, proof


def verify_partial(
    ct: Ciphertext, share: int, proof: EqualityProof, public: int, context: str
) -> None:
    if not is_group_element(share):
        raise ProofError("partial decryption is not in the group")
    if not _verify_equal(
        "decrypt", context, ct.alpha, public, share, proof, [public, ct.alpha, share]
    ):
        raise ProofError("proof of correct partial decryption does not verify")


def combine(ct: Ciphertext, shares: list[int], bound: int) -> int:
    """t with g^t = B / ∏ M_i, for 0 ≤ t ≤ bound."""
    value = ct.beta * _inverse(joint_key(shares)) % P
    power = 1
    for t in range(bound + 1):
        if power == value:
            return t
        power = power * G % P
    raise ProofError("the decrypted sum is not a count between 0 and the number of ballots")


# ------------------------------------------------------------------------------- JSON forms


def ciphertext_json(ct: Ciphertext) -> dict[str, str]:
    return {"alpha": hex_of(ct.alpha), "beta": hex_of(ct.beta)}


def ciphertext_from(data: dict[str, str]) -> Ciphertext:
    return Ciphertext(int_of(data["alpha"]), int_of(data["beta"]))


def selection_json(selection: EncryptedSelection) -> dict[str, object]:
    return {
        "ciphertexts": [ciphertext_json(ct) for ct in selection.ciphertexts],
        "range_proofs": [
            {"c0": hex_of(p.c0), "c1": hex_of(p.c1), "v0": hex_of(p.v0), "v1": hex_of(p.v1)}
            for p in selection.proofs
        ],
        "sum_proof": equality_json(selection.sum_proof),
    }


def selection_from(data: dict[str, Any]) -> EncryptedSelection:
    try:
        return EncryptedSelection(
            [ciphertext_from(ct) for ct in data["ciphertexts"]],
            [
                RangeProof(int_of(p["c0"]), int_of(p["c1"]), int_of(p["v0"]), int_of(p["v1"]))
                for p in data["range_proofs"]
            ],
            equality_from(data["sum_proof"]),
        )
    except (KeyError, TypeError) as exc:
        raise ProofError(f"malformed ballot: {exc}") from exc


def equality_json(proof: EqualityProof | Schnorr) -> dict[str, str]:
    return {"challenge": hex_of(proof.challenge), "response": hex_of(proof.response)}


def equality_from(data: dict[str, str]) -> EqualityProof:
    return EqualityProof(int_of(data["challenge"]), int_of(data["response"]))


def schnorr_from(data: dict[str, str]) -> Schnorr:
    return Schnorr(int_of(data["challenge"]), int_of(data["response"]))
