#pragma once
#include "core/StudyDirection.h"

#include <cstdint>
#include <map>
#include <string>

namespace tw {

// A study as the storage keeps it: its name, direction and the spec it was created from.
struct StudyRecord {
    std::int64_t id = -1;
    std::string name;
    StudyDirection direction = StudyDirection::Minimize;
    std::string specJson;   // canonical JSON of the study spec, compared on resume
    std::string metric;     // the value's name in the UI ("val_accuracy", "value")
    std::string appVersion; // what ran it: determinism depends on these
    std::string buildFlags;
    int threads = 1;
    std::map<std::string, std::string> userAttrs;    // JSON text values
    std::map<std::string, std::string> systemAttrs;  // JSON text values
};

} // namespace tw
