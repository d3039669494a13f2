#include "trial/TrialDetailView.h"

#include "leaderboard/LeaderboardModel.h"
#include "plots/LossCurvesPlot.h"
#include "trial/ConfusionMatrixView.h"
#include "trial/MisclassifiedView.h"
#include "trial/WhyTrialView.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace tw::widgets {

TrialDetailView::TrialDetailView(QWidget* parent)
    : QWidget(parent)
{
    m_header = new QLabel(tr("Double-click a trial in the leaderboard to see it here."), this);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_header->setWordWrap(true);
    m_params = new QTableWidget(0, 2, this);
    m_params->setHorizontalHeaderLabels({tr("parameter"), tr("value")});
    m_params->horizontalHeader()->setStretchLastSection(true);
    m_params->verticalHeader()->hide();
    m_params->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_curves = new LossCurvesPlot(this);
    m_curves->setSingleTrial(true);
    m_confusion = new ConfusionMatrixView(this);
    m_misclassified = new MisclassifiedView(this);
    m_log = new QPlainTextEdit(this);
    m_log->setReadOnly(true);
    m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_log->setLineWrapMode(QPlainTextEdit::NoWrap);

    m_tabs = new QTabWidget(this);
    m_tabs->addTab(m_curves, tr("Curves"));
    m_tabs->addTab(m_confusion, tr("Confusion matrix"));
    m_tabs->addTab(m_misclassified, tr("Misclassified"));
    m_tabs->setTabVisible(m_tabs->indexOf(m_misclassified), false);
    m_tabs->addTab(m_log, tr("Log"));
    m_why = new WhyTrialView(this);
    m_tabs->addTab(m_why, tr("Why this trial"));

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_params);
    split->addWidget(m_tabs);
    split->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(split, 1);
}

void TrialDetailView::setTrial(const FrozenTrial& trial, const QString& metricName)
{
    m_trial = trial.number;
    QString header = tr("<b>Trial #%1</b> · %2").arg(trial.number).arg(QString::fromUtf8(toString(trial.state).data()));
    if (trial.value)
        header += tr(" · %1 = %2").arg(metricName).arg(QString::number(*trial.value, 'g', 6));
    if (auto d = trial.durationSeconds())
        header += tr(" · %1 s").arg(QString::number(*d, 'f', 2));
    if (const QString method = LeaderboardModel::samplerMethod(trial); !method.isEmpty())
        header += tr(" · sampled by %1").arg(method.toHtmlEscaped());  // #17
    if (!trial.reason.empty())
        header += "<br>" + tr("Reason: %1").arg(QString::fromStdString(trial.reason).toHtmlEscaped().replace("\n", "<br>"));
    m_header->setText(header);

    m_params->setRowCount(0);
    for (const auto& [name, value] : trial.params) {
        const int row = m_params->rowCount();
        m_params->insertRow(row);
        m_params->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(name)));
        m_params->setItem(row, 1, new QTableWidgetItem(LeaderboardModel::formatParam(trial, name)));
    }
    m_params->resizeColumnToContents(0);
    m_curves->clearTrials();
    m_confusion->clear();
    m_misclassified->clear();
    m_tabs->setTabVisible(m_tabs->indexOf(m_misclassified), false);
    m_log->clear();
    m_why->clear();
}

void TrialDetailView::showWhyPage()
{
    m_tabs->setCurrentWidget(m_why);
}

void TrialDetailView::explain(const FrozenTrial& trial, const std::vector<FrozenTrial>& studyTrials)
{
    m_why->setTrial(trial, studyTrials);
}

void TrialDetailView::setCurve(const std::vector<EpochPoint>& points)
{
    m_curves->clearTrials();
    m_curves->setCurve(m_trial, TrialState::Complete, points);
    m_curves->setHighlighted({}, m_trial);
    m_curves->refresh();
}

void TrialDetailView::setConfusionMatrix(const QStringList& labels,
                                         const std::vector<std::vector<long long>>& counts)
{
    m_confusion->setMatrix(labels, counts);
}

void TrialDetailView::setMisclassified(const MisclassifiedRows& rows, const ObjectiveSpec& objective)
{
    m_tabs->setTabVisible(m_tabs->indexOf(m_misclassified), true);
    m_misclassified->setMisclassified(rows, objective);
}

void TrialDetailView::showMisclassifiedMessage(const QString& text)
{
    m_tabs->setTabVisible(m_tabs->indexOf(m_misclassified), true);
    m_misclassified->showMessage(text);
}

void TrialDetailView::showMisclassifiedPage()
{
    m_tabs->setCurrentWidget(m_misclassified);
}

void TrialDetailView::setLog(const QString& stdoutText, const QString& stderrText)
{
    QString text = stdoutText;
    if (!stderrText.isEmpty())
        text += (text.isEmpty() ? QString() : QString("\n")) + "── stderr ──\n" + stderrText;
    m_log->setPlainText(text.isEmpty() ? tr("(this trial wrote no log)") : text);
}

} // namespace tw::widgets
