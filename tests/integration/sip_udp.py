"""A minimal SIP-over-UDP/TCP peer for integration tests: send bytes, read what came back.

It is deliberately dumb (no parser of ours): tests assert on the raw text that crossed the wire.
"""

import random
import socket

from harness import LOOPBACK


def branch():
    return "z9hG4bK" + "%016x" % random.getrandbits(64)


class UdpPeer:
    def __init__(self, host=LOOPBACK):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind((host, 0))
        self.sock.settimeout(5.0)
        self.host, self.port = self.sock.getsockname()

    def close(self):
        self.sock.close()

    def send(self, text, port, host=LOOPBACK):
        data = text.encode() if isinstance(text, str) else text
        self.sock.sendto(data, (host, port))

    def recv(self, timeout=5.0):
        self.sock.settimeout(timeout)
        data, _ = self.sock.recvfrom(65535)
        return data.decode(errors="replace")

    def recv_final(self, timeout=5.0):
        """Skips provisional responses; returns the first final response."""
        while True:
            text = self.recv(timeout)
            if not status_of(text) or status_of(text) >= 200:
                return text

    def request(self, method, uri, port, headers=(), body="", cseq=1, call_id=None, via_branch=None):
        """Sends a request with the mandatory headers filled in; returns (text, call_id)."""
        call_id = call_id or "%x@test" % random.getrandbits(48)
        lines = [
            f"{method} {uri} SIP/2.0",
            f"Via: SIP/2.0/UDP {self.host}:{self.port};branch={via_branch or branch()};rport",
            "Max-Forwards: 70",
            f"From: <sip:tester@{self.host}>;tag={random.getrandbits(32):x}",
            f"To: <{uri}>",
            f"Call-ID: {call_id}",
            f"CSeq: {cseq} {method}",
        ]
        lines += list(headers)
        lines.append(f"Content-Length: {len(body.encode())}")
        text = "\r\n".join(lines) + "\r\n\r\n" + body
        self.send(text, port)
        return text, call_id


def status_of(text):
    first = text.split("\r\n", 1)[0]
    parts = first.split(" ", 2)
    if len(parts) >= 2 and parts[0] == "SIP/2.0" and parts[1].isdigit():
        return int(parts[1])
    return None


def header(text, name):
    """Values of every header called name (case-insensitive), in order."""
    head = text.split("\r\n\r\n", 1)[0]
    out = []
    for line in head.split("\r\n")[1:]:
        key, _, value = line.partition(":")
        if key.strip().lower() == name.lower():
            out.append(value.strip())
    return out
