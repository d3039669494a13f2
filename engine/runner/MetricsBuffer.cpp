#include "runner/MetricsBuffer.h"

namespace tw {

MetricsBuffer::MetricsBuffer(QObject* parent)
    : QObject(parent)
{
}

void MetricsBuffer::push(EpochEvent event)
{
    bool wasEmpty = false;
    {
        std::lock_guard lock(m_mutex);
        wasEmpty = m_events.empty();
        m_events.push_back(std::move(event));
    }
    if (wasEmpty)
        emit becameNonEmpty();
}

std::vector<EpochEvent> MetricsBuffer::drain()
{
    std::vector<EpochEvent> out;
    std::lock_guard lock(m_mutex);
    out.swap(m_events);
    return out;
}

std::size_t MetricsBuffer::size() const
{
    std::lock_guard lock(m_mutex);
    return m_events.size();
}

} // namespace tw
