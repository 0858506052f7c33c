"""A server certificate's issuer, and whether it looks like TLS inspection.

Python 3.11's ssl gives the verified leaf as a dict (getpeercert()) but the rest of the chain only
from 3.13 (get_verified_chain()). When verification fails, the leaf is fetched again without
verification and decoded by ssl's own decoder, which reads files only: hence the temporary file.
"""

from __future__ import annotations

import os
import socket
import ssl
import tempfile

# OpenSSL's verify codes for "no trusted root vouches for it": a self-signed leaf, a self-signed
# root sent in the chain, no known issuer at all.
SELF_SIGNED_LEAF, SELF_SIGNED_IN_CHAIN, NO_LOCAL_ISSUER = 18, 19, 20
# Organisations of public certificate authorities (browsers' root programmes) whose names appear
# in issuers; matched as words inside the issuer's O and CN.
PUBLIC_CAS = (
    "DigiCert",
    "GeoTrust",
    "Thawte",
    "RapidSSL",
    "Encryption Everywhere",
    "Let's Encrypt",
    "ISRG",
    "GlobalSign",
    "Sectigo",
    "Comodo",
    "USERTrust",
    "Entrust",
    "GoDaddy",
    "Go Daddy",
    "Starfield",
    "Amazon",
    "Google Trust Services",
    "Microsoft",
    "Baltimore",
    "IdenTrust",
    "QuoVadis",
    "Certum",
    "Asseco",
    "Buypass",
    "SSL.com",
    "Actalis",
    "HARICA",
    "TrustAsia",
    "WoTrus",
    "CFCA",
    "China Financial Certification Authority",
    "SHECA",
    "UniTrust",
    "GDCA",
    "vTrus",
    "iTrusChina",
    "Cloudflare",
    "Apple",
    "ZeroSSL",
    "Trustwave",
    "SecureTrust",
    "SwissSign",
    "D-Trust",
    "Telia",
    "Certigna",
    "Chunghwa",
    "TWCA",
    "SECOM",
    "Certainly",
    "emSign",
)
# Words of proxies, gateways and antivirus products that re-sign HTTPS traffic, and of the
# generic names such certificates get.
INSPECTORS = (
    "inspection",
    "intercept",
    "proxy",
    "firewall",
    "Fortinet",
    "FortiGate",
    "Zscaler",
    "Palo Alto",
    "Sophos",
    "Kaspersky",
    "Avast",
    "ESET",
    "Bitdefender",
    "Blue Coat",
    "BlueCoat",
    "Netskope",
    "Forcepoint",
    "Websense",
    "McAfee",
    "Check Point",
    "Barracuda",
    "WatchGuard",
    "Untangle",
    "Cisco Umbrella",
    "Sangfor",
    "深信服",
    "Hillstone",
    "Qi An Xin",
    "奇安信",
    "Qihoo",
    "火绒",
    "Huorong",
    "Norton",
    "Trend Micro",
    "mitmproxy",
    "Fiddler",
    "Charles",
    "Burp",
    "Lightspeed",
    "iboss",
    "Menlo",
)


def _names(rdns) -> dict:
    """getpeercert()'s ((("organizationName", "X"),), ...) -> {"organizationName": "X", ...}."""
    return {key: value for rdn in rdns or () for key, value in rdn}


def _label(names: dict) -> str:
    """ "CN=…, O=…" (the parts that exist), the way an admin finds a certificate in a store."""
    parts = [f"CN={names['commonName']}"] if "commonName" in names else []
    if "organizationName" in names:
        parts.append(f"O={names['organizationName']}")
    return ", ".join(parts) or "?"


def decode_der(der: bytes) -> dict | None:
    """A DER certificate as getpeercert() shapes it, or None when ssl cannot read it."""
    fd, path = tempfile.mkstemp(suffix=".pem")
    try:
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(ssl.DER_cert_to_PEM_cert(der))
        return ssl._ssl._test_decode_cert(path)
    except (ssl.SSLError, ValueError):
        return None
    finally:
        os.unlink(path)


def describe(cert: dict | None, chain: list[bytes] = ()) -> dict | None:
    """The leaf's issuer and subject, whether it signed itself, and the CAs above it when known (3.13+)."""
    if not cert:
        return None
    issuer, subject = _names(cert.get("issuer")), _names(cert.get("subject"))
    above = [_label(_names(c.get("subject"))) for c in (decode_der(der) for der in chain[1:]) if c]
    return {
        "issuer": _label(issuer),
        "issuer_names": issuer,
        "subject": _label(subject),
        "self_signed": issuer == subject,
        "not_after": cert.get("notAfter"),
        "chain": above,
    }


def unverified_leaf(address: str, port: int, host: str, timeout: float) -> dict | None:
    """The leaf certificate of a server whose chain failed verification, read without verifying."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    try:
        with (
            socket.create_connection((address, port), timeout) as sock,
            context.wrap_socket(sock, server_hostname=host) as tls,
        ):
            der = tls.getpeercert(binary_form=True)
    except OSError:
        return None
    return describe(decode_der(der))


def _mentions(names: dict, words: tuple[str, ...]) -> str | None:
    haystack = f"{names.get('organizationName', '')} {names.get('commonName', '')}".casefold()
    return next((word for word in words if word.casefold() in haystack), None)


def classify(cert: dict | None, verify: dict | None, expected: tuple[str, ...], ca_file: bool) -> str | None:
    """inspection-fail: a certificate no trusted CA vouches for that signed itself or names no public CA;
    inspection: verified, but issued by a known inspecting product; unfamiliar: verified, issuer not
    a public CA known here; ok; untrusted: verification failed for another reason; None: no certificate."""
    if cert is None:
        return None
    names = cert["issuer_names"]
    if verify is not None:
        self_signed = verify["code"] in (SELF_SIGNED_LEAF, SELF_SIGNED_IN_CHAIN) or cert["self_signed"]
        if self_signed or (verify["code"] == NO_LOCAL_ISSUER and not _mentions(names, PUBLIC_CAS)):
            return "inspection-fail"
        return "untrusted"
    if _mentions(names, INSPECTORS):
        return "inspection"
    if ca_file or _mentions(names, expected) or _mentions(names, PUBLIC_CAS):
        return "ok"
    return "unfamiliar"
