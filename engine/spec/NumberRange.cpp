#include "spec/NumberRange.h"

#include "spec/CanonicalJson.h"

namespace tw {

bool NumberRange::contains(double v) const {
    if (min && (minOpen ? !(v > *min) : !(v >= *min)))
        return false;
    if (max && (maxOpen ? !(v < *max) : !(v <= *max)))
        return false;
    return true;
}

QString NumberRange::describe() const {
    if (min && max)
        return QStringLiteral(" in %1%2, %3%4")
            .arg(minOpen ? QStringLiteral("(") : QStringLiteral("["), CanonicalJson::number(*min),
                 CanonicalJson::number(*max), maxOpen ? QStringLiteral(")") : QStringLiteral("]"));
    if (min)
        return QStringLiteral(" %1 %2").arg(minOpen ? QStringLiteral(">") : QStringLiteral(">="),
                                            CanonicalJson::number(*min));
    if (max)
        return QStringLiteral(" %1 %2").arg(maxOpen ? QStringLiteral("<") : QStringLiteral("<="),
                                            CanonicalJson::number(*max));
    return {};
}

} // namespace tw
