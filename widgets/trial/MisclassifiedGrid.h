#pragma once
#include <QImage>
#include <QList>
#include <QString>
#include <QWidget>

namespace tw::widgets {

// Images in a grid, each with "true → predicted" under it and the model's confidence: the
// misclassified validation images of a trial. Pixels are drawn as squares (no smoothing),
// so an 8×8 digit stays readable; a cell's tooltip says its dataset row.
class MisclassifiedGrid : public QWidget {
    Q_OBJECT
public:
    struct Cell {
        QImage image;
        QString truth;
        QString predicted;
        double probability = 0.0;
        long long row = 0;
    };

    explicit MisclassifiedGrid(QWidget* parent = nullptr);

    void setCells(const QList<Cell>& cells);
    const QList<Cell>& cells() const { return m_cells; }
    // What cell `index` shows under its image ("Shirt → T-shirt/top").
    static QString caption(const Cell& cell);
    // Where cell `index` is drawn at the current width (its image and text).
    QRect cellRect(int index) const;
    QRect imageRect(int index) const;

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;

private:
    int columns(int width) const;
    int imageSide() const;
    int cellWidth() const;
    int cellHeight() const;

    QList<Cell> m_cells;
};

} // namespace tw::widgets
