#pragma once
#include "study/TrialEvent.h"

#include <QElapsedTimer>
#include <QString>

#include <mutex>

namespace tw::cli {

// Progress of a run on stderr, when stderr is a terminal: trial k of N, the best so far
// and the ETA, rewritten in place. Silent otherwise, so pipes and logs stay clean.
class CliProgress {
public:
    CliProgress(int total, QString metric, int alreadyDone);
    void onEvent(const TrialEvent& event);
    void finish();
    static QString formatDuration(double seconds);

private:
    bool m_tty = false;
    int m_total = 0;
    int m_alreadyDone = 0;
    QString m_metric;
    QElapsedTimer m_clock;
    std::mutex m_mutex;
    bool m_printed = false;
};

} // namespace tw::cli
