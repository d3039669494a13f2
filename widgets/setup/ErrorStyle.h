#pragma once
#include <QColor>
#include <QPalette>

class QLabel;

namespace tw::widgets {

// How the Setup forms mark a problem, readable on light and dark palettes alike.
class ErrorStyle {
public:
    static QColor text(const QPalette& palette);
    // A faint red, blended into the palette's base colour: a table row with a problem.
    static QColor background(const QPalette& palette);
    // Makes `label` an error label: word-wrapped, red text, hidden while empty.
    static void applyTo(QLabel* label);
    // Shows `message` in an error label (hides it when empty).
    static void show(QLabel* label, const QString& message);
};

} // namespace tw::widgets
