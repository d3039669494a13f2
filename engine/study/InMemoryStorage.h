#pragma once
#include "study/StudyStorage.h"

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <unordered_map>
#include <utility>

namespace tw {

// The storage contract kept in process memory, behind one mutex. The reference backend:
// the SQL backends must behave exactly like it (tests/support/StorageContract.h).
// Everything used on every ask is O(log n) at most: the Waiting queue, the budget count,
// and trialsChangedSince, which walks an index by change counter and copies out only the
// changed trials.
class InMemoryStorage : public StudyStorage {
public:
    InMemoryStorage();
    ~InMemoryStorage() override;

    StudyRecord createStudy(const StudyRecord& study) override;
    std::optional<StudyRecord> findStudy(const std::string& name) override;
    std::vector<StudyRecord> studies() override;
    void renameStudy(std::int64_t studyId, const std::string& newName) override;
    void deleteStudy(std::int64_t studyId) override;
    void setStudySystemAttr(std::int64_t studyId, const std::string& key,
                            const std::string& json) override;
    void setStudyUserAttr(std::int64_t studyId, const std::string& key,
                          const std::string& json) override;

    std::optional<FrozenTrial> createTrial(std::int64_t studyId, const FrozenTrial& trial,
                                           std::optional<int> maxCounted = std::nullopt,
                                           std::optional<long long> maxSampled = std::nullopt) override;
    std::optional<FrozenTrial> claimWaitingTrial(std::int64_t studyId, TimePoint now) override;
    void setTrialParam(std::int64_t trialId, const std::string& name, double internal,
                       const Distribution& dist) override;
    void setTrialParams(std::int64_t trialId, const std::vector<TrialParam>& params) override;
    void reportIntermediate(std::int64_t trialId, std::int64_t step, double value) override;
    void setTrialSystemAttr(std::int64_t trialId, const std::string& key,
                            const std::string& json) override;
    void setTrialUserAttr(std::int64_t trialId, const std::string& key,
                          const std::string& json) override;
    void heartbeat(std::int64_t trialId, TimePoint now) override;
    bool finishTrial(std::int64_t trialId, TrialState state, std::optional<double> value,
                     const std::string& reason, TimePoint now) override;
    std::vector<FrozenTrial> failStaleTrials(std::int64_t studyId, TimePoint now,
                                             std::chrono::seconds grace) override;

    FrozenTrial trial(std::int64_t trialId) override;
    std::vector<FrozenTrial> trials(std::int64_t studyId) override;
    std::vector<FrozenTrial> trialsChangedSince(std::int64_t studyId, std::int64_t sinceVersion,
                                                std::int64_t* newVersion) override;

    std::vector<std::int64_t> writeTrials(const std::vector<TrialWrites>& batch) override;

    void appendTrialLog(std::int64_t trialId, const std::string& stream,
                        const std::string& text) override;
    std::string trialLog(std::int64_t trialId, const std::string& stream) override;
    void putArtifact(std::int64_t trialId, const std::string& kind,
                     const std::string& bytes) override;
    std::optional<std::string> artifact(std::int64_t trialId, const std::string& kind) override;
    void deleteArtifact(std::int64_t trialId, const std::string& kind) override;

private:
    struct StudyData;
    struct TrialLocation {
        StudyData* study = nullptr;
        std::size_t index = 0;
    };

    StudyData& studyLocked(std::int64_t studyId, const char* method);
    TrialLocation locateLocked(std::int64_t trialId, const char* method);
    FrozenTrial& runningOrWaitingLocked(std::int64_t trialId, const char* method,
                                        TrialLocation* where);
    void touchLocked(const TrialLocation& where);
    void appendLogLocked(std::int64_t trialId, const std::string& stream, const std::string& text);
    void setParamsLocked(std::int64_t trialId, const std::vector<TrialParam>& params,
                         const char* method);

    std::mutex m_mutex;
    std::int64_t m_version = 0;
    std::int64_t m_nextStudyId = 1;
    std::int64_t m_nextTrialId = 1;
    std::map<std::int64_t, std::unique_ptr<StudyData>> m_studies;
    std::unordered_map<std::int64_t, TrialLocation> m_trialIndex;
    std::map<std::pair<std::int64_t, std::string>, std::string> m_logs;
    std::map<std::pair<std::int64_t, std::string>, std::string> m_artifacts;
};

} // namespace tw
