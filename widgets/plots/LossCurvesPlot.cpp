#include "plots/LossCurvesPlot.h"

#include "common/StateColors.h"

#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

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
    // Bottom to top: ordinary finished trials, running ones, the best and selected trials.
    addLayer(QStringLiteral("highlighted"), layer(QStringLiteral("main")), QCustomPlot::limBelow);
    addLayer(QStringLiteral("live"), layer(QStringLiteral("highlighted")), QCustomPlot::limBelow);
    addLayer(QStringLiteral("finished"), layer(QStringLiteral("live")), QCustomPlot::limBelow);
    m_highlightLayer = layer(QStringLiteral("highlighted"));
    m_liveLayer = layer(QStringLiteral("live"));
    m_finishedLayer = layer(QStringLiteral("finished"));
    for (QCPLayer* l : {m_finishedLayer, m_liveLayer, m_highlightLayer})
        l->setMode(QCPLayer::lmBuffered);
    m_emptyNote = new QCPItemText(this);
    m_emptyNote->setPositionAlignment(Qt::AlignCenter);
    m_emptyNote->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_emptyNote->position->setCoords(0.5, 0.5);
    m_emptyNote->setText(tr("No per-epoch values to draw"));
    m_emptyNote->setColor(palette().color(QPalette::PlaceholderText));
    m_emptyNote->setFont(font());
    m_emptyNote->setClipToAxisRect(false);
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
    markStructureChanged();
}

void LossCurvesPlot::appendPoints(const std::vector<EpochPoint>& points)
{
    for (const auto& p : points) {
        auto found = m_curves.find(p.trial);
        if (!m_groupOf.count(p.trial))
            markStructureChanged(); // a trial not drawn yet: it needs a place in the groups
        Curve& c = found == m_curves.end() ? m_curves[p.trial] : found->second;
        m_appendedFrom.emplace(p.trial, c.step.size());
        c.step.push_back(p.step);
        c.train.push_back(p.trainLoss);
        c.val.push_back(p.valLoss);
    }
}

void LossCurvesPlot::setTrialState(int trial, TrialState state)
{
    auto found = m_curves.find(trial);
    if (found != m_curves.end() && found->second.state == state)
        return;
    m_curves[trial].state = state;
    markStructureChanged();
}

void LossCurvesPlot::setHighlighted(const std::vector<int>& bestTrials, int selectedTrial)
{
    if (bestTrials == m_best && selectedTrial == m_selected)
        return;
    m_best = bestTrials;
    m_selected = selectedTrial;
    markStructureChanged();
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

void LossCurvesPlot::addGroup(std::vector<int> trials, QCPLayer* layer, const QColor& color, qreal width,
                              const QString& name, bool antialiased)
{
    const bool drawVal = m_series != Series::Train;
    const bool drawTrain = m_series != Series::Validation;
    Group g;
    g.layer = layer;
    if (drawVal) {
        g.val = makeCurve(color, width, Qt::SolidLine, m_singleTrial ? tr("validation loss") : name);
        g.val->setLayer(layer);
        g.val->setAntialiased(antialiased);
        fill(g.val, trials, false);
    }
    if (drawTrain) {
        g.train = makeCurve(color, drawVal && width > 1.5 ? width * 0.6 : width, Qt::DashLine,
                            m_singleTrial ? tr("training loss") : drawVal ? name + tr(" (train)") : name);
        g.train->setLayer(layer);
        g.train->setAntialiased(antialiased);
        fill(g.train, trials, true);
        if (drawVal && !m_singleTrial)
            g.train->removeFromLegend();
    }
    for (int t : trials)
        m_groupOf[t] = m_groups.size();
    g.trials = std::move(trials);
    m_groups.push_back(std::move(g));
}

void LossCurvesPlot::refresh()
{
    clearPlottables();
    m_groups.clear();
    m_groupOf.clear();
    m_appendedFrom.clear();
    m_structureDirty = false;
    ++m_fullRefreshes;
    std::vector<int> highlighted = m_best;
    if (m_selected >= 0)
        highlighted.push_back(m_selected);

    // Ordinary trials: one curve per state and series. Finished ones on their own layer;
    // at scale they are many thin lines, drawn without antialiasing.
    const bool many = m_curves.size() > 200;
    for (TrialState state : {TrialState::Complete, TrialState::Pruned, TrialState::Failed,
                             TrialState::Running}) {
        std::vector<int> trials;
        for (const auto& [trial, c] : m_curves)
            if (c.state == state && !c.step.empty() &&
                std::find(highlighted.begin(), highlighted.end(), trial) == highlighted.end())
                trials.push_back(trial);
        if (trials.empty())
            continue;
        QColor color = StateColors::color(state);
        // Pruned and failed trials are dimmed: they are context, not results.
        color.setAlphaF(state == TrialState::Complete || state == TrialState::Running ? 0.55f : 0.22f);
        const QString label = QString::fromUtf8(toString(state).data());
        const bool running = state == TrialState::Running;
        addGroup(std::move(trials), running ? m_liveLayer : m_finishedLayer, color, 1.0,
                 label + (m_series == Series::Train ? tr(" (train)") : tr(" (val)")), running || !many);
    }
    // Best and selected trials on top, each with its own curve.
    const QList<QColor> bestColors{QColor(0x9b, 0x1d, 0x8a), QColor(0x00, 0x6d, 0x77),
                                   QColor(0x6a, 0x4c, 0x93)};
    for (size_t i = 0; i < m_best.size(); ++i) {
        if (pointCount(m_best[i]) == 0)
            continue;
        const QColor color = bestColors[static_cast<int>(i) % bestColors.size()];
        addGroup({m_best[i]}, m_highlightLayer, color, i == 0 ? 3.0 : 2.0,
                 i == 0 ? tr("best #%1").arg(m_best[i]) : tr("#%1").arg(m_best[i]), true);
    }
    if (pointCount(m_selected) > 0 &&
        std::find(m_best.begin(), m_best.end(), m_selected) == m_best.end())
        addGroup({m_selected}, m_curves.at(m_selected).state == TrialState::Running ? m_liveLayer : m_highlightLayer,
                 palette().color(QPalette::Highlight), 2.5,
                 tr("selected #%1").arg(m_selected), true);
    // An objective may report no per-epoch values (a command or test function that
    // returns its value once): say so rather than show empty axes.
    m_emptyNote->setVisible(m_groups.empty());
    legend->setVisible(!m_groups.empty());
    resetView();
}

void LossCurvesPlot::refreshChanged()
{
    if (m_structureDirty || m_groups.empty()) {
        refresh();
        return;
    }
    if (m_appendedFrom.empty())
        return;
    // Refill the groups the new points belong to, and see whether they stay in view.
    std::set<size_t> groups;
    bool outside = false;
    const QCPRange keys = xAxis->range(), values = yAxis->range();
    const bool drawVal = m_series != Series::Train;
    const bool drawTrain = m_series != Series::Validation;
    for (const auto& [trial, from] : m_appendedFrom) {
        groups.insert(m_groupOf.at(trial));
        const Curve& c = m_curves.at(trial);
        for (size_t i = from; i < c.step.size() && !outside; ++i) {
            if (!keys.contains(c.step[i]))
                outside = true;
            for (double v : {drawVal ? c.val[i] : kNaN, drawTrain ? c.train[i] : kNaN})
                if (std::isfinite(v) && (!logScale() || v > 0) && !values.contains(v))
                    outside = true;
        }
    }
    m_appendedFrom.clear();
    std::set<QCPLayer*> layers;
    for (size_t g : groups) {
        const Group& group = m_groups[g];
        if (group.val)
            fill(group.val, group.trials, false);
        if (group.train)
            fill(group.train, group.trials, true);
        layers.insert(group.layer);
    }
    if (outside) {
        resetView(); // follow the data: one queued replot of everything
        return;
    }
    for (QCPLayer* l : layers)
        l->replot();
    ++m_layerReplots;
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
