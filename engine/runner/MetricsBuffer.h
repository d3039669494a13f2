#pragma once
#include "runner/EpochEvent.h"

#include <QObject>

#include <mutex>
#include <vector>

namespace tw {

// High-rate metrics from the trial threads to the UI. Producers push under a mutex; the
// payload-free signal fires only when the buffer turns non-empty, so the UI is woken
// once per batch, drains everything on a short timer and replots once.
class MetricsBuffer : public QObject {
    Q_OBJECT
public:
    explicit MetricsBuffer(QObject* parent = nullptr);

    void push(EpochEvent event);  // any thread
    std::vector<EpochEvent> drain();  // takes everything pushed so far
    std::size_t size() const;

signals:
    void becameNonEmpty();

private:
    mutable std::mutex m_mutex;
    std::vector<EpochEvent> m_events;
};

} // namespace tw
