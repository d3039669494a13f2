#pragma once
#include "core/FrozenTrial.h"
#include "core/Random.h"

#include <cstdint>
#include <string_view>

namespace tw {

// The stream a sampler draws from for one trial of a study with a given seed, for one
// purpose (a parameter's name for an independent draw; "\x01tpe", "\x01cmaes", "\x01gp" for
// a relative one). It depends only on (seed, trial number, attempt, purpose), never on
// which worker asks or what was drawn before, so parallel workers, resumed studies and
// every thread suggest the same values for the same trial. The attempt is the trial's
// system attr "resample" (1, 2... set by the Study's duplicate guard when it asks again
// for the same trial; absent: 0), so that each attempt draws anew.
std::uint64_t trialStreamSeed(std::uint64_t seed, int trialNumber, std::uint64_t attempt, std::string_view purpose);
std::uint64_t trialStreamSeed(std::uint64_t seed, const FrozenTrial& trial, std::string_view purpose);
Random trialStream(std::uint64_t seed, const FrozenTrial& trial, std::string_view purpose);

} // namespace tw
