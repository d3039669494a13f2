#include "common/StateColors.h"

namespace tw::widgets {

QColor StateColors::color(TrialState state)
{
    switch (state) {
    case TrialState::Waiting: return QColor(0x88, 0x88, 0x88);
    case TrialState::Running: return QColor(0x1f, 0x77, 0xb4);
    case TrialState::Complete: return QColor(0x2c, 0xa0, 0x2c);
    case TrialState::Pruned: return QColor(0xff, 0x7f, 0x0e);
    case TrialState::Failed: return QColor(0xd6, 0x27, 0x28);
    }
    return QColor(Qt::gray);
}

QColor StateColors::rowBackground(TrialState state, const QPalette& palette)
{
    const QColor base = palette.color(QPalette::Base);
    const QColor tint = color(state);
    const double a = 0.18;
    return QColor::fromRgbF(static_cast<float>(base.redF() * (1 - a) + tint.redF() * a),
                            static_cast<float>(base.greenF() * (1 - a) + tint.greenF() * a),
                            static_cast<float>(base.blueF() * (1 - a) + tint.blueF() * a));
}

} // namespace tw::widgets
