#include "TrialTable.h"

#include "spec/SpecSearchSpace.h"

#include <QJsonDocument>
#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <set>

namespace tw::cli {

namespace {

QString cell(const FrozenTrial& t, const std::string& name)
{
    auto it = t.params.find(name);
    if (it == t.params.end())
        return "-";
    auto d = t.distributions.find(name);
    if (d == t.distributions.end())
        return QString::number(it->second, 'g', 4);
    const QJsonValue v = SpecSearchSpace::toJsonValue(it->second, d->second);
    QString text;
    if (v.isDouble())
        text = d->second.kind() == Distribution::Kind::Int ? QString::number(v.toInteger())
                                                            : QString::number(v.toDouble(), 'g', 4);
    else if (v.isString())
        text = v.toString();
    else
        text = QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
    return text.size() > 24 ? text.left(23) + "…" : text;
}

QString valueText(const FrozenTrial& t)
{
    if (t.value)
        return QString::number(*t.value, 'g', 6);
    if (!t.intermediate.empty()) {
        const auto& [step, v] = *t.intermediate.rbegin();
        return QString("%1 @%2").arg(QString::number(v, 'g', 4)).arg(step);
    }
    return "-";
}

} // namespace

QString TrialTable::render(const std::vector<FrozenTrial>& trials, const QString& metric, int maxRows)
{
    std::set<std::string> names;
    for (const auto& t : trials)
        for (const auto& [n, v] : t.params)
            names.insert(n);
    QStringList header{"#", "state", metric.isEmpty() ? QString("value") : metric, "time"};
    for (const auto& n : names)
        header << QString::fromStdString(n);
    std::vector<QStringList> rows;
    for (const auto& t : trials) {
        if (maxRows >= 0 && static_cast<int>(rows.size()) >= maxRows)
            break;
        QStringList row{QString::number(t.number), QString::fromUtf8(toString(t.state).data()), valueText(t),
                        t.durationSeconds() ? QString::number(*t.durationSeconds(), 'f', 2) + " s" : "-"};
        for (const auto& n : names)
            row << cell(t, n);
        rows.push_back(row);
    }
    QList<int> width;
    for (const auto& h : header)
        width << static_cast<int>(h.size());
    for (const auto& r : rows)
        for (int c = 0; c < r.size(); ++c)
            width[c] = std::max(width[c], static_cast<int>(r[c].size()));
    auto line = [&](const QStringList& r) {
        QStringList padded;
        for (int c = 0; c < r.size(); ++c)
            padded << (c == 0 || c == 2 ? r[c].rightJustified(width[c]) : r[c].leftJustified(width[c]));
        QString text = padded.join("  ");
        while (text.endsWith(QLatin1Char(' ')))
            text.chop(1);
        return text + "\n";
    };
    QString out = line(header);
    for (const auto& r : rows)
        out += line(r);
    if (maxRows >= 0 && static_cast<int>(trials.size()) > maxRows)
        out += QString("… %1 more\n").arg(trials.size() - static_cast<size_t>(maxRows));
    return out;
}

bool TrialTable::sort(std::vector<FrozenTrial>& trials, const QString& key, StudyDirection direction)
{
    auto num = [](const FrozenTrial& t) { return t.number; };
    if (key.isEmpty() || key == "number") {
        std::stable_sort(trials.begin(), trials.end(), [&](const auto& a, const auto& b) { return num(a) < num(b); });
        return true;
    }
    if (key == "value") {
        trials = ranked(trials, direction);
        return true;
    }
    if (key == "duration" || key == "duration_s") {
        std::stable_sort(trials.begin(), trials.end(), [](const auto& a, const auto& b) {
            return a.durationSeconds().value_or(INFINITY) < b.durationSeconds().value_or(INFINITY);
        });
        return true;
    }
    if (key == "state") {
        std::stable_sort(trials.begin(), trials.end(),
                         [](const auto& a, const auto& b) { return a.state < b.state; });
        return true;
    }
    const std::string name = key.toStdString();
    bool known = false;
    for (const auto& t : trials)
        known = known || t.params.count(name);
    if (!known)
        return false;
    std::stable_sort(trials.begin(), trials.end(), [&](const auto& a, const auto& b) {
        auto x = a.params.find(name), y = b.params.find(name);
        if (x == a.params.end() || y == b.params.end())
            return x != a.params.end();
        return x->second < y->second;
    });
    return true;
}

std::vector<FrozenTrial> TrialTable::ranked(std::vector<FrozenTrial> trials, StudyDirection direction)
{
    std::vector<FrozenTrial> complete;
    std::vector<FrozenTrial> rest;
    for (auto& t : trials) {
        if (t.state == TrialState::Complete && t.value && !std::isnan(*t.value))
            complete.push_back(std::move(t));
        else
            rest.push_back(std::move(t));
    }
    std::stable_sort(complete.begin(), complete.end(), [&](const auto& a, const auto& b) {
        return isBetter(direction, *a.value, *b.value);
    });
    complete.insert(complete.end(), rest.begin(), rest.end());
    return complete;
}

} // namespace tw::cli
