#include "common/config/config.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

#include <gtest/gtest.h>

namespace ims::config {
namespace {

using namespace std::chrono_literals;

// Runs `action`, which must throw ConfigError; returns it for inspection.
ConfigError expect_error(const std::function<void()>& action) {
    try {
        action();
    } catch (const ConfigError& e) {
        return e;
    }
    ADD_FAILURE() << "no ConfigError thrown";
    return ConfigError(config_errc::invalid, "", 0, "", "");
}

constexpr const char* kSample = R"(# line 1
hss:
  realm: ims.mnc001.mcc001.3gppnetwork.org
  port: 3868
  debug: yes
  ratio: 0.25
diameter:
  peers:
    - host: hss.local
      port: 3868
    - host: other.local
      port: 70000
  timeout: 500ms
  watchdog: 30s
  nested:
    - [1, 2]
    - [3, abc]
)";

TEST(ConfigLoad, ReadsScalarsOfEveryType) {
    Node root = load_string(kSample, "sample.yaml");
    Node hss = root.child("hss");
    EXPECT_EQ(hss.get<std::string>("realm"), "ims.mnc001.mcc001.3gppnetwork.org");
    EXPECT_EQ(hss.get<std::uint16_t>("port"), 3868);
    EXPECT_EQ(hss.get<int>("port"), 3868);
    EXPECT_EQ(hss.get<std::int64_t>("port"), 3868);
    EXPECT_EQ(hss.get<std::uint32_t>("port"), 3868u);
    EXPECT_EQ(hss.get<std::uint64_t>("port"), 3868u);
    EXPECT_TRUE(hss.get<bool>("debug"));
    EXPECT_DOUBLE_EQ(hss.get<double>("ratio"), 0.25);
    EXPECT_EQ(hss.path(), "hss");
    EXPECT_EQ(hss.line(), 2);
    EXPECT_EQ(hss.file(), "sample.yaml");
}

TEST(ConfigLoad, OptionalAndFallbackValues) {
    Node root = load_string("a: 5\nempty:\nnull_value: ~\n", "opt.yaml");
    EXPECT_EQ(root.get_or<int>("a", 9), 5);
    EXPECT_EQ(root.get_or<int>("b", 9), 9);
    EXPECT_EQ(root.get_or<int>("empty", 9), 9);
    EXPECT_EQ(root.get_optional<int>("a"), 5);
    EXPECT_FALSE(root.get_optional<int>("missing").has_value());
    EXPECT_FALSE(root.get_optional<int>("null_value").has_value());
    EXPECT_TRUE(root.has("a"));
    EXPECT_FALSE(root.has("empty"));
    EXPECT_FALSE(root.has("b"));
    EXPECT_FALSE(root.child_optional("b").has_value());
    // A present but invalid value is an error even with a fallback.
    Node bad = load_string("a: x\n", "opt.yaml");
    EXPECT_THROW(bad.get_or<int>("a", 1), ConfigError);
}

TEST(ConfigLoad, NestedSequencesAndMapsHavePathsAndLines) {
    Node root = load_string(kSample, "sample.yaml");
    Node diameter = root.child("diameter");
    auto peers = diameter.child("peers").items();
    ASSERT_EQ(peers.size(), 2u);
    EXPECT_EQ(peers[0].path(), "diameter.peers[0]");
    EXPECT_EQ(peers[1].path(), "diameter.peers[1]");
    EXPECT_EQ(peers[1].line(), 11);
    EXPECT_EQ(peers[1].get<std::string>("host"), "other.local");
    EXPECT_TRUE(diameter.child("peers").is_sequence());
    EXPECT_TRUE(peers[0].is_map());

    auto nested = diameter.child("nested").items();
    ASSERT_EQ(nested.size(), 2u);
    auto inner = nested[1].items();
    ASSERT_EQ(inner.size(), 2u);
    EXPECT_EQ(inner[0].as<int>(), 3);
    EXPECT_TRUE(inner[0].is_scalar());
    EXPECT_EQ(inner[1].path(), "diameter.nested[1][1]");

    ConfigError e = expect_error([&] { inner[1].as<int>(); });
    EXPECT_EQ(e.file(), "sample.yaml");
    EXPECT_EQ(e.line(), 17);
    EXPECT_EQ(e.key(), "diameter.nested[1][1]");
    EXPECT_EQ(e.code(), config_errc::invalid_value);

    EXPECT_EQ(root.keys(), (std::vector<std::string>{"hss", "diameter"}));
}

TEST(ConfigErrors, PortOutOfRangeNamesFileLineAndKey) {
    Node root = load_string(kSample, "sample.yaml");
    auto peers = root.child("diameter").child("peers").items();
    EXPECT_EQ(peers[1].get<int>("port"), 70000);
    ConfigError e = expect_error([&] { peers[1].get<std::uint16_t>("port"); });
    EXPECT_EQ(e.file(), "sample.yaml");
    EXPECT_EQ(e.line(), 12);
    EXPECT_EQ(e.key(), "diameter.peers[1].port");
    EXPECT_EQ(e.code(), config_errc::out_of_range);
    EXPECT_STREQ(e.what(),
                 "sample.yaml:12: diameter.peers[1].port: 70000 is out of range (0..65535)");
}

TEST(ConfigErrors, NotAnIntegerNamesFileLineAndKey) {
    Node root = load_string("server:\n  threads: abc\n", "t.yaml");
    ConfigError e = expect_error([&] { root.child("server").get<int>("threads"); });
    EXPECT_EQ(e.line(), 2);
    EXPECT_EQ(e.key(), "server.threads");
    EXPECT_EQ(std::string(e.what()), "t.yaml:2: server.threads: expected an integer, got \"abc\"");
}

TEST(ConfigErrors, IntegerLimits) {
    Node root = load_string(
        "neg: -1\nbig: 4294967296\nmin64: -9223372036854775808\nhuge: 99999999999999999999999\n"
        "hex: 0x1F\nfloat: 1.5\n",
        "lim.yaml");
    EXPECT_EQ(root.get<int>("neg"), -1);
    EXPECT_EQ(root.get<std::int64_t>("min64"), std::numeric_limits<std::int64_t>::min());
    EXPECT_EQ(root.get<std::uint64_t>("big"), 4294967296u);
    EXPECT_EQ(root.get<std::uint32_t>("hex"), 31u);
    EXPECT_EQ(expect_error([&] { root.get<std::uint32_t>("neg"); }).code(),
              config_errc::out_of_range);
    EXPECT_EQ(expect_error([&] { root.get<std::uint32_t>("big"); }).line(), 2);
    EXPECT_EQ(expect_error([&] { root.get<int>("big"); }).code(), config_errc::out_of_range);
    EXPECT_EQ(expect_error([&] { root.get<std::uint64_t>("huge"); }).code(),
              config_errc::out_of_range);
    EXPECT_EQ(expect_error([&] { root.get<int>("float"); }).code(), config_errc::invalid_value);
    EXPECT_DOUBLE_EQ(root.get<double>("float"), 1.5);
}

TEST(ConfigErrors, BoolAndDoubleConversion) {
    Node root = load_string("a: maybe\nb: 1.2.3\nc: Off\n", "b.yaml");
    ConfigError e = expect_error([&] { root.get<bool>("a"); });
    EXPECT_EQ(e.line(), 1);
    EXPECT_EQ(e.key(), "a");
    EXPECT_EQ(expect_error([&] { root.get<double>("b"); }).line(), 2);
    EXPECT_FALSE(root.get<bool>("c"));
}

TEST(ConfigErrors, MissingKeyNamesParentLineAndFullPath) {
    Node root = load_string("top: 1\nsection:\n  present: 1\n  other: 2\n", "m.yaml");
    ConfigError e = expect_error([&] { root.child("section").get<int>("absent"); });
    EXPECT_EQ(e.code(), config_errc::missing_key);
    EXPECT_EQ(e.line(), 2);
    EXPECT_EQ(e.key(), "section.absent");
    EXPECT_STREQ(e.what(), "m.yaml:2: section.absent: missing required key");
}

TEST(ConfigErrors, EmptyValueIsMissing) {
    Node root = load_string("a: 1\nname:\n", "e.yaml");
    ConfigError e = expect_error([&] { root.get<std::string>("name"); });
    EXPECT_EQ(e.code(), config_errc::missing_key);
    EXPECT_EQ(e.line(), 2);
    EXPECT_EQ(e.key(), "name");
}

TEST(ConfigErrors, WrongNodeKind) {
    Node root = load_string("list:\n  - 1\nmap:\n  k: v\nscalar: 3\n", "k.yaml");
    ConfigError e = expect_error([&] { root.get<std::string>("map"); });
    EXPECT_EQ(e.code(), config_errc::wrong_type);
    EXPECT_EQ(e.line(), 3);
    EXPECT_EQ(e.key(), "map");
    e = expect_error([&] { root.child("map").items(); });
    EXPECT_EQ(e.code(), config_errc::wrong_type);
    EXPECT_EQ(e.key(), "map");
    e = expect_error([&] { root.child("list").keys(); });
    EXPECT_EQ(e.line(), 1);
    e = expect_error([&] { root.child("scalar").get<int>("x"); });
    EXPECT_EQ(e.code(), config_errc::wrong_type);
    EXPECT_EQ(e.line(), 5);
    EXPECT_EQ(e.key(), "scalar");
}

TEST(ConfigErrors, UnknownKeyNamesTheTypoAndItsLine) {
    Node root = load_string("sip:\n  listen: 127.0.0.1\n  prot: 5060\n", "u.yaml");
    Node sip = root.child("sip");
    ConfigError e = expect_error([&] { sip.reject_unknown({"listen", "port", "transport"}); });
    EXPECT_EQ(e.code(), config_errc::unknown_key);
    EXPECT_EQ(e.line(), 3);
    EXPECT_EQ(e.key(), "sip.prot");
    EXPECT_NE(std::string(e.what()).find("did you mean 'port'"), std::string::npos) << e.what();
    EXPECT_NO_THROW(sip.reject_unknown({"listen", "prot"}));
    e = expect_error([&] { root.reject_unknown({"other"}); });
    EXPECT_NE(std::string(e.what()).find("known keys: other"), std::string::npos) << e.what();
}

TEST(ConfigErrors, FailNamesKeyLineOrNodeLine) {
    Node root = load_string("x: 1\nsubscriber:\n  impi: alice\n  k: 0011\n", "f.yaml");
    Node sub = root.child("subscriber");
    ConfigError e = expect_error([&] { sub.fail("k", "must be 32 hex digits"); });
    EXPECT_EQ(e.line(), 4);
    EXPECT_EQ(e.key(), "subscriber.k");
    EXPECT_EQ(e.message(), "must be 32 hex digits");
    EXPECT_STREQ(e.what(), "f.yaml:4: subscriber.k: must be 32 hex digits");
    e = expect_error([&] { sub.fail("opc", "K or OPc missing"); });
    EXPECT_EQ(e.line(), 2);
    EXPECT_EQ(e.key(), "subscriber.opc");
    e = expect_error([&] { sub.fail("", "incomplete"); });
    EXPECT_EQ(e.key(), "subscriber");
    EXPECT_EQ(e.line(), 2);
}

TEST(ConfigErrors, SyntaxErrorHasItsLine) {
    ConfigError e = expect_error([] { load_string("a: 1\nb: [1, 2\nc: 3\n", "s.yaml"); });
    EXPECT_EQ(e.code(), config_errc::syntax_error);
    EXPECT_EQ(e.file(), "s.yaml");
    EXPECT_GE(e.line(), 2);
    EXPECT_TRUE(e.key().empty());
    e = expect_error([] { load_string("a: 1\n  b: 2\n", "s2.yaml"); });
    EXPECT_EQ(e.code(), config_errc::syntax_error);
    EXPECT_EQ(e.line(), 2);
}

TEST(ConfigErrors, DuplicateKeyIsRejected) {
    ConfigError e =
        expect_error([] { load_string("list:\n  - a: 1\n    b: 2\n    a: 3\n", "d.yaml"); });
    EXPECT_EQ(e.code(), config_errc::duplicate_key);
    EXPECT_EQ(e.line(), 4);
    EXPECT_EQ(e.key(), "list[0].a");
    EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos) << e.what();
}

TEST(ConfigDurations, IntegersAndUnits) {
    Node root = load_string(
        "bare: 250\nms: 500ms\ns: 30s\nm: 5m\nh: 1h\nbad: 5 parsecs\nfrac: 1500ms\nneg: -5s\n",
        "dur.yaml");
    EXPECT_EQ(root.get<std::chrono::milliseconds>("bare"), 250ms);
    EXPECT_EQ(root.get<std::chrono::seconds>("bare"), 250s);
    EXPECT_EQ(root.get<std::chrono::milliseconds>("ms"), 500ms);
    EXPECT_EQ(root.get<std::chrono::milliseconds>("s"), 30s);
    EXPECT_EQ(root.get<std::chrono::seconds>("s"), 30s);
    EXPECT_EQ(root.get<std::chrono::seconds>("m"), 300s);
    EXPECT_EQ(root.get<std::chrono::milliseconds>("h"), 3600s);
    EXPECT_EQ(root.get_or<std::chrono::seconds>("absent", 7s), 7s);

    ConfigError e = expect_error([&] { root.get<std::chrono::milliseconds>("bad"); });
    EXPECT_EQ(e.line(), 6);
    EXPECT_EQ(e.key(), "bad");
    EXPECT_EQ(e.code(), config_errc::invalid_value);
    e = expect_error([&] { root.get<std::chrono::seconds>("frac"); });
    EXPECT_EQ(e.line(), 7);
    e = expect_error([&] { root.get<std::chrono::seconds>("neg"); });
    EXPECT_EQ(e.line(), 8);
}

TEST(ConfigDurations, NonThrowingParse) {
    EXPECT_EQ(parse_duration("2s", 1ms).value(), 2000ms);
    EXPECT_EQ(parse_duration("3", 1s).value(), 3000ms);
    EXPECT_EQ(parse_duration("x", 1s).error(), config_errc::invalid_value);
    EXPECT_EQ(parse_duration("99999999999999999999h", 1s).error(), config_errc::out_of_range);
    EXPECT_EQ(parse_duration("9999999999999999h", 1s).error(), config_errc::out_of_range);
}

TEST(ConfigFile, MissingFileNamesIt) {
    ConfigError e = expect_error([] { load_file("/nonexistent/dir/ims.yaml"); });
    EXPECT_EQ(e.code(), config_errc::file_not_found);
    EXPECT_EQ(e.file(), "/nonexistent/dir/ims.yaml");
    EXPECT_EQ(e.line(), 0);
    EXPECT_NE(std::string(e.what()).find("/nonexistent/dir/ims.yaml: cannot open file"),
              std::string::npos)
        << e.what();
}

TEST(ConfigFile, LoadsFromDiskAndErrorsNameThePath) {
    auto path = std::filesystem::temp_directory_path() /
                ("ims_config_test_" + std::to_string(::getpid()) + ".yaml");
    {
        std::ofstream out(path);
        out << "a:\n  b:\n    c: nope\n";
    }
    Node root = load_file(path);
    ConfigError e = expect_error([&] { root.child("a").child("b").get<std::uint32_t>("c"); });
    std::filesystem::remove(path);
    EXPECT_EQ(e.file(), path.string());
    EXPECT_EQ(e.line(), 3);
    EXPECT_EQ(e.key(), "a.b.c");
}

TEST(ConfigFile, EmptyDocumentIsAnEmptyMap) {
    Node root = load_string("", "empty.yaml");
    EXPECT_TRUE(root.is_null());
    EXPECT_FALSE(root.has("x"));
    EXPECT_TRUE(root.keys().empty());
    EXPECT_NO_THROW(root.reject_unknown({"a"}));
    ConfigError e = expect_error([&] { root.get<int>("x"); });
    EXPECT_EQ(e.code(), config_errc::missing_key);
    EXPECT_EQ(e.line(), 1);
}

TEST(ConfigErrc, CategoryHasMessages) {
    std::error_code ec = config_errc::unknown_key;
    EXPECT_EQ(std::string(ec.category().name()), "ims.config");
    EXPECT_EQ(ec.message(), "unknown key");
}

}  // namespace
}  // namespace ims::config
