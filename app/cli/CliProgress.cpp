#include "CliProgress.h"

#include <QTextStream>

#include <cmath>

#include <unistd.h>

namespace tw::cli {

CliProgress::CliProgress(int total, QString metric, int alreadyDone)
    : m_tty(::isatty(STDERR_FILENO) == 1)
    , m_total(total)
    , m_alreadyDone(alreadyDone)
    , m_metric(metric.isEmpty() ? QString("value") : std::move(metric))
{
    m_clock.start();
}

QString CliProgress::formatDuration(double s)
{
    if (s < 90)
        return QString("%1 s").arg(qRound(s));
    if (s < 5400)
        return QString("%1 min").arg(qRound(s / 60));
    return QString("%1 h %2 min").arg(int(s / 3600)).arg(qRound(std::fmod(s, 3600.0) / 60));
}

void CliProgress::onEvent(const TrialEvent& event)
{
    if (!m_tty || event.kind != TrialEvent::Kind::Finished)
        return;
    std::lock_guard lock(m_mutex);
    const int done = m_alreadyDone + event.finishedThisRun;
    QString line = QString("trial %1 of %2").arg(done).arg(m_total);
    if (event.best && event.best->value)
        line += QString(" · best %1 %2 (#%3)").arg(m_metric).arg(*event.best->value, 0, 'g', 5).arg(event.best->number);
    const int remaining = m_total - done;
    if (event.finishedThisRun > 0 && remaining > 0) {
        const double perTrial = m_clock.elapsed() / 1000.0 / event.finishedThisRun;
        line += " · ETA " + formatDuration(perTrial * remaining);
    }
    QTextStream(stderr) << "\r\033[K" << line << Qt::flush;
    m_printed = true;
}

void CliProgress::finish()
{
    std::lock_guard lock(m_mutex);
    if (m_printed)
        QTextStream(stderr) << "\n" << Qt::flush;
    m_printed = false;
}

} // namespace tw::cli
