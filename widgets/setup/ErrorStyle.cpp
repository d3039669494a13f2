#include "setup/ErrorStyle.h"

#include <QLabel>

namespace tw::widgets {

namespace {

bool isDark(const QPalette& palette)
{
    return palette.color(QPalette::Base).lightnessF() < 0.5;
}

} // namespace

QColor ErrorStyle::text(const QPalette& palette)
{
    return isDark(palette) ? QColor(0xff, 0x7b, 0x72) : QColor(0xc6, 0x28, 0x28);
}

QColor ErrorStyle::background(const QPalette& palette)
{
    const QColor base = palette.color(QPalette::Base);
    const QColor red = isDark(palette) ? QColor(0xd3, 0x2f, 0x2f) : QColor(0xf4, 0x43, 0x36);
    const double a = isDark(palette) ? 0.35 : 0.22;
    return QColor::fromRgbF(static_cast<float>(base.redF() * (1 - a) + red.redF() * a),
                            static_cast<float>(base.greenF() * (1 - a) + red.greenF() * a),
                            static_cast<float>(base.blueF() * (1 - a) + red.blueF() * a));
}

void ErrorStyle::applyTo(QLabel* label)
{
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, text(p));
    label->setPalette(p);
    label->setVisible(false);
}

void ErrorStyle::show(QLabel* label, const QString& message)
{
    label->setText(message);
    label->setToolTip(message);
    label->setVisible(!message.isEmpty());
}

} // namespace tw::widgets
