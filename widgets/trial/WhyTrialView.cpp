#include "trial/WhyTrialView.h"

#include "analysis/SurrogateRebuild.h"
#include "io/GPSnapshotJson.h"
#include "leaderboard/LeaderboardModel.h"
#include "spec/SpecSearchSpace.h"
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
    m_candidates = new QTableWidget(0, 3, this);
    m_candidates->setObjectName("whyCandidates");
    m_candidates->setHorizontalHeaderLabels({tr("log EI"), tr("from"), tr("params")});
    m_candidates->horizontalHeader()->setStretchLastSection(true);
    m_candidates->verticalHeader()->hide();
    m_candidates->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_plot);
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
    m_message->setText(tr("Open a trial that the GP sampler suggested to see why it chose it."));
    m_plot->clear();
    m_plot->setVisible(false);
    m_candidates->setRowCount(0);
    m_candidates->setVisible(false);
}

bool WhyTrialView::setTrial(const FrozenTrial& trial, const std::vector<FrozenTrial>& studyTrials)
{
    clear();
    const auto attr = trial.systemAttrs.find(GPSnapshot::kAttr);
    if (attr == trial.systemAttrs.end()) {
        const QString method = LeaderboardModel::samplerMethod(trial);
        m_message->setText(
            tr("Trial #%1 was suggested by %2 and has no surrogate snapshot: explanations exist "
               "for trials the GP sampler suggested (sampler \"gp\", or \"auto\" while it uses the GP).")
                .arg(trial.number)
                .arg(method.isEmpty() ? tr("a sampler that records no method") : method));
        return false;
    }
    QString why;
    auto snapshot = GPSnapshotJson::parse(attr->second, &why);
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
        m_candidates->setRowCount(static_cast<int>(s.candidates.size()) + 1);
        auto row = [&](int r, double acq, const QString& from, const ParamValues& params) {
            m_candidates->setItem(r, 0, new QTableWidgetItem(QString::number(acq, 'g', 6)));
            m_candidates->setItem(r, 1, new QTableWidgetItem(from));
            const QJsonObject json = SpecSearchSpace::toJson(params, dists);
            m_candidates->setItem(r, 2, new QTableWidgetItem(QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact))));
        };
        row(0, rebuilt.acquisition(rebuilt.point()), tr("chosen"), rebuilt.decode(rebuilt.point()));
        for (std::size_t i = 0; i < s.candidates.size(); ++i)
            row(static_cast<int>(i) + 1, s.candidates[i].acquisition, QString::fromStdString(s.candidates[i].source),
                rebuilt.decode(SurrogateRebuild::toEigen(s.candidates[i].x)));
        m_candidates->resizeColumnsToContents();
        return true;
    } catch (const std::invalid_argument& e) {
        m_message->setText(tr("Trial #%1: cannot rebuild the surrogate: %2").arg(trial.number).arg(QString::fromUtf8(e.what())));
        return false;
    }
}

} // namespace tw::widgets
