#pragma once
#include <qcustomplot.h>

namespace tw::widgets {

// The colour scale of values and trial numbers in the analysis plots: matplotlib's
// "plasma" from dark blue through magenta to orange, without its last, pale yellow stops,
// so that the bright end still shows on a white background (thermal's end is near white).
class ValueGradient {
public:
    static QCPColorGradient gradient();
};

} // namespace tw::widgets
