#pragma once
#include "core/SearchSpace.h"
#include "pruners/Pruner.h"
#include "samplers/Sampler.h"
#include "spec/StudySpec.h"

#include <memory>

namespace tw {

// The only place that turns a study spec's choices into concrete engine classes: the
// search space (with a test function's standard domain filled in), the sampler and the
// pruner. Throws std::invalid_argument with a JSON-path message for what the parser
// could not check on its own (a grid the sampler cannot build, say).
class StudyComponents {
public:
    static SearchSpace searchSpace(const StudySpec& spec);
    static std::shared_ptr<Sampler> sampler(const StudySpec& spec, const SearchSpace& space);
    static std::shared_ptr<const Pruner> pruner(const StudySpec& spec);
    // "GP · ASHA", for the toolbar and the CLI's header.
    static QString describe(const StudySpec& spec);
};

} // namespace tw
