#include "io/DataError.h"

namespace tw {

DataError::DataError(std::string source, long long line, long long column, std::string detail)
    : std::runtime_error(compose(source, line, column, detail))
    , m_source(std::move(source))
    , m_line(line)
    , m_column(column)
    , m_detail(std::move(detail))
{
}

DataError::DataError(std::string detail)
    : std::runtime_error(detail)
    , m_detail(std::move(detail))
{
}

std::string DataError::compose(const std::string& source, long long line, long long column,
                               const std::string& detail)
{
    std::string out = source;
    if (line > 0) {
        out += ':' + std::to_string(line);
        if (column > 0)
            out += ':' + std::to_string(column);
    }
    if (!out.empty())
        out += ": ";
    return out + detail;
}

} // namespace tw
