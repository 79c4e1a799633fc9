// Parsing a typical IMS REGISTER (with Digest-AKA Authorization) and reading the fields a
// registrar needs, with our parser and with GNU oSIP, side by side on the same bytes.
// Targets: <= 2 us median for ours, and <= half of oSIP's time. Results: bench/RESULTS.md.
//   sip_parse_register_bench --benchmark_repetitions=10 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>
#include <osipparser2/osip_parser.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "common/sip/message.hpp"

namespace {

// ~970 bytes, CRLF line ends (same message as tests/unit/sip/torture_messages.hpp).
const std::string k_register =
    "REGISTER sip:ims.mnc001.mcc001.3gppnetwork.org SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 10.45.0.2:5060;branch=z9hG4bK-524287-1---3c2e3d9a5f5b9c1c;rport\r\n"
    "Max-Forwards: 70\r\n"
    "Contact: <sip:001010000000001@10.45.0.2:5060>;expires=600000;+sip.instance=\"<urn:gsma:"
    "imei:35209900-176148-0>\";reg-id=1\r\n"
    "To: <sip:001010000000001@ims.mnc001.mcc001.3gppnetwork.org>\r\n"
    "From: <sip:001010000000001@ims.mnc001.mcc001.3gppnetwork.org>;tag=3c2e3d9a\r\n"
    "Call-ID: 3c2e3d9a5f5b9c1c-1@10.45.0.2\r\n"
    "CSeq: 2 REGISTER\r\n"
    "Authorization: Digest username=\"001010000000001@ims.mnc001.mcc001.3gppnetwork.org\","
    "realm=\"ims.mnc001.mcc001.3gppnetwork.org\",nonce=\"RJd3nPLRL2X2hH0ZJvMKAm1hBqGgPSpS0hi2+"
    "JwEXAg=\",uri=\"sip:ims.mnc001.mcc001.3gppnetwork.org\",response="
    "\"2bb4bb4d5e8f8d6c2b1d0ba55b3f2a6e\",algorithm=AKAv1-MD5,cnonce=\"a7d6f4e2\",qop=auth,"
    "nc=00000001\r\n"
    "Supported: path,gruu,sec-agree\r\n"
    "Require: sec-agree\r\n"
    "Security-Client: ipsec-3gpp;alg=hmac-sha-1-96;spi-c=3929102;spi-s=3929103;port-c=5062;"
    "port-s=5064\r\n"
    "Content-Length: 0\r\n"
    "\r\n";

// Sum of field sizes read, so neither side can skip work.
std::size_t read_ims(const ims::sip::Message& m) {
    namespace hdr = ims::sip::hdr;
    std::size_t n = 0;
    const auto via = m.get<hdr::Via>();
    n += via.value().host.size() + via.value().branch().size();
    const auto from = m.get<hdr::From>();
    n += from.value().uri.user.size() + from.value().uri.host.size() + from.value().tag().size();
    const auto to = m.get<hdr::To>();
    n += to.value().uri.user.size() + to.value().uri.host.size();
    n += m.get<hdr::CallId>().value().value.size();
    const auto cseq = m.get<hdr::CSeq>();
    n += cseq.value().sequence + cseq.value().method.size();
    const auto contact = m.get<hdr::Contact>();
    n += contact.value().uri.host.size() + contact.value().params.get("expires")->size();
    const auto auth = m.get<hdr::Authorization>();
    n += auth.value().username().size() + auth.value().realm().size() +
         auth.value().nonce().size() + auth.value().uri().size() + auth.value().response().size();
    return n;
}

std::size_t len(const char* s) {
    return s ? std::strlen(s) : 0;
}

std::size_t read_osip(osip_message_t* sip) {
    std::size_t n = 0;
    osip_via_t* via = nullptr;
    osip_message_get_via(sip, 0, &via);
    osip_generic_param_t* branch = nullptr;
    osip_via_param_get_byname(via, const_cast<char*>("branch"), &branch);
    n += len(osip_via_get_host(via)) + len(branch->gvalue);
    osip_from_t* from = osip_message_get_from(sip);
    osip_generic_param_t* tag = nullptr;
    osip_from_param_get_byname(from, const_cast<char*>("tag"), &tag);
    n += len(from->url->username) + len(from->url->host) + len(tag->gvalue);
    osip_to_t* to = osip_message_get_to(sip);
    n += len(to->url->username) + len(to->url->host);
    n += len(osip_call_id_get_number(osip_message_get_call_id(sip)));
    osip_cseq_t* cseq = osip_message_get_cseq(sip);
    n += std::strtoul(osip_cseq_get_number(cseq), nullptr, 10) + len(osip_cseq_get_method(cseq));
    osip_contact_t* contact = nullptr;
    osip_message_get_contact(sip, 0, &contact);
    osip_generic_param_t* expires = nullptr;
    osip_contact_param_get_byname(contact, const_cast<char*>("expires"), &expires);
    n += len(contact->url->host) + len(expires->gvalue);
    osip_authorization_t* auth = nullptr;
    osip_message_get_authorization(sip, 0, &auth);
    // oSIP keeps the quotes; lengths differ by 2 per quoted value, which does not matter here.
    n += len(osip_authorization_get_username(auth)) + len(osip_authorization_get_realm(auth)) +
         len(osip_authorization_get_nonce(auth)) + len(osip_authorization_get_uri(auth)) +
         len(osip_authorization_get_response(auth));
    return n;
}

void BM_parse_register_ims(benchmark::State& state) {
    ims::sip::ParseOptions options;
    options.datagram = true;
    for (auto _ : state) {
        auto m = ims::sip::Message::parse(k_register, options);
        if (!m) state.SkipWithError("parse failed");
        benchmark::DoNotOptimize(read_ims(m.value()));
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * k_register.size()));
}
BENCHMARK(BM_parse_register_ims);

void BM_parse_register_osip(benchmark::State& state) {
    for (auto _ : state) {
        osip_message_t* sip = nullptr;
        osip_message_init(&sip);
        if (osip_message_parse(sip, k_register.data(), k_register.size()) != 0) {
            state.SkipWithError("osip parse failed");
        }
        benchmark::DoNotOptimize(read_osip(sip));
        osip_message_free(sip);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * k_register.size()));
}
BENCHMARK(BM_parse_register_osip);

// Without the parse-time validation of Via/From/To/Call-ID/CSeq (fields then parsed once, on
// access), to show what validation costs.
void BM_parse_register_ims_unvalidated(benchmark::State& state) {
    ims::sip::ParseOptions options;
    options.datagram = true;
    options.validate = false;
    for (auto _ : state) {
        auto m = ims::sip::Message::parse(k_register, options);
        if (!m) state.SkipWithError("parse failed");
        benchmark::DoNotOptimize(read_ims(m.value()));
    }
}
BENCHMARK(BM_parse_register_ims_unvalidated);

// Parse only (no field reads), to show where the time goes.
void BM_parse_register_ims_structure_only(benchmark::State& state) {
    ims::sip::ParseOptions options;
    options.datagram = true;
    options.validate = false;
    for (auto _ : state) {
        auto m = ims::sip::Message::parse(k_register, options);
        benchmark::DoNotOptimize(m);
    }
}
BENCHMARK(BM_parse_register_ims_structure_only);

}  // namespace

int main(int argc, char** argv) {
    parser_init();  // oSIP's one-time initialisation
    {
        // Both parsers must read the same fields out of the same bytes.
        ims::sip::ParseOptions options;
        options.datagram = true;
        auto m = ims::sip::Message::parse(k_register, options);
        osip_message_t* sip = nullptr;
        osip_message_init(&sip);
        if (!m || osip_message_parse(sip, k_register.data(), k_register.size()) != 0) {
            std::fprintf(stderr, "benchmark message does not parse\n");
            return 1;
        }
        std::fprintf(stderr, "message %zu bytes; fields read: ims=%zu osip=%zu\n",
                     k_register.size(), read_ims(m.value()), read_osip(sip));
        osip_message_free(sip);
    }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
