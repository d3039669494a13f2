// libFuzzer target: tw::fuzz::storageUrl (tests/support/FuzzTargets.h).
#include "support/FuzzTargets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    return tw::fuzz::runOne(&tw::fuzz::storageUrl, data, size);
}
