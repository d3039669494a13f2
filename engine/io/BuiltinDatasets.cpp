#include "io/BuiltinDatasets.h"

#include "io/CsvReader.h"
#include "io/DataError.h"
#include "io/IdxReader.h"

#include <QDir>
#include <QFileInfo>

namespace tw {

namespace {

struct CsvSet {
    const char* name;
    const char* target;
    Task task;
    const char* description;
};

constexpr CsvSet kCsvSets[] = {
    {"iris", "species", Task::Classification,
     "Iris (Fisher 1936): 150 flowers, 4 measurements, 3 species"},
    {"wine", "cultivar", Task::Classification,
     "Wine (Forina et al.): 178 wines, 13 chemical measurements, 3 cultivars"},
    {"breast_cancer", "diagnosis", Task::Classification,
     "Breast Cancer Wisconsin Diagnostic (Wolberg et al. 1995): 569 tumours, 30 features, "
     "malignant or benign"},
    {"digits", "digit", Task::Classification,
     "Optical Recognition of Handwritten Digits (Alpaydin 1998): 1797 8x8 images, 10 digits"},
    {"diabetes", "progression", Task::Regression,
     "Diabetes (Efron et al. 2004): 442 patients, 10 features, disease progression after a "
     "year"},
};

constexpr const char* kFashion = "fashion_mnist";
constexpr const char* kFashionFiles[] = {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                                         "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"};

const CsvSet* findCsvSet(const std::string& name)
{
    for (const auto& s : kCsvSets)
        if (name == s.name)
            return &s;
    return nullptr;
}

bool fashionInstalled()
{
    const QDir dir(BuiltinDatasets::fashionMnistDirectory());
    for (const char* f : kFashionFiles)
        if (!QFileInfo(dir.filePath(f)).isFile())
            return false;
    return true;
}

std::string joined(const std::vector<std::string>& names)
{
    std::string out;
    for (const auto& n : names)
        out += (out.empty() ? "" : ", ") + n;
    return out;
}

} // namespace

std::vector<std::string> BuiltinDatasets::knownNames()
{
    std::vector<std::string> out;
    for (const auto& s : kCsvSets)
        out.emplace_back(s.name);
    out.emplace_back(kFashion);
    return out;
}

std::vector<std::string> BuiltinDatasets::names()
{
    std::vector<std::string> out;
    for (const auto& s : kCsvSets)
        out.emplace_back(s.name);
    if (fashionInstalled())
        out.emplace_back(kFashion);
    return out;
}

bool BuiltinDatasets::isAvailable(const std::string& name)
{
    if (findCsvSet(name))
        return true;
    return name == kFashion && fashionInstalled();
}

std::string BuiltinDatasets::description(const std::string& name)
{
    if (const CsvSet* s = findCsvSet(name))
        return s->description;
    if (name == kFashion)
        return "Fashion-MNIST (Xiao, Rasul, Vollgraf 2017): 60,000 training and 10,000 test "
               "28x28 grey images of clothing, 10 classes";
    return {};
}

QString BuiltinDatasets::fashionMnistDirectory()
{
    const QString custom = qEnvironmentVariable("TW_FASHION_MNIST_DIR");
    return custom.isEmpty() ? QStringLiteral("/usr/share/datasets/fashion-mnist") : custom;
}

const std::vector<std::string>& BuiltinDatasets::fashionMnistClasses()
{
    static const std::vector<std::string> classes = {"T-shirt/top", "Trouser", "Pullover",
                                                     "Dress",       "Coat",    "Sandal",
                                                     "Shirt",       "Sneaker", "Bag",
                                                     "Ankle boot"};
    return classes;
}

LoadedDataset BuiltinDatasets::load(const std::string& name, const CsvOptions& options)
{
    const std::string source = "builtin:" + name;
    if (const CsvSet* set = findCsvSet(name)) {
        CsvOptions o = options;
        o.header = HeaderMode::Present;
        o.delimiter = ',';
        if (!o.target)
            o.target = ColumnRef::byName(set->target);
        const bool ownTarget = o.target->name == set->target;
        if (ownTarget && o.task == TaskChoice::Auto)
            o.task = set->task == Task::Classification ? TaskChoice::Classification
                                                       : TaskChoice::Regression;
        LoadedDataset out = CsvReader(o).readFile(QStringLiteral(":/datasets/%1.csv")
                                                      .arg(QString::fromLatin1(set->name)));
        if (name == "digits" && out.data.features() == 64)
            out.data.imageShape = ImageShape{1, 8, 8};
        out.format = "built-in " + out.format;
        return out;
    }
    if (name == kFashion) {
        if (options.target || !options.ignore.empty() || !options.categorical.empty())
            throw DataError(source, 0, 0,
                            "fashion_mnist is an image set with a fixed label; expected no "
                            "target, ignore or categorical option");
        const QDir dir(fashionMnistDirectory());
        if (!fashionInstalled())
            throw DataError(source, 0, 0,
                            "Fashion-MNIST is not installed: expected its four files in " +
                                dir.path().toStdString() +
                                " (Debian: apt-get install dataset-fashion-mnist)");
        LoadedDataset out;
        out.data = IdxReader::readClassification(dir.filePath(kFashionFiles[0]),
                                                 dir.filePath(kFashionFiles[1]),
                                                 fashionMnistClasses());
        out.officialTest = IdxReader::readClassification(dir.filePath(kFashionFiles[2]),
                                                         dir.filePath(kFashionFiles[3]),
                                                         fashionMnistClasses());
        if (out.officialTest->imageShape != out.data.imageShape)
            throw DataError(dir.filePath(kFashionFiles[2]).toStdString(), 0, 0,
                            "test images differ in size from the training images; expected the "
                            "same shape");
        // Clothes keep their class when mirrored (digits would not).
        out.data.allowHorizontalFlip = true;
        out.officialTest->allowHorizontalFlip = true;
        out.columns = LoadedDataset::columnsOf(out.data);
        out.format = "built-in gzip IDX images, official test split";
        return out;
    }
    throw DataError(source, 0, 0,
                    "unknown built-in dataset '" + name + "'; expected one of " +
                        joined(knownNames()) + " (fashion_mnist when installed)");
}

} // namespace tw
