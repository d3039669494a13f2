#pragma once
#include "core/FrozenTrial.h"
#include "objectives/MisclassifiedRows.h"
#include "spec/ObjectiveSpec.h"
#include "plots/EpochPoint.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTableWidget;
class QTabWidget;

namespace tw::widgets {

class ConfusionMatrixView;
class MisclassifiedView;
class LossCurvesPlot;
class WhyTrialView;

// Everything about one trial, one click from the leaderboard: its params, its curves,
// the confusion matrix for a classifier, the misclassified images of an image
// classifier, and its full log.
class TrialDetailView : public QWidget {
    Q_OBJECT
public:
    explicit TrialDetailView(QWidget* parent = nullptr);

    void setTrial(const FrozenTrial& trial, const QString& metricName);
    void setCurve(const std::vector<EpochPoint>& points);
    void setConfusionMatrix(const QStringList& labels, const std::vector<std::vector<long long>>& counts);
    // An image classifier's misclassified validation images, read from `objective`'s data;
    // the page is shown only for trials that have them.
    void setMisclassified(const MisclassifiedRows& rows, const ObjectiveSpec& objective);
    void showMisclassifiedMessage(const QString& text);
    void setLog(const QString& stdoutText, const QString& stderrText);
    // The "Why this trial" page for `trial`, its surrogate rebuilt over `studyTrials`.
    void explain(const FrozenTrial& trial, const std::vector<FrozenTrial>& studyTrials);
    int trialNumber() const { return m_trial; }

    QTableWidget* paramsTable() const { return m_params; }
    QPlainTextEdit* logView() const { return m_log; }
    ConfusionMatrixView* confusionView() const { return m_confusion; }
    MisclassifiedView* misclassifiedView() const { return m_misclassified; }
    QTabWidget* tabs() const { return m_tabs; }
    void showMisclassifiedPage();
    WhyTrialView* whyView() const { return m_why; }
    void showWhyPage();

private:
    int m_trial = -1;
    QLabel* m_header;
    QTableWidget* m_params;
    LossCurvesPlot* m_curves;
    ConfusionMatrixView* m_confusion;
    MisclassifiedView* m_misclassified;
    QPlainTextEdit* m_log;
    WhyTrialView* m_why;
    QTabWidget* m_tabs;
};

} // namespace tw::widgets
