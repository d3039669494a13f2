// tunewright-cli predict: apply a saved model to the rows of a CSV file, or to a folder
// of PNG/JPEG images (read with Qt Gui's QImageReader, which needs no display).
#include "CliArgs.h"
#include "CliCommand.h"
#include "io/CsvValue.h"
#include "io/DataError.h"
#include "modelio/ModelCsvInput.h"
#include "modelio/ModelFile.h"

#include "io/FileWriter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QTextStream>

#include <cstdio>

namespace tw::cli {

namespace {

const char* kUsage =
    "Usage: tunewright-cli predict --model FILE --data CSV|DIR [--out CSV]\n"
    "\n"
    "Applies a model file (from train --save-model or export --best-model) to the rows of\n"
    "CSV, with the preprocessing stored in the model. The model's input columns are found by\n"
    "their header names (other columns, such as the target, are ignored); a file without a\n"
    "header must hold exactly the model's columns, in order.\n"
    "With an image model (a CNN, or any model trained on images), DIR is a folder of PNG and\n"
    "JPEG files: each is converted to the model's shape (grayscale or RGB, resized to its\n"
    "height x width), its 0-255 pixel values then get the model's preprocessing.\n"
    "Writes one row per data row (per image, with a first column `file`): for a classifier the\n"
    "predicted label and one probability column per class (p_LABEL); for a regressor the\n"
    "predicted value. To stdout without --out (or with --out -).\n"
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

QByteArray predictionsCsv(const SavedModel& model, const Eigen::MatrixXf& predictions,
                          const QStringList& files = {})
{
    const std::string target = model.targetName.empty() ? std::string("prediction") : model.targetName;
    QByteArray out = files.isEmpty() ? QByteArray() : QByteArray("file,");
    out += csvField(target);
    const bool classifier = model.task == Task::Classification;
    if (classifier)
        for (const auto& label : model.classLabels)
            out += ',' + csvField("p_" + label);
    out += '\n';
    for (Eigen::Index r = 0; r < predictions.rows(); ++r) {
        if (!files.isEmpty())
            out += csvField(files[static_cast<qsizetype>(r)].toStdString()) + ',';
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

// The images of `dir` (*.png, *.jpg, *.jpeg, by name) as rows of the model's shape.
// Throws DataError naming the file that cannot be read.
FeatureMatrix readImages(const QString& dir, const ImageShape& shape, QStringList& files)
{
    const QStringList names = QDir(dir).entryList({"*.png", "*.PNG", "*.jpg", "*.JPG", "*.jpeg", "*.JPEG"},
                                                  QDir::Files, QDir::Name);
    if (names.isEmpty())
        throw DataError(dir.toStdString(), 0, 0, "holds no PNG or JPEG file (*.png, *.jpg, *.jpeg)");
    if (shape.channels != 1 && shape.channels != 3)
        throw DataError(dir.toStdString(), 0, 0,
                        "the model takes " + std::to_string(shape.channels) +
                            "-channel images; images are read as grayscale (1) or RGB (3)");
    FeatureMatrix x(names.size(), shape.size());
    for (qsizetype i = 0; i < names.size(); ++i) {
        const QString path = QDir(dir).filePath(names[i]);
        QImageReader reader(path);
        QImage image = reader.read();
        if (image.isNull())
            throw DataError(path.toStdString(), 0, 0, "cannot read the image: " + reader.errorString().toStdString());
        image = image.convertToFormat(shape.channels == 1 ? QImage::Format_Grayscale8 : QImage::Format_RGB888);
        if (image.width() != shape.width || image.height() != shape.height)
            image = image.scaled(shape.width, shape.height, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
        const Eigen::Index plane = shape.plane();
        for (int y = 0; y < shape.height; ++y) {
            const uchar* line = image.constScanLine(y);
            for (int px = 0; px < shape.width; ++px)
                for (int c = 0; c < shape.channels; ++c)
                    x(i, c * plane + y * shape.width + px) = static_cast<float>(line[px * shape.channels + c]);
        }
        files << names[i];
    }
    return x;
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
        const QString data = args.value("data");
        if (QFileInfo(data).isDir()) {
            const std::optional<ImageShape> shape =
                model->imageShape ? model->imageShape : model->model.architecture().inputShape;
            if (!shape) {
                err << "tunewright-cli predict: " << data << " is a folder, but " << args.value("model")
                    << " is not an image model (no image shape); give --data a CSV file\n";
                return ExitBadInput;
            }
            QStringList files;
            const FeatureMatrix x = readImages(data, *shape, files);
            csv = predictionsCsv(model.value(), model->predict(x), files);
        } else {
            const FeatureMatrix x = ModelCsvInput::readFile(data, model.value());
            csv = predictionsCsv(model.value(), model->predict(x));
        }
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

const CliCommand::Registrar registrar({"predict", "apply a saved model to the rows of a CSV file or a folder of images", run});

} // namespace

} // namespace tw::cli
