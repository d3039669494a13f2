#pragma once
#include "spec/SearchSpaceSpec.h"
#include "spec/SpecReader.h"
#include "spec/StudySpec.h"

namespace tw::specparse {

// `search_space`: one entry per parameter (float, int, categorical, fixed, with an
// optional condition), and the checks that tie it to the objective.
class SearchSpaceSectionParser {
public:
    static SearchSpaceSpec parse(const SpecReader& r);
    // The parameters fit the parsed objective: a train objective's keys are dotted paths
    // into it that accept every value of their domain; a command's {placeholders} name
    // parameters; a function's parameters are x0..x(dim-1).
    static void checkAgainstObjective(const StudySpec& spec);
};

} // namespace tw::specparse
