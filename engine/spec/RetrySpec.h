#pragma once

namespace tw {

// `retry`: what happens to failed and stale trials.
struct RetrySpec {
    int maxRetries = 0;     // "max_retries": times a failed trial is run again, >= 0
    double heartbeatS = 10; // "heartbeat_s": a running trial's heartbeat period, > 0
    double graceS = 60; // "grace_s": a heartbeat older than this fails it as stale, > heartbeat_s
};

} // namespace tw
