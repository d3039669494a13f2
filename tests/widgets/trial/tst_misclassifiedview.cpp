// The Trial tab's misclassified images (#15): each artifact row drawn from the dataset's
// own pixels, with "true → predicted" under it.
#include "trial/MisclassifiedGrid.h"
#include "trial/MisclassifiedView.h"
#include "io/BuiltinDatasets.h"
#include "spec/StudySpecParser.h"

#include <QJsonArray>
#include <QLabel>
#include <QSignalSpy>
#include <QtTest>

using namespace tw;
using namespace tw::widgets;

namespace {

// Ten digits, each "taken for" the next digit.
MisclassifiedRows digitRows(const Dataset& data)
{
    MisclassifiedRows m;
    m.labels = data.classLabels;
    m.imageShape = data.imageShape;
    m.total = 12;
    m.validationRows = 360;
    for (long long r = 0; r < 10; ++r) {
        const int truth = static_cast<int>(data.y(r * 7));
        m.rows.push_back({r * 7, truth, (truth + 1) % 10, 0.9 - 0.05 * static_cast<double>(r), 0});
    }
    return m;
}

} // namespace

class tst_MisclassifiedView : public QObject {
    Q_OBJECT
private slots:
    void drawsEachRowsPixelsWithItsLabels()
    {
        const LoadedDataset digits = BuiltinDatasets::load("digits");
        const Dataset& data = digits.data;
        const MisclassifiedRows rows = digitRows(data);
        MisclassifiedView view;
        view.resize(900, 600);
        view.show();
        QSignalSpy shown(&view, &MisclassifiedView::imagesShown);
        view.setImages(rows, data);
        QCOMPARE(shown.count(), 1);
        QVERIFY2(view.headerLabel()->text().startsWith("12 of 360 validation images misclassified; the 10 most"),
                 qPrintable(view.headerLabel()->text()));

        MisclassifiedGrid* grid = view.grid();
        QCOMPARE(grid->cells().size(), 10);
        // The grey levels span the pixels shown, darkest black, brightest white.
        float lo = 1e9f, hi = -1e9f;
        for (const auto& r : rows.rows) {
            lo = std::min(lo, data.x.row(r.row).minCoeff());
            hi = std::max(hi, data.x.row(r.row).maxCoeff());
        }
        for (int i = 0; i < 10; ++i) {
            const MisclassifiedGrid::Cell& cell = grid->cells()[i];
            const MisclassifiedRows::Row& r = rows.rows[static_cast<size_t>(i)];
            QCOMPARE(cell.image.size(), QSize(8, 8));
            QCOMPARE(cell.row, r.row);
            QCOMPARE(MisclassifiedGrid::caption(cell),
                     QString("%1 → %2").arg(QString::fromStdString(data.classLabels[r.trueClass]),
                                            QString::fromStdString(data.classLabels[r.predicted])));
            for (int y = 0; y < 8; ++y)
                for (int x = 0; x < 8; ++x) {
                    const float v = data.x(r.row, y * 8 + x);
                    QCOMPARE(qGray(cell.image.pixel(x, y)), static_cast<int>((v - lo) / (hi - lo) * 255.0f + 0.5f));
                }
        }

        // On screen: each image pixel is a square of whole screen pixels, the caption under it.
        const QImage screen = grid->grab().toImage();
        for (int i : {0, 9}) {
            const QRect img = grid->imageRect(i);
            QVERIFY(grid->rect().contains(img));
            QCOMPARE(img.width() % 8, 0);
            const int s = img.width() / 8;
            QVERIFY(s >= 4);
            const QImage& cell = grid->cells()[i].image;
            for (int y = 0; y < 8; ++y)
                for (int x = 0; x < 8; ++x)
                    QCOMPARE(qGray(screen.pixel(img.x() + x * s + s / 2, img.y() + y * s + s / 2)),
                             qGray(cell.pixel(x, y)));
            // Text under the image: some pixels of the caption's line differ from the background.
            const QRect cellBox = grid->cellRect(i);
            const QRgb background = screen.pixel(cellBox.x() + 1, img.bottom() + 3);
            int ink = 0;
            for (int y = img.bottom() + 4; y < cellBox.bottom(); ++y)
                for (int x = cellBox.x(); x < cellBox.right(); ++x)
                    ink += screen.pixel(x, y) != background;
            QVERIFY2(ink > 50, qPrintable(QString::number(ink)));
        }
        QVERIFY(grid->heightForWidth(300) > grid->heightForWidth(900)); // fewer columns, more rows
    }

    void readsTheImagesThroughTheDatasetLoader()
    {
        const LoadedDataset digits = BuiltinDatasets::load("digits");
        const MisclassifiedRows rows = digitRows(digits.data);
        const auto objective = StudySpecParser::parseObjective(
            QJsonObject{{"type", "train"},
                        {"dataset", QJsonObject{{"source", "builtin:digits"}}},
                        {"model", QJsonObject{{"type", "cnn"}, {"conv", QJsonArray{QJsonObject{{"filters", 4}}}}}}},
            "val_accuracy");
        QVERIFY2(objective, qPrintable(objective.error()));
        MisclassifiedView view;
        QSignalSpy shown(&view, &MisclassifiedView::imagesShown);
        view.setMisclassified(rows, objective.value());
        QVERIFY(view.isLoading());
        QTRY_COMPARE(shown.count(), 1);
        QVERIFY(!view.isLoading());
        QCOMPARE(view.grid()->cells().size(), 10);
        QString error;
        const auto direct = MisclassifiedView::cellsFor(rows, digits.data, &error);
        for (int i = 0; i < 10; ++i)
            QCOMPARE(view.grid()->cells()[i].image, direct[i].image);

        view.clear(); // nothing of an older trial stays
        QCOMPARE(view.grid()->cells().size(), 0);
    }

    void classNamesColoursAndDataThatChanged()
    {
        // Three 2x2 RGB images with Fashion-MNIST's class names.
        Dataset rgb;
        rgb.imageShape = ImageShape{3, 2, 2};
        rgb.x = FeatureMatrix::Zero(3, 12);
        rgb.x(1, 0) = 1.0f; // row 1: a red top-left pixel
        rgb.y = Eigen::VectorXf::Zero(3);
        MisclassifiedRows m;
        m.labels = BuiltinDatasets::fashionMnistClasses();
        m.imageShape = rgb.imageShape;
        m.rows.push_back({1, 6, 0, 0.8, 0});
        QString error;
        auto cells = MisclassifiedView::cellsFor(m, rgb, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(MisclassifiedGrid::caption(cells.at(0)), QStringLiteral("Shirt → T-shirt/top"));
        QCOMPARE(cells.at(0).image.pixel(0, 0), qRgb(255, 0, 0));
        QCOMPARE(cells.at(0).image.pixel(1, 1), qRgb(0, 0, 0));

        m.rows.push_back({5, 1, 2, 0.7, 0}); // a row the data does not have
        MisclassifiedView view;
        view.setImages(m, rgb);
        QCOMPARE(view.grid()->cells().size(), 0);
        QVERIFY2(view.headerLabel()->text().contains("Row 5 is not in the dataset (3 rows)"),
                 qPrintable(view.headerLabel()->text()));
    }
};

QTEST_MAIN(tst_MisclassifiedView)
#include "tst_misclassifiedview.moc"
