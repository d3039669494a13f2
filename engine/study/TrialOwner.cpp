#include "study/TrialOwner.h"

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <mutex>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace tw {

namespace {

std::string readFile(const char* path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return {};
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string trimmed(std::string s)
{
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r'))
        s.pop_back();
    return s;
}

// A JSON string of text that needs no more than these escapes (host names, hex ids).
std::string quoted(const std::string& s)
{
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\')
            out += '\\';
        if (static_cast<unsigned char>(c) >= 0x20)
            out += c;
    }
    return out + "\"";
}

// The value of "key" in a flat object of strings and non-negative integers.
std::optional<std::string> field(const std::string& json, const std::string& key)
{
    const std::string needle = "\"" + key + "\":";
    const auto at = json.find(needle);
    if (at == std::string::npos)
        return std::nullopt;
    std::size_t i = at + needle.size();
    if (i >= json.size())
        return std::nullopt;
    std::string out;
    if (json[i] == '"') {
        for (++i; i < json.size() && json[i] != '"'; ++i) {
            if (json[i] == '\\' && i + 1 < json.size())
                ++i;
            out += json[i];
        }
        if (i >= json.size())
            return std::nullopt;
        return out;
    }
    while (i < json.size() && json[i] >= '0' && json[i] <= '9')
        out += json[i++];
    if (out.empty())
        return std::nullopt;
    return out;
}

std::optional<unsigned long long> number(const std::optional<std::string>& s)
{
    if (!s || s->empty() || s->size() > 20)
        return std::nullopt;
    char* end = nullptr;
    errno = 0;
    const unsigned long long v = std::strtoull(s->c_str(), &end, 10);
    if (errno || *end)
        return std::nullopt;
    return v;
}

TrialOwner readSelf()
{
    TrialOwner o;
    char host[256] = {};
    if (::gethostname(host, sizeof host - 1) == 0)
        o.host = host;
    o.bootId = trimmed(readFile("/proc/sys/kernel/random/boot_id"));
    struct stat st {};
    if (::stat("/proc/self/ns/pid", &st) == 0)
        o.pidNamespace = static_cast<std::uint64_t>(st.st_ino);
    o.pid = ::getpid();
    o.startTime = TrialOwner::startTimeOf(o.pid).value_or(0);
    return o;
}

} // namespace

const TrialOwner& TrialOwner::self()
{
    static std::mutex mutex;
    static TrialOwner cached;
    std::lock_guard lock(mutex);
    if (cached.pid != ::getpid())
        cached = readSelf();
    return cached;
}

std::string TrialOwner::toJson() const
{
    std::ostringstream out;
    out << "{\"boot_id\":" << quoted(bootId) << ",\"host\":" << quoted(host) << ",\"pid\":" << pid
        << ",\"pid_ns\":" << pidNamespace << ",\"start_time\":" << startTime << "}";
    return out.str();
}

std::optional<TrialOwner> TrialOwner::fromJson(const std::string& json)
{
    if (json.empty() || json.front() != '{')
        return std::nullopt;
    TrialOwner o;
    const auto boot = field(json, "boot_id");
    const auto pid = number(field(json, "pid"));
    const auto ns = number(field(json, "pid_ns"));
    const auto start = number(field(json, "start_time"));
    if (!boot || !pid || !ns || !start)
        return std::nullopt;
    o.bootId = *boot;
    o.host = field(json, "host").value_or(std::string());
    o.pid = static_cast<long long>(*pid);
    o.pidNamespace = *ns;
    o.startTime = *start;
    return o;
}

bool TrialOwner::sameMachineAs(const TrialOwner& other) const
{
    return !bootId.empty() && bootId == other.bootId && pidNamespace != 0 &&
           pidNamespace == other.pidNamespace;
}

TrialOwner::Liveness TrialOwner::liveness() const
{
    const TrialOwner& me = self();
    if (!sameMachineAs(me) || pid <= 0 || startTime == 0 || me.startTime == 0)
        return Liveness::Unknown;
    const auto started = startTimeOf(pid);
    return started && *started == startTime ? Liveness::Alive : Liveness::Dead;
}

std::optional<unsigned long long> TrialOwner::startTimeOf(long long pid)
{
    if (pid <= 0)
        return std::nullopt;
    const std::string path = "/proc/" + std::to_string(pid) + "/stat";
    const std::string stat = readFile(path.c_str());
    // "pid (comm) state ppid ... starttime ...": comm may hold spaces and parentheses, so
    // the fields are counted after its last ')'. state is field 3, starttime field 22.
    const auto close = stat.rfind(')');
    if (close == std::string::npos)
        return std::nullopt;
    std::istringstream fields(stat.substr(close + 1));
    std::string state;
    fields >> state;
    if (state.empty() || state == "Z" || state == "X" || state == "x")
        return std::nullopt;
    std::string token;
    for (int f = 4; f <= 22; ++f)
        if (!(fields >> token))
            return std::nullopt;
    return number(token);
}

} // namespace tw
