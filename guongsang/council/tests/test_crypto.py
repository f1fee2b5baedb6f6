"""council/crypto.py against the ElectionGuard 2.0 published constants and example, and the
properties of the proofs: what is honestly made verifies, anything changed does not."""

from __future__ import annotations

import random

import gmpy2
import pytest

from guongsang.council import crypto

# ElectionGuard 2.0 reference example (guardian 1 of "The United Realms of Imaginaria"): its
# secret polynomial coefficients and their published commitments K = g^a mod p.
EG_COEFFICIENTS = [
    "77BF6C0EFD0689F8E7BDF91E30C969036993159711567FE7FD59794A860F06E3",
    "4B99BF5AD094A24A2700972F509522B0DE59DE4768A093F802E40572E34CE790",
]
EG_COMMITMENT_PREFIXES = [
    "C2A7DFAAE02425A7F3E50AC8691393C74BC6F2E21E6B25955A1DBAED2E9D14D2",
    "75EFDB0BF483B504C451BE856DE969D7835CFE8251C2B3C2BF006552A02342E6",
]
EG_COMMITMENT_SUFFIXES = [
    "5ED6E5D30C6DED9BFB83721A69E253FA8FA067D18F923D0B07AE5ADF1D71A4EE5C",
    "50A82A424FA1E35CB4744338D21768D9E2FBE1A0C09FA6CB263F36E",
]


def _probably_prime(n: int, rounds: int = 24) -> bool:
    """Miller–Rabin with random bases, written here independently of the module (GMP's
    modular power for speed only)."""
    if n < 4:
        return n in (2, 3)
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    rng = random.Random(20240805)
    for _ in range(rounds):
        x = int(gmpy2.powmod(rng.randrange(2, n - 1), d, n))
        if x in (1, n - 1):
            continue
        for _r in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


def test_the_group_is_the_electionguard_standard_group():
    assert crypto.P.bit_length() == 4096
    assert crypto.Q == 2**256 - 189
    assert _probably_prime(crypto.Q)
    assert _probably_prime(crypto.P)
    assert (crypto.P - 1) % crypto.Q == 0
    assert crypto.G != 1 and pow(crypto.G, crypto.Q, crypto.P) == 1
    # p's top and bottom 256 bits are all ones; the middle starts with the bits of ln 2.
    assert crypto.P >> (4096 - 256) == 2**256 - 1
    assert crypto.P % 2**256 == 2**256 - 1
    assert crypto.P_HEX[64:72] == "B17217F7"


@pytest.mark.parametrize("index", [0, 1])
def test_known_answer_from_the_electionguard_example(index):
    secret = int(EG_COEFFICIENTS[index], 16)
    commitment = format(pow(crypto.G, secret, crypto.P), "X").rjust(1024, "0")
    assert commitment.startswith(EG_COMMITMENT_PREFIXES[index])
    assert commitment.endswith(EG_COMMITMENT_SUFFIXES[index])


def _keys():
    s1, k1, proof1 = crypto.keygen("s|chair")
    s2, k2, proof2 = crypto.keygen("s|secretariat")
    return (s1, k1, proof1), (s2, k2, proof2), crypto.joint_key([k1, k2])


def test_key_share_proofs_verify_and_bind_the_context():
    (s1, k1, proof1), _second, _key = _keys()
    crypto.verify_knowledge(k1, proof1, "s|chair")
    with pytest.raises(crypto.ProofError):
        crypto.verify_knowledge(k1, proof1, "s|secretariat")
    with pytest.raises(crypto.ProofError):
        crypto.verify_knowledge(k1 * crypto.G % crypto.P, proof1, "s|chair")


def test_encrypt_sum_and_decrypt_only_the_sum():
    (s1, k1, _p1), (s2, k2, _p2), key = _keys()
    choices = [0, 0, 1, 2, 0, 1, 0]
    expected = [choices.count(i) for i in range(3)]  # 4 yes, 2 no, 1 abstain
    selections = [crypto.encrypt_selection(c, 3, key, f"ctx|{n}") for n, c in enumerate(choices)]
    for n, selection in enumerate(selections):
        crypto.verify_selection(selection, 3, key, f"ctx|{n}")
    found = []
    for i in range(3):
        total = crypto.add([s.ciphertexts[i] for s in selections])
        m1, proof1 = crypto.partial_decrypt(total, s1, k1, f"d|{i}|chair")
        m2, proof2 = crypto.partial_decrypt(total, s2, k2, f"d|{i}|sec")
        crypto.verify_partial(total, m1, proof1, k1, f"d|{i}|chair")
        crypto.verify_partial(total, m2, proof2, k2, f"d|{i}|sec")
        found.append(crypto.combine(total, [m1, m2], len(choices)))
        # One share alone does not give the count.
        with pytest.raises(crypto.ProofError):
            crypto.combine(total, [m1], len(choices))
    assert found == expected


def test_a_tampered_ballot_does_not_verify():
    _first, _second, key = _keys()
    selection = crypto.encrypt_selection(1, 3, key, "ctx")
    # Turn the “no” into a 2: multiply β by g.
    ct = selection.ciphertexts[1]
    bumped = crypto.Ciphertext(ct.alpha, ct.beta * crypto.G % crypto.P)
    changed = crypto.EncryptedSelection(
        [selection.ciphertexts[0], bumped, selection.ciphertexts[2]],
        selection.proofs,
        selection.sum_proof,
    )
    with pytest.raises(crypto.ProofError):
        crypto.verify_selection(changed, 3, key, "ctx")
    # The same ballot moved to another tracking code does not verify either.
    with pytest.raises(crypto.ProofError):
        crypto.verify_selection(selection, 3, key, "other")
    # A changed response.
    proof = selection.proofs[0]
    bad = crypto.RangeProof(proof.c0, proof.c1, (proof.v0 + 1) % crypto.Q, proof.v1)
    with pytest.raises(crypto.ProofError):
        crypto.verify_range(selection.ciphertexts[0], bad, key, "ctx|0")


def test_two_choices_at_once_fail_the_sum_proof():
    _first, _second, key = _keys()
    nonces = [11, 22, 33]
    messages = [1, 1, 0]  # each a valid 0/1, but yes and no together
    cts = [crypto.encrypt(m, key, r) for m, r in zip(messages, nonces, strict=True)]
    proofs = [
        crypto.prove_range(ct, m, r, key, f"ctx|{i}")
        for i, (ct, m, r) in enumerate(zip(cts, messages, nonces, strict=True))
    ]
    for i, (ct, proof) in enumerate(zip(cts, proofs, strict=True)):
        crypto.verify_range(ct, proof, key, f"ctx|{i}")
    sum_proof = crypto.prove_sum_is_one(crypto.add(cts), sum(nonces), key, "ctx")
    with pytest.raises(crypto.ProofError):
        crypto.verify_selection(crypto.EncryptedSelection(cts, proofs, sum_proof), 3, key, "ctx")


def test_a_two_cannot_be_proved_to_be_zero_or_one():
    _first, _second, key = _keys()
    ct = crypto.encrypt(2, key, 5)
    for claimed in (0, 1):
        proof = crypto.prove_range(ct, claimed, 5, key, "ctx")
        with pytest.raises(crypto.ProofError):
            crypto.verify_range(ct, proof, key, "ctx")


def test_a_wrong_partial_decryption_is_caught():
    (s1, k1, _p1), _second, key = _keys()
    total = crypto.encrypt(1, key, 7)
    m1, proof = crypto.partial_decrypt(total, s1, k1, "d")
    with pytest.raises(crypto.ProofError):
        crypto.verify_partial(total, m1 * crypto.G % crypto.P, proof, k1, "d")
    # The right share with another holder's key.
    other = crypto.keygen("x")[1]
    with pytest.raises(crypto.ProofError):
        crypto.verify_partial(total, m1, proof, other, "d")


def test_json_round_trip_keeps_the_proofs_valid():
    _first, _second, key = _keys()
    selection = crypto.encrypt_selection(2, 3, key, "ctx")
    again = crypto.selection_from(crypto.selection_json(selection))
    assert again == selection
    crypto.verify_selection(again, 3, key, "ctx")
