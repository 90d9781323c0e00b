"""The embedded IMAP4rev1 server: pymap's protocol code and in-memory mailboxes, with a login that
accepts any credentials (or only a given user table) and opens the shared `MailStore` accounts.

pymap's STARTTLS is a per-configuration switch, so each listener gets its own configuration:
the plain port offers STARTTLS, the implicit-TLS port does not (as Dovecot's imaps port), and an
optional plain port offers no STARTTLS at all (for tests of clients that require it).
"""

from __future__ import annotations

import asyncio
import ssl
from argparse import Namespace
from collections.abc import AsyncIterator, Mapping
from concurrent.futures import Executor
from contextlib import asynccontextmanager
from datetime import datetime

from proxyprotocol.reader import ProxyProtocolReader
from pymap.backend.dict import Config as DictConfig
from pymap.backend.dict import Session
from pymap.concurrent import Subsystem
from pymap.exceptions import AuthorizationFailure, InvalidAuth, NotAllowedError
from pymap.imap import IMAPServer
from pymap.interfaces.login import IdentityInterface, LoginInterface
from pymap.token import AllTokens
from pymap.user import UserMetadata
from pysasl.creds.server import ServerCredentials
from pysasl.identity import ClearIdentity

from .mailboxes import MailStore

GREETING = b"balmail dev IMAP server ready"


class _Config(DictConfig):
    """pymap's dict-backend settings without demo data, DNS look-ups or login delays."""

    @property
    def greeting(self) -> bytes:
        return GREETING  # pymap's default resolves the host's FQDN on every connection


def imap_config(host: str, tls_context: ssl.SSLContext, executor: Executor, *, starttls: bool) -> _Config:
    args = Namespace(passlib_cfg=None, proxy_protocol=None, inherited_sockets=None, debug=False)
    return _Config(
        args,
        host=host,
        port=0,
        demo_data=False,
        demo_user="",
        demo_password="",
        ssl_context=tls_context,
        tls_enabled=starttls,
        invalid_user_sleep=0.0,
        reject_dnsbl=False,
        cpu_subsystem=Subsystem.for_threading(executor),
    )


class DevLogin(LoginInterface):
    """Any user name and password logs in, unless `users` names the only valid pairs."""

    def __init__(self, config: _Config, store: MailStore, users: Mapping[str, str] | None) -> None:
        self.config = config
        self.store = store
        self.users = users
        self._tokens = AllTokens(config)

    @property
    def tokens(self) -> AllTokens:
        return self._tokens

    async def authenticate(self, credentials: ServerCredentials) -> DevIdentity:
        name = credentials.authcid
        if self.users is not None:
            secret = self.users.get(name)
            if secret is None or not credentials.verify(ClearIdentity(name, secret)):
                raise InvalidAuth("Authentication failed.")
        return DevIdentity(name, self)

    async def authorize(self, authenticated: IdentityInterface, authzid: str) -> DevIdentity:
        if authzid and authzid != authenticated.name:
            raise AuthorizationFailure()
        assert isinstance(authenticated, DevIdentity)
        return authenticated


class DevIdentity(IdentityInterface):
    """A logged-in account; its session works on the shared store's mailbox set."""

    def __init__(self, name: str, login: DevLogin) -> None:
        self._name = name
        self.login = login

    @property
    def name(self) -> str:
        return self._name

    @property
    def roles(self) -> frozenset[str]:
        return frozenset()

    @asynccontextmanager
    async def new_session(self) -> AsyncIterator[Session]:
        mailbox_set, filter_set = await self.login.store.account(self._name)
        yield Session(self._name, self.login.config, mailbox_set, filter_set)

    async def new_token(self, *, expiration: datetime | None = None) -> str | None:
        return None

    async def get(self) -> UserMetadata:
        return UserMetadata(self.login.config, self._name)

    async def set(self, metadata: UserMetadata) -> int | None:
        raise NotAllowedError("Accounts of the dev server cannot be changed.")

    async def delete(self) -> None:
        raise NotAllowedError("Accounts of the dev server cannot be deleted.")


async def start_imap_listener(
    config: _Config,
    store: MailStore,
    users: Mapping[str, str] | None,
    host: str,
    *,
    implicit_tls: ssl.SSLContext | None = None,
) -> asyncio.Server:
    """One listening socket on a free port; the caller reads the port and closes the server."""
    config.apply_context()
    server = IMAPServer(DevLogin(config, store, users), config)
    callback = ProxyProtocolReader(config.proxy_protocol).get_callback(server)
    return await asyncio.start_server(callback, host=host, port=0, ssl=implicit_tls)
