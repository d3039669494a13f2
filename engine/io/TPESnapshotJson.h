#pragma once
#include "samplers/TPESnapshot.h"

#include <QString>

#include <optional>
#include <string>

namespace tw {

// Reads the JSON that TPESnapshot::toJson writes (the trial system attr "tpe_snapshot").
// Returns nothing and sets `error` (what is missing or of the wrong type, and where) for
// text that is not such a snapshot, or of another version.
class TPESnapshotJson {
public:
    static std::optional<TPESnapshot> parse(const std::string& json, QString* error);
};

} // namespace tw
