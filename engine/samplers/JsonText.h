#pragma once
#include <string>
#include <vector>

namespace tw {

// Appends JSON text without a JSON library (samplers stay free of Qt): the writers of the
// suggestion snapshots (GPSnapshot, TPESnapshot), which run with every suggestion. Numbers
// are the shortest round-trip form; non-finite ones are written as null.
class JsonText {
public:
    static void number(std::string& out, double v);
    static void numbers(std::string& out, const std::vector<double>& v);
    static void integers(std::string& out, const std::vector<int>& v);
    static void string(std::string& out, const std::string& s);
    static void strings(std::string& out, const std::vector<std::string>& v);
    // "k": (the key is plain ASCII, not escaped).
    static void key(std::string& out, const char* k);
};

} // namespace tw
