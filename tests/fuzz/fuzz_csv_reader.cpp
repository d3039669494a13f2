// libFuzzer target: tw::fuzz::csvReader (tests/support/FuzzTargets.h).
#include "support/FuzzTargets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    return tw::fuzz::runOne(&tw::fuzz::csvReader, data, size);
}
