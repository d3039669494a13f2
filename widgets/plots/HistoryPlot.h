#pragma once
#include "core/StudyDirection.h"
#include "plots/InteractivePlot.h"

#include <QString>

#include <vector>

namespace tw::widgets {

// The optimization history: each finished trial's value against its number, and the
// best-so-far line. Several studies can share the plot, to compare them.
class HistoryPlot : public InteractivePlot {
    Q_OBJECT
public:
    struct Point {
        int trial = 0;
        double value = 0;
    };

    explicit HistoryPlot(QWidget* parent = nullptr);

    void setValueName(const QString& name);
    // Replaces the study drawn under `label` (the first one is the main study).
    void setStudy(const QString& label, StudyDirection direction, std::vector<Point> points);
    void removeStudy(const QString& label);
    void clearStudies();
    void refresh();

    // Best-so-far values for points in trial order.
    static std::vector<double> bestSoFar(const std::vector<Point>& points, StudyDirection d);

private:
    struct Series {
        QString label;
        StudyDirection direction = StudyDirection::Minimize;
        std::vector<Point> points;
    };
    std::vector<Series> m_series;
};

} // namespace tw::widgets
