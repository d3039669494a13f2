#include "analysis/AnalysisView.h"
#include "analysis/ContourData.h"
#include "analysis/ContourPlot.h"
#include "analysis/EdfData.h"
#include "analysis/EdfPlot.h"
#include "analysis/ImportancePlot.h"
#include "analysis/IntermediateData.h"
#include "analysis/IntermediatePlot.h"
#include "analysis/ParallelData.h"
#include "analysis/ParallelPlot.h"
#include "analysis/SliceData.h"
#include "analysis/SlicePlot.h"
#include "analysis/TimelineData.h"
#include "analysis/TimelinePlot.h"
#include "leaderboard/LeaderboardProxy.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QLabel>
#include <QTabWidget>
#include <QVBoxLayout>

namespace tw::widgets {

namespace {

enum Page { ImportancePage, SlicePage, ParallelPage, ContourPage, EdfPage, TimelinePage, IntermediatePage, PageCount };

} // namespace

QStringList AnalysisView::viewNames()
{
    return {"importance", "slice", "parallel", "contour", "edf", "timeline", "intermediate"};
}

AnalysisView::AnalysisView(QWidget* parent) : QWidget(parent), m_stale(PageCount, true)
{
    setObjectName("analysisView");
    m_views = new QTabWidget(this);
    m_views->setObjectName("analysisViews");
    m_views->setDocumentMode(true);

    auto* importancePage = new QWidget(m_views);
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Evaluator:"), importancePage));
    m_evaluatorBox = new QComboBox(importancePage);
    m_evaluatorBox->setObjectName("evaluator");
    m_evaluatorBox->addItem(tr("fANOVA"), int(ImportanceEvaluator::Fanova));
    m_evaluatorBox->addItem(tr("Mean decrease in impurity"), int(ImportanceEvaluator::Mdi));
    top->addWidget(m_evaluatorBox);
    top->addStretch(1);
    m_importance = new ImportancePlot(importancePage);
    auto* importanceLayout = new QVBoxLayout(importancePage);
    importanceLayout->addLayout(top);
    importanceLayout->addWidget(m_importance, 1);
    connect(m_evaluatorBox, &QComboBox::currentIndexChanged, this, [this](int) {
        setEvaluator(static_cast<ImportanceEvaluator>(m_evaluatorBox->currentData().toInt()));
    });

    auto* contourPage = new QWidget(m_views);
    auto* pick = new QHBoxLayout;
    m_contourX = new QComboBox(contourPage);
    m_contourX->setObjectName("contourX");
    m_contourY = new QComboBox(contourPage);
    m_contourY->setObjectName("contourY");
    pick->addWidget(new QLabel(tr("x:"), contourPage));
    pick->addWidget(m_contourX);
    pick->addWidget(new QLabel(tr("y:"), contourPage));
    pick->addWidget(m_contourY);
    pick->addStretch(1);
    m_contour = new ContourPlot(contourPage);
    auto* contourLayout = new QVBoxLayout(contourPage);
    contourLayout->addLayout(pick);
    contourLayout->addWidget(m_contour, 1);
    for (QComboBox* box : {m_contourX, m_contourY})
        connect(box, &QComboBox::activated, this, [this](int) { drawContour(); });

    m_slice = new SlicePlot(m_views);
    m_parallel = new ParallelPlot(m_views);
    m_edf = new EdfPlot(m_views);
    m_timeline = new TimelinePlot(m_views);
    m_intermediate = new IntermediatePlot(m_views);
    m_views->addTab(importancePage, tr("Importance"));
    m_views->addTab(m_slice, tr("Slice"));
    m_views->addTab(m_parallel, tr("Parallel coordinates"));
    m_views->addTab(contourPage, tr("Contour"));
    m_views->addTab(m_edf, tr("Distribution"));
    m_views->addTab(m_timeline, tr("Timeline"));
    m_views->addTab(m_intermediate, tr("Intermediate values"));
    connect(m_parallel, &ParallelPlot::brushChanged, this, &AnalysisView::trialFilterChanged);
    connect(m_views, &QTabWidget::currentChanged, this, [this](int) { drawCurrent(); });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_views);

    m_timer.setSingleShot(true);
    m_timer.setInterval(refreshInterval());
    // While the tab is hidden nothing is drawn or computed: showing it draws what is due.
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (isVisible())
            refreshNow();
    });
    m_importance->setMessage(tr("No complete trials yet"));
}

AnalysisView::~AnalysisView()
{
    if (m_worker.joinable())
        m_worker.join();
}

void AnalysisView::setStudy(const QString& valueName, StudyDirection direction)
{
    m_valueName = valueName.isEmpty() ? QStringLiteral("value") : valueName;
    m_direction = direction;
    clear();
}

void AnalysisView::clear()
{
    m_trials.clear();
    ++m_generation;  // a running computation's result is for another study
    m_dirty = true;
    m_importanceDue = false;
    m_parallel->clearBrushes();
    refreshNow();
}

void AnalysisView::setTrials(const std::vector<FrozenTrial>& trials)
{
    m_trials.clear();
    updateTrials(trials);
}

void AnalysisView::updateTrials(const std::vector<FrozenTrial>& changed)
{
    for (const FrozenTrial& t : changed)
        m_trials[t.number] = t;
    scheduleRefresh();
}

void AnalysisView::setEvaluator(ImportanceEvaluator evaluator)
{
    if (evaluator == m_evaluator)
        return;
    m_evaluator = evaluator;
    m_evaluatorBox->setCurrentIndex(evaluator == ImportanceEvaluator::Fanova ? 0 : 1);
    m_stale[ImportancePage] = true;
    drawCurrent();
}

void AnalysisView::linkLeaderboard(LeaderboardProxy* proxy)
{
    m_proxy = proxy;
    connect(this, &AnalysisView::trialFilterChanged, proxy, &LeaderboardProxy::setTrialFilter);
    connect(proxy, &LeaderboardProxy::filterChanged, this, [this] { m_parallel->setVisibleTrials(m_proxy->shownTrials()); });
}

void AnalysisView::showView(const QString& name)
{
    const auto i = viewNames().indexOf(name);
    if (i >= 0)
        m_views->setCurrentIndex(static_cast<int>(i));
}

void AnalysisView::setContourParams(const QString& x, const QString& y)
{
    // Kept as the combos' wish until the parameters are known.
    m_contourX->setProperty("wanted", x);
    m_contourY->setProperty("wanted", y);
    for (QComboBox* box : {m_contourX, m_contourY}) {
        const int i = box->findText(box->property("wanted").toString());
        if (i >= 0)
            box->setCurrentIndex(i);
    }
    m_stale[ContourPage] = true;
    drawCurrent();
}

void AnalysisView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        scheduleRefresh();
}

void AnalysisView::scheduleRefresh()
{
    m_dirty = true;
    if (!m_timer.isActive())
        m_timer.start();
}

std::vector<FrozenTrial> AnalysisView::trialList() const
{
    std::vector<FrozenTrial> out;
    out.reserve(m_trials.size());
    for (const auto& [number, t] : m_trials)
        out.push_back(t);
    return out;
}

void AnalysisView::refreshNow()
{
    m_timer.stop();
    if (!m_dirty)
        return;
    m_dirty = false;
    m_list = trialList();
    m_stale.assign(PageCount, true);
    drawCurrent();
}

void AnalysisView::drawCurrent()
{
    const int page = m_views->currentIndex();
    if (page < 0 || page >= PageCount || !m_stale[static_cast<std::size_t>(page)])
        return;
    m_stale[static_cast<std::size_t>(page)] = false;
    QElapsedTimer clock;
    clock.start();
    switch (page) {
    case ImportancePage:
        m_importanceDue = true;
        startImportance();
        break;
    case SlicePage:
        m_slice->setSlices(SliceData::build(m_list, kDrawnTrials), m_valueName);
        break;
    case ParallelPage: {
        m_parallel->setValueName(m_valueName);
        m_parallel->setData(ParallelData::build(m_list, kDrawnTrials / 2));
        if (m_proxy)
            m_parallel->setVisibleTrials(m_proxy->shownTrials());
        // The brushes stay; trials that came since and fall inside them pass them on.
        if (auto brushed = m_parallel->brushedTrials())
            emit trialFilterChanged(brushed);
        break;
    }
    case ContourPage:
        drawContour();
        break;
    case EdfPage:
        m_edf->setCurve(EdfData::build(m_list), m_valueName);
        break;
    case TimelinePage:
        m_timeline->setTimeline(TimelineData::build(m_list, Clock::now()));
        break;
    case IntermediatePage:
        m_intermediate->setCurves(IntermediateData::build(m_list), m_valueName);
        break;
    }
    m_lastRefreshMs = double(clock.nsecsElapsed()) / 1e6;
}

void AnalysisView::drawContour()
{
    const QStringList names = [&] {
        QStringList out;
        for (const std::string& p : ContourData::params(m_list))
            out << QString::fromStdString(p);
        return out;
    }();
    // Keep the chosen pair (or the wished one) when the parameters change.
    int axis = 0;
    for (QComboBox* box : {m_contourX, m_contourY}) {
        QString keep = box->currentText();
        if (keep.isEmpty() || !names.contains(keep))
            keep = box->property("wanted").toString();
        QSignalBlocker block(box);
        box->clear();
        box->addItems(names);
        int i = box->findText(keep);
        if (i < 0)
            i = std::min<int>(axis, static_cast<int>(names.size()) - 1);
        box->setCurrentIndex(i);
        ++axis;
    }
    const ContourSurface surface = ContourData::build(m_list, m_contourX->currentText().toStdString(),
                                                      m_contourY->currentText().toStdString());
    m_contour->setSurface(surface, m_valueName);
}

void AnalysisView::startImportance()
{
    if (m_running || !m_importanceDue)
        return;  // the running one's end starts the next
    m_importanceDue = false;
    std::vector<FrozenTrial> trials = m_list;
    bool anyComplete = false;
    for (const auto& t : trials)
        anyComplete = anyComplete || t.state == TrialState::Complete;
    if (!anyComplete) {
        m_importance->setMessage(tr("No complete trials yet"));
        emit importanceUpdated();
        return;
    }
    if (m_worker.joinable())
        m_worker.join();
    m_running = true;
    ParamImportanceOptions options;
    options.evaluator = m_evaluator;
    options.maxTrials = kImportanceTrials;
    const int generation = m_generation;
    m_worker = std::thread([this, trials = std::move(trials), options, generation] {
        ParamImportanceResult result = ParamImportance::compute(trials, options);
        // Back on the GUI thread; the destructor joins this thread first, so `this` lives.
        QMetaObject::invokeMethod(this, [this, result = std::move(result), generation] {
            m_running = false;
            if (generation == m_generation)
                m_importance->setResult(result);
            if (m_importanceDue)
                startImportance();
            else
                emit importanceUpdated();
        }, Qt::QueuedConnection);
    });
}

} // namespace tw::widgets
