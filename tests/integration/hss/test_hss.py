"""ims-hss end to end: the real daemon on loopback, driven by ims-cx --json (helper "diameter"),
aka-tool (a USIM in a test tool) and ims-hss-test-peer (an S-CSCF that answers RTR/PPR)."""

import hashlib
import json
import os
import signal
import subprocess
import unittest

import harness

# Sanitizer builds: a one-off allocation inside freeDiameter's TLS set-up is reported as a leak
# at exit (see lsan.supp); our processes and ims-cx inherit this.
os.environ.setdefault("LSAN_OPTIONS", "suppressions=" + os.path.join(os.path.dirname(
    os.path.abspath(__file__)), "lsan.supp"))

REALM = "ims.mnc001.mcc001.3gppnetwork.org"
HSS_ID = "hss." + REALM
SCSCF_ID = "scscf." + REALM
SCSCF = "sip:scscf.%s:6060" % REALM
ALICE = "alice@" + REALM
ALICE_SIP = "sip:alice@" + REALM
ALICE_TEL = "tel:+15551230001"
BOB = "bob@" + REALM
BOB_SIP = "sip:bob@" + REALM
K = "465b5ce8b199b49faa5f0a2ee238a6bc"   # TS 35.208 test set 1
OPC = "cd63cb71954a9f4e48a5994e37a02baf"

SUBS = """service_profiles:
  - name: default
    ifcs:
      - priority: 0
        trigger_point: { condition_type_cnf: false, spt: [ { method: REGISTER } ] }
        application_server:
          server_name: "sip:as.%(realm)s:7060"
          include_register_request: true
subscribers:
  - impi: %(alice)s
    digest: { password: secret }
    aka: { k: %(k)s, opc: %(opc)s, amf: "8000" }
    allowed_visited_networks: [ visited.example.net ]
    service_profile: default
    impus: [ "%(alice_sip)s", "%(alice_tel)s" ]
  - impi: %(bob)s
    digest: { password: bobpw }
    service_profile: default
    impus: [ "%(bob_sip)s" ]
""" % dict(realm=REALM, alice=ALICE, k=K, opc=OPC, alice_sip=ALICE_SIP, alice_tel=ALICE_TEL,
           bob=BOB, bob_sip=BOB_SIP)


def listening(port):
    """True when a TCP socket listens on port (from /proc/net/tcp, without connecting)."""
    with open("/proc/net/tcp") as f:
        for line in f.readlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and int(fields[1].split(":")[1], 16) == port:
                return True
    return False


class HssTest(harness.IntegrationTest):

    def setUp(self):
        super().setUp()
        self.port = harness.free_port()
        self.hss_proc = None
        self.write("subs.yaml", SUBS)
        self.config = self.write("hss.yaml", f"""hss:
  database: {self.path('hss.sqlite')}
  provisioning_file: {self.path('subs.yaml')}
  home_network: {REALM}
  control_socket: {self.path('hss.ctl')}
  max_auth_items: 4
  server_capabilities: {{ mandatory: [1], optional: [2], server_names: [ "{SCSCF}" ] }}
  charging: {{ primary_event_function: "aaa://ccf.{REALM}" }}
log: {{ level: info }}
diameter:
  identity: {HSS_ID}
  realm: {REALM}
  listen: {{ address: 127.0.0.1, port: {self.port} }}
  state_dir: {self.path('hss-state')}
""")

    # ---- helpers -------------------------------------------------------------------------------

    def start_hss(self):
        self.hss_proc = self.start("ims-hss", [harness.binary("ims-hss"), "--config", self.config])
        self.hss_proc.wait_log("ims-hss ready", timeout=20)
        # Not harness.wait_tcp: a bare TCP probe that closes before CER makes freeDiameter 1.2.1's
        # listener stall for seconds. Watch the kernel's socket table for LISTEN instead (the
        # listener thread may start a moment after the ready line; a refused first connect makes
        # the client's freeDiameter wait its whole reconnect timer).
        harness.wait_for(lambda: listening(self.port), timeout=10, what=f"LISTEN on {self.port}")
        return self.hss_proc

    def stop_hss(self):
        code = self.hss_proc.stop()
        self.assertIn(code, (0, -signal.SIGTERM))

    def cx(self, *args):
        # A fresh state dir per run: ims-cx's identity (and self-signed certificate) is per PID.
        # --connect-timeout: freeDiameter's first connect can wait for its peer timer (seconds).
        self.cx_runs = getattr(self, "cx_runs", 0) + 1
        argv = [harness.binary("ims-cx"), "--hss", f"127.0.0.1:{self.port}", "--hss-identity", HSS_ID,
                "--realm", REALM, "--state-dir", self.path(f"cx-state-{self.cx_runs}"),
                "--connect-timeout", "15000",
                "--json"] + list(args)
        return self.run_json(argv)

    def hss_cli(self, *args, check=True):
        return self.run_tool([harness.binary("ims-hss")] + list(args), check=check)

    def usim(self, authenticate):
        return self.run_json([harness.binary("aka-tool"), "check", "--k", K, "--opc", OPC,
                              "--authenticate", authenticate])

    def code(self, answer):
        r = answer["result"]
        return (r["code"], r["experimental"])

    def mar_aka(self, items=1):
        return self.cx("mar", "--impi", ALICE, "--impu", ALICE_SIP, "--scheme", "Digest-AKAv1-MD5",
                       "--items", str(items), "--server-name", SCSCF)

    # ---- tests ---------------------------------------------------------------------------------

    def test_mar_aka_several_vectors_verify_at_the_usim(self):
        self.start_hss()
        a = self.mar_aka(items=3)
        self.assertEqual(self.code(a), (2001, False))
        self.assertEqual(a["number_auth_items"], 3)
        self.assertEqual([i["item_number"] for i in a["items"]], [1, 2, 3])
        sqns = []
        for item in a["items"]:
            self.assertEqual(item["scheme"], "Digest-AKAv1-MD5")
            u = self.usim(item["authenticate"])
            self.assertTrue(u["ok"], "AUTN does not verify at the USIM")
            self.assertEqual(item["authorization"], u["res"])
            self.assertEqual(item["confidentiality_key"], u["ck"])
            self.assertEqual(item["integrity_key"], u["ik"])
            sqns.append(u["sqn"])
        self.assertEqual(sqns, sorted(set(sqns)))
        # The cap (max_auth_items: 4) applies.
        self.assertEqual(len(self.mar_aka(items=20)["items"]), 4)
        # One structured log line per exchange, without secrets.
        log = self.hss_proc.log()
        self.assertIn(f"cx MAR impi={ALICE} impu={ALICE_SIP} scheme=Digest-AKAv1-MD5", log)
        for secret in (K, OPC, a["items"][0]["authorization"], a["items"][0]["integrity_key"]):
            self.assertNotIn(secret, log)

    def test_mar_sip_digest_md5_and_sha256(self):
        self.start_hss()
        md5 = self.cx("mar", "--impi", ALICE, "--impu", ALICE_SIP, "--scheme", "SIP Digest")
        self.assertEqual(self.code(md5), (2001, False))
        d = md5["items"][0]["digest"]
        self.assertEqual(d["algorithm"], "MD5")
        self.assertEqual(d["qop"], "auth")
        self.assertEqual(d["realm"], REALM)
        self.assertEqual(d["ha1"], hashlib.md5(f"{ALICE}:{REALM}:secret".encode()).hexdigest())
        sha = self.cx("mar", "--impi", ALICE, "--impu", ALICE_SIP, "--scheme", "SIP Digest",
                      "--algorithm", "SHA-256")
        self.assertEqual(sha["items"][0]["digest"]["algorithm"], "SHA-256")
        self.assertEqual(sha["items"][0]["digest"]["ha1"],
                         hashlib.sha256(f"{ALICE}:{REALM}:secret".encode()).hexdigest())
        # "Unknown": the subscriber's default scheme (bob: digest only).
        unk = self.cx("mar", "--impi", BOB, "--impu", BOB_SIP, "--scheme", "Unknown")
        self.assertEqual(unk["items"][0]["scheme"], "SIP Digest")
        # AKA for a digest-only subscriber: DIAMETER_ERROR_AUTH_SCHEME_NOT_SUPPORTED.
        self.assertEqual(self.code(self.cx("mar", "--impi", BOB, "--impu", BOB_SIP)), (5006, True))

    def test_auts_resynchronisation(self):
        self.start_hss()
        first = self.mar_aka()
        before = self.usim(first["items"][0]["authenticate"])["sqn"]
        sqn_ms = (5000 << 5) | 7  # the USIM is far ahead
        rand = "23553cbe9637a89d218ae64dae47bf35"
        auts = self.run_json([harness.binary("aka-tool"), "auts", "--k", K, "--opc", OPC,
                              "--rand", rand, "--sqn-ms", str(sqn_ms)])["auts"]
        a = self.cx("mar", "--impi", ALICE, "--impu", ALICE_SIP, "--scheme", "Digest-AKAv1-MD5",
                    "--items", "2", "--rand-hex", rand, "--auts-hex", auts, "--server-name", SCSCF)
        self.assertEqual(self.code(a), (2001, False))
        self.assertEqual(len(a["items"]), 2)
        sqn = self.usim(a["items"][0]["authenticate"])["sqn"]
        self.assertGreater(sqn >> 5, sqn_ms >> 5)
        self.assertGreater(sqn, before)
        # A wrong MAC-S: DIAMETER_AUTHORIZATION_REJECTED, and the SQN is not touched.
        bad = auts[:-2] + ("00" if auts[-2:] != "00" else "01")
        r = self.cx("mar", "--impi", ALICE, "--impu", ALICE_SIP, "--scheme", "Digest-AKAv1-MD5",
                    "--rand-hex", rand, "--auts-hex", bad, "--server-name", SCSCF)
        self.assertEqual(self.code(r), (5003, False))
        after = self.usim(self.mar_aka()["items"][0]["authenticate"])["sqn"]
        self.assertGreater(after, self.usim(a["items"][1]["authenticate"])["sqn"])

    def test_registration_flow_uar_sar_lir(self):
        self.start_hss()
        uaa = self.cx("uar", "--impi", ALICE, "--impu", ALICE_SIP)
        self.assertEqual(self.code(uaa), (2001, True))  # DIAMETER_FIRST_REGISTRATION
        self.assertIn(SCSCF, json.dumps(uaa["server_capabilities"]))
        self.assertEqual(self.code(self.cx("lir", "--impu", ALICE_SIP)), (5003, True))
        saa = self.cx("sar", "--impi", ALICE, "--impu", ALICE_SIP, "--type", "registration",
                      "--server-name", SCSCF)
        self.assertEqual(self.code(saa), (2001, False))
        xml = saa["user_data"]
        self.assertIn(f"<PrivateID>{ALICE}</PrivateID>", xml)
        self.assertIn(f"<Identity>{ALICE_TEL}</Identity>", xml)
        self.assertIn("<Method>REGISTER</Method>", xml)
        self.assertIn("<IncludeRegisterRequest/>", xml)
        self.assertEqual(saa["charging_information"]["primary_event_function"], f"aaa://ccf.{REALM}")
        uaa2 = self.cx("uar", "--impi", ALICE, "--impu", ALICE_TEL)
        self.assertEqual(self.code(uaa2), (2002, True))  # DIAMETER_SUBSEQUENT_REGISTRATION
        self.assertEqual(uaa2["server_name"], SCSCF)
        lia = self.cx("lir", "--impu", ALICE_TEL)
        self.assertEqual(self.code(lia), (2001, False))
        self.assertEqual(lia["server_name"], SCSCF)
        # Roaming from a network not in the subscriber's list.
        self.assertEqual(self.code(self.cx("uar", "--impi", ALICE, "--impu", ALICE_SIP,
                                           "--visited-network", "evil.example.net")), (5004, True))
        dereg = self.cx("uar", "--impi", ALICE, "--impu", ALICE_SIP, "--type", "de_registration")
        self.assertEqual(self.code(dereg), (2001, False))
        self.assertEqual(self.code(self.cx("sar", "--impi", ALICE, "--impu", ALICE_SIP, "--type",
                                           "user_deregistration", "--server-name", SCSCF)), (2001, False))
        self.assertEqual(self.code(self.cx("lir", "--impu", ALICE_SIP)), (5003, True))

    def test_every_sar_type(self):
        self.start_hss()
        other = "sip:scscf2.%s:6060" % REALM
        steps = [
            ("registration", SCSCF, (2001, False), True),
            ("re_registration", SCSCF, (2001, False), True),
            ("no_assignment", SCSCF, (2001, False), True),
            ("no_assignment", other, (5012, False), False),
            ("unregistered_user", other, (5005, True), False),   # registered elsewhere
            ("timeout_deregistration_store_server_name", SCSCF, (2001, False), False),
            ("unregistered_user", SCSCF, (2001, False), True),
            ("timeout_deregistration", SCSCF, (2001, False), False),
            ("registration", SCSCF, (2001, False), True),
            ("user_deregistration_store_server_name", SCSCF, (2001, False), False),
            ("registration", SCSCF, (2001, False), True),
            ("administrative_deregistration", SCSCF, (2001, False), False),
            ("registration", SCSCF, (2001, False), True),
            ("deregistration_too_much_data", SCSCF, (2001, False), False),
            ("authentication_failure", SCSCF, (2001, False), False),
            ("authentication_timeout", SCSCF, (2001, False), False),
            ("user_deregistration", SCSCF, (2001, False), False),
        ]
        for sat, server, expected, has_data in steps:
            args = ["sar", "--impu", ALICE_SIP, "--type", sat, "--server-name", server]
            if sat != "unregistered_user":
                args[1:1] = ["--impi", ALICE]
            a = self.cx(*args)
            self.assertEqual(self.code(a), expected, sat)
            self.assertEqual("user_data" in a, has_data, sat)

    def test_unknown_user_and_mismatch(self):
        self.start_hss()
        ghost = "ghost@" + REALM
        self.assertEqual(self.code(self.cx("uar", "--impi", ghost, "--impu", "sip:" + ghost)), (5001, True))
        self.assertEqual(self.code(self.cx("mar", "--impi", ghost, "--impu", "sip:" + ghost)), (5001, True))
        self.assertEqual(self.code(self.cx("lir", "--impu", "sip:" + ghost)), (5001, True))
        self.assertEqual(self.code(self.cx("sar", "--impi", ghost, "--impu", "sip:" + ghost)), (5001, True))
        self.assertEqual(self.code(self.cx("uar", "--impi", ALICE, "--impu", BOB_SIP)), (5002, True))

    def test_missing_avp_is_answered_and_the_daemon_lives_on(self):
        self.start_hss()
        a = self.cx("--drop-avp", "1", "mar", "--impi", ALICE, "--impu", ALICE_SIP)
        self.assertEqual(self.code(a), (5005, False))
        self.assertEqual(a["result"]["failed_avp"]["code"], 1)
        self.assertEqual(self.code(self.mar_aka()), (2001, False))
        self.assertIsNone(self.hss_proc.popen.poll())

    def test_restart_keeps_sqn_and_assignment(self):
        self.start_hss()
        before = self.usim(self.mar_aka(items=2)["items"][1]["authenticate"])["sqn"]
        self.cx("sar", "--impi", ALICE, "--impu", ALICE_SIP, "--type", "registration",
                "--server-name", SCSCF)
        self.stop_hss()
        self.start_hss()
        after = self.usim(self.mar_aka()["items"][0]["authenticate"])["sqn"]
        self.assertGreater(after, before)
        uaa = self.cx("uar", "--impi", ALICE, "--impu", ALICE_SIP)
        self.assertEqual(self.code(uaa), (2002, True))
        self.assertEqual(uaa["server_name"], SCSCF)
        shown = json.loads(self.hss_cli("subscriber", "show", "--config", self.config, "--impi", ALICE).stdout)
        self.assertEqual(shown["aka"]["sqn"], after)
        self.assertEqual(shown["scscf"], SCSCF)

    def test_store_cli_and_bad_provisioning_file(self):
        db = ["--db", self.path("cli.sqlite")]
        self.hss_cli("provision", *db, "--file", self.path("subs.yaml"))
        self.hss_cli("subscriber", "add", *db, "--impi", "carol@" + REALM, "--impu", "sip:carol@" + REALM,
                     "--impu", "tel:+15550003", "--password", "pw", "--k", K, "--op",
                     "cdc202d5123e20f62b6d676ac72cb318", "--profile", "default")
        listed = self.hss_cli("subscriber", "list", *db).stdout.split()
        self.assertEqual(listed, sorted([ALICE, BOB, "carol@" + REALM]))
        shown = json.loads(self.hss_cli("subscriber", "show", *db, "--impi", "carol@" + REALM).stdout)
        self.assertEqual(shown["default_scheme"], "aka")
        self.assertEqual(shown["implicit_sets"][0]["impus"][1]["uri"], "tel:+15550003")
        self.assertNotIn(K, json.dumps(shown))  # secrets only as fingerprints
        # A bad file: file, line and key named; nothing written (the good first entry neither).
        bad = self.write("bad.yaml", "subscribers:\n"
                         "  - impi: dave@x\n    digest: { password: p }\n    impus: [ \"sip:dave@x\" ]\n"
                         "  - impi: erin@x\n    aka: { k: 1234, opc: " + OPC + " }\n    impus: [ \"sip:erin@x\" ]\n")
        done = self.hss_cli("provision", *db, "--file", bad, check=False)
        self.assertEqual(done.returncode, 1)
        self.assertIn(f"{bad}:6: subscribers[1].aka.k: must be 32 hex digits", done.stderr)
        self.assertEqual(self.hss_cli("subscriber", "list", *db).stdout.split(), listed)
        # An IMPU owned by someone else: rolled back as a whole.
        clash = self.write("clash.yaml", "subscribers:\n"
                           "  - impi: dave@x\n    digest: { password: p }\n    impus: [ \"sip:dave@x\" ]\n"
                           f"  - impi: mallory@x\n    digest: {{ password: p }}\n    impus: [ \"{ALICE_TEL}\" ]\n")
        done = self.hss_cli("provision", *db, "--file", clash, check=False)
        self.assertEqual(done.returncode, 1)
        self.assertIn(f"{clash}:5: subscribers[1].impus: IMPU {ALICE_TEL} already belongs to {ALICE}",
                      done.stderr)
        self.assertEqual(self.hss_cli("subscriber", "list", *db).stdout.split(), listed)
        self.hss_cli("subscriber", "delete", *db, "--impi", "carol@" + REALM)
        self.assertEqual(self.hss_cli("subscriber", "show", *db, "--impi", "carol@" + REALM,
                                      check=False).returncode, 2)

    def test_operator_rtr_and_ppr_reach_the_serving_scscf(self):
        self.start_hss()
        peer_port = harness.free_port()
        peer_cfg = self.write("peer.yaml", f"""diameter:
  identity: {SCSCF_ID}
  realm: {REALM}
  listen: {{ address: 127.0.0.1, port: {peer_port} }}
  peers: [ {{ identity: {HSS_ID}, address: 127.0.0.1, port: {self.port} }} ]
  state_dir: {self.path('peer-state')}
""")
        peer = self.start("peer", [harness.binary("ims-hss-test-peer"), "--config", peer_cfg])
        peer.wait_log("peer ready")
        self.hss_proc.wait_log(f"peer {SCSCF_ID} connected", timeout=20)
        # Not served by anyone yet: refused locally.
        r = self.hss_cli("rtr", "--config", self.config, "--impi", ALICE, check=False)
        self.assertEqual(r.returncode, 2)
        self.assertIn("no assigned S-CSCF", r.stdout)
        self.cx("sar", "--impi", ALICE, "--impu", ALICE_SIP, "--type", "registration", "--server-name", SCSCF)
        ppa = json.loads(self.hss_cli("ppr", "--config", self.config, "--impi", ALICE).stdout)
        self.assertTrue(ppa["ok"])
        self.assertEqual(ppa["result_code"], 2001)
        peer.wait_log(f"peer PPR impi={ALICE}")
        rta = json.loads(self.hss_cli("rtr", "--config", self.config, "--impi", ALICE,
                                      "--reason", "remove_scscf", "--info", "maintenance").stdout)
        self.assertTrue(rta["ok"])
        self.assertEqual(rta["destination_host"], SCSCF_ID)
        self.assertEqual(sorted(rta["public_identities"]), sorted([ALICE_SIP, ALICE_TEL]))
        peer.wait_log(f"peer RTR impi={ALICE} identities=2 reason=3 info=maintenance")
        # After the RTA the HSS forgets the registration.
        self.assertEqual(self.code(self.cx("lir", "--impu", ALICE_SIP)), (5003, True))
        shown = json.loads(self.hss_cli("subscriber", "show", "--config", self.config, "--impi", ALICE).stdout)
        self.assertEqual(shown["scscf"], "")
        # TS 29.228 8.1.1: a MAR from a newly selected S-CSCF moves the user; the HSS
        # de-registers the old S-CSCF's registrations with an RTR (NEW_SERVER_ASSIGNED).
        self.cx("sar", "--impi", ALICE, "--impu", ALICE_SIP, "--type", "registration", "--server-name", SCSCF)
        self.cx("mar", "--impi", ALICE, "--impu", ALICE_SIP, "--server-name", "sip:scscf2.%s:6060" % REALM)
        peer.wait_log(f"peer RTR impi={ALICE} identities=2 reason=1")
        self.hss_proc.wait_log(f"cx RTR impi={ALICE} scscf={SCSCF_ID} reason=new_server_assigned result=2001")

    @unittest.skipUnless(harness.have("tshark"), "tshark not installed")
    def test_tshark_decodes_the_cx_exchange(self):
        self.start_hss()
        try:
            cap = harness.Capture(self, f"tcp port {self.port}")
            with cap:
                self.cx("uar", "--impi", ALICE, "--impu", ALICE_SIP)
                self.mar_aka()
                self.cx("sar", "--impi", ALICE, "--impu", ALICE_SIP, "--type", "registration",
                        "--server-name", SCSCF)
                self.cx("lir", "--impu", ALICE_SIP)
        except AssertionError as e:
            if "Capture started" in str(e):
                self.skipTest("cannot capture on lo here")
            raise
        decode = [f"tcp.port=={self.port},diameter"]
        rows = cap.fields("diameter", ["diameter.cmd.code", "diameter.flags.request"], decode)
        codes = {int(r[0]) for r in rows if r and r[0]}
        self.assertTrue({300, 301, 302, 303} <= codes, rows)
        malformed = cap.fields("_ws.malformed || _ws.expert.severity == error", ["frame.number"], decode)
        self.assertEqual(malformed, [])


if __name__ == "__main__":
    unittest.main()
