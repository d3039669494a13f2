// tunewright-cli predict: apply a saved model to the rows of a CSV file.
#include "CliArgs.h"
#include "CliCommand.h"
#include "io/CsvValue.h"
#include "io/DataError.h"
#include "modelio/ModelCsvInput.h"
#include "modelio/ModelFile.h"

#include "io/FileWriter.h"

#include <QTextStream>

#include <cstdio>

namespace tw::cli {

namespace {

const char* kUsage =
    "Usage: tunewright-cli predict --model FILE --data CSV [--out CSV]\n"
    "\n"
    "Applies a model file (from train --save-model or export --best-model) to the rows of\n"
    "CSV, with the preprocessing stored in the model. The model's input columns are found by\n"
    "their header names (other columns, such as the target, are ignored); a file without a\n"
    "header must hold exactly the model's columns, in order.\n"
    "Writes one row per data row: for a classifier the predicted label and one probability\n"
    "column per class (p_LABEL); for a regressor the predicted value. To stdout without --out\n"
    "(or with --out -).\n"
    "Exit codes: 0 success, 2 bad input (message on stderr), 1 the output cannot be written.\n";

// RFC 4180: quote a field holding the delimiter, a quote or a line break.
QByteArray csvField(const std::string& text)
{
    QByteArray b = QByteArray::fromStdString(text);
    if (b.contains(',') || b.contains('"') || b.contains('\n') || b.contains('\r') ||
        (!b.isEmpty() && (b.front() == ' ' || b.back() == ' '))) {
        b.replace("\"", "\"\"");
        b = '"' + b + '"';
    }
    return b;
}

QByteArray predictionsCsv(const SavedModel& model, const Eigen::MatrixXf& predictions)
{
    const std::string target = model.targetName.empty() ? std::string("prediction") : model.targetName;
    QByteArray out = csvField(target);
    const bool classifier = model.task == Task::Classification;
    if (classifier)
        for (const auto& label : model.classLabels)
            out += ',' + csvField("p_" + label);
    out += '\n';
    for (Eigen::Index r = 0; r < predictions.rows(); ++r) {
        if (classifier) {
            Eigen::Index best = 0;
            predictions.row(r).maxCoeff(&best);
            out += csvField(model.classLabels[static_cast<size_t>(best)]);
            for (Eigen::Index c = 0; c < predictions.cols(); ++c)
                out += ',' + QByteArray::fromStdString(CsvValue::format(predictions(r, c)));
        } else {
            out += QByteArray::fromStdString(CsvValue::format(predictions(r, 0)));
        }
        out += '\n';
    }
    return out;
}

int run(const QStringList& raw)
{
    QTextStream err(stderr);
    CliArgs args(raw, {"model", "data", "out"});
    if (args.wantsHelp()) {
        QTextStream(stdout) << kUsage;
        return ExitOk;
    }
    if (!args.ok() || !args.positionals().isEmpty() || !args.has("model") || !args.has("data")) {
        err << "tunewright-cli predict: "
            << (!args.ok() ? args.error()
                           : !args.positionals().isEmpty()
                                 ? QString("unexpected argument '%1'").arg(args.positionals().first())
                                 : QString("expected --model FILE and --data CSV"))
            << "\n\n" << kUsage;
        return ExitBadInput;
    }
    const auto model = ModelFile::load(args.value("model"));
    if (!model) {
        err << "tunewright-cli predict: " << model.error() << "\n";
        return ExitBadInput;
    }
    QByteArray csv;
    try {
        const FeatureMatrix x = ModelCsvInput::readFile(args.value("data"), model.value());
        csv = predictionsCsv(model.value(), model->predict(x));
    } catch (const DataError& e) {
        err << "tunewright-cli predict: " << e.what() << "\n";
        return ExitBadInput;
    }
    const QString out = args.value("out", "-");
    const QString error = FileWriter::write(out, csv);
    if (!error.isEmpty()) {
        err << "tunewright-cli predict: " << error << "\n";
        return ExitInternal;
    }
    if (!FileWriter::isStdout(out))
        err << "wrote " << out << "\n";
    return ExitOk;
}

const CliCommand::Registrar registrar({"predict", "apply a saved model to the rows of a CSV file", run});

} // namespace

} // namespace tw::cli
