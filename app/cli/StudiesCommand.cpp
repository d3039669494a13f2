// tunewright-cli studies: the studies a storage holds.
#include "CliArgs.h"
#include "CliCommand.h"
#include "StorageOpener.h"
#include "study/StudyStorage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <map>

namespace tw::cli {

namespace {

int run(const QStringList& raw)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    CliArgs args(raw, {"storage", "format"});
    if (args.wantsHelp()) {
        out << "Usage: tunewright-cli studies [--storage URL] [--format table|json]\n";
        return ExitOk;
    }
    const QString format = args.value("format", "table");
    if (args.ok() && format != "table" && format != "json")
        err << "tunewright-cli studies: --format: expected table or json, got \"" << format << "\"\n";
    if (!args.ok())
        err << "tunewright-cli studies: " << args.error() << "\n";
    if (!args.ok() || (format != "table" && format != "json"))
        return ExitBadInput;
    try {
        auto storage = StorageOpener::open(args.value("storage"), StorageAccess::ReadOnly);
        QJsonArray list;
        for (const auto& s : storage->studies()) {
            std::map<TrialState, int> counts;
            std::optional<double> best;
            for (const auto& t : storage->trials(s.id)) {
                ++counts[t.state];
                if (t.state == TrialState::Complete && t.value && (!best || isBetter(s.direction, *t.value, *best)))
                    best = *t.value;
            }
            QJsonObject o{{"name", QString::fromStdString(s.name)},
                          {"direction", QString::fromUtf8(toString(s.direction).data())},
                          {"metric", QString::fromStdString(s.metric)},
                          {"best", best ? QJsonValue(*best) : QJsonValue()}};
            QJsonObject c;
            for (auto st : {TrialState::Waiting, TrialState::Running, TrialState::Complete, TrialState::Pruned, TrialState::Failed})
                c.insert(QString::fromUtf8(toString(st).data()), counts[st]);
            o.insert("trials", c);
            list.append(o);
        }
        if (format == "json") {
            out << QJsonDocument(list).toJson(QJsonDocument::Indented);
            return ExitOk;
        }
        if (list.isEmpty()) {
            out << "(no studies)\n";
            return ExitOk;
        }
        for (const auto& v : list) {
            const QJsonObject o = v.toObject();
            const QJsonObject c = o.value("trials").toObject();
            out << o.value("name").toString() << "  " << o.value("direction").toString() << " "
                << (o.value("metric").toString().isEmpty() ? QString("value") : o.value("metric").toString())
                << "  complete " << c.value("complete").toInt() << ", pruned " << c.value("pruned").toInt()
                << ", failed " << c.value("failed").toInt() << ", running " << c.value("running").toInt()
                << ", waiting " << c.value("waiting").toInt();
            if (!o.value("best").isNull())
                out << "  best " << QString::number(o.value("best").toDouble(), 'g', 6);
            out << "\n";
        }
        return ExitOk;
    } catch (const StorageError& e) {
        err << "tunewright-cli studies: " << e.what() << "\n";
        return storageExitCode(e);
    }
}

const CliCommand::Registrar registrar({"studies", "list the studies of a storage", run});

} // namespace

} // namespace tw::cli
