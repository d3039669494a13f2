// libFuzzer target: tw::fuzz::modelFile (tests/support/FuzzTargets.h).
#include "support/FuzzTargets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    return tw::fuzz::runOne(&tw::fuzz::modelFile, data, size);
}
