#include "samplers/JsonText.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace tw {

void JsonText::number(std::string& out, double v)
{
    if (!std::isfinite(v)) {
        out += "null";
        return;
    }
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

void JsonText::numbers(std::string& out, const std::vector<double>& v)
{
    out += '[';
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i)
            out += ',';
        number(out, v[i]);
    }
    out += ']';
}

void JsonText::integers(std::string& out, const std::vector<int>& v)
{
    out += '[';
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i)
            out += ',';
        char buf[16];
        const auto r = std::to_chars(buf, buf + sizeof buf, v[i]);
        out.append(buf, r.ptr);
    }
    out += ']';
}

void JsonText::string(std::string& out, const std::string& s)
{
    out += '"';
    for (char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else {
            out += c;
        }
    }
    out += '"';
}

void JsonText::strings(std::string& out, const std::vector<std::string>& v)
{
    out += '[';
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i)
            out += ',';
        string(out, v[i]);
    }
    out += ']';
}

void JsonText::key(std::string& out, const char* k)
{
    out += '"';
    out += k;
    out += "\":";
}

} // namespace tw
