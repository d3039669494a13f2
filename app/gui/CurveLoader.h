#pragma once
#include "core/FrozenTrial.h"
#include "plots/EpochPoint.h"

#include <QObject>
#include <QTimer>

#include <deque>
#include <map>
#include <vector>

namespace tw {
class StudyStorage;
}

namespace tw::gui {

// Reads the stored curves of finished trials on the GUI thread (whose storage connection
// it uses), a slice of about sliceMs at a time, so a study of 10,000 trials opens at once
// and its curves fill in without the window ever freezing. A trial's curve is its train
// objective's "curve" artifact (train and validation loss per epoch), else its
// intermediate values.
class CurveLoader : public QObject {
    Q_OBJECT
public:
    explicit CurveLoader(QObject* parent = nullptr);

    // Forgets what is queued; nullptr stops loading.
    void setStorage(StudyStorage* storage);
    void clear();
    void enqueue(const FrozenTrial& trial);
    bool isIdle() const { return m_queue.empty(); }
    int pending() const { return static_cast<int>(m_queue.size()); }

    // One trial's curve, read now.
    static std::vector<widgets::EpochPoint> read(StudyStorage& storage, const FrozenTrial& trial);
    static std::vector<widgets::EpochPoint> fromIntermediate(const FrozenTrial& trial);
    static constexpr int sliceMs = 12;

signals:
    // Curves read in one slice; `done` when nothing more is queued.
    void loaded(const std::map<int, std::vector<tw::widgets::EpochPoint>>& curves, bool done);

private:
    void loadSlice();

    // What reading a curve needs, not a whole trial: 10,000 of them wait at once.
    struct Pending {
        std::int64_t id = -1;
        int number = -1;
        std::vector<std::pair<std::int64_t, double>> intermediate;
    };
    static std::vector<widgets::EpochPoint> read(StudyStorage& storage, const Pending& trial);
    static Pending pending(const FrozenTrial& trial);

    StudyStorage* m_storage = nullptr;
    std::deque<Pending> m_queue;
    QTimer m_timer;
};

} // namespace tw::gui
