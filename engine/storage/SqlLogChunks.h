#pragma once
#include <cstdint>
#include <string>

namespace tw {

class SqlConnection;

// A trial's log streams as chunk rows (table trial_log_chunks, schema version 3): an append
// inserts one row keyed by the stream's length after it and drops the rows that fell out of
// the newest StudyStorage::logCap() bytes, so its cost does not grow with the log. Runs
// inside the caller's transaction; the caller checks the trial.
class SqlLogChunks {
public:
    explicit SqlLogChunks(SqlConnection& connection) : m_connection(connection) {}

    void append(std::int64_t trialId, const std::string& stream, const std::string& text);
    // The stream's newest logCap() bytes.
    std::string read(std::int64_t trialId, const std::string& stream);

private:
    SqlConnection& m_connection;
};

} // namespace tw
