"""ims-as answers REGISTER/OPTIONS, rejects garbage with 400, and logs every request as JSON."""

import json
import os

import harness
from sip_udp import UdpPeer, header, status_of


class StubAsTest(harness.IntegrationTest):
    def start_as(self, register_status=200):
        self.port = harness.free_port()
        self.log_file = self.path("requests.jsonl")
        config = self.write("as.yaml", f"""
sip:
  listen: [ {{ address: 127.0.0.1, port: {self.port}, transports: [udp, tcp] }} ]
as:
  register_status: {register_status}
  request_log: {self.log_file}
log_level: debug
""")
        proc = self.start("ims-as", [harness.binary("ims-as"), "--config", config])
        harness.wait_tcp(self.port, proc=proc)
        proc.wait_log("ready")
        self.peer = UdpPeer()
        self.addCleanup(self.peer.close)
        return proc

    def records(self):
        if not os.path.exists(self.log_file):
            return []
        with open(self.log_file) as f:
            return [json.loads(line) for line in f if line.strip()]

    def test_register_gets_200_and_is_logged(self):
        self.start_as()
        uri = "sip:as.ims.test"
        _, call_id = self.peer.request("REGISTER", uri, self.port,
                                       headers=["Contact: <sip:scscf@127.0.0.1>", "Expires: 600"])
        response = self.peer.recv_final()
        self.assertEqual(status_of(response), 200, response)
        self.assertEqual(header(response, "Call-ID"), [call_id])
        self.assertIn(";tag=", header(response, "To")[0])
        self.assertEqual(header(response, "Expires"), ["600"])
        # RFC 3581: the stack stamped received/rport on the Via it echoed.
        self.assertRegex(header(response, "Via")[0], r"received=127\.0\.0\.1;rport=\d+|rport=\d+;received=127\.0\.0\.1")
        record = harness.wait_for(lambda: self.records(), what="a logged request")[0]
        self.assertEqual(record["method"], "REGISTER")
        self.assertEqual(record["call_id"], call_id)
        self.assertEqual(record["expires"], "600")
        self.assertEqual(record["answered"], 200)

    def test_configured_failure_status(self):
        self.start_as(register_status=500)
        self.peer.request("REGISTER", "sip:as.ims.test", self.port, headers=["Expires: 600"])
        self.assertEqual(status_of(self.peer.recv_final()), 500)

    def test_retransmission_gets_same_response_without_second_log_line(self):
        self.start_as()
        text, _ = self.peer.request("REGISTER", "sip:as.ims.test", self.port, headers=["Expires: 60"])
        first = self.peer.recv_final()
        self.peer.send(text, self.port)  # same branch: a retransmission (RFC 3261 17.2.2)
        second = self.peer.recv_final()
        self.assertEqual(first, second)
        harness.wait_for(lambda: self.records(), what="a logged request")
        self.assertEqual(len(self.records()), 1)

    def test_options_and_unknown_method(self):
        self.start_as()
        self.peer.request("OPTIONS", "sip:as.ims.test", self.port)
        response = self.peer.recv_final()
        self.assertEqual(status_of(response), 200)
        self.assertIn("REGISTER", header(response, "Allow")[0])
        self.peer.request("MESSAGE", "sip:as.ims.test", self.port, body="hi")
        self.assertEqual(status_of(self.peer.recv_final()), 405)

    def test_malformed_request_gets_400_and_service_goes_on(self):
        self.start_as()
        bad = ("REGISTER sip:as.ims.test SIP/2.0\r\n"
               f"Via: SIP/2.0/UDP 127.0.0.1:{self.peer.port};branch=z9hG4bKbad1\r\n"
               "From: <sip:a@b>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: bad1\r\n"
               "CSeq: notanumber REGISTER\r\nContent-Length: 0\r\n\r\n")
        self.peer.send(bad, self.port)
        response = self.peer.recv_final()
        self.assertEqual(status_of(response), 400, response)
        self.assertTrue(header(response, "Warning"), response)
        self.peer.send(b"\x00\x01garbage that is no SIP at all", self.port)
        # Still serving: a valid request right after gets its answer.
        self.peer.request("OPTIONS", "sip:as.ims.test", self.port)
        self.assertEqual(status_of(self.peer.recv_final()), 200)
