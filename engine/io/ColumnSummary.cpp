#include "io/ColumnSummary.h"

namespace tw {

const char* ColumnSummary::roleName(Role role)
{
    switch (role) {
    case Role::Feature: return "feature";
    case Role::Target: return "target";
    case Role::Ignored: return "ignored";
    }
    return "feature";
}

const char* ColumnSummary::typeName(Type type)
{
    switch (type) {
    case Type::Numeric: return "numeric";
    case Type::Text: return "text";
    case Type::Unknown: return "unknown";
    }
    return "unknown";
}

} // namespace tw
