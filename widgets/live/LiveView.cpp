#include "live/LiveView.h"

#include "leaderboard/LeaderboardModel.h"
#include "leaderboard/LeaderboardView.h"
#include "plots/HistoryPlot.h"
#include "plots/LossCurvesPlot.h"
#include "runner/MetricsBuffer.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace tw::widgets {

LiveView::LiveView(LeaderboardModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
{
    m_loss = new LossCurvesPlot(this);
    m_history = new HistoryPlot(this);
    m_board = new LeaderboardView(model, this);

    auto* series = new QComboBox(this);
    series->addItems({tr("Train and validation"), tr("Validation"), tr("Train")});
    series->setToolTip(tr("Which loss curves to draw: dashed lines are training loss."));
    connect(series, &QComboBox::currentIndexChanged, this, [this](int i) {
        static const LossCurvesPlot::Series s[] = {LossCurvesPlot::Series::Both,
                                                   LossCurvesPlot::Series::Validation,
                                                   LossCurvesPlot::Series::Train};
        m_loss->setSeries(s[i]);
    });
    auto* log = new QCheckBox(tr("log y"), this);
    log->setToolTip(tr("Draw the loss on a logarithmic scale."));
    connect(log, &QCheckBox::toggled, m_loss, &LossCurvesPlot::setLogScale);
    connect(m_loss, &LossCurvesPlot::logScaleChanged, log, &QCheckBox::setChecked);

    auto* lossBox = new QWidget(this);
    auto* lossLayout = new QVBoxLayout(lossBox);
    lossLayout->setContentsMargins(0, 0, 0, 0);
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("<b>Loss curves</b>"), this));
    controls->addStretch(1);
    controls->addWidget(series);
    controls->addWidget(log);
    lossLayout->addLayout(controls);
    lossLayout->addWidget(m_loss, 1);

    auto* historyBox = new QWidget(this);
    auto* historyLayout = new QVBoxLayout(historyBox);
    historyLayout->setContentsMargins(0, 0, 0, 0);
    historyLayout->addWidget(new QLabel(tr("<b>Optimization history</b>"), this));
    historyLayout->addWidget(m_history, 1);

    auto* plots = new QSplitter(Qt::Horizontal, this);
    plots->addWidget(lossBox);
    plots->addWidget(historyBox);
    auto* vertical = new QSplitter(Qt::Vertical, this);
    vertical->addWidget(plots);
    vertical->addWidget(m_board);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(vertical);

    m_drainTimer.setSingleShot(true);
    m_drainTimer.setInterval(40);
    connect(&m_drainTimer, &QTimer::timeout, this, &LiveView::drainNow);
    connect(m_board, &LeaderboardView::trialSelected, this, [this] { refreshHighlights(); });
    // The history's hover text names the trial's params; a click selects its row.
    m_history->setTrialDescriber([this](int number) {
        const FrozenTrial* t = m_model->trialAt(m_model->rowOfTrial(number));
        QStringList lines;
        if (t)
            for (const auto& [name, internal] : t->params) {
                const auto d = t->distributions.find(name);
                QString value = QString::number(internal, 'g', 6);
                if (d != t->distributions.end() && !d->second.isNumeric()) {
                    const auto i = static_cast<std::size_t>(internal);
                    if (internal >= 0 && i < d->second.choices().size()) {
                        value = QString::fromStdString(d->second.choices()[i]);  // JSON: strings unquoted
                        if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"'))
                            value = value.mid(1, value.size() - 2);
                    }
                }
                lines << QString("%1 = %2").arg(QString::fromStdString(name), value);
            }
        return lines.join('\n');
    });
    connect(m_history, &HistoryPlot::trialClicked, m_board, &LeaderboardView::selectTrial);
}

void LiveView::attachBuffer(MetricsBuffer* buffer)
{
    if (m_buffer)
        disconnect(m_buffer, nullptr, this, nullptr);
    m_buffer = buffer;
    if (buffer)
        connect(buffer, &MetricsBuffer::becameNonEmpty, this, [this] {
            if (!m_drainTimer.isActive())
                m_drainTimer.start();
        });
}

void LiveView::setStudy(const QString& metric, StudyDirection direction)
{
    m_metric = metric;
    m_direction = direction;
    m_history->setValueName(metric);
    m_historyShown = false;
}

void LiveView::clear()
{
    m_storedRefresh.invalidate();
    m_historyPoints.clear();
    m_historyShown = false;
    m_loss->clearTrials();
    m_history->clearStudies();
    m_history->refresh();
}

void LiveView::drainNow()
{
    if (!m_buffer)
        return;
    const auto events = m_buffer->drain();
    if (events.empty())
        return;
    std::vector<EpochPoint> points;
    points.reserve(events.size());
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (const auto& e : events) {
        auto get = [&](const char* key) {
            auto it = e.metrics.find(key);
            return it == e.metrics.end() ? nan : it->second;
        };
        double train = get("train_loss");
        double val = get("val_loss");
        if (std::isnan(val) && std::isnan(train))
            val = e.value;  // a command objective reports only its value
        points.push_back({e.trial, static_cast<double>(e.step), train, val});
    }
    m_loss->appendPoints(points);
    m_loss->refreshChanged();  // at most one replot per drain, of the live layer alone
    ++m_drains;
}

void LiveView::updateTrials(const std::vector<FrozenTrial>& changed)
{
    for (const auto& t : changed)
        m_loss->setTrialState(t.number, t.state);
    refreshHighlights();
    refreshHistory();
}

void LiveView::setCurves(const std::map<int, std::vector<EpochPoint>>& curves,
                         const std::map<int, TrialState>& states)
{
    m_loss->clearTrials();
    for (const auto& [trial, points] : curves) {
        auto s = states.find(trial);
        m_loss->setCurve(trial, s == states.end() ? TrialState::Complete : s->second, points);
    }
    // Trials whose curves come later (live points, or read from storage) keep their state.
    for (const auto& [trial, state] : states)
        if (!curves.count(trial))
            m_loss->setTrialState(trial, state);
    refreshHighlights();
    refreshHistory();
}

void LiveView::addStoredCurves(const std::map<int, std::vector<EpochPoint>>& curves, bool last)
{
    // Live points first: once a stored curve is set, no late point of that trial may follow.
    drainNow();
    for (const auto& [trial, points] : curves) {
        const FrozenTrial* t = m_model->trialAt(m_model->rowOfTrial(trial));
        const TrialState state = t ? t->state : TrialState::Complete;
        if (m_loss->pointCount(trial) > 0)
            m_loss->setTrialState(trial, state); // its live points may have come first, as Running
        else
            m_loss->setCurve(trial, state, points);
    }
    if (last || !m_storedRefresh.isValid() || m_storedRefresh.elapsed() >= 250) {
        refreshHighlights();
        m_storedRefresh.start();
    }
}

void LiveView::refreshHighlights()
{
    std::vector<std::pair<double, int>> complete;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const FrozenTrial* t = m_model->trialAt(row);
        if (t && t->state == TrialState::Complete && t->value && std::isfinite(*t->value))
            complete.emplace_back(*t->value, t->number);
    }
    std::sort(complete.begin(), complete.end(), [this](const auto& a, const auto& b) {
        return isBetter(m_direction, a.first, b.first) || (a.first == b.first && a.second < b.second);
    });
    std::vector<int> best;
    for (size_t i = 0; i < complete.size() && static_cast<int>(i) < bestK; ++i)
        best.push_back(complete[i].second);
    m_loss->setHighlighted(best, m_board->currentTrial());
    m_loss->refreshChanged();
}

void LiveView::refreshHistory()
{
    std::vector<HistoryPlot::Point> points;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const FrozenTrial* t = m_model->trialAt(row);
        if (t && t->state == TrialState::Complete && t->value)
            points.push_back({t->number, *t->value});
    }
    // Called on every refresh of the trials: redraw only when a finished value came or went.
    const bool same = points.size() == m_historyPoints.size() &&
                      std::equal(points.begin(), points.end(), m_historyPoints.begin(),
                                 [](const HistoryPlot::Point& a, const HistoryPlot::Point& b) {
                                     return a.trial == b.trial && (a.value == b.value || (std::isnan(a.value) && std::isnan(b.value)));
                                 });
    if (same && m_historyShown)
        return;
    m_historyPoints = points;
    m_historyShown = true;
    m_history->setStudy(tr("this study"), m_direction, std::move(points));
    m_history->refresh();
}

} // namespace tw::widgets
