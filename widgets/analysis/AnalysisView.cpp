#include "analysis/AnalysisView.h"
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

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QTabWidget>
#include <QVBoxLayout>

namespace tw::widgets {

AnalysisView::AnalysisView(QWidget* parent) : QWidget(parent)
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

    m_slice = new SlicePlot(m_views);
    m_parallel = new ParallelPlot(m_views);
    m_edf = new EdfPlot(m_views);
    m_timeline = new TimelinePlot(m_views);
    m_intermediate = new IntermediatePlot(m_views);
    m_views->addTab(importancePage, tr("Importance"));
    m_views->addTab(m_slice, tr("Slice"));
    m_views->addTab(m_parallel, tr("Parallel coordinates"));
    m_views->addTab(m_edf, tr("Distribution"));
    m_views->addTab(m_timeline, tr("Timeline"));
    m_views->addTab(m_intermediate, tr("Intermediate values"));
    connect(m_parallel, &ParallelPlot::brushChanged, this, &AnalysisView::trialFilterChanged);

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
    m_importanceDue = true;
    startImportance();
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
    const std::vector<FrozenTrial> trials = trialList();
    m_slice->setSlices(SliceData::build(trials, kDrawnTrials), m_valueName);
    m_parallel->setData(ParallelData::build(trials, kDrawnTrials / 2));
    m_edf->setCurve(EdfData::build(trials), m_valueName);
    m_timeline->setTimeline(TimelineData::build(trials, Clock::now()));
    m_intermediate->setCurves(IntermediateData::build(trials), m_valueName);
    m_importanceDue = true;
    startImportance();
}

void AnalysisView::startImportance()
{
    if (m_running || !m_importanceDue)
        return;  // the running one's end starts the next
    m_importanceDue = false;
    std::vector<FrozenTrial> trials = trialList();
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
