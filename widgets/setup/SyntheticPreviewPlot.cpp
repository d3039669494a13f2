#include "setup/SyntheticPreviewPlot.h"

#include "data/SyntheticData.h"

#include <algorithm>
#include <exception>

namespace tw::widgets {

SyntheticPreviewPlot::SyntheticPreviewPlot(QWidget* parent)
    : InteractivePlot(parent)
{
    setMinimumSize(240, 200);
    legend->setVisible(false);
    m_text = new QCPItemText(this);
    m_text->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_text->position->setCoords(0.5, 0.5);
    m_text->setColor(palette().color(QPalette::Disabled, QPalette::WindowText));
    m_text->setVisible(false);
    setToolTip(tr("A preview of the synthetic data with these options (at most %1 points)")
                   .arg(maxPoints));
}

void SyntheticPreviewPlot::showMessage(const QString& text)
{
    m_message = text;
    m_text->setText(text);
    m_text->setVisible(!text.isEmpty());
}

void SyntheticPreviewPlot::setOptions(const SyntheticOptions& requested)
{
    clearGraphs();
    m_points = 0;
    SyntheticOptions options = requested;
    options.samples = std::clamp(options.samples, 2, maxPoints);
    Dataset data;
    try {
        data = SyntheticData::generate(options);
    } catch (const std::exception& e) {
        showMessage(tr("No preview: %1").arg(QString::fromStdString(e.what())));
        replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    showMessage(QString());
    static const QList<QColor> colors = {
        QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
        QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
        QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f), QColor(0xbc, 0xbd, 0x22),
        QColor(0x17, 0xbe, 0xcf)};
    const Eigen::Index n = data.rows();
    m_points = static_cast<int>(n);
    const bool twoFeatures = data.features() >= 2 && data.task == Task::Classification;
    if (data.task == Task::Classification) {
        const int classes = std::max(1, data.classCount());
        for (int k = 0; k < classes; ++k) {
            QVector<double> x, y;
            for (Eigen::Index i = 0; i < n; ++i)
                if (static_cast<int>(data.y(i)) == k) {
                    x << data.x(i, 0);
                    y << (twoFeatures ? data.x(i, 1) : 0.0);
                }
            QCPGraph* g = addGraph();
            const QColor c = colors[k % colors.size()];
            g->setLineStyle(QCPGraph::lsNone);
            g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, c, c, 4));
            g->setName(k < data.classCount() ? QString::fromStdString(data.classLabels[k])
                                             : QString::number(k));
            g->setData(x, y);
        }
        xAxis->setLabel(QStringLiteral("x0"));
        yAxis->setLabel(twoFeatures ? QStringLiteral("x1") : QString());
    } else {
        QVector<double> x, y;
        for (Eigen::Index i = 0; i < n; ++i) {
            x << data.x(i, 0);
            y << data.y(i);
        }
        QCPGraph* g = addGraph();
        const QColor c = colors[0];
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, c, c, 4));
        g->setData(x, y);
        xAxis->setLabel(QStringLiteral("x0"));
        yAxis->setLabel(QStringLiteral("y"));
    }
    resetView();
}

void SyntheticPreviewPlot::resetView()
{
    InteractivePlot::resetView();
    // A margin, so points on the edge are not cut in half by the frame.
    for (QCPAxis* axis : {xAxis, yAxis}) {
        const QCPRange r = axis->range();
        const double pad = r.size() > 0 ? r.size() * 0.05 : 0.5;
        axis->setRange(r.lower - pad, r.upper + pad);
    }
    replot(QCustomPlot::rpQueuedReplot);
}

} // namespace tw::widgets
