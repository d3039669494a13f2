#pragma once
#include "core/FrozenTrial.h"

#include <QWidget>

#include <string>
#include <vector>

class QJsonObject;
class QLabel;
class QTableWidget;

namespace tw::widgets {

class ParzenPlot;
class WhyTrialPlot;

// The Trial tab's "Why this trial" page (#16 item 7): for a trial the GP sampler suggested,
// its surrogate as it was then, rebuilt from the snapshot stored with the trial (the system
// attr "gp_snapshot") and the study's trials: WhyTrialPlot along each parameter, and the
// other candidates the acquisition optimizer scored, best first. For a TPE trial (attr
// "tpe_snapshot"), l(x) and g(x) along each parameter (ParzenPlot) and each draw's
// candidates. For any other trial, a line saying why there is nothing to show.
class WhyTrialView : public QWidget {
    Q_OBJECT
public:
    explicit WhyTrialView(QWidget* parent = nullptr);

    // Returns whether the trial could be explained.
    bool setTrial(const FrozenTrial& trial, const std::vector<FrozenTrial>& studyTrials);
    void clear();

    QString message() const;
    WhyTrialPlot* plot() const { return m_plot; }
    ParzenPlot* parzenPlot() const { return m_parzen; }
    QTableWidget* candidatesTable() const { return m_candidates; }

private:
    bool setGpTrial(const FrozenTrial& trial, const std::vector<FrozenTrial>& studyTrials, const std::string& json);
    bool setTpeTrial(const FrozenTrial& trial, const std::vector<FrozenTrial>& studyTrials, const std::string& json);
    void setCandidateRow(int row, double score, const QString& from, const QJsonObject& params);

    QLabel* m_message;
    WhyTrialPlot* m_plot;
    ParzenPlot* m_parzen;
    QTableWidget* m_candidates;
};

} // namespace tw::widgets
