"""A scripted SIP Digest UE over UDP for the cases sipp's scenarios cannot express easily
(wrong passwords, unusual Expires, several contacts, binding queries, replays).

The digest maths is RFC 2617 / 7616 (qop=auth), done here with hashlib so it is independent of
our own C++ implementation.
"""

import hashlib
import random
import re

from sip_udp import UdpPeer, branch, header, status_of


def parse_challenge(value):
    """'Digest realm="x", nonce="y", ...' -> dict of parameters (quotes removed)."""
    scheme, _, rest = value.partition(" ")
    params = {"scheme": scheme}
    for m in re.finditer(r'([A-Za-z0-9_-]+)=("([^"\\]|\\.)*"|[^,\s]*)', rest):
        v = m.group(2)
        params[m.group(1).lower()] = v[1:-1] if v.startswith('"') else v
    return params


def digest_response(algorithm, username, realm, password, method, uri, nonce, nc, cnonce, qop="auth"):
    h = hashlib.sha256 if algorithm.upper() == "SHA-256" else hashlib.md5
    hex_of = lambda s: h(s.encode()).hexdigest()
    ha1 = hex_of(f"{username}:{realm}:{password}")
    ha2 = hex_of(f"{method}:{uri}")
    return hex_of(f"{ha1}:{nonce}:{nc}:{cnonce}:{qop}:{ha2}")


class DigestUe:
    """One UE: IMPU user@domain, IMPI, password; keeps Call-ID and CSeq across requests."""

    def __init__(self, scscf_port, user, domain, impi, password, scscf_host="127.0.0.1"):
        self.peer = UdpPeer()
        self.scscf = (scscf_host, scscf_port)
        self.user, self.domain, self.impi, self.password = user, domain, impi, password
        self.call_id = "%x@ue.test" % random.getrandbits(48)
        self.cseq = 0
        self.from_tag = "%x" % random.getrandbits(32)
        self.nc = 0
        self.challenge = None

    def close(self):
        self.peer.close()

    @property
    def contact(self):
        return f"<sip:{self.user}@{self.peer.host}:{self.peer.port}>"

    def register_request(self, expires=600, contacts=None, authorization=None, extra=()):
        self.cseq += 1
        lines = [
            f"REGISTER sip:{self.domain} SIP/2.0",
            f"Via: SIP/2.0/UDP {self.peer.host}:{self.peer.port};branch={branch()};rport",
            "Max-Forwards: 70",
            f"From: <sip:{self.user}@{self.domain}>;tag={self.from_tag}",
            f"To: <sip:{self.user}@{self.domain}>",
            f"Call-ID: {self.call_id}",
            f"CSeq: {self.cseq} REGISTER",
        ]
        for c in (contacts if contacts is not None else [self.contact]):
            lines.append(f"Contact: {c}")
        if expires is not None:
            lines.append(f"Expires: {expires}")
        if authorization:
            lines.append(f"Authorization: {authorization}")
        lines += list(extra)
        lines.append("Content-Length: 0")
        return "\r\n".join(lines) + "\r\n\r\n"

    def send(self, text, timeout=10.0):
        self.peer.send(text, self.scscf[1], self.scscf[0])
        return self.peer.recv_final(timeout)

    def authorization(self, challenge, password=None, nonce=None, nc=None, uri=None):
        self.nc = nc if nc is not None else self.nc + 1
        nc_text = "%08x" % self.nc
        cnonce = "%08x" % random.getrandbits(32)
        uri = uri or f"sip:{self.domain}"
        algorithm = challenge.get("algorithm", "MD5")
        nonce = nonce if nonce is not None else challenge["nonce"]
        response = digest_response(algorithm, self.impi, challenge["realm"], password or self.password,
                                   "REGISTER", uri, nonce, nc_text, cnonce)
        auth = (f'Digest username="{self.impi}", realm="{challenge["realm"]}", nonce="{nonce}", '
                f'uri="{uri}", response="{response}", algorithm={algorithm}, cnonce="{cnonce}", '
                f'qop=auth, nc={nc_text}')
        if "opaque" in challenge:
            auth += f', opaque="{challenge["opaque"]}"'
        return auth

    def register(self, expires=600, contacts=None, password=None, extra=()):
        """REGISTER -> 401 -> REGISTER with credentials. Returns (first response, final response)."""
        first = self.send(self.register_request(expires, contacts, extra=extra))
        if status_of(first) != 401:
            return first, first
        self.challenge = parse_challenge(header(first, "WWW-Authenticate")[0])
        self.nc = 0
        final = self.send(self.register_request(expires, contacts, self.authorization(self.challenge, password),
                                                extra=extra))
        return first, final
