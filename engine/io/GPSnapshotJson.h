#pragma once
#include "samplers/GPSnapshot.h"

#include <QString>

#include <optional>
#include <string>

namespace tw {

// Reads the JSON that GPSnapshot::toJson writes (the trial system attr "gp_snapshot").
// Returns nothing and sets `error` (what is missing or of the wrong type, and where) for
// text that is not such a snapshot, or of another version.
class GPSnapshotJson {
public:
    static std::optional<GPSnapshot> parse(const std::string& json, QString* error);
};

} // namespace tw
