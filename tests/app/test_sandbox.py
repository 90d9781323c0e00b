"""The sandbox policy object: default deny, scoped grants, budgets that stay exhausted."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from balmail.runtime.errors import BallerinaPanic
from balmail.runtime.sandbox import Budgets, Permissions, Sandbox


def test_default_denies_everything(tmp_path: Path) -> None:
    sb = Sandbox()
    for denied in (
        sb.allow_read(str(tmp_path)),
        sb.allow_write(str(tmp_path)),
        sb.allow_net("example.com", 993),
        sb.allow_env("HOME"),
    ):
        assert denied is not None
    assert "--allow-read" in sb.allow_read("/etc/passwd").message  # type: ignore[union-attr]
    assert "--allow-net=example.com:993" in sb.allow_net("example.com", 993).message  # type: ignore[union-attr]


def test_path_grants_cannot_be_escaped(tmp_path: Path) -> None:
    inside = tmp_path / "inside"
    inside.mkdir()
    outside = tmp_path / "secret.txt"
    outside.write_text("x")
    link = inside / "link"
    os.symlink(outside, link)
    sb = Sandbox(Permissions(read=(str(inside),)))
    assert sb.allow_read(str(inside / "file.txt")) is None
    assert sb.allow_read(str(inside / ".." / "secret.txt")) is not None
    assert sb.allow_read(str(link)) is not None
    assert sb.allow_read(str(tmp_path / "inside-not")) is not None


def test_net_grants_by_host_and_port() -> None:
    sb = Sandbox(Permissions(net=("imap.example.com:993", "*.mail.example.org")))
    assert sb.allow_net("imap.example.com", 993) is None
    assert sb.allow_net("imap.example.com", 143) is not None
    assert sb.allow_net("pop.mail.example.org", 995) is None
    assert sb.allow_net("evil.example.net", 993) is not None


def test_bare_flag_grants_all() -> None:
    sb = Sandbox(Permissions(read=None, write=None, net=None, env=None))
    assert sb.allow_read("/etc/hostname") is None
    assert sb.allow_net("anywhere", 1) is None
    assert sb.allow_env("ANY") is None


def test_step_budget_stays_exhausted() -> None:
    sb = Sandbox(budgets=Budgets(steps=25_000))
    with pytest.raises(BallerinaPanic) as first:
        for _ in range(100_000):
            if next(sb.stick, 1):  # a loop step, as generated code takes it
                sb.stepped()
    assert "--max-steps" in first.value.error.message
    with pytest.raises(BallerinaPanic):
        if next(sb.stick, 1):  # a loop step, as generated code takes it
            sb.stepped()
    sb.start_invocation()  # a new invocation gets a fresh budget
    sb.charge(1)
    assert sb.steps >= 0


def test_time_budget() -> None:
    sb = Sandbox(budgets=Budgets(seconds=0.0))
    with pytest.raises(BallerinaPanic) as exhausted:
        for _ in range(50_000):
            if next(sb.stick, 1):  # a loop step, as generated code takes it
                sb.stepped()
    assert "--max-time" in exhausted.value.error.message


def test_size_and_depth_errors_name_their_flags() -> None:
    sb = Sandbox(budgets=Budgets(size=10, depth=3))
    with pytest.raises(BallerinaPanic) as size:
        sb.check_size(11)
    assert "--max-size" in size.value.error.message
    assert "--max-depth" in sb.too_deep().error.message


@pytest.mark.parametrize("mix", ["steps", "calls", "both"])
def test_step_budget_counts_every_step_and_call_exactly(mix: str) -> None:
    """Loop steps (`stick`) and calls (`tick`) share the steps budget: exactly that many pass, in any mix,
    and the depth is what was entered and not left."""
    sb = Sandbox(budgets=Budgets(steps=25_000))
    taken = 0
    with pytest.raises(BallerinaPanic) as exhausted:
        while True:
            if mix != "calls":
                if next(sb.stick, 1):
                    sb.stepped()
                taken += 1
            if mix != "steps":
                if next(sb.tick, 1):
                    sb.enter()
                taken += 1
                if taken % 3:
                    sb.rets += 1
    assert "--max-steps" in exhausted.value.error.message
    assert taken == 25_000
    if mix == "calls":
        assert sb.depth == 25_000 // 3  # the refused call counted its own exit
