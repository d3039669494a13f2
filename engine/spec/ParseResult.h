#pragma once
#include <QString>

#include <optional>
#include <utility>

namespace tw {

// A parsed value or the message saying why there is none. Bad user input is an expected
// outcome, so the spec parsers return this rather than throw.
template <class T> class ParseResult {
public:
    ParseResult(T value)
        : m_value(std::move(value)) {} // NOLINT: implicit by design
    static ParseResult failure(QString error) {
        ParseResult r;
        r.m_error = std::move(error);
        return r;
    }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const QString& error() const { return m_error; }
    const T& value() const& { return *m_value; }
    T& value() & { return *m_value; }
    T&& value() && { return std::move(*m_value); }
    const T* operator->() const { return &*m_value; }
    T* operator->() { return &*m_value; }
    const T& operator*() const { return *m_value; }

private:
    ParseResult() = default;
    std::optional<T> m_value;
    QString m_error;
};

} // namespace tw
