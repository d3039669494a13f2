#pragma once
#include "data/Dataset.h"
#include "objectives/MisclassifiedRows.h"
#include "spec/ObjectiveSpec.h"
#include "trial/MisclassifiedGrid.h"

#include <QWidget>

#include <thread>

class QLabel;
class QScrollArea;

namespace tw::widgets {

// The Trial tab's page of misclassified validation images (#15): the trial's
// `misclassified` artifact drawn from the dataset's own pixels, under a line that says how
// many of the validation images the model got wrong. The images are read with the engine's
// dataset loader from the trial's objective, off the GUI thread (Fashion-MNIST takes a
// moment), and only the shown rows are kept.
class MisclassifiedView : public QWidget {
    Q_OBJECT
public:
    explicit MisclassifiedView(QWidget* parent = nullptr);
    ~MisclassifiedView() override;

    // Starts reading the images of `rows` from `objective`'s dataset; imagesShown() follows.
    void setMisclassified(const MisclassifiedRows& rows, const ObjectiveSpec& objective);
    // Draws the images of `rows` from `data` (as loaded, before preprocessing) now.
    void setImages(const MisclassifiedRows& rows, const Dataset& data);
    void showMessage(const QString& text);
    void clear();
    bool isLoading() const { return m_loading; }

    MisclassifiedGrid* grid() const { return m_grid; }
    QLabel* headerLabel() const { return m_header; }

    // The grid's cells: each row's pixels as an image (grey for one channel, RGB for
    // three, the first channel otherwise), scaled together from the darkest to the
    // brightest pixel shown, with the class names. Empty with *error when a row or the
    // shape does not fit the data (the data changed since the trial).
    static QList<MisclassifiedGrid::Cell> cellsFor(const MisclassifiedRows& rows, const Dataset& data,
                                                   QString* error);

signals:
    // The images are drawn, or a message says why not.
    void imagesShown();

private:
    void showCells(const MisclassifiedRows& rows, const QList<MisclassifiedGrid::Cell>& cells, const QString& error);
    QString summary(const MisclassifiedRows& rows) const;

    QLabel* m_header;
    QScrollArea* m_scroll;
    MisclassifiedGrid* m_grid;
    std::thread m_worker;
    int m_generation = 0;
    bool m_loading = false;
};

} // namespace tw::widgets
