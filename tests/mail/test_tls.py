"""secureSocket → SSLContext, without a server: what is trusted, which versions and ciphers,
and the errors a user sees for a bad configuration."""

from __future__ import annotations

import shutil
import ssl
from pathlib import Path

import pytest

from balmail.mail.errors import MailError
from balmail.mail.tls import SecureSocketConfig, Security, _openssl_cipher_name, build_ssl_context

from .dovecot_harness import make_certificates


class Certs:
    """The harness's certificates, made without starting Dovecot (only openssl is needed)."""

    def __init__(self, directory: Path) -> None:
        self.ca_cert = directory / "ca.pem"


@pytest.fixture(scope="module")
def certs(tmp_path_factory: pytest.TempPathFactory) -> Certs:
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is needed to make test certificates")
    directory = tmp_path_factory.mktemp("certs")
    make_certificates(directory)
    return Certs(directory)


def test_without_secure_socket_the_system_store_and_host_names_are_checked() -> None:
    context = build_ssl_context(None)
    assert context.verify_mode is ssl.CERT_REQUIRED
    assert context.check_hostname is True


def test_a_trust_anchor_replaces_the_system_store(certs: Certs) -> None:
    context = build_ssl_context(SecureSocketConfig(cert=str(certs.ca_cert)))
    assert context.verify_mode is ssl.CERT_REQUIRED
    assert context.check_hostname is True
    assert [c["subject"] for c in context.get_ca_certs()] == [((("commonName", "balmail test CA"),),)]


def test_verify_host_name_false_still_verifies_the_chain(certs: Certs) -> None:
    context = build_ssl_context(SecureSocketConfig(cert=str(certs.ca_cert), verify_host_name=False))
    assert context.check_hostname is False
    assert context.verify_mode is ssl.CERT_REQUIRED


def test_missing_certificate_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.pem"
    with pytest.raises(MailError) as failure:
        build_ssl_context(SecureSocketConfig(cert=str(missing)))
    assert str(failure.value) == f"secureSocket certificate file '{missing}' does not exist"


def test_certificate_path_is_a_directory(tmp_path: Path) -> None:
    with pytest.raises(MailError, match="is not a file"):
        build_ssl_context(SecureSocketConfig(cert=str(tmp_path)))


def test_file_without_a_certificate(tmp_path: Path) -> None:
    junk = tmp_path / "junk.pem"
    junk.write_text("this is not a certificate\n")
    with pytest.raises(MailError) as failure:
        build_ssl_context(SecureSocketConfig(cert=str(junk)))
    assert str(failure.value).startswith(
        f"secureSocket certificate file '{junk}' does not hold a PEM certificate"
    )


def test_empty_certificate_path() -> None:
    with pytest.raises(MailError, match="secureSocket 'cert' is empty"):
        build_ssl_context(SecureSocketConfig(cert=""))


def test_protocol_versions_set_the_range(certs: Certs) -> None:
    context = build_ssl_context(
        SecureSocketConfig(cert=str(certs.ca_cert), protocol_versions=["TLSv1.3", "TLSv1.2"])
    )
    assert context.minimum_version is ssl.TLSVersion.TLSv1_2
    assert context.maximum_version is ssl.TLSVersion.TLSv1_3


def test_unknown_protocol_version(certs: Certs) -> None:
    with pytest.raises(MailError) as failure:
        build_ssl_context(
            SecureSocketConfig(cert=str(certs.ca_cert), protocol_versions=["TLSv1.2", "TLSv1.4"])
        )
    assert str(failure.value) == (
        "Unknown TLS protocol version 'TLSv1.4' in secureSocket; "
        "expected one of TLSv1, TLSv1.1, TLSv1.2, TLSv1.3"
    )


def test_iana_cipher_names_are_accepted_and_keep_tls13_out(certs: Certs) -> None:
    context = build_ssl_context(
        SecureSocketConfig(cert=str(certs.ca_cert), ciphers=["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"])
    )
    tls12 = [c["name"] for c in context.get_ciphers() if c["protocol"] == "TLSv1.2"]
    assert tls12 == ["ECDHE-RSA-AES128-GCM-SHA256"]
    assert context.maximum_version is ssl.TLSVersion.TLSv1_2


def test_tls13_only_cipher_list_requires_tls13(certs: Certs) -> None:
    context = build_ssl_context(
        SecureSocketConfig(cert=str(certs.ca_cert), ciphers=["TLS_AES_128_GCM_SHA256"])
    )
    assert context.minimum_version is ssl.TLSVersion.TLSv1_3


def test_unknown_cipher(certs: Certs) -> None:
    with pytest.raises(MailError) as failure:
        build_ssl_context(
            SecureSocketConfig(
                cert=str(certs.ca_cert),
                ciphers=["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_MADE_UP_WITH_NOTHING"],
            )
        )
    assert (
        str(failure.value) == "Unknown or unsupported TLS cipher(s) in secureSocket: TLS_MADE_UP_WITH_NOTHING"
    )


@pytest.mark.parametrize(
    ("iana", "openssl"),
    [
        ("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "ECDHE-ECDSA-AES256-GCM-SHA384"),
        ("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "ECDHE-RSA-AES128-SHA256"),
        ("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "ECDHE-RSA-AES256-SHA"),
        ("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-RSA-CHACHA20-POLY1305"),
        ("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "DHE-RSA-AES128-GCM-SHA256"),
        ("TLS_RSA_WITH_AES_128_GCM_SHA256", "AES128-GCM-SHA256"),
        ("ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256"),
    ],
)
def test_iana_to_openssl_cipher_names(iana: str, openssl: str) -> None:
    assert _openssl_cipher_name(iana) == openssl


def test_security_modes_by_ballerina_name() -> None:
    assert [m.value for m in Security] == ["SSL", "START_TLS_AUTO", "START_TLS_ALWAYS", "START_TLS_NEVER"]
    assert Security.from_name("START_TLS_AUTO") is Security.START_TLS_AUTO
    with pytest.raises(MailError) as failure:
        Security.from_name("TLS")
    assert str(failure.value) == (
        "Unknown security mode 'TLS'; expected one of SSL, START_TLS_AUTO, START_TLS_ALWAYS, START_TLS_NEVER"
    )
