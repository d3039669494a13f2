#include "trial/MisclassifiedGrid.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace tw::widgets {

namespace {

constexpr int kMargin = 8;
constexpr int kGap = 10;
constexpr int kTargetSide = 84; // about 3x a 28x28 image

// 87, or 99.6 near certainty (never a rounded 100 for a model that was not sure).
QString percent(double p)
{
    const double v = p * 100.0;
    if (v < 99.5)
        return QString::number(v, 'f', 0);
    return v < 99.95 ? QString::number(v, 'f', 1) : QStringLiteral(">99.9");
}

} // namespace

MisclassifiedGrid::MisclassifiedGrid(QWidget* parent)
    : QWidget(parent)
{
    QSizePolicy p(QSizePolicy::Preferred, QSizePolicy::Preferred);
    p.setHeightForWidth(true);
    setSizePolicy(p);
    setMouseTracking(true);
}

void MisclassifiedGrid::setCells(const QList<Cell>& cells)
{
    m_cells = cells;
    updateGeometry();
    update();
}

QString MisclassifiedGrid::caption(const Cell& cell)
{
    return QStringLiteral("%1 → %2").arg(cell.truth, cell.predicted);
}

int MisclassifiedGrid::imageSide() const
{
    int side = 1;
    for (const Cell& c : m_cells)
        side = std::max({side, c.image.width(), c.image.height()});
    // A whole number of screen pixels per image pixel, about kTargetSide in all.
    const int scale = std::max(1, (kTargetSide + side / 2) / side);
    return side * scale;
}

int MisclassifiedGrid::cellWidth() const
{
    return std::max(imageSide(), fontMetrics().horizontalAdvance(QStringLiteral("T-shirt/top → Ankle boot")) + 4);
}

int MisclassifiedGrid::cellHeight() const
{
    return imageSide() + 4 + 2 * fontMetrics().height();
}

int MisclassifiedGrid::columns(int width) const
{
    return std::max(1, (width - 2 * kMargin + kGap) / (cellWidth() + kGap));
}

int MisclassifiedGrid::heightForWidth(int width) const
{
    if (m_cells.isEmpty())
        return 0;
    const int cols = columns(width);
    const int rows = (static_cast<int>(m_cells.size()) + cols - 1) / cols;
    return 2 * kMargin + rows * cellHeight() + (rows - 1) * kGap;
}

QSize MisclassifiedGrid::sizeHint() const
{
    const int w = 2 * kMargin + 8 * cellWidth() + 7 * kGap;
    return {w, heightForWidth(w)};
}

QRect MisclassifiedGrid::cellRect(int index) const
{
    if (index < 0 || index >= m_cells.size())
        return {};
    const int cols = columns(width());
    const int r = index / cols;
    const int c = index % cols;
    const int used = cols * cellWidth() + (cols - 1) * kGap; // centred
    const int left = std::max(kMargin, (width() - used) / 2);
    return QRect(left + c * (cellWidth() + kGap), kMargin + r * (cellHeight() + kGap), cellWidth(), cellHeight());
}

QRect MisclassifiedGrid::imageRect(int index) const
{
    const QRect cell = cellRect(index);
    if (cell.isNull())
        return {};
    const QImage& img = m_cells[index].image;
    const int side = imageSide();
    const int longest = std::max({1, img.width(), img.height()});
    const int w = img.width() * side / longest;
    const int h = img.height() * side / longest;
    return QRect(cell.x() + (cell.width() - w) / 2, cell.y() + (side - h) / 2, w, h);
}

void MisclassifiedGrid::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::SmoothPixmapTransform, false);
    const QFontMetrics fm = fontMetrics();
    for (int i = 0; i < m_cells.size(); ++i) {
        const Cell& cell = m_cells[i];
        const QRect box = cellRect(i);
        const QRect img = imageRect(i);
        p.drawImage(img, cell.image);
        p.setPen(palette().color(QPalette::Mid));
        p.drawRect(img.adjusted(0, 0, -1, -1));
        const QRect line1(box.x(), box.y() + imageSide() + 4, box.width(), fm.height());
        p.setPen(palette().color(QPalette::Text));
        p.drawText(line1, Qt::AlignHCenter | Qt::AlignVCenter,
                   fm.elidedText(caption(cell), Qt::ElideMiddle, box.width()));
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(line1.translated(0, fm.height()), Qt::AlignHCenter | Qt::AlignVCenter,
                   tr("%1% sure · row %2").arg(percent(cell.probability)).arg(cell.row));
    }
}

bool MisclassifiedGrid::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto* help = static_cast<QHelpEvent*>(event);
        for (int i = 0; i < m_cells.size(); ++i)
            if (cellRect(i).contains(help->pos())) {
                const Cell& c = m_cells[i];
                QToolTip::showText(help->globalPos(),
                                   tr("Dataset row %1: a %2, taken for a %3 (probability %4)")
                                       .arg(c.row)
                                       .arg(c.truth, c.predicted, QString::number(c.probability, 'f', 3)),
                                   this);
                return true;
            }
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    return QWidget::event(event);
}

} // namespace tw::widgets
