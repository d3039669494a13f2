#pragma once
#include "core/TrialState.h"

#include <QColor>
#include <QPalette>

namespace tw::widgets {

// One colour per trial state, shared by the leaderboard and the plots so a state reads
// the same everywhere. Chosen to stay legible on light and dark palettes.
class StateColors {
public:
    static QColor color(TrialState state);
    // A faint background for table rows, blended with the palette's base colour.
    static QColor rowBackground(TrialState state, const QPalette& palette);
};

} // namespace tw::widgets
