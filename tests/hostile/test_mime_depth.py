"""Deeply nested MIME (issue 16): nothing is dropped without a word. Up to the parser's bound every part
is kept however deep (the old cut at 32 levels is gone); past it the remaining multipart/message parts
are kept as unparsed text parts and the message says so in a header."""

from __future__ import annotations

from balmail.mail.message import CUT_HEADER, MAX_CONTAINERS, MimePart, parse_message


def nested(levels: int, leaf: bytes = b"Content-Type: text/csv\r\n\r\na,b\r\n") -> bytes:
    head = b"From: a@example.com\r\nTo: b@example.com\r\nSubject: deep\r\nMIME-Version: 1.0\r\n"
    head += b"Content-Type: multipart/mixed; boundary=top\r\n\r\n"
    head += b"--top\r\nContent-Type: text/plain\r\n\r\nhi\r\n"
    opening = b"".join(
        b"--top\r\n" * (i == 0) + f"Content-Type: multipart/mixed; boundary=b{i}\r\n\r\n--b{i}\r\n".encode()
        for i in range(levels)
    )
    closing = b"".join(f"--b{i}--\r\n".encode() for i in reversed(range(levels)))
    return head + opening + leaf + closing + b"--top--\r\n"


def deepest(part: MimePart) -> tuple[int, MimePart]:
    depth = 0
    while part.parts:
        part, depth = part.parts[0], depth + 1
    return depth, part


def test_parts_deeper_than_32_are_kept() -> None:
    message = parse_message(nested(60))
    assert message.body == "hi"
    depth, leaf = deepest(message.attachments[0])
    assert depth == 60
    assert (leaf.media_type, leaf.payload) == ("text/csv", b"a,b")
    assert CUT_HEADER not in message.headers


def test_parts_past_the_bound_are_kept_as_text_and_reported() -> None:
    levels = MAX_CONTAINERS + 50
    message = parse_message(nested(levels))
    assert message.body == "hi"
    assert message.headers[CUT_HEADER].startswith(
        f"51 multipart or message/rfc822 parts after the first {MAX_CONTAINERS} were kept unparsed"
    )
    depth, leaf = deepest(message.attachments[0])
    assert leaf.media_type == "text/x-balmail-unparsed-multipart-mixed"
    assert b"Content-Type: text/csv\r\n\r\na,b" in leaf.payload  # the bytes below are all there


def test_twenty_thousand_levels_end_with_a_message() -> None:
    message = parse_message(nested(20_000, b"Content-Type: text/plain\r\n\r\nx\r\n"))
    assert message.body == "hi"
    assert CUT_HEADER in message.headers
