#pragma once
#include "io/CsvOptions.h"
#include "io/LoadedDataset.h"

#include <QString>

#include <string>
#include <vector>

namespace tw {

// The datasets that ship with Tunewright: five small CSVs compiled in as Qt resources
// (:/datasets/NAME.csv, attribution in resources/datasets/PROVENANCE.md), and Fashion-MNIST
// when Debian's dataset-fashion-mnist package is installed.
class BuiltinDatasets {
public:
    // The names load() accepts here: fashion_mnist only when its files are present.
    static std::vector<std::string> names();
    // Every name, installed or not.
    static std::vector<std::string> knownNames();
    static bool isAvailable(const std::string& name);
    static std::string description(const std::string& name);

    // Loads a built-in dataset with its target (species, cultivar, diagnosis, digit,
    // progression). `options` may choose another target or ignore columns of the CSV sets;
    // unset, each set's own target and task apply. digits rows are 1x8x8 images.
    // fashion_mnist: the 60,000 training images in `data`, the official 10,000 test images
    // in `officialTest`, 28x28, ten named classes. Throws DataError.
    static LoadedDataset load(const std::string& name, const CsvOptions& options = {});

    // $TW_FASHION_MNIST_DIR when set, else /usr/share/datasets/fashion-mnist.
    static QString fashionMnistDirectory();
    static const std::vector<std::string>& fashionMnistClasses();
};

} // namespace tw
