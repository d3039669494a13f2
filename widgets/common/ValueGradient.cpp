#include "common/ValueGradient.h"

namespace tw::widgets {

QCPColorGradient ValueGradient::gradient()
{
    QCPColorGradient g;
    g.clearColorStops();
    g.setColorStopAt(0.0, QColor(13, 8, 135));
    g.setColorStopAt(0.25, QColor(106, 0, 168));
    g.setColorStopAt(0.5, QColor(177, 42, 144));
    g.setColorStopAt(0.75, QColor(225, 100, 98));
    g.setColorStopAt(1.0, QColor(245, 150, 40));
    g.setColorInterpolation(QCPColorGradient::ciRGB);
    return g;
}

} // namespace tw::widgets
