#pragma once
// How ims-cx shows a Cx answer: readable text, or JSON (binary AVPs as lowercase hex).
// Pure functions over the plain structs; unit-tested.

#include <string>

#include <nlohmann/json.hpp>

#include "common/diameter/cx_types.hpp"

struct msg;  // freeDiameter

namespace ims::cx::cli {

std::string to_hex(const Bytes& b);
/// Parses hex (case-insensitive, optional "0x", spaces/colons ignored); nullopt if malformed.
std::optional<Bytes> from_hex(std::string_view text);

nlohmann::json to_json(const Uaa& a);
nlohmann::json to_json(const Saa& a);
nlohmann::json to_json(const Lia& a);
nlohmann::json to_json(const Maa& a);
nlohmann::json to_json(const Rta& a);
nlohmann::json to_json(const Ppa& a);

/// Removes every top-level AVP (code, vendor) of a message; returns how many.
int drop_avp(struct msg* m, std::uint32_t code, std::uint32_t vendor);

/// Readable multi-line text of the same content.
std::string to_text(const nlohmann::json& answer);

}  // namespace ims::cx::cli
