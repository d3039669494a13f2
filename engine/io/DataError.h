#pragma once
#include <stdexcept>
#include <string>

namespace tw {

// Bad input data (a file, a dataset source): says where and what was expected.
// what() reads "source:line:column: detail"; line and column are 1-based, 0 when unknown.
class DataError : public std::runtime_error {
public:
    DataError(std::string source, long long line, long long column, std::string detail);
    explicit DataError(std::string detail);

    const std::string& source() const { return m_source; }
    long long line() const { return m_line; }
    long long column() const { return m_column; }
    const std::string& detail() const { return m_detail; }

private:
    static std::string compose(const std::string& source, long long line, long long column,
                               const std::string& detail);

    std::string m_source;
    long long m_line = 0;
    long long m_column = 0;
    std::string m_detail;
};

} // namespace tw
