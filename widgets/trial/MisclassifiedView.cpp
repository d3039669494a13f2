#include "trial/MisclassifiedView.h"

#include "core/UserMessage.h"
#include "objectives/SpecDataLoader.h"

#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace tw::widgets {

MisclassifiedView::MisclassifiedView(QWidget* parent)
    : QWidget(parent)
{
    m_header = new QLabel(this);
    m_header->setWordWrap(true);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_grid = new MisclassifiedGrid;
    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setWidget(m_grid);
    m_scroll->setBackgroundRole(QPalette::Base);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(m_scroll, 1);
    clear();
}

MisclassifiedView::~MisclassifiedView()
{
    if (m_worker.joinable())
        m_worker.join();
}

void MisclassifiedView::clear()
{
    ++m_generation; // a load still running is not shown
    m_loading = false;
    m_grid->setCells({});
    m_header->setText(tr("No misclassified images for this trial: they are kept for image classifiers "
                         "with validation rows."));
}

void MisclassifiedView::showMessage(const QString& text)
{
    ++m_generation;
    m_loading = false;
    m_grid->setCells({});
    m_header->setText(text);
    emit imagesShown();
}

QString MisclassifiedView::summary(const MisclassifiedRows& rows) const
{
    if (rows.total == 0)
        return tr("No validation image is misclassified (%1 looked at).").arg(rows.validationRows);
    QString text = tr("%1 of %2 validation images misclassified").arg(rows.total).arg(rows.validationRows);
    if (rows.total > static_cast<long long>(rows.rows.size()))
        text += tr("; the %1 most confident mistakes").arg(rows.rows.size());
    return text + tr(", labelled true → predicted.");
}

QList<MisclassifiedGrid::Cell> MisclassifiedView::cellsFor(const MisclassifiedRows& rows, const Dataset& data,
                                                           QString* error)
{
    const auto fail = [error](const QString& why) {
        if (error)
            *error = why;
        return QList<MisclassifiedGrid::Cell>{};
    };
    const std::optional<ImageShape> shape = rows.imageShape ? rows.imageShape : data.imageShape;
    if (!shape || !shape->isValid() || shape->size() != data.features())
        return fail(tr("The dataset's rows are not images of the trial's shape (%1 values each); has the data "
                       "changed since the trial?")
                        .arg(data.features()));
    float lo = std::numeric_limits<float>::max();
    float hi = std::numeric_limits<float>::lowest();
    for (const MisclassifiedRows::Row& r : rows.rows) {
        if (r.row < 0 || r.row >= data.rows())
            return fail(tr("Row %1 is not in the dataset (%2 rows); has the data changed since the trial?")
                            .arg(r.row)
                            .arg(data.rows()));
        lo = std::min(lo, data.x.row(r.row).minCoeff());
        hi = std::max(hi, data.x.row(r.row).maxCoeff());
    }
    const float range = hi > lo ? hi - lo : 1.0f;
    const auto grey = [&](float v) { return std::clamp(static_cast<int>((v - lo) / range * 255.0f + 0.5f), 0, 255); };
    const auto label = [&](int c) {
        return c >= 0 && c < static_cast<int>(rows.labels.size()) ? QString::fromStdString(rows.labels[static_cast<size_t>(c)])
                                                                   : QString::number(c);
    };
    QList<MisclassifiedGrid::Cell> cells;
    const long long plane = shape->plane();
    for (const MisclassifiedRows::Row& r : rows.rows) {
        const float* px = data.x.row(r.row).data();
        QImage img(shape->width, shape->height, QImage::Format_RGB32);
        for (int y = 0; y < shape->height; ++y)
            for (int x = 0; x < shape->width; ++x) {
                const long long i = static_cast<long long>(y) * shape->width + x;
                const int g = grey(px[i]);
                img.setPixel(x, y, shape->channels == 3 ? qRgb(g, grey(px[plane + i]), grey(px[2 * plane + i]))
                                                        : qRgb(g, g, g));
            }
        cells.push_back({img, label(r.trueClass), label(r.predicted), r.probability, r.row});
    }
    return cells;
}

void MisclassifiedView::showCells(const MisclassifiedRows& rows, const QList<MisclassifiedGrid::Cell>& cells,
                                  const QString& error)
{
    m_loading = false;
    m_grid->setCells(cells);
    m_header->setText(error.isEmpty() ? summary(rows) : summary(rows) + QStringLiteral(" ") + error);
    emit imagesShown();
}

void MisclassifiedView::setImages(const MisclassifiedRows& rows, const Dataset& data)
{
    ++m_generation;
    QString error;
    const QList<MisclassifiedGrid::Cell> cells = cellsFor(rows, data, &error);
    showCells(rows, cells, error);
}

void MisclassifiedView::setMisclassified(const MisclassifiedRows& rows, const ObjectiveSpec& objective)
{
    const int generation = ++m_generation;
    m_grid->setCells({});
    m_header->setText(tr("Reading the images from %1…").arg(objective.dataset.source));
    if (m_worker.joinable())
        m_worker.join();
    m_loading = true;
    m_worker = std::thread([this, rows, dataset = objective.dataset, generation] {
        QList<MisclassifiedGrid::Cell> cells;
        QString error;
        try {
            const LoadedDataset loaded = SpecDataLoader::load(dataset);
            cells = cellsFor(rows, loaded.data, &error);
        } catch (const std::exception& e) {
            error = tr("The images cannot be read: %1").arg(QString::fromStdString(UserMessage::clean(e.what())));
        }
        // Back on the GUI thread; the destructor joins this thread first, so `this` lives.
        QMetaObject::invokeMethod(
            this,
            [this, rows, cells = std::move(cells), error, generation] {
                if (generation == m_generation)
                    showCells(rows, cells, error);
            },
            Qt::QueuedConnection);
    });
}

} // namespace tw::widgets
