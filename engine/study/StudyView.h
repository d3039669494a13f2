#pragma once
#include "core/FrozenTrial.h"
#include "core/SearchSpace.h"
#include "core/StudyDirection.h"

#include <vector>

namespace tw {

// What samplers and pruners may read of a study: a consistent snapshot, cheap to call
// repeatedly. Implementations refresh it between asks, never during one.
class StudyView {
public:
    virtual ~StudyView() = default;
    virtual StudyDirection direction() const = 0;
    virtual const SearchSpace& searchSpace() const = 0;
    // Every trial of the study (all processes), ordered by number.
    virtual const std::vector<FrozenTrial>& trials() const = 0;
};

} // namespace tw
