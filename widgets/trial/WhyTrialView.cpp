#include "trial/WhyTrialView.h"

#include "analysis/ParzenRebuild.h"
#include "analysis/SurrogateRebuild.h"
#include "io/GPSnapshotJson.h"
#include "io/TPESnapshotJson.h"
#include "leaderboard/LeaderboardModel.h"
#include "spec/SpecSearchSpace.h"
#include "trial/ParzenPlot.h"
#include "trial/WhyTrialPlot.h"

#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <stdexcept>

namespace tw::widgets {

WhyTrialView::WhyTrialView(QWidget* parent) : QWidget(parent)
{
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_plot = new WhyTrialPlot(this);
    m_parzen = new ParzenPlot(this);
    m_candidates = new QTableWidget(0, 3, this);
    m_candidates->setObjectName("whyCandidates");
    m_candidates->horizontalHeader()->setStretchLastSection(true);
    m_candidates->verticalHeader()->hide();
    m_candidates->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_plot);
    split->addWidget(m_parzen);
    split->addWidget(m_candidates);
    split->setStretchFactor(0, 3);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(split, 1);
    clear();
}

QString WhyTrialView::message() const
{
    return m_message->text();
}

void WhyTrialView::clear()
{
    m_message->setText(tr("Open a trial that the GP or the TPE sampler suggested to see why it chose it."));
    m_plot->clear();
    m_plot->setVisible(false);
    m_parzen->clear();
    m_parzen->setVisible(false);
    m_candidates->setRowCount(0);
    m_candidates->setVisible(false);
}

bool WhyTrialView::setTrial(const FrozenTrial& trial, const std::vector<FrozenTrial>& studyTrials)
{
    clear();
    if (const auto tpe = trial.systemAttrs.find(TPESnapshot::kAttr); tpe != trial.systemAttrs.end())
        return setTpeTrial(trial, studyTrials, tpe->second);
    if (const auto gp = trial.systemAttrs.find(GPSnapshot::kAttr); gp != trial.systemAttrs.end())
        return setGpTrial(trial, studyTrials, gp->second);
    const QString method = LeaderboardModel::samplerMethod(trial);
    m_message->setText(
        tr("Trial #%1 was suggested by %2 and has no snapshot: explanations exist for trials the GP "
           "or the TPE sampler suggested (sampler \"gp\" or \"tpe\", or \"auto\" while it uses one of them).")
            .arg(trial.number)
            .arg(method.isEmpty() ? tr("a sampler that records no method") : method));
    return false;
}

void WhyTrialView::setCandidateRow(int r, double score, const QString& from, const QJsonObject& params)
{
    m_candidates->setItem(r, 0, new QTableWidgetItem(QString::number(score, 'g', 6)));
    m_candidates->setItem(r, 1, new QTableWidgetItem(from));
    m_candidates->setItem(r, 2, new QTableWidgetItem(QString::fromUtf8(QJsonDocument(params).toJson(QJsonDocument::Compact))));
}

bool WhyTrialView::setGpTrial(const FrozenTrial& trial, const std::vector<FrozenTrial>& studyTrials, const std::string& json)
{
    QString why;
    auto snapshot = GPSnapshotJson::parse(json, &why);
    if (!snapshot) {
        m_message->setText(tr("Trial #%1: %2").arg(trial.number).arg(why));
        return false;
    }
    try {
        const SurrogateRebuild rebuilt(std::move(*snapshot), studyTrials);
        const GPSnapshot& s = rebuilt.snapshot();
        m_message->setText(
            tr("Trial #%1: the GP, fitted on %2 trials, maximized %3 %4 over %5 candidates. Blue: "
               "the posterior mean ± 2σ of the transformed objective (lower is better) along each "
               "parameter through the chosen point (green); red, dashed: the acquisition; circles: "
               "the fitted trials, projected.")
                .arg(trial.number)
                .arg(rebuilt.observed().size())
                .arg(QString::fromStdString(s.acquisition))
                .arg(s.boxLow.empty() ? tr("over the whole space") : tr("inside the trust region"))
                .arg(s.candidatesConsidered));
        m_plot->setVisible(true);
        m_plot->setSurrogate(rebuilt);
        const auto dists = rebuilt.distributions();
        m_candidates->setVisible(true);
        m_candidates->setHorizontalHeaderLabels({tr("log EI"), tr("from"), tr("params")});
        m_candidates->setRowCount(static_cast<int>(s.candidates.size()) + 1);
        setCandidateRow(0, rebuilt.acquisition(rebuilt.point()), tr("chosen"),
                        SpecSearchSpace::toJson(rebuilt.decode(rebuilt.point()), dists));
        for (std::size_t i = 0; i < s.candidates.size(); ++i)
            setCandidateRow(static_cast<int>(i) + 1, s.candidates[i].acquisition, QString::fromStdString(s.candidates[i].source),
                            SpecSearchSpace::toJson(rebuilt.decode(SurrogateRebuild::toEigen(s.candidates[i].x)), dists));
        m_candidates->resizeColumnsToContents();
        return true;
    } catch (const std::invalid_argument& e) {
        m_message->setText(tr("Trial #%1: cannot rebuild the surrogate: %2").arg(trial.number).arg(QString::fromUtf8(e.what())));
        return false;
    }
}

bool WhyTrialView::setTpeTrial(const FrozenTrial& trial, const std::vector<FrozenTrial>& studyTrials, const std::string& json)
{
    QString why;
    auto snapshot = TPESnapshotJson::parse(json, &why);
    if (!snapshot) {
        m_message->setText(tr("Trial #%1: %2").arg(trial.number).arg(why));
        return false;
    }
    try {
        const ParzenRebuild rebuilt(std::move(*snapshot), trial, studyTrials);
        const TPESnapshot& s = rebuilt.snapshot();
        const TPESnapshot::Group& first = s.groups.front();
        int candidates = 0;
        for (const auto& g : s.groups)
            candidates += g.candidatesDrawn;
        m_message->setText(
            tr("Trial #%1: TPE split n = %2 trials into the %3 best, l(x), and the other %4, g(x), "
               "drew %5 candidates from l(x) in %6 draw(s) and kept the one with the largest "
               "log l(x) − log g(x) (score %7): the best of the candidates, not necessarily the "
               "ratio's peak. Blue: l(x); orange: g(x) along each parameter through the chosen "
               "value (green); grey, dashed: log l − log g; dots and crosses on the axis: the "
               "trials of l and of g.")
                .arg(trial.number)
                .arg(s.splits[static_cast<std::size_t>(first.split)].counted)
                .arg(rebuilt.belowNumbers(0).size())
                .arg(rebuilt.aboveNumbers(0).size())
                .arg(candidates)
                .arg(s.groups.size())
                .arg(rebuilt.storedScore(), 0, 'g', 5));
        m_parzen->setVisible(true);
        m_parzen->setEstimators(rebuilt);
        m_candidates->setVisible(true);
        m_candidates->setHorizontalHeaderLabels({tr("log l − log g"), tr("draw"), tr("params")});
        int rows = 0;
        for (const auto& g : s.groups)
            rows += 1 + static_cast<int>(g.candidates.size());
        m_candidates->setRowCount(rows);
        int r = 0;
        for (int gi = 0; gi < rebuilt.groupCount(); ++gi) {
            const TPESnapshot::Group& g = s.groups[static_cast<std::size_t>(gi)];
            QStringList names;
            for (const auto& n : g.params)
                names << QString::fromStdString(n);
            auto values = [&](const std::vector<double>& x) {
                ParamValues p;
                std::map<std::string, Distribution> d;
                for (std::size_t j = 0; j < g.params.size(); ++j) {
                    p[g.params[j]] = rebuilt.dims(gi)[j].snap(x[j]);
                    d.emplace(g.params[j], rebuilt.dims(gi)[j]);
                }
                return SpecSearchSpace::toJson(p, d);
            };
            setCandidateRow(r++, rebuilt.score(gi, g.point), tr("%1: chosen").arg(names.join(", ")), values(g.point));
            for (const auto& c : g.candidates)
                setCandidateRow(r++, c.score, names.join(", "), values(c.x));
        }
        m_candidates->resizeColumnsToContents();
        return true;
    } catch (const std::invalid_argument& e) {
        m_message->setText(tr("Trial #%1: cannot rebuild the estimators: %2").arg(trial.number).arg(QString::fromUtf8(e.what())));
        return false;
    }
}

} // namespace tw::widgets
