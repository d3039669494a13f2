#include "plots/LossCurvesPlot.h"

#include "common/StateColors.h"

#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <limits>

namespace tw::widgets {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

LossCurvesPlot::LossCurvesPlot(QWidget* parent)
    : InteractivePlot(parent)
{
    xAxis->setLabel(tr("epoch"));
    yAxis->setLabel(tr("loss"));
    legend->setVisible(true);
    legend->setFont(font());
    legend->setBrush(QBrush(palette().color(QPalette::Base)));
    legend->setTextColor(palette().color(QPalette::Text));
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    setMouseTracking(true);
}

void LossCurvesPlot::setSeries(Series series)
{
    m_series = series;
    refresh();
}

void LossCurvesPlot::clearTrials()
{
    m_curves.clear();
    m_best.clear();
    m_selected = -1;
    refresh();
}

void LossCurvesPlot::setCurve(int trial, TrialState state, const std::vector<EpochPoint>& points)
{
    Curve c;
    c.state = state;
    for (const auto& p : points) {
        c.step.push_back(p.step);
        c.train.push_back(p.trainLoss);
        c.val.push_back(p.valLoss);
    }
    m_curves[trial] = std::move(c);
}

void LossCurvesPlot::appendPoints(const std::vector<EpochPoint>& points)
{
    for (const auto& p : points) {
        Curve& c = m_curves[p.trial];
        c.step.push_back(p.step);
        c.train.push_back(p.trainLoss);
        c.val.push_back(p.valLoss);
    }
}

void LossCurvesPlot::setTrialState(int trial, TrialState state)
{
    m_curves[trial].state = state;
}

void LossCurvesPlot::setHighlighted(const std::vector<int>& bestTrials, int selectedTrial)
{
    m_best = bestTrials;
    m_selected = selectedTrial;
}

int LossCurvesPlot::pointCount() const
{
    size_t n = 0;
    for (const auto& [trial, c] : m_curves)
        n += c.step.size();
    return static_cast<int>(n);
}

int LossCurvesPlot::pointCount(int trial) const
{
    auto it = m_curves.find(trial);
    return it == m_curves.end() ? 0 : static_cast<int>(it->second.step.size());
}

TrialState LossCurvesPlot::trialState(int trial) const
{
    auto it = m_curves.find(trial);
    return it == m_curves.end() ? TrialState::Waiting : it->second.state;
}

std::vector<EpochPoint> LossCurvesPlot::points(int trial) const
{
    std::vector<EpochPoint> out;
    auto it = m_curves.find(trial);
    if (it == m_curves.end())
        return out;
    const Curve& c = it->second;
    for (size_t i = 0; i < c.step.size(); ++i)
        out.push_back({trial, c.step[i], c.train[i], c.val[i]});
    return out;
}

std::vector<int> LossCurvesPlot::downsampleIndices(int n, int maxPoints)
{
    std::vector<int> idx;
    if (n <= 0)
        return idx;
    if (n <= maxPoints || maxPoints < 2) {
        idx.resize(static_cast<size_t>(n));
        for (int i = 0; i < n; ++i)
            idx[static_cast<size_t>(i)] = i;
        return idx;
    }
    for (int k = 0; k < maxPoints; ++k)
        idx.push_back(static_cast<int>(std::llround(static_cast<double>(k) * (n - 1) / (maxPoints - 1))));
    return idx;
}

QCPCurve* LossCurvesPlot::makeCurve(const QColor& color, qreal width, Qt::PenStyle style,
                                    const QString& name)
{
    auto* curve = new QCPCurve(xAxis, yAxis);
    curve->setPen(QPen(color, width, style));
    curve->setName(name);
    curve->setLineStyle(QCPCurve::lsLine);
    return curve;
}

void LossCurvesPlot::fill(QCPCurve* curve, const std::vector<int>& trials, bool train) const
{
    QVector<double> t, keys, values;
    double index = 0;
    for (int trial : trials) {
        auto it = m_curves.find(trial);
        if (it == m_curves.end())
            continue;
        const Curve& c = it->second;
        const auto& ys = train ? c.train : c.val;
        for (int i : downsampleIndices(static_cast<int>(c.step.size()), maxDrawnPoints)) {
            t << index++;
            keys << c.step[static_cast<size_t>(i)];
            values << ys[static_cast<size_t>(i)];
        }
        // A NaN point ends this trial's line, so the next trial starts a new one.
        t << index++;
        keys << kNaN;
        values << kNaN;
    }
    curve->setData(t, keys, values, true);
}

void LossCurvesPlot::refresh()
{
    clearPlottables();
    const bool drawVal = m_series != Series::Train;
    const bool drawTrain = m_series != Series::Validation;
    std::vector<int> highlighted = m_best;
    if (m_selected >= 0)
        highlighted.push_back(m_selected);

    // Ordinary trials: one curve per state and series.
    for (TrialState state : {TrialState::Complete, TrialState::Pruned, TrialState::Failed,
                             TrialState::Running}) {
        std::vector<int> trials;
        for (const auto& [trial, c] : m_curves)
            if (c.state == state &&
                std::find(highlighted.begin(), highlighted.end(), trial) == highlighted.end())
                trials.push_back(trial);
        if (trials.empty())
            continue;
        QColor color = StateColors::color(state);
        // Pruned and failed trials are dimmed: they are context, not results.
        color.setAlphaF(state == TrialState::Complete || state == TrialState::Running ? 0.55f : 0.22f);
        const QString label = QString::fromUtf8(toString(state).data());
        if (drawVal)
            fill(makeCurve(color, 1.0, Qt::SolidLine, label + tr(" (val)")), trials, false);
        if (drawTrain) {
            QCPCurve* c = makeCurve(color, 1.0, Qt::DashLine, label + tr(" (train)"));
            fill(c, trials, true);
            if (drawVal)
                c->removeFromLegend();
        }
    }
    // Best and selected trials on top, each with its own curve.
    const QList<QColor> bestColors{QColor(0x9b, 0x1d, 0x8a), QColor(0x00, 0x6d, 0x77),
                                   QColor(0x6a, 0x4c, 0x93)};
    for (size_t i = 0; i < m_best.size(); ++i) {
        if (!m_curves.count(m_best[i]))
            continue;
        const QColor color = bestColors[static_cast<int>(i) % bestColors.size()];
        const qreal width = i == 0 ? 3.0 : 2.0;
        const QString name = i == 0 ? tr("best #%1").arg(m_best[i]) : tr("#%1").arg(m_best[i]);
        if (drawVal)
            fill(makeCurve(color, width, Qt::SolidLine, name), {m_best[i]}, false);
        if (drawTrain) {
            QCPCurve* c = makeCurve(color, width * 0.6, Qt::DashLine, name + tr(" (train)"));
            fill(c, {m_best[i]}, true);
            if (drawVal)
                c->removeFromLegend();
        }
    }
    if (m_selected >= 0 && m_curves.count(m_selected) &&
        std::find(m_best.begin(), m_best.end(), m_selected) == m_best.end()) {
        const QColor color = palette().color(QPalette::Highlight);
        if (drawVal)
            fill(makeCurve(color, 2.5, Qt::SolidLine, tr("selected #%1").arg(m_selected)), {m_selected}, false);
        if (drawTrain) {
            QCPCurve* c = makeCurve(color, 1.5, Qt::DashLine, tr("#%1 (train)").arg(m_selected));
            fill(c, {m_selected}, true);
            if (drawVal)
                c->removeFromLegend();
        }
    }
    resetView();
}

QString LossCurvesPlot::hoverText(const QPointF& pos) const
{
    const double maxDist2 = 8.0 * 8.0;
    double best = maxDist2;
    QString text;
    for (const auto& [trial, c] : m_curves) {
        for (size_t i = 0; i < c.step.size(); ++i) {
            const double px = xAxis->coordToPixel(c.step[i]);
            if (std::abs(px - pos.x()) > 8.0)
                continue;
            for (int s = 0; s < 2; ++s) {
                if ((s == 0 && m_series == Series::Train) || (s == 1 && m_series == Series::Validation))
                    continue;
                const double v = s == 0 ? c.val[i] : c.train[i];
                if (!std::isfinite(v))
                    continue;
                const double dy = yAxis->coordToPixel(v) - pos.y();
                const double dx = px - pos.x();
                const double d2 = dx * dx + dy * dy;
                if (d2 < best) {
                    best = d2;
                    text = tr("trial #%1 · epoch %2 · %3 %4")
                               .arg(trial)
                               .arg(c.step[i])
                               .arg(s == 0 ? tr("val") : tr("train"))
                               .arg(QString::number(v, 'g', 5));
                }
            }
        }
    }
    return text;
}

void LossCurvesPlot::mouseMoveEvent(QMouseEvent* event)
{
    InteractivePlot::mouseMoveEvent(event);
    if (event->buttons() != Qt::NoButton)
        return;
    const QString text = hoverText(event->position());
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, this);
}

} // namespace tw::widgets
