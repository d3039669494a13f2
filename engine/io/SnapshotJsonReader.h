#pragma once
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace tw {

// Typed reads of a suggestion snapshot's JSON (GPSnapshotJson, TPESnapshotJson): each
// throws SnapshotJsonReader::Bad naming the member (`path` + `key`, e.g. "groups[].score")
// and what it should have been. null reads as NaN where a number is expected (the
// snapshot writers write non-finite numbers as null).
class SnapshotJsonReader {
public:
    struct Bad : std::runtime_error {
        using std::runtime_error::runtime_error;
    };
    static QJsonValue member(const QJsonObject& o, const char* path, const char* key);
    static double number(const QJsonObject& o, const char* path, const char* key);
    static int integer(const QJsonObject& o, const char* path, const char* key);
    static bool boolean(const QJsonObject& o, const char* path, const char* key);
    static std::string string(const QJsonObject& o, const char* path, const char* key);
    static QJsonObject object(const QJsonObject& o, const char* path, const char* key);
    static QJsonArray array(const QJsonObject& o, const char* path, const char* key);
    static std::vector<double> numbers(const QJsonObject& o, const char* path, const char* key);
    static std::vector<int> integers(const QJsonObject& o, const char* path, const char* key);
    static std::vector<std::string> strings(const QJsonObject& o, const char* path, const char* key);
    // A 64-bit seed, written as a string of digits.
    static std::uint64_t seed(const QJsonObject& o, const char* path, const char* key);
    // The document's top-level object; Bad for text that is not JSON or not an object.
    static QJsonObject document(const std::string& json);
    // read(document(json)), or nothing with `error` set to "<attr>: what is wrong".
    template <class T, class Read>
    static std::optional<T> parse(const std::string& json, const char* attr, Read read, QString* error)
    {
        try {
            return read(document(json));
        } catch (const Bad& e) {
            if (error)
                *error = QStringLiteral("%1: %2").arg(QLatin1String(attr), QString::fromStdString(e.what()));
            return std::nullopt;
        }
    }
};

} // namespace tw
