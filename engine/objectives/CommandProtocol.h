#pragma once
#include <QByteArray>
#include <QByteArrayView>

#include <map>
#include <string>

namespace tw {

// One stdout line of a command trial, read as docs/study-spec.md's protocol says:
//  - {"step": s, "value": v} is an intermediate value, {"value": v} the result;
//  - v is a JSON number, one of the bare tokens NaN, Infinity and -Infinity that
//    Python's json.dumps writes, or one of the strings "nan", "inf", "-inf";
//  - an optional "metrics" object holds further named numbers (the same forms);
//  - any other line (not an object, no numeric "value", a "step" that is not a
//    number) is not part of the protocol and is only kept in the log.
class CommandProtocol {
public:
    struct Line {
        enum class Kind { Other, Intermediate, Result };
        Kind kind = Kind::Other;
        long long step = 0;                    // Intermediate only
        double value = 0;
        std::map<std::string, double> metrics; // numeric members of "metrics"
    };

    static Line parse(QByteArrayView line);

    // `line` with the bare tokens NaN, Infinity and -Infinity outside strings written
    // as the strings "nan", "inf" and "-inf", so that a strict JSON reader takes it.
    static QByteArray quoteNonFinite(QByteArrayView line);
};

} // namespace tw
