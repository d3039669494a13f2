#pragma once
#include <QJsonObject>

#include <limits>
#include <map>
#include <string>

namespace tw {

// Where a saved model came from: enough to find its trial again and to know what it
// scored. Informational: loading never depends on it.
struct ModelProvenance {
    std::string study;              // empty outside a study (tunewright-cli train)
    int trial = -1;                 // the trial's number, -1 outside a study
    std::string metric;             // the study's metric name
    double value = std::numeric_limits<double>::quiet_NaN();  // the metric's value (NaN: unknown)
    QJsonObject params;             // the trial's parameters (dotted names -> JSON values)
    std::map<std::string, double> metrics;      // final train_* / val_* metrics
    std::map<std::string, double> testMetrics;  // on the test split: accuracy, loss...
    std::string dataset;            // the dataset source ("builtin:iris")
    std::string created;            // ISO 8601 UTC
    std::string tunewrightVersion;  // the version that wrote the file
};

} // namespace tw
