#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace tw {

// Which process runs a trial, stored with every Running trial as system attr "owner"
// (compact JSON). It must tell a dead owner from a live one across containers and
// reboots: the pid alone is reused, so it comes with the process's start time (field 22
// of /proc/PID/stat), and pids mean the same process only within one boot (boot id) and
// one pid namespace (the inode of /proc/self/ns/pid). The host name is for people.
//
// From another process, an owner is
//  - Alive: on this machine (same boot id and pid namespace), its pid runs, started then;
//  - Dead: on this machine, and no such pid runs (or a zombie), or it started at another
//    time (the pid was reused);
//  - Unknown: on another machine, in another pid namespace, or not recorded.
struct TrialOwner {
    std::string host;
    std::string bootId;
    std::uint64_t pidNamespace = 0;
    long long pid = 0;
    unsigned long long startTime = 0;  // clock ticks after boot

    enum class Liveness { Alive, Dead, Unknown };

    // This process (read once; again after a fork).
    static const TrialOwner& self();
    std::string toJson() const;
    // nullopt for anything that is not an owner object this class wrote.
    static std::optional<TrialOwner> fromJson(const std::string& json);

    bool sameMachineAs(const TrialOwner& other) const;
    // Judged from this process.
    Liveness liveness() const;
    // The start time of process `pid`, or nullopt if it does not run (or is a zombie).
    static std::optional<unsigned long long> startTimeOf(long long pid);

    static constexpr const char* attrKey() { return "owner"; }
};

} // namespace tw
