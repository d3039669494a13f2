#pragma once
#include "runner/EpochEvent.h"
#include "runner/StudyRunner.h"
#include "spec/StudySpec.h"
#include "study/OptimizeSummary.h"
#include "study/StudyLoopOptions.h"
#include "study/Study.h"
#include "study/StudyStorage.h"

#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>

namespace tw {

// Bad input found while opening a study (a spec that differs from the stored one, an
// unknown study...). The CLI exits 2 with its message; the GUI shows it.
class SessionError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// One process's handle on one stored study: created from a spec, or resumed (only with
// the same spec, compared in canonical form), or joined by name with the stored spec
// (a worker). Builds the Study with the spec's sampler, pruner, budget and retry policy,
// and runs its trials.
class StudySession {
public:
    // Creates the study `name` (default: the spec's name) or resumes it. `trials`, when
    // set, raises (or lowers) the study's trial budget for every process.
    static std::unique_ptr<StudySession> createOrResume(StudyStorage& storage, StudySpec spec,
                                                        const QString& name = {},
                                                        std::optional<int> trials = std::nullopt);
    // Joins a stored study with its own spec. An empty name picks the storage's only study.
    static std::unique_ptr<StudySession> join(StudyStorage& storage, const QString& name = {});
    // The stored study named `name`, or the only one when `name` is empty.
    static StudyRecord findStudy(StudyStorage& storage, const QString& name);

    using EpochSink = std::function<void(const EpochEvent&)>;
    // Runs trials through `runner` until the budget is spent, or `stop` pauses or cancels
    // the run. Events (the runner's signal, `options.onEvent`, `epochs`) arrive on the
    // trial threads.
    OptimizeSummary run(StudyRunner& runner, StudyLoopOptions options, const StopRequest& stop = {},
                        EpochSink epochs = {});

    Study& study() { return *m_study; }
    const StudySpec& spec() const { return m_spec; }
    const StudyRecord& record() const { return m_study->record(); }
    bool resumed() const { return m_resumed; }
    int trialBudget() const { return m_budget; }
    // budget.max_consecutive_failures as stored with the study (0 = off): a new study
    // records the spec's value or the default, 3; a study stored without it keeps 0.
    int maxConsecutiveFailures() const { return m_maxConsecutiveFailures; }

private:
    StudySession(StudyStorage& storage, StudySpec spec, StudyRecord record, bool resumed, int budget);

    StudyStorage& m_storage;
    StudySpec m_spec;
    bool m_resumed = false;
    int m_budget = 0;
    int m_maxConsecutiveFailures = 0;
    std::unique_ptr<Study> m_study;
};

} // namespace tw
