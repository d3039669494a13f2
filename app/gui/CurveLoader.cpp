#include "CurveLoader.h"

#include "plots/CurveArtifact.h"
#include "study/StudyStorage.h"

#include <QElapsedTimer>

#include <cmath>

namespace tw::gui {

CurveLoader::CurveLoader(QObject* parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &CurveLoader::loadSlice);
}

void CurveLoader::setStorage(StudyStorage* storage)
{
    clear();
    m_storage = storage;
}

void CurveLoader::clear()
{
    m_queue.clear();
    m_timer.stop();
}

CurveLoader::Pending CurveLoader::pending(const FrozenTrial& trial)
{
    Pending p;
    p.id = trial.id;
    p.number = trial.number;
    p.intermediate.assign(trial.intermediate.begin(), trial.intermediate.end());
    return p;
}

void CurveLoader::enqueue(const FrozenTrial& trial)
{
    m_queue.push_back(pending(trial));
    if (!m_timer.isActive())
        m_timer.start();
}

std::vector<widgets::EpochPoint> CurveLoader::fromIntermediate(const FrozenTrial& t)
{
    std::vector<widgets::EpochPoint> points;
    points.reserve(t.intermediate.size());
    for (const auto& [step, v] : t.intermediate)
        points.push_back({t.number, static_cast<double>(step), std::nan(""), v});
    return points;
}

std::vector<widgets::EpochPoint> CurveLoader::read(StudyStorage& storage, const FrozenTrial& trial)
{
    return read(storage, pending(trial));
}

std::vector<widgets::EpochPoint> CurveLoader::read(StudyStorage& storage, const Pending& trial)
{
    try {
        if (auto curve = storage.artifact(trial.id, "curve")) {
            auto points = widgets::CurveArtifact::parse(trial.number, QByteArray::fromStdString(*curve));
            if (!points.empty())
                return points;
        }
    } catch (const StorageError&) {
        // Unreadable: the intermediate values still show the trial's course.
    }
    std::vector<widgets::EpochPoint> points;
    points.reserve(trial.intermediate.size());
    for (const auto& [step, v] : trial.intermediate)
        points.push_back({trial.number, static_cast<double>(step), std::nan(""), v});
    return points;
}

void CurveLoader::loadSlice()
{
    if (!m_storage) {
        m_queue.clear();
        return;
    }
    QElapsedTimer clock;
    clock.start();
    std::map<int, std::vector<widgets::EpochPoint>> curves;
    while (!m_queue.empty() && (curves.empty() || clock.elapsed() < sliceMs)) {
        const Pending& t = m_queue.front();
        curves[t.number] = read(*m_storage, t);
        m_queue.pop_front();
    }
    const bool done = m_queue.empty();
    if (!done)
        m_timer.start();
    emit loaded(curves, done);
}

} // namespace tw::gui
