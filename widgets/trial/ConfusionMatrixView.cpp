#include "trial/ConfusionMatrixView.h"

#include <QPainter>

#include <algorithm>

namespace tw::widgets {

ConfusionMatrixView::ConfusionMatrixView(QWidget* parent)
    : QWidget(parent)
{
    setMinimumSize(200, 160);
}

void ConfusionMatrixView::setMatrix(const QStringList& labels,
                                    const std::vector<std::vector<long long>>& counts)
{
    m_labels = labels;
    m_counts = counts;
    update();
}

void ConfusionMatrixView::clear()
{
    m_labels.clear();
    m_counts.clear();
    update();
}

QSize ConfusionMatrixView::sizeHint() const
{
    const int n = std::max<int>(2, static_cast<int>(m_counts.size()));
    return {120 + 44 * n, 60 + 32 * n};
}

void ConfusionMatrixView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Base));
    const int n = static_cast<int>(m_counts.size());
    if (n == 0) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("No confusion matrix for this trial"));
        return;
    }
    const QFontMetrics fm(font());
    int labelWidth = 0;
    for (const QString& l : m_labels)
        labelWidth = std::max(labelWidth, fm.horizontalAdvance(l));
    labelWidth = std::min(labelWidth + 12, width() / 3);
    const int top = fm.height() * 2 + 6;
    const double cw = (width() - labelWidth - 8) / static_cast<double>(n);
    const double ch = (height() - top - 4) / static_cast<double>(n);
    const QColor hot = palette().color(QPalette::Highlight);
    const QColor base = palette().color(QPalette::Base);
    p.setPen(palette().color(QPalette::Text));
    p.drawText(QRect(labelWidth, 0, width() - labelWidth, fm.height()), Qt::AlignCenter, tr("predicted"));
    for (int c = 0; c < n; ++c)
        p.drawText(QRectF(labelWidth + c * cw, fm.height() + 2, cw, fm.height()), Qt::AlignCenter,
                   fm.elidedText(c < m_labels.size() ? m_labels[c] : QString::number(c), Qt::ElideRight, int(cw)));
    for (int r = 0; r < n; ++r) {
        long long rowTotal = 0;
        for (long long v : m_counts[static_cast<size_t>(r)])
            rowTotal += v;
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRectF(0, top + r * ch, labelWidth - 6, ch), Qt::AlignRight | Qt::AlignVCenter,
                   fm.elidedText(r < m_labels.size() ? m_labels[r] : QString::number(r), Qt::ElideRight, labelWidth - 6));
        for (int c = 0; c < n && c < static_cast<int>(m_counts[static_cast<size_t>(r)].size()); ++c) {
            const long long v = m_counts[static_cast<size_t>(r)][static_cast<size_t>(c)];
            const double share = rowTotal > 0 ? static_cast<double>(v) / rowTotal : 0.0;
            const QColor fill = QColor::fromRgbF(
                static_cast<float>(base.redF() + (hot.redF() - base.redF()) * share),
                static_cast<float>(base.greenF() + (hot.greenF() - base.greenF()) * share),
                static_cast<float>(base.blueF() + (hot.blueF() - base.blueF()) * share));
            const QRectF cell(labelWidth + c * cw, top + r * ch, cw - 1, ch - 1);
            p.fillRect(cell, fill);
            p.setPen(share > 0.5 ? palette().color(QPalette::HighlightedText) : palette().color(QPalette::Text));
            p.drawText(cell, Qt::AlignCenter, QString::number(v));
        }
    }
}

} // namespace tw::widgets
