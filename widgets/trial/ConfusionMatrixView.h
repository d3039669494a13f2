#pragma once
#include <QStringList>
#include <QWidget>

#include <vector>

namespace tw::widgets {

// A classifier's confusion matrix as a heat map: rows are true classes, columns the
// predicted ones, each cell with its count, shaded by the share of its row.
class ConfusionMatrixView : public QWidget {
    Q_OBJECT
public:
    explicit ConfusionMatrixView(QWidget* parent = nullptr);

    void setMatrix(const QStringList& labels, const std::vector<std::vector<long long>>& counts);
    void clear();
    bool isEmpty() const { return m_counts.empty(); }
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QStringList m_labels;
    std::vector<std::vector<long long>> m_counts;
};

} // namespace tw::widgets
